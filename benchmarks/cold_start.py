#!/usr/bin/env python3
"""Cold start of each function as Lambda starts it, on this machine, beside a naive baseline and the Python original.

For each function's SAM-layout artifact (tools/sam_build.py) plus the layer: a fresh JVM with the
Lambda runtime interface client (RIC) as main class and -XX:TieredStopAtLevel=1, as Lambda's Java
runtime runs, with AWS_LAMBDA_INITIALIZATION_TYPE=on-demand as Lambda sets it without SnapStart, one
real Cognito event handed over through a Lambda Runtime API on 127.0.0.1, as Lambda hands it to the
handler. Create sends its email to aws-ses-v2-local and spends the user's code-email budget in
dynalite (the template's tables, made as tools/run_on_lambda_runtime.py makes them; each Create
start gets a user of its own, so each pays a user's first email of the day: the conditional
UpdateItem that starts the day, Create's first write). Verify's correct answer records a
second-factor pass in the same dynalite (a user of its own per start: the user's first pass, a
refused add and then the start), and the token gate (a Pre Token Generation V1 event, a user of its
own per start) consumes the pass written for its user just before its process starts, outside the
timed part (one conditional UpdateItem). Measured: from
starting the process to the function's response arriving at the Runtime API, split at the
runtime's first request for an invocation (the end of init: the handler is loaded and constructed),
and the process's peak resident memory (VmHWM) then. Median and spread over --runs runs.

In the same run, interleaved run by run, the naive baseline (benchmarks/baseline: the runtime's
POJO mapping of aws-lambda-java-events, and SesV2Client.create() with the SDK's defaults; no budget
write) gets the same event, environment and JVM, so the gain is a ratio; so does the floor, a
stream handler that only writes {} (benchmarks/baseline FloorHandler): what the JVM and the runtime
client cost alone. With --original DIR (a checkout of
https://github.com/iwstkhr/cognito-email-mfa-using-custom-auth-challenges), each function's
Python original runs cold too, in a fresh python3 -S process on benchmarks/python_bootstrap.py
(a stand-in for awslambdaric, which cannot be installed here) with its layer and then
site-packages on PYTHONPATH (as Lambda puts /opt/python and its runtime's boto3 on the path), its
own template's environment, the same event, and boto3's SES (v1) client pointed at the same
aws-ses-v2-local; it keeps no budget.

Every answer is checked: Define asks for the custom challenge, Verify finds the answer correct,
each Create returns a six-digit code and exactly one email holding it reaches the emulator, and
ours writes that user's budget item (hour and day counts of 1; the table holds one item per Create
start and nothing else at the end); our Verify leaves its user one pass and the gate passes the
event through unchanged with its user's pass consumed (the pass table holds one item per start of
each, and nothing else, at the end). There is no naive baseline and no Python original of the gate. After each of our functions' measured invocation, the same
process gets the keep-alive ping, which must be answered with the ping and send no email.

--initialization-types on-demand snap-start starts each of our functions both ways, as subjects of
their own in the same interleaved run. Every JVM gets -Dorg.crac.Core.Compat=
com.amazonaws.services.lambda.crac, as Lambda's Java runtime starts it, so org.crac binds to the
runtime client's CRaC context. With snap-start the runtime client itself then runs the SnapStart
sequence: init, the beforeCheckpoint hooks (our priming), /runtime/restore/next (answered at once:
no snapshot is taken or restored here), afterRestore, and only then asks for the invocation. So
"init" there includes priming (paid when a version is published), and "first invocation" is what a
user waits for after a restore, less the restore itself. The summary gives issue 26's on-demand targets and the
whole sign-in's trigger time: every function on the path started cold once, summed.

--cpus N runs every process in a cgroup limited to N CPUs (Lambda gives 1 vCPU per 1,769 MB, so
1024 MB is about 0.58), to choose the memory size. --class-counts adds one run of each JVM with
-Xlog:class+load and reports how many classes were loaded before the response.

usage: python3 benchmarks/cold_start.py [--build-dir .aws-sam/build] [--runs 10] [--cpus N]
                                        [--only DefineAuthChallenge ...] [--no-baseline]
                                        [--original DIR] [--class-counts] [--output FILE.json]
"""

