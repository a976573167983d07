#!/usr/bin/env python3
"""Runs the artifacts of tools/sam_build.py on the real Lambda Java runtime interface client.

Each function runs as Lambda runs it: a JVM with the runtime interface client (RIC) as its main
class and the handler string from the built template, the class path Lambda builds (the function's
folder, its lib/*, the layer's java/lib/*), the template's environment with its parameters'
defaults (EmailSender given), talking to a Lambda Runtime API served here on 127.0.0.1. Real
Cognito events go in; Create's email goes to aws-ses-v2-local. Every process started is stopped.

usage: python3 tools/run_on_lambda_runtime.py [--build-dir .aws-sam/build]
"""

import argparse
import copy
import http.server
import json
import os
import pathlib
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
import zipfile

import cfn

ROOT = pathlib.Path(__file__).resolve().parent.parent
EVENTS = ROOT / "test-kit/src/main/resources/events"
RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RuntimeApi:
    """A Lambda Runtime API for one function: invocations in, responses and errors out."""

    def __init__(self):
        self.pending = queue.Queue()
        self.results = {}
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.endswith("/runtime/restore/next"):
                    # A SnapStart init (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): the runtime
                    # client ran the beforeCheckpoint hooks and waits here for the restore; there
                    # is no snapshot here, so it is restored at once (then it runs afterRestore).
                    return self._send(200, b"{}")
                if not self.path.endswith("/invocation/next"):
                    return self._send(404, b"{}")
                request_id, payload = api.pending.get()
                self.send_response(200)
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 5000))
                self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                                 "arn:aws:lambda:us-east-1:123456789012:function:f")
                self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                parts = self.path.strip("/").split("/")
                if self.path.endswith("/init/error"):
                    api.results["init"].put(("init-error", body))
                elif len(parts) >= 5 and parts[-1] in ("response", "error"):
                    api.results[parts[-2]].put((parts[-1], body))
                self._send(202, b'{"status":"OK"}')

            def _send(self, status, body):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class QuietServer(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a function's JVM killed mid long-poll resets its connection; that is expected

        self.results["init"] = queue.Queue()
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def address(self):
        return f"127.0.0.1:{self.server.server_address[1]}"

    def invoke(self, event, timeout=20):
        request_id = str(uuid.uuid4())
        self.results[request_id] = queue.Queue()
        self.pending.put((request_id, json.dumps(event).encode()))
        try:
            kind, body = self.results[request_id].get(timeout=timeout)
        except queue.Empty:
            init = self.results["init"]
            raise RuntimeError("no answer in time" + (f"; init error: {init.get_nowait()[1]!r}" if not init.empty() else ""))
        return kind, json.loads(body)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def ric_classpath(work):
    """The runtime interface client and what it needs, as the managed Java runtime provides them."""
    version = re.search(r"<aws-lambda-java-ric.version>([^<]+)<", (ROOT / "pom.xml").read_text()).group(1)
    project = work / "ric"
    project.mkdir()
    (project / "pom.xml").write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion><groupId>local</groupId><artifactId>ric</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.amazonaws</groupId>
    <artifactId>aws-lambda-java-runtime-interface-client</artifactId><version>{version}</version>
  </dependency></dependencies></project>""")
    result = subprocess.run([str(ROOT / "mvnw"), "-B", "-q", "dependency:copy-dependencies", f"-DoutputDirectory={project / 'lib'}"],
                            cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"cannot fetch the runtime interface client:\n{result.stdout}{result.stderr}")
    return project / "lib"


def native_library(ric_lib, target):
    """The RIC's JNI library, copied for one JVM (the RIC's shared /tmp copy breaks parallel JVMs)."""
    jar = next(ric_lib.glob("*runtime-interface-client*.jar"))
    with zipfile.ZipFile(jar) as archive:
        with archive.open("jni/libaws-lambda-jni.linux-x86_64.so") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
    return target


def log_format(properties, globals_):
    """AWS_LAMBDA_LOG_FORMAT as Lambda sets it from the function's LoggingConfig (TEXT by default)."""
    logging = properties.get("LoggingConfig", globals_.get("LoggingConfig")) or {}
    return str(logging.get("LogFormat", "Text")).upper()


