#!/usr/bin/env bash
# The benchmarks, one command: cold start of each SAM artifact on the Lambda runtime client, and
# warm per-invocation time with JMH. Results: .aws-sam/build/cold-start.json and the JMH table.
# Needs what tools/deploy_path.sh needs (JDK 25, Maven on PATH, Node.js, python3 with PyYAML).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests
python3 tools/sam_build.py --build-dir .aws-sam/build > /dev/null
./mvnw -q -B -f benchmarks/baseline/pom.xml package dependency:copy-dependencies -DincludeScope=runtime
python3 benchmarks/cold_start.py --build-dir .aws-sam/build --runs 10
./mvnw -q -B -f benchmarks/pom.xml package
"${JAVA_HOME:-/usr}/bin/java" -jar benchmarks/target/benchmarks.jar -rf json -rff benchmarks/target/jmh.json