import argparse
import datetime
import json
import os
import pathlib
import queue
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cfn  # noqa: E402
import run_on_lambda_runtime as lambda_runtime  # noqa: E402

EVENTS = {"DefineAuthChallenge": "define-password-verified.json",
          "CreateAuthChallenge": "create-first-challenge.json",
          "VerifyAuthChallenge": "verify-right-answer.json",
          "TokenGate": "token-generation-authentication.json"}
CREATE = "CreateAuthChallenge"
VERIFY = "VerifyAuthChallenge"
GATE = "TokenGate"
# The functions that reach DynamoDB on the measured path: Create spends the budget, Verify records a
# second-factor pass, the gate consumes one.
WITH_DYNAMODB = (CREATE, VERIFY, GATE)
# Lambda sets it in every execution environment: "on-demand" here, "snap-start" for a SnapStart init.
INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE"
# Lambda's Java runtime starts the JVM with org.crac bound to the runtime client's own CRaC context
# (-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac, on demand too): a hook registered
# through org.crac lands there, and for a SnapStart init the runtime client calls its
# beforeCheckpoint after init, waits at /runtime/restore/next, then calls afterRestore.
CRAC_COMPAT_PROPERTY = "org.crac.Core.Compat"
RUNTIME_CRAC = "com.amazonaws.services.lambda.crac"
BASELINE = ROOT / "benchmarks" / "baseline" / "target"
BASELINE_HANDLERS = {
    "DefineAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveDefineHandler::handleRequest",
    "CreateAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveCreateHandler::handleRequest",
    "VerifyAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveVerifyHandler::handleRequest"}
FLOOR_HANDLER = "io.github.cognitoemailotp.benchmarks.baseline.FloorHandler::handleRequest"
PYTHON_BOOTSTRAP = ROOT / "benchmarks" / "python_bootstrap.py"
PING = {"keepAlive": True}
CGROUP_CPU = pathlib.Path("/sys/fs/cgroup/cpu")
CFS_PERIOD_US = 10_000
CODE = re.compile(r"\d{6}")


def peak_rss_kb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class CpuLimit:
    """A cgroup (v1 cpu controller) that caps its processes at `cpus` CPUs; removed on close."""

    def __init__(self, cpus):
        self.path = CGROUP_CPU / f"cold-start-{os.getpid()}"
        self.path.mkdir()
        (self.path / "cpu.cfs_period_us").write_text(str(CFS_PERIOD_US))
        (self.path / "cpu.cfs_quota_us").write_text(str(int(cpus * CFS_PERIOD_US)))

    def wrap(self, command):
        return ["sh", "-c", f'echo $$ > {self.path}/cgroup.procs && exec "$@"', "sh"] + command

    def close(self):
        for _ in range(50):
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.1)


class Subject:
    """One thing to start cold: a JVM on the RIC (class path and handler string) or, for the
    original, python3 on the stand-in bootstrap (task root and handler); and its environment."""

    def __init__(self, name, function, origin, handler, environment, classpath=None, task_root=None):
        self.name, self.function, self.origin = name, function, origin
        self.handler, self.environment = handler, environment
        self.classpath, self.task_root = classpath, task_root
        self.times, self.inits, self.memory, self.classes = [], [], [], None

    @property
    def python(self):
        return self.origin == "original"


def function_environment(template, parameters, logical_id, initialization_type="on-demand"):
    environment = lambda_runtime.function_environment(template, parameters, logical_id)
    del environment["_HANDLER"]  # each subject has its own handler, set when it starts
    environment[INITIALIZATION_TYPE] = initialization_type
    return environment