def function_environment(template, parameters, logical_id):
    """The environment Lambda gives the function: its variables (Globals merged, parameters filled
    in) and the runtime's own (name, memory, region, log format), with placeholder credentials."""
    properties = template["Resources"][logical_id]["Properties"]
    globals_ = (template.get("Globals") or {}).get("Function") or {}
    evaluator = cfn.Evaluator(template, parameters)
    environment = {}
    for source in (globals_, properties):
        variables = ((source.get("Environment") or {}).get("Variables")) or {}
        environment.update({k: str(v) for k, v in evaluator.resolve(variables).items()})
    environment.update({
        "AWS_LAMBDA_FUNCTION_NAME": logical_id,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(properties.get("MemorySize", globals_.get("MemorySize", 128))),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_LAMBDA_LOG_FORMAT": log_format(properties, globals_), "_HANDLER": properties["Handler"],
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"})
    return environment


def function_classpath(build_dir, template, logical_id, ric_lib):
    """The class path Lambda builds: the function's folder, its lib/*, its layers' java/lib/*, and
    here the runtime interface client."""
    properties = template["Resources"][logical_id]["Properties"]
    globals_ = (template.get("Globals") or {}).get("Function") or {}
    artifact = build_dir / properties["CodeUri"]
    layers = [build_dir / template["Resources"][layer["Ref"]]["Properties"]["ContentUri"] / "java" / "lib"
              for layer in properties.get("Layers", globals_.get("Layers", []))]
    return os.pathsep.join([str(artifact), str(artifact / "lib" / "*")] + [str(l / "*") for l in layers]
                           + [str(ric_lib / "*")])


class Function:
    def __init__(self, logical_id, build_dir, template, parameters, ric_lib, work, extra_environment):
        properties = template["Resources"][logical_id]["Properties"]
        classpath = function_classpath(build_dir, template, logical_id, ric_lib)
        self.api = RuntimeApi()
        java = pathlib.Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java"
        jni = native_library(ric_lib, work / f"{logical_id}-jni.so")
        env = dict(os.environ)
        env.update(function_environment(template, parameters, logical_id))
        env.update(extra_environment)
        env["AWS_LAMBDA_RUNTIME_API"] = self.api.address
        self.log = open(work / f"{logical_id}.log", "w")
        self.process = subprocess.Popen(
            [str(java), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
             f"-D{JNI_PROPERTY}={jni}", "-cp", classpath, RUNTIME_CLIENT, properties["Handler"]],
            env=env, cwd=work, stdout=self.log, stderr=subprocess.STDOUT)

    def invoke(self, event):
        return self.api.invoke(event)

    def close(self):
        self.process.kill()
        self.process.wait(timeout=10)
        self.api.close()
        self.log.close()


def event(name):
    return json.loads((EVENTS / name).read_text())


class Checks:
    def __init__(self):
        self.failures = 0

    def expect(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            self.failures += 1


def start_ses(started):
    """aws-ses-v2-local on 127.0.0.1 (installed from local-cognito's lockfile when missing); returns
    its endpoint."""
    ses_cli = ROOT / "local-cognito/node_modules/aws-ses-v2-local/dist/cli.js"
    if not ses_cli.exists():
        subprocess.run(["npm", "--prefix", str(ROOT / "local-cognito"), "ci", "--no-audit", "--no-fund"], check=True)
    port = free_port()
    ses = subprocess.Popen(["node", str(ses_cli), "--host", "127.0.0.1", "--port", str(port)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started.append(ses)
    for line in ses.stdout:
        if "server running" in line:
            break
    return f"http://127.0.0.1:{port}"


def start_dynalite(template, started):
    """dynalite (local-cognito/scripts/dynalite.js) with the template's tables made from their own
    definitions (UpdateTimeToLive skipped: dynalite lacks it); returns its endpoint."""
    import boto3
    port = free_port()
    dynalite = subprocess.Popen(["node", str(ROOT / "local-cognito/scripts/dynalite.js"), str(port)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started.append(dynalite)
    for line in dynalite.stdout:
        if "listening at" in line:
            break
    url = f"http://127.0.0.1:{port}"
    client = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1",
                          aws_access_key_id="local", aws_secret_access_key="local")
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") == "AWS::DynamoDB::Table":
            properties = resource["Properties"]
            client.create_table(TableName=properties.get("TableName", logical_id),
                                AttributeDefinitions=properties["AttributeDefinitions"],
                                KeySchema=properties["KeySchema"],
                                BillingMode=properties.get("BillingMode", "PAY_PER_REQUEST"))
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    arguments = parser.parse_args()
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(build_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    checks = Checks()
    started = []
    with tempfile.TemporaryDirectory(prefix="lambda-runtime-") as work:
        work = pathlib.Path(work)
        try:
            ses_url = start_ses(started)
            dynamo_url = start_dynalite(template, started)
            ric_lib = ric_classpath(work)
            functions = {}
            for logical_id in ("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallenge", "TokenGate"):
                functions[logical_id] = Function(logical_id, build_dir, template, parameters, ric_lib, work,
                                                 {"AWS_ENDPOINT_URL_SESV2": ses_url,
                                                  "AWS_ENDPOINT_URL_DYNAMODB": dynamo_url})
                started.append(functions[logical_id])
            define, create, verify, gate = (functions[n] for n in ("DefineAuthChallenge", "CreateAuthChallenge",
                                                                    "VerifyAuthChallenge", "TokenGate"))

            kind, answer = define.invoke(event("define-srp-a.json"))
            checks.expect(kind == "response" and answer["response"].get("challengeName") == "PASSWORD_VERIFIER",
                          "Define: SRP_A done -> PASSWORD_VERIFIER")
            kind, answer = define.invoke(event("define-empty-session.json"))
            checks.expect(kind == "response" and answer["response"]["failAuthentication"] is True,
                          "Define: empty session -> fail authentication")
            kind, answer = define.invoke(event("define-password-verified.json"))
            checks.expect(answer["response"].get("challengeName") == "CUSTOM_CHALLENGE",
                          "Define: password verified -> CUSTOM_CHALLENGE")

            kind, created = create.invoke(event("create-first-challenge.json"))
            response = created.get("response", {}) if kind == "response" else {}
            code = (response.get("privateChallengeParameters") or {}).get("code", "")
            checks.expect(re.fullmatch(r"\d{6}", code) is not None, "Create: a 6-digit code in the private parameters")
            checks.expect(code not in json.dumps(response.get("publicChallengeParameters")),
                          "Create: the public parameters do not hold the code")
            store = json.loads(urllib.request.urlopen(f"{ses_url}/store").read())
            emails = [e for e in store["emails"] if "jane.doe@example.com" in e["destination"]["to"]]
            checks.expect(len(emails) == 1 and code in emails[0]["body"]["text"]
                          and code not in emails[0]["subject"],
                          "Create: one email through SES v2 with that code in its body, not its subject")

            right = event("verify-right-answer.json")
            right["request"]["privateChallengeParameters"] = response.get("privateChallengeParameters", {})
            right["request"]["challengeAnswer"] = code
            wrong = copy.deepcopy(right)
            wrong["request"]["challengeAnswer"] = "x" + code
            checks.expect(verify.invoke(right)[1]["response"]["answerCorrect"] is True, "Verify: the emailed code is correct")
            checks.expect(verify.invoke(wrong)[1]["response"]["answerCorrect"] is False, "Verify: another answer is wrong")

            final = event("define-password-verified.json")
            final["request"]["session"].append({"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True,
                                                "challengeMetadata": response.get("challengeMetadata")})
            checks.expect(define.invoke(final)[1]["response"]["issueTokens"] is True,
                          "Define: password then the right code -> issue tokens")

            # The right answer above left one pass for this user and client in the pass table.
            issuance = event("token-generation-authentication.json")
            kind, passed = gate.invoke(issuance)
            checks.expect(kind == "response" and passed == issuance,
                          "TokenGate: the sign-in's pass lets its tokens through, the event unchanged")
            kind, refused = gate.invoke(issuance)
            checks.expect(kind == "error" and refused.get("errorMessage")
                          == "Sign-in needs the emailed code. Sign in again.",
                          "TokenGate: the pass is spent; a second issuance is refused with the app's message")
            kind, refused = gate.invoke(event("token-generation-new-password-challenge.json"))
            checks.expect(kind == "error" and refused.get("errorMessage")
                          == "Password changed. Sign in again with the new password to get your sign-in code.",
                          "TokenGate: tokens right after a new password are refused")

            kind, failed = create.invoke({"triggerSource": "CreateAuthChallenge_Authentication", "request": []})
            checks.expect(kind == "error" and "cannot be read" in failed.get("errorMessage", ""),
                          "Create: a malformed event ends with an error that says why")
        except RuntimeError as error:
            for log in work.glob("*.log"):
                print(f"--- {log.name}\n{log.read_text()[-3000:]}", file=sys.stderr)
            checks.expect(False, str(error))
        finally:
            for process in reversed(started):
                if isinstance(process, Function):
                    process.close()
                else:
                    process.kill()
                    process.wait(timeout=10)
    if checks.failures:
        sys.exit(f"run_on_lambda_runtime: {checks.failures} check(s) failed")
    print("run_on_lambda_runtime: the SAM artifacts run on the Lambda runtime interface client")


if __name__ == "__main__":
    main()
