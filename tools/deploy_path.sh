#!/usr/bin/env bash
# The deploy path without AWS: sam build's layout and checks, the artifacts on the real Lambda
# runtime interface client, the template expanded by the SAM translator, and proof that each check
# can fail. Needs JDK 25 (JAVA_HOME), Maven on PATH as `mvn` (as sam build does), Node.js,
# python3 with aws-sam-translator and PyYAML, and `./mvnw install -DskipTests` done first.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "deploy_path: sam build runs the mvn on PATH; install Maven 3.9 (or 3.8)" >&2; exit 1; }
python3 -c "import samtranslator, yaml" 2>/dev/null || { echo "deploy_path: needs python3 with aws-sam-translator and PyYAML (pip install aws-sam-translator)" >&2; exit 1; }
python3 tools/sam_build.py --build-dir .aws-sam/build
python3 tools/run_on_lambda_runtime.py --build-dir .aws-sam/build
python3 tools/check_template.py
python3 tools/self_test.py --build-dir .aws-sam/build