def our_subject(build_dir, template, parameters, logical_id, ric_lib, initialization_type="on-demand"):
    """Our function; named by its logical id on demand, with the type beside it otherwise (an init
    as SnapStart runs it before the snapshot: the priming hook registered, not run)."""
    classpath = lambda_runtime.function_classpath(build_dir, template, logical_id, ric_lib)
    name = logical_id if initialization_type == "on-demand" else f"{logical_id} ({initialization_type} init)"
    return Subject(name, logical_id, "ours", template["Resources"][logical_id]["Properties"]["Handler"],
                   function_environment(template, parameters, logical_id, initialization_type),
                   classpath=classpath)


def baseline_subject(template, parameters, logical_id, ric_lib):
    classpath = os.pathsep.join([str(BASELINE / "classes"), str(BASELINE / "dependency" / "*"), str(ric_lib / "*")])
    return Subject(f"baseline {logical_id}", logical_id, "baseline", BASELINE_HANDLERS[logical_id],
                   function_environment(template, parameters, logical_id), classpath=classpath)


def floor_subject(template, parameters, ric_lib):
    """A stream handler that reads the event and writes {}: the JVM and runtime client alone."""
    core = sorted((BASELINE / "dependency").glob("aws-lambda-java-core-*.jar"))
    classpath = os.pathsep.join([str(BASELINE / "classes")] + [str(jar) for jar in core] + [str(ric_lib / "*")])
    return Subject(FLOOR_NAME, "DefineAuthChallenge", "floor", FLOOR_HANDLER,
                   function_environment(template, parameters, "DefineAuthChallenge"), classpath=classpath)


