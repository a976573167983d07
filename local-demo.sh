#!/usr/bin/env bash
# The whole sign-in on this machine, no AWS account: starts the SES emulator and the local Cognito
# (built from template.yaml, running the three Lambda functions), creates a demo user, shows each
# email as it arrives, and runs the example client. After each sign-in (or failed one) it asks:
# sign in again, sign in as another user, or quit. Ctrl-C stops everything at any time.
# With --web it serves the web sign-in page (example-client/web) against the same stack instead,
# prints its URL, and runs until Ctrl-C.
#
#   ./local-demo.sh                      # demo@example.com / Demo-passw0rd
#   ./local-demo.sh --web                # the web page; WEB_PORT=8080 to choose its port
#   ./local-demo.sh --keep-logs          # keep the emulators' and functions' logs (else removed)
#   DEMO_EMAIL=me@example.com DEMO_PASSWORD='S3cret-pass' ./local-demo.sh
#   ./local-demo.sh CodeLength=8 MaxAttempts=5      # any template parameter, as sam deploy takes them
#   ./local-demo.sh --web TrustedDeviceDays=30       # the page offers "Trust this browser for 30 days"
#
# Needs JDK 25 and Node.js 20+. A wrong parameter or option stops it at once with the reason and
# exit status 2.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  echo "usage: ./local-demo.sh [--web] [--keep-logs] [Name=value ...]   (template parameters, as sam deploy takes them)" >&2
}
WEB=false
KEEP_LOGS=false
OVERRIDES=(EmailSender=no-reply@example.com)
for argument in "$@"; do
  case "$argument" in
    --web) WEB=true ;;
    --keep-logs) KEEP_LOGS=true ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "local-demo: unknown option $argument" >&2; usage; exit 2 ;;
    *=*) OVERRIDES+=("$argument") ;;
    *) echo "local-demo: $argument is not a template parameter (Name=value)" >&2; usage; exit 2 ;;
  esac
done

JAVA_HOME="$(tools/java_home.sh)" || { echo "local-demo: needs JDK 25 (README: Requirements)" >&2; exit 1; }
export JAVA_HOME
command -v node >/dev/null || { echo "local-demo: needs Node.js 20 or newer on PATH" >&2; exit 1; }
command -v curl >/dev/null || { echo "local-demo: needs curl on PATH" >&2; exit 1; }
JAVA="$JAVA_HOME/bin/java"

EMAIL="${DEMO_EMAIL:-demo@example.com}"
PASSWORD="${DEMO_PASSWORD:-Demo-passw0rd}"

work="$(mktemp -d -t local-demo-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if $KEEP_LOGS; then echo "local-demo: logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "local-demo: $*" >&2; }
quietly() { # log name, command...: runs it with its output in the log, shown only if it fails
  local log="$work/$1"; shift
  "$@" > "$log" 2>&1 || { cat "$log" >&2; echo "local-demo: failed: $*" >&2; exit 1; }
}

if [ ! -f local-cognito/target/local-cognito.jar ] || [ ! -f example-client/target/example-client.jar ]; then
  step "building local-cognito and the example client (./mvnw package -DskipTests; the first time about 2 minutes: it downloads Maven and the libraries) ..."
  quietly build.log ./mvnw -q -B -ntp -pl local-cognito,example-client -am package -DskipTests
fi
if ! [ -d local-cognito/node_modules/aws-ses-v2-local ] || ! [ -d local-cognito/node_modules/dynalite ]; then
  step "installing the SES and DynamoDB emulators (npm ci in local-cognito) ..."
  quietly npm-local-cognito.log npm --prefix local-cognito ci --no-audit --no-fund
fi
if $WEB; then
  if ! [ -d example-client/web/node_modules/aws-amplify ]; then
    step "installing the web page's libraries (npm ci in example-client/web) ..."
    quietly npm-web.log npm --prefix example-client/web ci --no-audit --no-fund
  fi
  quietly web-build.log npm --prefix example-client/web run --silent build
fi

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # pid, file, pattern, what: waits for the pattern; if the process ends first, shows why
  local pid="$1" file="$2" pattern="$3" what="$4" status
  for _ in $(seq 1 1200); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      set +e; wait "$pid"; status=$?; set -e
      cat "$file" >&2
      [ -f "$file.err" ] && cat "$file.err" >&2
      echo "local-demo: $what stopped (exit status $status)" >&2
      [ "$status" -eq 0 ] && status=1
      exit "$status"
    fi
    sleep 0.1
  done
  echo "local-demo: $what did not start within 120 s; its output:" >&2
  cat "$file" >&2; [ -f "$file.err" ] && cat "$file.err" >&2
  exit 1
}

ses_port="$(free_port)"
node local-cognito/node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port "$ses_port" > "$work/ses.log" 2>&1 &
pids+=($!)
wait_for $! "$work/ses.log" "server running" "the SES emulator"
ses_url="http://127.0.0.1:$ses_port"

