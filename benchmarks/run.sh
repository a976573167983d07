#!/usr/bin/env bash
# The benchmarks, one command: cold start of each SAM artifact on the Lambda runtime client (beside
# the naive baseline, the floor and, with ORIGINAL_DIR set to a checkout of
# https://github.com/iwstkhr/cognito-email-mfa-using-custom-auth-challenges, the Python original),
# Create's budget write, Verify's pass and the token gate's consume in dynalite, Create cold with its CPU capped at what its MemorySize buys,
# the SnapStart model (init, the CRaC hooks, then the first invocation alone; the code path and the
# trusted-device path), the SDK functions' init step by step, and warm
# per-invocation time with JMH. Results: .aws-sam/build/cold-start.json, cold-start-capped.json,
# snapstart-model.json, init-steps.json and benchmarks/target/jmh.json.
# Needs what tools/deploy_path.sh needs (JDK 25, Maven on PATH, Node.js, python3 with PyYAML), and
# boto3 (it makes dynalite's tables; the original's Create needs it too); the CPU-capped run needs a
# writable cgroup v1 cpu controller (root here).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests
python3 tools/sam_build.py --build-dir .aws-sam/build > /dev/null
./mvnw -q -B -f benchmarks/baseline/pom.xml package dependency:copy-dependencies -DincludeScope=runtime
./mvnw -q -B -f benchmarks/snapstart-model/pom.xml package
python3 benchmarks/cold_start.py --build-dir .aws-sam/build --runs 10 --initialization-types on-demand snap-start \
  ${ORIGINAL_DIR:+--original "$ORIGINAL_DIR"}
# Lambda gives 1 vCPU per 1,769 MB: Create's 2,048 MB buy 1.16 CPUs.
python3 benchmarks/cold_start.py --build-dir .aws-sam/build --runs 5 --only CreateAuthChallenge --no-baseline --no-floor \
  --cpus 1.16 --output .aws-sam/build/cold-start-capped.json
python3 benchmarks/snapstart_model.py --build-dir .aws-sam/build --runs 10 --device-path
python3 benchmarks/init_steps.py --build-dir .aws-sam/build --runs 10
./mvnw -q -B -f benchmarks/pom.xml package
"${JAVA_HOME:-/usr}/bin/java" -jar benchmarks/target/benchmarks.jar -rf json -rff benchmarks/target/jmh.json