def original_subject(original_dir, logical_id):
    """The Python original's function of the same logical id, from its own template: its CodeUri as
    the task root, its layer's python/ folder on PYTHONPATH (Lambda's /opt/python), its variables."""
    template = cfn.load(original_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    properties = template["Resources"][logical_id]["Properties"]
    layers = [original_dir / template["Resources"][layer["Ref"]]["Properties"]["ContentUri"] / "python"
              for layer in properties.get("Layers", [])]
    environment = function_environment(template, parameters, logical_id)
    task_root = original_dir / properties["CodeUri"]
    # python3 runs with -S (start_command) and finds boto3 in this interpreter's site-packages here,
    # as Lambda's runtime finds its own.
    path = [str(layer) for layer in layers] + [sysconfig.get_paths()["purelib"]]
    environment.update({"LAMBDA_TASK_ROOT": str(task_root), "PYTHONPATH": os.pathsep.join(path)})
    return Subject(f"original {logical_id} (Python)", logical_id, "original", properties["Handler"], environment,
                   task_root=task_root)


def fresh_event(function, new_user=True):
    """The function's event; Create's, Verify's and the gate's for a user of its own (so each start
    pays a user's first budget write or first pass, and finds only its own pass), Verify's with a
    code not yet expired."""
    event = lambda_runtime.event(EVENTS[function])
    if function in WITH_DYNAMODB and new_user:
        sub = str(uuid.uuid4())
        event["userName"] = sub
        event["request"]["userAttributes"]["sub"] = sub
    if function == VERIFY:
        event["request"]["privateChallengeParameters"]["expiresAt"] = str(int(time.time()) + 300)
    return event


def pass_key(event):
    """The second-factor pass item's key for the event's user and app client."""
    return {"sub": {"S": event["request"]["userAttributes"]["sub"]},
            "clientId": {"S": event["callerContext"]["clientId"]}}


def seed_pass(dynamodb, table, event):
    """The pass a correct Verify leaves (one pass, alive for 60 s), written for the gate's user
    before its process starts, outside the timed part."""
    item = dict(pass_key(event))
    item.update({"passes": {"N": "1"}, "expiresAt": {"N": str(int(time.time()) + 60)}})
    dynamodb.put_item(TableName=table, Item=item)


def as_the_original_reads_it(event):
    """The same event, with the private challenge parameter named as the original names the code."""
    private = event["request"].get("privateChallengeParameters")
    if private and "code" in private:
        event["request"]["privateChallengeParameters"] = {"answer": private["code"]}
    return event


def start_command(subject, ric_lib, work, jvm_options=()):
    if subject.python:
        # -S: no `site` module, so none of this machine's .pth files run (one imports certifi at
        # every start, 30 to 50 ms that no Lambda runtime pays); site-packages is on PYTHONPATH.
        return [sys.executable, "-S", str(PYTHON_BOOTSTRAP)]
    jni = lambda_runtime.native_library(ric_lib, work / f"{os.getpid()}-{time.monotonic_ns()}-jni.so")
    java = pathlib.Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java"
    return [str(java), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
            f"-D{lambda_runtime.JNI_PROPERTY}={jni}", f"-D{CRAC_COMPAT_PROPERTY}={RUNTIME_CRAC}", *jvm_options,
            "-cp", subject.classpath, lambda_runtime.RUNTIME_CLIENT, subject.handler]


class FirstAskNoted(queue.Queue):
    """The Runtime API's queue of invocations, noting when the runtime first asks for one: both
    runtimes ask (GET .../invocation/next) only once the handler is loaded, so that is when init ended."""

    first_asked = None

    def get(self, *args, **kwargs):
        if self.first_asked is None:
            self.first_asked = time.perf_counter()
        return super().get(*args, **kwargs)


def start_cold(subject, event, ric_lib, work, extra_environment, cpu_limit, jvm_options=()):
    """Starts the subject's process, hands it its event, returns (seconds to the response, seconds
    to init's end, peak RSS KB, the response, and the process and Runtime API, still running)."""
    api = lambda_runtime.RuntimeApi()
    api.pending = FirstAskNoted()
    command = start_command(subject, ric_lib, work, jvm_options)
    if cpu_limit:
        command = cpu_limit.wrap(command)
    env = dict(os.environ)
    env.update(subject.environment)
    env.update(extra_environment)
    env.update({"AWS_LAMBDA_RUNTIME_API": api.address, "_HANDLER": subject.handler})
    log = open(work / "function.log", "a")
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=subject.task_root or work, stdout=log, stderr=subprocess.STDOUT)
    try:
        kind, body = api.invoke(event)
        elapsed = time.perf_counter() - started
        init = api.pending.first_asked - started
        memory = peak_rss_kb(process.pid)
        if kind != "response":
            raise SystemExit(f"{subject.name} answered with an error: {json.dumps(body)[:300]}")
    except BaseException:
        stop(process, api, log)
        raise
    return elapsed, init, memory, body, (process, api, log)


def stop(process, api, log):
    process.kill()
    process.wait(timeout=10)
    api.close()
    log.close()


class Emulators:
    """aws-ses-v2-local and, when Create, Verify or the gate runs, dynalite with the template's
    tables; stopped on close."""

    def __init__(self, template, with_dynamodb):
        self.started = []
        try:
            self._start(template, with_dynamodb)
        except BaseException:
            self.close()
            raise

    def _start(self, template, with_dynamodb):
        self.ses_url = lambda_runtime.start_ses(self.started)
        # botocore honours AWS_ENDPOINT_URL_SES for the original's boto3.client('ses') (SES v1).
        self.environment = {"AWS_ENDPOINT_URL_SESV2": self.ses_url, "AWS_ENDPOINT_URL_SES": self.ses_url}
        self.dynamodb = None
        if with_dynamodb:
            import boto3
            url = lambda_runtime.start_dynalite(template, self.started)
            self.environment["AWS_ENDPOINT_URL_DYNAMODB"] = url
            self.dynamodb = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1",
                                         aws_access_key_id="local", aws_secret_access_key="local")

    def emails(self):
        return json.loads(urllib.request.urlopen(f"{self.ses_url}/store").read()).get("emails", [])

    def items(self, table):
        return self.dynamodb.scan(TableName=table, ConsistentRead=True)["Items"]

    def close(self):
        for process in reversed(self.started):
            process.kill()
            process.wait(timeout=10)


