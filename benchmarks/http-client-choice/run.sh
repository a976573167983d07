#!/usr/bin/env bash
# Which HTTP client Create's SDK clients use: SesV2Client on url-connection-client against
# aws-crt-client, each building the client and sending one email to aws-ses-v2-local, in a fresh
# JVM (-XX:TieredStopAtLevel=1), interleaved, RUNS times each. Prints the whole process's time and
# the in-process init and first call. docs/performance.md has the result.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${RUNS:-6}"
work="$(mktemp -d)"; trap 'kill "$ses" 2>/dev/null; rm -rf "$work"' EXIT
java="${JAVA_HOME:-/usr}/bin/java"
for client in url-connection-client aws-crt-client; do
  ../../mvnw -B -ntp -q -f pom.xml dependency:build-classpath -Dclient="$client" -Dmdep.outputFile="$work/$client.cp"
done
"${JAVA_HOME:-/usr}/bin/javac" -d "$work/classes" -cp "$(cat "$work/url-connection-client.cp"):$(cat "$work/aws-crt-client.cp")" HttpClientChoice.java
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node ../../local-cognito/node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port "$port" > "$work/ses.log" 2>&1 & ses=$!
sleep 2
export AWS_ENDPOINT_URL_SESV2="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
for _ in $(seq "$RUNS"); do
  for client in url-connection-client aws-crt-client; do
    name=$([ "$client" = aws-crt-client ] && echo crt || echo url)
    start=$(date +%s%N)
    out=$("$java" -XX:TieredStopAtLevel=1 -cp "$work/classes:$(cat "$work/$client.cp")" HttpClientChoice "$name" 2>/dev/null)
    echo "$client process_ms=$(( ($(date +%s%N) - start) / 1000000 )) $out"
  done
done | sort
