#!/usr/bin/env python3
"""Each SDK function's init, step by step (issue 26 item 2): where Create's, Verify's and the token
gate's cold start goes.

A fresh JVM per run (-XX:TieredStopAtLevel=1, the function's SAM artifact and layer on the class
path, its environment from the template, AWS_LAMBDA_INITIALIZATION_TYPE=on-demand, a HOME with no
~/.aws as in Lambda) runs benchmarks/snapstart-model's InitSteps, which makes the calls the
handler makes at init and on its first invocation through aws-clients' own builders, in the same
order, each timed alone with the classes it loaded: the shared credentials chain, the region, the
URL-connection HTTP client, the timeouts and retry strategy, the DynamoDB client, the first request
signed unsent (init's warm-up), the first and second real DynamoDB call (to dynalite, the
template's tables), for Create also the SES v2 client, the email templates and the first SendEmail
(to aws-ses-v2-local). The JDK's TLS context (the default SSLContext and socket factory) is timed
on its own before the HTTP client, which builds one when it is built: the emulators here speak
plain HTTP, Lambda's endpoints HTTPS, and the TLS handshake itself is not measured. The
functions run interleaved, run by run. Then one more untimed run of each with the JVM's class-loading log says which steps load the JDK's locale
data (issue 26: none on the hot path).

usage: python3 benchmarks/init_steps.py [--build-dir .aws-sam/build] [--runs 10] [--output FILE.json]
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import cfn  # noqa: E402
import run_on_lambda_runtime as lambda_runtime  # noqa: E402
from snapstart_model import MODEL_JAR, classpath  # noqa: E402

PROBE = "io.github.cognitoemailotp.benchmarks.initsteps.InitSteps"
SUBJECTS = (("CreateAuthChallenge", "dynamodb+ses"), ("VerifyAuthChallenge", "dynamodb"), ("TokenGate", "dynamodb"))


# The JDK's locale data: loaded by a String.format, a DateTimeFormatter with a locale or an SDK
# error path; issue 26 asks for none on the hot path.
LOCALE_DATA = ("sun.util.locale.provider.", "sun.util.resources.", "sun.util.cldr.", "java.text.DecimalFormatSymbols")


def run_once(build_dir, template, parameters, logical_id, mode, extra, work, jvm_options=()):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(lambda_runtime.function_environment(template, parameters, logical_id))
    env.update({"AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand", "HOME": str(work),
                "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_SESSION_TOKEN": "local"})
    env.update(extra)
    java = pathlib.Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java"
    result = subprocess.run([str(java), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", *jvm_options, "-cp",
                             classpath(build_dir, template, logical_id), PROBE, mode],
                            env=env, cwd=work, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"{logical_id}: the probe failed:\n{result.stderr[-3000:]}")
    measured = json.loads([line for line in result.stdout.splitlines() if line.startswith("{")][-1])
    measured["stdout"] = result.stdout
    return measured


def locale_data_by_step(stdout):
    """From a run with -Xlog:class+load and the probe's step markers: the locale-data classes each
    step loaded."""
    loaded, step = {}, None
    for line in stdout.splitlines():
        if line.startswith("=== step: "):
            step = line[len("=== step: "):]
            loaded[step] = []
        elif step and line.startswith(LOCALE_DATA):
            loaded[step].append(line.split()[0])
    return loaded


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--output", default=None, help="JSON results (default <build-dir>/init-steps.json)")
    arguments = parser.parse_args()
    if not MODEL_JAR.exists():
        sys.exit("init_steps: build the probe first: ./mvnw -f benchmarks/snapstart-model/pom.xml package")
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(build_dir / "template.yaml")
    parameters = cfn.parameter_values(template, {"EmailSender": "no-reply@example.com"})
    runs = {name: [] for name, _ in SUBJECTS}
    started = []
    with tempfile.TemporaryDirectory(prefix="init-steps-") as work:
        work = pathlib.Path(work)
        try:
            ses_url = lambda_runtime.start_ses(started)
            dynamo_url = lambda_runtime.start_dynalite(template, started)
            extra = {"AWS_ENDPOINT_URL_SESV2": ses_url, "AWS_ENDPOINT_URL_DYNAMODB": dynamo_url}
            for _ in range(arguments.runs):
                for name, mode in SUBJECTS:
                    runs[name].append(run_once(build_dir, template, parameters, name, mode, extra, work))
            # One more run each, untimed, with the JVM's class-loading log: which steps load locale data.
            locale_data = {}
            for name, mode in SUBJECTS:
                logged = run_once(build_dir, template, parameters, name, mode, extra, work,
                                  ("-Xlog:class+load=info:stdout:none", "-Dinitsteps.markers=true"))
                locale_data[name] = locale_data_by_step(logged["stdout"])
        finally:
            for process in reversed(started):
                process.kill()
                process.wait(timeout=10)

    summary = {}
    print(f"Init step by step, {arguments.runs} runs each, on demand (fresh JVM per run; medians, ms; classes loaded)")
    for name, results in runs.items():
        steps = [step["name"] for step in results[0]["steps"]]
        summary[name] = {"jvm_to_main_ms": statistics.median(r["jvm_to_main_ms"] for r in results), "steps": []}
        print(f"\n{name}: JVM start to main {summary[name]['jvm_to_main_ms']:.0f} ms")
        total = 0.0
        for index, step in enumerate(steps):
            values = [r["steps"][index]["ms"] for r in results]
            classes = statistics.median(r["steps"][index]["classes"] for r in results)
            median = statistics.median(values)
            total += median
            summary[name]["steps"].append({"name": step, "median_ms": median, "min_ms": min(values),
                                           "max_ms": max(values), "classes": classes})
            print(f"  {step:<84}{median:>9.1f}{min(values):>9.1f}{max(values):>9.1f}{classes:>7.0f}")
        summary[name]["sum_of_medians_ms"] = total
        print(f"  {'sum of medians':<84}{total:>9.1f}")
        with_locale = {step: classes for step, classes in locale_data[name].items() if classes}
        summary[name]["locale_data_classes_by_step"] = with_locale
        print(f"  locale data loaded: {with_locale if with_locale else 'none, in any step'}")
    output = pathlib.Path(arguments.output) if arguments.output else build_dir / "init-steps.json"
    output.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