class Checker:
    """Checks every answer, Create's email and budget write, Verify's pass and the gate's consume,
    outside the timed part."""

    def __init__(self, emulators, budget_table, pass_table):
        self.emulators, self.budget_table, self.pass_table = emulators, budget_table, pass_table
        self.emails = 0
        self.budget_subs = []
        self.passes = []  # (sub, passes left) per start of our Verify (1) and of the gate (0)

    def check(self, subject, event, body):
        response = body.get("response") or {}
        if subject.origin == "floor":
            return
        if subject.function == "DefineAuthChallenge":
            expect(response.get("challengeName") == "CUSTOM_CHALLENGE" and response.get("issueTokens") is False,
                   f"{subject.name}: password verified must get CUSTOM_CHALLENGE, got {response}")
        elif subject.function == VERIFY:
            expect(response.get("answerCorrect") is True, f"{subject.name}: the right answer was not accepted")
            if subject.origin == "ours":
                self.check_pass(subject, event, "1", "Verify's correct answer must leave one pass")
        elif subject.function == GATE:
            expect("claimsOverrideDetails" in response and response.get("claimsOverrideDetails") is None,
                   f"{subject.name}: the gate must pass the event through unchanged, got {response}")
            self.check_pass(subject, event, "0", "the gate must consume the user's one pass")
        else:
            self.check_create(subject, event, response)

    def check_pass(self, subject, event, left, what):
        item = self.emulators.dynamodb.get_item(TableName=self.pass_table, Key=pass_key(event),
                                                ConsistentRead=True).get("Item", {})
        expect(item.get("passes", {}).get("N") == left, f"{subject.name}: {what}; the item holds {item}")
        self.passes.append((event["request"]["userAttributes"]["sub"], left))

    def check_create(self, subject, event, response):
        private = response.get("privateChallengeParameters") or {}
        code = private.get("answer" if subject.python else "code", "")
        expect(CODE.fullmatch(code) is not None, f"{subject.name}: no six-digit code in the response")
        emails = self.emulators.emails()
        expect(len(emails) == self.emails + 1, f"{subject.name}: expected one email more than {self.emails}, "
                                               f"the SES emulator holds {len(emails)}")
        self.emails += 1
        address = event["request"]["userAttributes"]["email"]
        expect(emails[-1]["destination"]["to"] == [address] and code in (emails[-1]["body"]["text"] or ""),
               f"{subject.name}: the last email is not to {address} with the code in its text")
        if subject.origin == "ours":
            sub = event["request"]["userAttributes"]["sub"]
            item = self.emulators.dynamodb.get_item(TableName=self.budget_table, Key={"sub": {"S": sub}},
                                                    ConsistentRead=True).get("Item", {})
            expect(item.get("hourEmails", {}).get("N") == "1" and item.get("dayEmails", {}).get("N") == "1",
                   f"{subject.name}: the user's budget item holds {item}, not one email this hour and day")
            self.budget_subs.append(sub)

    def check_at_end(self):
        """No email beyond one per Create (none from a ping or priming) and, if ours ran, exactly one
        budget item per Create start of ours, each counting one email, and one pass item per start of
        our Verify (one pass) and of the gate (none left): priming and pings wrote nothing."""
        emails = len(self.emulators.emails())
        expect(emails == self.emails, f"expected {self.emails} emails (one per Create start, none per ping), "
                                      f"the SES emulator holds {emails}")
        if self.emulators.dynamodb is not None:
            items = self.emulators.items(self.budget_table)
            counts = sorted((i["sub"]["S"], i["hourEmails"]["N"], i["dayEmails"]["N"]) for i in items)
            expect(counts == sorted((sub, "1", "1") for sub in self.budget_subs),
                   f"expected {len(self.budget_subs)} budget items of one email each, the table holds {counts}")
            passes = sorted((i["sub"]["S"], i["passes"]["N"]) for i in self.emulators.items(self.pass_table))
            expect(passes == sorted(self.passes),
                   f"expected {len(self.passes)} pass items (Verify's and the gate's), the table holds {passes}")
        return emails, len(self.budget_subs), len(self.passes)