# Create sends through show-mail.js, which prints each email before Create gets SES's answer.
node local-cognito/scripts/show-mail.js "$ses_url" > "$work/show-mail.log" &
pids+=($!)
wait_for $! "$work/show-mail.log" "listening at" "the email printer"
mail_url="$(sed -n 's/.*listening at: //p' "$work/show-mail.log")"

# The code-email budgets' table lives in dynalite (local-cognito creates the table from the template).
if [ -z "${AWS_ENDPOINT_URL_DYNAMODB:-}" ]; then
  dynamo_port="$(free_port)"
  node local-cognito/scripts/dynalite.js "$dynamo_port" > "$work/dynalite.log" 2>&1 &
  pids+=($!)
  wait_for $! "$work/dynalite.log" "listening at" "dynalite"
  export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$dynamo_port"
fi

step "starting local Cognito and its three Lambda functions (a JVM each; about 10 s) ..."
# Its temporary files (the functions' logs and work folders) go under $work.
AWS_ENDPOINT_URL_SESV2="$mail_url" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
  "$JAVA" "-Djava.io.tmpdir=$work" -jar local-cognito/target/local-cognito.jar --port 0 --template template.yaml \
  --parameter-overrides "${OVERRIDES[@]}" > "$work/cognito.json" 2> "$work/cognito.json.err" &
pids+=($!)
wait_for $! "$work/cognito.json" "userPoolClientId" "local-cognito"
field() { node -e "console.log(JSON.parse(require('fs').readFileSync('$work/cognito.json','utf8').split('\n')[0]).$1)"; }
endpoint="$(field endpoint)"; pool_id="$(field userPoolId)"; client_id="$(field userPoolClientId)"

admin() { # operation, JSON body: Cognito's error message on failure
  local answer
  if ! answer="$(curl -s -w '\n%{http_code}' -X POST "$endpoint/" -H "Content-Type: application/x-amz-json-1.1" \
      -H "X-Amz-Target: AWSCognitoIdentityProviderService.$1" -d "$2")" || [ "${answer##*$'\n'}" != 200 ]; then
    echo "local-demo: $1 failed: ${answer%$'\n'*}" >&2
    return 1
  fi
}
json_string() { node -e 'console.log(JSON.stringify(process.argv[1]))' "$1"; }
add_user() { # email, password
  local email password
  email="$(json_string "$1")"; password="$(json_string "$2")"
  admin AdminCreateUser "{\"UserPoolId\":\"$pool_id\",\"Username\":$email,\"MessageAction\":\"SUPPRESS\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":$email},{\"Name\":\"email_verified\",\"Value\":\"true\"}]}" \
    && admin AdminSetUserPassword "{\"UserPoolId\":\"$pool_id\",\"Username\":$email,\"Password\":$password,\"Permanent\":true}"
}
add_user "$EMAIL" "$PASSWORD" || exit 1

logs_line="removed when the demo stops (--keep-logs keeps them)"
$KEEP_LOGS && logs_line="$work"
cat >&2 <<INFO

Local Cognito  $endpoint   pool $pool_id   client $client_id
SES emulator   $ses_url    (each email is printed here as it is sent)
Demo user      $EMAIL   password: $PASSWORD
Logs           $logs_line

INFO
if $WEB; then
  # TrustedDeviceDays=N (N > 0) among the parameters: the page's checkbox says "for N days".
  trusted_days=()
  for override in "${OVERRIDES[@]}"; do
    case "$override" in
      TrustedDeviceDays=0) ;;
      TrustedDeviceDays=*) trusted_days=(--trusted-device-days "${override#TrustedDeviceDays=}") ;;
    esac
  done
  node example-client/web/serve.mjs --endpoint "$endpoint" --pool-id "$pool_id" --client-id "$client_id" \
    --port "${WEB_PORT:-0}" "${trusted_days[@]}" > "$work/web.json" 2>&1 &
  pids+=($!)
  wait_for $! "$work/web.json" '"url"' "the web page's server"
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

user="$EMAIL"
while true; do
  set +e
  "$JAVA" -jar example-client/target/example-client.jar \
    --endpoint-url "$endpoint" --pool-id "$pool_id" --client-id "$client_id" --username "$user"
  status=$?
  set -e
  echo >&2
  [ "$status" -eq 0 ] || echo "local-demo: the sign-in ended with exit status $status (example-client/README.md)" >&2
  # No terminal to ask (input from a pipe or a file): one sign-in, and its status.
  [ -t 0 ] || exit "$status"
  read -r -p "Sign in again [a], as another user [u], or quit [q]? " choice || exit "$status"
  case "$choice" in
    q | Q) exit 0 ;;
    u | U)
      read -r -p "Email: " new_user || exit 0
      read -r -s -p "Password for $new_user (at least 8 characters, upper and lower case and a digit): " new_password || exit 0
      echo >&2
      if add_user "$new_user" "$new_password" 2> "$work/add-user.err"; then
        user="$new_user"
      elif grep -q UsernameExistsException "$work/add-user.err"; then
        echo "local-demo: $new_user exists already; signing in as them" >&2; user="$new_user"
      else
        cat "$work/add-user.err" >&2
      fi
      ;;
    *) ;;
  esac
done
