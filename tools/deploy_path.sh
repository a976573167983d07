#!/usr/bin/env bash
# The deploy path without AWS: sam build's layout and checks, the artifacts on the real Lambda
# runtime interface client, the template expanded by the SAM translator, and proof that each check
# can fail. Needs JDK 25 (JAVA_HOME), make, Node.js, and python3 with aws-sam-translator and PyYAML.
# The build starts from an empty local Maven repository (downloading from Maven Central), as on a
# machine where nothing was installed: sam build alone must work. DEPLOY_PATH_MAVEN_REPO=<folder>
# uses (and keeps) that folder instead.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v make >/dev/null || { echo "deploy_path: sam build runs make for this template's artifacts; install make" >&2; exit 1; }
python3 -c "import samtranslator, yaml" 2>/dev/null || { echo "deploy_path: needs python3 with aws-sam-translator and PyYAML (pip install aws-sam-translator)" >&2; exit 1; }
if [ -n "${DEPLOY_PATH_MAVEN_REPO:-}" ]; then
  maven_repo="$DEPLOY_PATH_MAVEN_REPO"
else
  maven_repo="$(mktemp -d -t deploy-path-m2-XXXXXX)"
  trap 'rm -rf "$maven_repo"' EXIT
  trap 'exit 130' INT TERM
fi
export MAVEN_ARGS="${MAVEN_ARGS:+$MAVEN_ARGS }-Dmaven.repo.local=$maven_repo"
echo "deploy_path: sam build's way, local Maven repository $maven_repo ($(find "$maven_repo" -type f | wc -l | tr -d ' ') files before)"
python3 tools/sam_build.py --build-dir .aws-sam/build
python3 tools/run_on_lambda_runtime.py --build-dir .aws-sam/build
python3 tools/check_template.py
python3 tools/self_test.py --build-dir .aws-sam/build
