#!/usr/bin/env bash
# The whole sign-in on this machine, no AWS account: starts the SES emulator and the local Cognito
# (built from template.yaml, running the three Lambda functions), creates a demo user, shows each
# email as it arrives, and runs the example client. Ctrl-C (or the client ending) stops everything.
# With --web it serves the web sign-in page (example-client/web) against the same stack instead,
# prints its URL, and runs until Ctrl-C.
#
#   ./local-demo.sh                      # demo@example.com / Demo-passw0rd
#   ./local-demo.sh --web                # the web page; WEB_PORT=8080 to choose its port
#   DEMO_EMAIL=me@example.com DEMO_PASSWORD='S3cret-pass' ./local-demo.sh
#   ./local-demo.sh CodeLength=8 MaxAttempts=5      # any template parameter, as sam deploy takes them
#
# Needs JDK 25 and Node.js 20+.
set -euo pipefail
cd "$(dirname "$0")"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
  echo "local-demo: needs JDK 25; set JAVA_HOME to it" >&2; exit 1
fi
command -v node >/dev/null || { echo "local-demo: needs Node.js 20 or newer on PATH" >&2; exit 1; }
JAVA="$JAVA_HOME/bin/java"

WEB=false
if [ "${1:-}" = "--web" ]; then WEB=true; shift; fi

EMAIL="${DEMO_EMAIL:-demo@example.com}"
PASSWORD="${DEMO_PASSWORD:-Demo-passw0rd}"
OVERRIDES=(EmailSender=no-reply@example.com "$@")

if [ ! -f local-cognito/target/local-cognito.jar ] || [ ! -f example-client/target/example-client.jar ]; then
  echo "local-demo: building (./mvnw install -DskipTests) ..." >&2
  ./mvnw -q -B install -DskipTests
fi
[ -d local-cognito/node_modules/aws-ses-v2-local ] && [ -d local-cognito/node_modules/dynalite ] || npm --prefix local-cognito ci --no-audit --no-fund --loglevel=error
if $WEB; then
  [ -d example-client/web/node_modules/aws-amplify ] || npm --prefix example-client/web ci --no-audit --no-fund --loglevel=error
  npm --prefix example-client/web run --silent build > /dev/null
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # file, pattern, what
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "local-demo: $3 did not start; its output:" >&2; cat "$1" >&2; exit 1
}

ses_port="$(free_port)"
node local-cognito/node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port "$ses_port" > "$work/ses.log" 2>&1 &
pids+=($!)
wait_for "$work/ses.log" "server running" "the SES emulator"
ses_url="http://127.0.0.1:$ses_port"

# The code-email budgets' table lives in dynalite (local-cognito creates the table from the template).
if [ -z "${AWS_ENDPOINT_URL_DYNAMODB:-}" ]; then
  dynamo_port="$(free_port)"
  node local-cognito/scripts/dynalite.js "$dynamo_port" > "$work/dynalite.log" 2>&1 &
  pids+=($!)
  wait_for "$work/dynalite.log" "listening at" "dynalite"
  export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$dynamo_port"
fi

AWS_ENDPOINT_URL_SESV2="$ses_url" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
  "$JAVA" -jar local-cognito/target/local-cognito.jar --port 0 --template template.yaml \
  --parameter-overrides "${OVERRIDES[@]}" > "$work/cognito.json" 2> "$work/cognito.log" &
pids+=($!)
wait_for "$work/cognito.json" "userPoolClientId" "local-cognito"
field() { node -e "console.log(JSON.parse(require('fs').readFileSync('$work/cognito.json','utf8').split('\n')[0]).$1)"; }
endpoint="$(field endpoint)"; pool_id="$(field userPoolId)"; client_id="$(field userPoolClientId)"

admin() { # operation, JSON body
  curl -sf -X POST "$endpoint/" -H "Content-Type: application/x-amz-json-1.1" \
    -H "X-Amz-Target: AWSCognitoIdentityProviderService.$1" -d "$2" > /dev/null \
    || { echo "local-demo: $1 failed" >&2; exit 1; }
}
admin AdminCreateUser "{\"UserPoolId\":\"$pool_id\",\"Username\":\"$EMAIL\",\"MessageAction\":\"SUPPRESS\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"$EMAIL\"},{\"Name\":\"email_verified\",\"Value\":\"true\"}]}"
admin AdminSetUserPassword "{\"UserPoolId\":\"$pool_id\",\"Username\":\"$EMAIL\",\"Password\":\"$PASSWORD\",\"Permanent\":true}"

node local-cognito/scripts/show-mail.js "$ses_url" &
pids+=($!)

cat >&2 <<INFO

Local Cognito  $endpoint   pool $pool_id   client $client_id
SES emulator   $ses_url    (mail is printed here as it arrives)
Demo user      $EMAIL   password: $PASSWORD
Function logs  $(sed -n 's/.*logs in \(.*\)/\1/p' "$work/cognito.log")

INFO
if $WEB; then
  node example-client/web/serve.mjs --endpoint "$endpoint" --pool-id "$pool_id" --client-id "$client_id" \
    --port "${WEB_PORT:-0}" > "$work/web.json" 2>&1 &
  pids+=($!)
  wait_for "$work/web.json" '"url"' "the web page's server"
  web_url="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$work/web.json','utf8')).url)")"
  cat >&2 <<WEBINFO
Web sign-in    $web_url                               (AWS Amplify v6)
               ${web_url}?library=cognito-identity-js  (amazon-cognito-identity-js)
Open it, sign in as $EMAIL, and type the code printed below. Ctrl-C stops everything.

WEBINFO
  echo "$web_url"
  wait "${pids[-1]}"
  exit 0
fi
set +e
"$JAVA" -jar example-client/target/example-client.jar \
  --endpoint-url "$endpoint" --pool-id "$pool_id" --client-id "$client_id" --username "$EMAIL"
status=$?
set -e
echo "local-demo: the example client exited with $status" >&2
exit "$status"
