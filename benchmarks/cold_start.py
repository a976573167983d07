#!/usr/bin/env python3
"""Cold start of each function as Lambda starts it, on this machine.

For each function's SAM-layout artifact (tools/sam_build.py) plus the layer: a fresh JVM with the
Lambda runtime interface client as main class (-XX:TieredStopAtLevel=1, as Lambda's Java runtime
runs), one real Cognito event handed over through a Runtime API on 127.0.0.1, exactly as Lambda
hands it to a stream handler; Create sends its email to aws-ses-v2-local. Measured: from starting
the process to the function's response arriving, and the process's peak resident memory (VmHWM).
Median and spread over --runs runs.

usage: python3 benchmarks/cold_start.py [--build-dir .aws-sam/build] [--runs 10]
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))

import cfn  # noqa: E402
import run_on_lambda_runtime as lambda_runtime  # noqa: E402

EVENTS = {"DefineAuthChallenge": "define-password-verified.json",
          "CreateAuthChallenge": "create-first-challenge.json",
          "VerifyAuthChallenge": "verify-right-answer.json"}


def peak_rss_kb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    parser.add_argument("--runs", type=int, default=10)
    arguments = parser.parse_args()
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(build_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    ses_cli = lambda_runtime.ROOT / "local-cognito/node_modules/aws-ses-v2-local/dist/cli.js"
    results = {}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as work:
        work = pathlib.Path(work)
        ses_port = lambda_runtime.free_port()
        ses = subprocess.Popen(["node", str(ses_cli), "--host", "127.0.0.1", "--port", str(ses_port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in ses.stdout:
                if "server running" in line:
                    break
            ric_lib = lambda_runtime.ric_classpath(work)
            for function, event_name in EVENTS.items():
                event = lambda_runtime.event(event_name)
                times, memory = [], []
                for _ in range(arguments.runs):
                    started = time.perf_counter()
                    instance = lambda_runtime.Function(function, build_dir, template, parameters, ric_lib, work,
                                                       {"AWS_ENDPOINT_URL_SESV2": f"http://127.0.0.1:{ses_port}"})
                    try:
                        kind, _ = instance.invoke(event)
                        times.append(time.perf_counter() - started)
                        memory.append(peak_rss_kb(instance.process.pid))
                        if kind != "response":
                            sys.exit(f"{function} answered with an error")
                    finally:
                        instance.close()
                results[function] = {
                    "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                    "peak_rss_mb_median": statistics.median(memory) / 1024, "runs": len(times)}
        finally:
            ses.kill()
            ses.wait(timeout=10)
    print(f"{'function':<22}{'median s':>10}{'min s':>8}{'max s':>8}{'peak RSS MB':>13}")
    for function, r in results.items():
        print(f"{function:<22}{r['median_s']:>10.3f}{r['min_s']:>8.3f}{r['max_s']:>8.3f}{r['peak_rss_mb_median']:>13.0f}")
    (build_dir / "cold-start.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