def log_size(work):
    log = work / "function.log"
    return log.stat().st_size if log.exists() else 0


def read_log(work, start):
    with open(work / "function.log", "rb") as log:
        log.seek(start)
        return log.read().decode("utf-8", "replace")


def check_priming(subject, log, partly_primed):
    """A SnapStart init primed (one priming line, its trigger path warmed); any other init did not.
    A part priming reports "not warmed" (on a loaded machine a call through the stand-in can outlast
    its 500 ms attempt and be retried, so the stand-in sees one request more) is noted in
    partly_primed, not fatal: the path, the clients and the rest were still warmed."""
    primed = [line for line in log.splitlines() if "SnapStart priming:" in line]
    if subject.environment.get(INITIALIZATION_TYPE) == "snap-start" and subject.origin == "ours":
        expect(len(primed) == 1 and "failed" not in primed[0],
               f"{subject.name}: expected one priming line with its path warmed, the log has {primed}")
        if "not warmed" in primed[0]:
            partly_primed.append(f"{subject.name}: {primed[0]}")
    else:
        expect(not primed, f"{subject.name}: primed though not a SnapStart init: {primed}")


def expect(condition, message):
    if not condition:
        raise SystemExit(f"cold_start: {message}")


def class_count(subject, event, ric_lib, work, extra_environment, cpu_limit):
    """Classes the JVM loaded up to the response (-Xlog:class+load); returns it and the response."""
    classes_log = work / "classes.log"
    classes_log.unlink(missing_ok=True)
    _, _, _, body, handle = start_cold(subject, event, ric_lib, work, extra_environment, cpu_limit,
                                    [f"-Xlog:class+load=info:file={classes_log}"])
    count = sum(1 for _ in classes_log.open())
    stop(*handle)
    return count, body


def print_results(results, run):
    print(f"cold start, {run['runs']} runs each" + (f", {run['cpus']} CPUs" if run["cpus"] else "")
          + f"; {run['date']}; load average before {run['load_before']}, after {run['load_after']}; "
          + f"keep-alive pings answered: {run['pings']}, emails: {run['emails']} (one per Create start), "
          + f"budget items: {run['budget_items']} (one per Create start of ours), "
          + f"pass items: {run['pass_items']} (one per start of our Verify and of the gate)")
    print(f"{'':<40}{'median s':>9}{'min s':>8}{'max s':>8}{'init s':>8}{'1st inv s':>10}{'peak RSS MB':>12}"
          f"{'classes':>9}{'/ ours':>8}")
    for name, r in results.items():
        ours = results.get(r["function"])
        ratio = f"{r['median_s'] / ours['median_s']:.2f}x" if ours and r["origin"] in ("baseline", "original") else ""
        print(f"{name:<40}{r['median_s']:>9.3f}{r['min_s']:>8.3f}{r['max_s']:>8.3f}{r['init_median_s']:>8.3f}"
              f"{r['first_invocation_median_s']:>10.3f}{r['peak_rss_mb_median']:>12.0f}{r['classes_loaded'] or '':>9}{ratio:>8}")
    # Issue 26's targets on demand: Define and Verify within 10 ms of the floor, Create within 1.5x
    # the original's Create. Each run starts every subject once, so a run's times saw the same load.
    floor = results.get(FLOOR_NAME)
    for ours in ("DefineAuthChallenge", VERIFY):
        if ours in results and floor:
            over = (results[ours]["median_s"] - floor["median_s"]) * 1000
            paired = statistics.median(a - b for a, b in zip(results[ours]["times_s"], floor["times_s"])) * 1000
            print(f"target: {ours} - floor = {over:.1f} ms of the medians, {paired:.1f} ms median of each run's "
                  f"difference (<= 10 ms: {'met' if max(over, paired) <= 10 else 'missed'})")
    theirs = results.get(f"original {CREATE} (Python)")
    if CREATE in results and theirs:
        ratio = results[CREATE]["median_s"] / theirs["median_s"]
        paired = statistics.median(a / b for a, b in zip(results[CREATE]["times_s"], theirs["times_s"]))
        print(f"target: {CREATE} / original {CREATE} = {ratio:.2f} of the medians, {paired:.2f} median of each "
              f"run's ratio (<= 1.5: {'met' if max(ratio, paired) <= 1.5 else 'missed'})")
    # The whole sign-in's trigger time: each function on the path started cold once (Define's two
    # other invocations of a sign-in are warm, microseconds), summed; each run's own sum too.
    # For SnapStart inits, what a user waits for is the first invocation after the restore (init and
    # priming are paid when the version is published), so that is what is summed for them.
    for label, names in whole_sign_ins(results):
        after_restore = "SnapStart" in label
        if after_restore:
            times = [[t - i for t, i in zip(results[n]["times_s"], results[n]["inits_s"])] for n in names]
        else:
            times = [results[n]["times_s"] for n in names]
        total = sum(statistics.median(t) for t in times)
        per_run = statistics.median(sum(run) for run in zip(*times))
        what = "first invocations after priming" if after_restore else "cold starts"
        print(f"whole sign-in, {label} ({what}): {total:.3f} s (sum of medians), {per_run:.3f} s (median of each "
              f"run's sum) = {' + '.join(names)}")


