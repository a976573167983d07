#!/usr/bin/env python3
"""Cold start of each function as Lambda starts it, on this machine, beside a naive baseline.

For each function's SAM-layout artifact (tools/sam_build.py) plus the layer: a fresh JVM with the
Lambda runtime interface client (RIC) as main class and -XX:TieredStopAtLevel=1, as Lambda's Java
runtime runs, one real Cognito event handed over through a Lambda Runtime API on 127.0.0.1, as
Lambda hands it to the handler; Create sends its email to aws-ses-v2-local. Measured: from starting
the process to the function's response arriving at the Runtime API, and the process's peak
resident memory (VmHWM) then. Median and spread over --runs runs.

In the same run, interleaved run by run, the naive baseline (benchmarks/baseline: the runtime's
POJO mapping of aws-lambda-java-events, and SesV2Client.create() with the SDK's defaults) gets the
same event, environment and JVM, so the gain is a ratio; so does the floor, a stream handler that
only writes {} (benchmarks/baseline FloorHandler): what the JVM and the runtime client cost alone. After each of our functions' measured
invocation, the same process gets the keep-alive ping, which must be answered with the ping and
send no email (the SES emulator's mail count is checked at the end).

--cpus N runs every JVM in a cgroup limited to N CPUs (Lambda gives 1 vCPU per 1,769 MB, so
1024 MB is about 0.58), to choose the memory size. --class-counts adds one run of each with
-Xlog:class+load and reports how many classes were loaded before the response.

usage: python3 benchmarks/cold_start.py [--build-dir .aws-sam/build] [--runs 10] [--cpus N]
                                        [--only DefineAuthChallenge ...] [--no-baseline]
                                        [--class-counts] [--output FILE.json]
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cfn  # noqa: E402
import run_on_lambda_runtime as lambda_runtime  # noqa: E402

EVENTS = {"DefineAuthChallenge": "define-password-verified.json",
          "CreateAuthChallenge": "create-first-challenge.json",
          "VerifyAuthChallenge": "verify-right-answer.json"}
BASELINE = ROOT / "benchmarks" / "baseline" / "target"
BASELINE_HANDLERS = {
    "DefineAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveDefineHandler::handleRequest",
    "CreateAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveCreateHandler::handleRequest",
    "VerifyAuthChallenge": "io.github.cognitoemailotp.benchmarks.baseline.NaiveVerifyHandler::handleRequest"}
FLOOR_HANDLER = "io.github.cognitoemailotp.benchmarks.baseline.FloorHandler::handleRequest"
PING = {"keepAlive": True}
CGROUP_CPU = pathlib.Path("/sys/fs/cgroup/cpu")
CFS_PERIOD_US = 10_000


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
    """One thing to start cold: a class path, a handler string and its environment."""

    def __init__(self, name, function, classpath, handler, environment):
        self.name, self.function = name, function
        self.classpath, self.handler, self.environment = classpath, handler, environment
        self.times, self.memory, self.classes = [], [], None


def function_environment(template, parameters, logical_id):
    environment = lambda_runtime.function_environment(template, parameters, logical_id)
    del environment["_HANDLER"]  # each subject has its own handler, set when it starts
    return environment


def our_subject(build_dir, template, parameters, logical_id, ric_lib):
    classpath = lambda_runtime.function_classpath(build_dir, template, logical_id, ric_lib)
    return Subject(logical_id, logical_id, classpath, template["Resources"][logical_id]["Properties"]["Handler"],
                   function_environment(template, parameters, logical_id))


def baseline_subject(template, parameters, logical_id, ric_lib):
    classpath = os.pathsep.join([str(BASELINE / "classes"), str(BASELINE / "dependency" / "*"), str(ric_lib / "*")])
    return Subject(f"baseline {logical_id}", logical_id, classpath, BASELINE_HANDLERS[logical_id],
                   function_environment(template, parameters, logical_id))


def floor_subject(template, parameters, ric_lib):
    """A stream handler that reads the event and writes {}: the JVM and runtime client alone."""
    core = sorted((BASELINE / "dependency").glob("aws-lambda-java-core-*.jar"))
    classpath = os.pathsep.join([str(BASELINE / "classes")] + [str(jar) for jar in core] + [str(ric_lib / "*")])
    return Subject("floor (trivial stream handler)", "DefineAuthChallenge", classpath, FLOOR_HANDLER,
                   function_environment(template, parameters, "DefineAuthChallenge"))


def start_cold(subject, ric_lib, work, extra_environment, cpu_limit, jvm_options=()):
    """Starts the subject's JVM, hands it its event, returns (seconds to the response, peak RSS KB,
    the process and Runtime API, still running)."""
    api = lambda_runtime.RuntimeApi()
    jni = lambda_runtime.native_library(ric_lib, work / f"{os.getpid()}-{time.monotonic_ns()}-jni.so")
    java = pathlib.Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java"
    command = [str(java), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
               f"-D{lambda_runtime.JNI_PROPERTY}={jni}", *jvm_options, "-cp", subject.classpath,
               lambda_runtime.RUNTIME_CLIENT, subject.handler]
    if cpu_limit:
        command = cpu_limit.wrap(command)
    env = dict(os.environ)
    env.update(subject.environment)
    env.update(extra_environment)
    env.update({"AWS_LAMBDA_RUNTIME_API": api.address, "_HANDLER": subject.handler})
    log = open(work / "function.log", "a")
    event = lambda_runtime.event(EVENTS[subject.function])
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT)
    try:
        kind, body = api.invoke(event)
        elapsed = time.perf_counter() - started
        memory = peak_rss_kb(process.pid)
        if kind != "response":
            raise SystemExit(f"{subject.name} answered with an error: {json.dumps(body)[:300]}")
    except BaseException:
        stop(process, api, log)
        raise
    return elapsed, memory, (process, api, log)


def stop(process, api, log):
    process.kill()
    process.wait(timeout=10)
    api.close()
    log.close()


def class_count(subject, ric_lib, work, extra_environment, cpu_limit):
    """Classes the JVM loaded up to the response (-Xlog:class+load)."""
    classes_log = work / "classes.log"
    classes_log.unlink(missing_ok=True)
    _, _, handle = start_cold(subject, ric_lib, work, extra_environment, cpu_limit,
                              [f"-Xlog:class+load=info:file={classes_log}"])
    count = sum(1 for _ in classes_log.open())
    stop(*handle)
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cpus", type=float, default=0.0, help="cap each JVM at this many CPUs")
    parser.add_argument("--only", nargs="*", default=list(EVENTS))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--class-counts", action="store_true")
    parser.add_argument("--output", default=None, help="JSON results (default <build-dir>/cold-start.json)")
    arguments = parser.parse_args()
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(build_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    ses_cli = ROOT / "local-cognito/node_modules/aws-ses-v2-local/dist/cli.js"
    if not ses_cli.exists():
        subprocess.run(["npm", "--prefix", str(ROOT / "local-cognito"), "ci", "--no-audit", "--no-fund"], check=True)
    if not arguments.no_baseline and not (BASELINE / "dependency").exists():
        sys.exit("cold_start: build the baseline first: ./mvnw -f benchmarks/baseline/pom.xml package "
                 "dependency:copy-dependencies -DincludeScope=runtime (benchmarks/run.sh does)")
    cpu_limit = CpuLimit(arguments.cpus) if arguments.cpus else None
    with tempfile.TemporaryDirectory(prefix="cold-start-") as work:
        work = pathlib.Path(work)
        ses_port = lambda_runtime.free_port()
        ses = subprocess.Popen(["node", str(ses_cli), "--host", "127.0.0.1", "--port", str(ses_port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in ses.stdout:
                if "server running" in line:
                    break
            ses_url = f"http://127.0.0.1:{ses_port}"
            extra = {"AWS_ENDPOINT_URL_SESV2": ses_url}
            ric_lib = lambda_runtime.ric_classpath(work)
            subjects = [] if arguments.no_baseline else [floor_subject(template, parameters, ric_lib)]
            for function in arguments.only:
                subjects.append(our_subject(build_dir, template, parameters, function, ric_lib))
                if not arguments.no_baseline:
                    subjects.append(baseline_subject(template, parameters, function, ric_lib))
            pings = 0
            for _ in range(arguments.runs):
                for subject in subjects:
                    elapsed, memory, handle = start_cold(subject, ric_lib, work, extra, cpu_limit)
                    try:
                        subject.times.append(elapsed)
                        subject.memory.append(memory)
                        if subject.name == subject.function:
                            kind, answer = handle[1].invoke(PING)
                            if kind != "response" or answer != PING:
                                sys.exit(f"{subject.name} answered the keep-alive ping with {kind} {answer}")
                            pings += 1
                    finally:
                        stop(*handle)
            if arguments.class_counts:
                for subject in subjects:
                    subject.classes = class_count(subject, ric_lib, work, extra, cpu_limit)
            store = json.loads(urllib.request.urlopen(f"{ses_url}/store").read())
            creates = sum(len(s.times) for s in subjects if s.function == "CreateAuthChallenge")
            creates += sum(1 for s in subjects if s.function == "CreateAuthChallenge" and s.classes is not None)
            if len(store.get("emails", [])) != creates:
                sys.exit(f"expected {creates} emails (one per Create start, none per ping), "
                         f"the SES emulator holds {len(store.get('emails', []))}")
        finally:
            ses.kill()
            ses.wait(timeout=10)
            if cpu_limit:
                cpu_limit.close()

    results = {}
    for s in subjects:
        results[s.name] = {"function": s.function, "median_s": statistics.median(s.times), "min_s": min(s.times),
                           "max_s": max(s.times), "peak_rss_mb_median": statistics.median(s.memory) / 1024,
                           "runs": len(s.times), "classes_loaded": s.classes, "cpus": arguments.cpus or None}
    header = f"{'':<34}{'median s':>9}{'min s':>8}{'max s':>8}{'peak RSS MB':>12}{'classes':>9}{'vs ours':>9}"
    print(f"cold start, {arguments.runs} runs each" + (f", {arguments.cpus} CPUs" if arguments.cpus else "")
          + f"; keep-alive pings answered: {pings}, emails: {creates} (one per Create start)")
    print(header)
    for name, r in results.items():
        ours = results.get(r["function"])
        ratio = f"{r['median_s'] / ours['median_s']:.2f}x" if ours and name.startswith("baseline") else ""
        print(f"{name:<34}{r['median_s']:>9.3f}{r['min_s']:>8.3f}{r['max_s']:>8.3f}"
              f"{r['peak_rss_mb_median']:>12.0f}{r['classes_loaded'] or '':>9}{ratio:>9}")
    output = pathlib.Path(arguments.output) if arguments.output else build_dir / "cold-start.json"
    output.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