FLOOR_NAME = "floor (trivial stream handler)"


def whole_sign_ins(results):
    """(label, subject names) of each whole sign-in the results hold: ours per initialization type,
    and the original's (which has no token gate)."""
    found = []
    for suffix, label in (("", "ours on demand"), (" (snap-start init)", "ours, inits as SnapStart runs them")):
        names = [f + suffix for f in EVENTS]
        if all(n in results for n in names):
            found.append((label, names))
    originals = [f"original {f} (Python)" for f in EVENTS if f != GATE]
    if all(n in results for n in originals):
        found.append(("the Python original (no gate)", originals))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cpus", type=float, default=0.0, help="cap each process at this many CPUs")
    parser.add_argument("--only", nargs="*", default=list(EVENTS), choices=list(EVENTS))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--original", default=None, metavar="DIR",
                        help="a checkout of the Python original, run beside ours")
    parser.add_argument("--initialization-types", nargs="+", default=["on-demand"],
                        choices=["on-demand", "snap-start"],
                        help="AWS_LAMBDA_INITIALIZATION_TYPE for our functions; each type is a subject of its own")
    parser.add_argument("--class-counts", action="store_true")
    parser.add_argument("--output", default=None, help="JSON results (default <build-dir>/cold-start.json)")
    arguments = parser.parse_args()
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(build_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    original_dir = pathlib.Path(arguments.original).resolve() if arguments.original else None
    if original_dir and not (original_dir / "template.yaml").exists():
        sys.exit(f"cold_start: --original {original_dir} holds no template.yaml; clone "
                 "https://github.com/iwstkhr/cognito-email-mfa-using-custom-auth-challenges")
    if not arguments.no_baseline and not (BASELINE / "dependency").exists():
        sys.exit("cold_start: build the baseline first: ./mvnw -f benchmarks/baseline/pom.xml package "
                 "dependency:copy-dependencies -DincludeScope=runtime (benchmarks/run.sh does)")
    run = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "load_before": " ".join(f"{load:.2f}" for load in os.getloadavg()), "runs": arguments.runs,
           "cpus": arguments.cpus or None}
    cpu_limit = CpuLimit(arguments.cpus) if arguments.cpus else None
    emulators = Emulators(template, any(f in arguments.only for f in WITH_DYNAMODB))
    with tempfile.TemporaryDirectory(prefix="cold-start-") as work:
        work = pathlib.Path(work)
        try:
            ric_lib = lambda_runtime.ric_classpath(work)
            subjects = [] if arguments.no_floor else [floor_subject(template, parameters, ric_lib)]
            for function in arguments.only:
                for initialization_type in arguments.initialization_types:
                    subjects.append(our_subject(build_dir, template, parameters, function, ric_lib,
                                                initialization_type))
                if not arguments.no_baseline and function in BASELINE_HANDLERS:
                    subjects.append(baseline_subject(template, parameters, function, ric_lib))
                if original_dir and function != GATE:  # the original has no token gate
                    subjects.append(original_subject(original_dir, function))
            budget_table = lambda_runtime.function_environment(template, parameters, CREATE)["CODE_EMAIL_BUDGET_TABLE"]
            pass_table = lambda_runtime.function_environment(template, parameters, VERIFY)["SECOND_FACTOR_PASS_TABLE"]
            checker = Checker(emulators, budget_table, pass_table)
            pings = 0
            partly_primed = []
            for _ in range(arguments.runs):
                for subject in subjects:
                    event = fresh_event(subject.function)
                    if subject.python:
                        event = as_the_original_reads_it(event)
                    if subject.function == GATE:
                        seed_pass(emulators.dynamodb, pass_table, event)
                    log_before = log_size(work)
                    elapsed, init, memory, body, handle = start_cold(subject, event, ric_lib, work,
                                                                     emulators.environment, cpu_limit)
                    try:
                        subject.times.append(elapsed)
                        subject.inits.append(init)
                        subject.memory.append(memory)
                        if subject.origin == "ours":
                            kind, answer = handle[1].invoke(PING)
                            expect(kind == "response" and answer == PING,
                                   f"{subject.name} answered the keep-alive ping with {kind} {answer}")
                            pings += 1
                    finally:
                        stop(*handle)
                    checker.check(subject, event, body)
                    check_priming(subject, read_log(work, log_before), partly_primed)
            if arguments.class_counts:
                for subject in subjects:
                    if not subject.python:
                        event = fresh_event(subject.function)
                        if subject.function == GATE:
                            seed_pass(emulators.dynamodb, pass_table, event)
                        subject.classes, body = class_count(subject, event, ric_lib, work, emulators.environment,
                                                            cpu_limit)
                        checker.check(subject, event, body)
            run["emails"], run["budget_items"], run["pass_items"] = checker.check_at_end()
            run["pings"] = pings
            run["partly_primed"] = partly_primed
        except BaseException:
            log = work / "function.log"
            if log.exists():
                print(f"--- the functions' output, last lines:\n{log.read_text()[-3000:]}", file=sys.stderr)
            raise
        finally:
            emulators.close()
            if cpu_limit:
                cpu_limit.close()
    run["load_after"] = " ".join(f"{load:.2f}" for load in os.getloadavg())

    results = {}
    for s in subjects:
        results[s.name] = {"function": s.function, "origin": s.origin, "median_s": statistics.median(s.times),
                           "min_s": min(s.times), "max_s": max(s.times), "init_median_s": statistics.median(s.inits),
                           "first_invocation_median_s": statistics.median(
                               [total - init for total, init in zip(s.times, s.inits)]),
                           "peak_rss_mb_median": statistics.median(s.memory) / 1024, "runs": len(s.times),
                           "classes_loaded": s.classes, "cpus": arguments.cpus or None,
                           "times_s": s.times, "inits_s": s.inits}
    print_results(results, run)
    for line in run["partly_primed"]:
        print(f"primed in part: {line}")
    output = pathlib.Path(arguments.output) if arguments.output else build_dir / "cold-start.json"
    output.write_text(json.dumps({"run": run, "subjects": results}, indent=2))


if __name__ == "__main__":
    main()
