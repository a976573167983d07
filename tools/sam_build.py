#!/usr/bin/env python3
"""Does what `sam build` does for this template's Java functions and layer, then checks the result.

Every Java artifact here has `Metadata: BuildMethod: makefile`. aws-lambda-builders' make workflow,
which `sam build` runs for it: copy the resource's CodeUri (or ContentUri) to a scratch directory
(leaving out .aws-sam and .git), then run `make --makefile <CodeUri>/Makefile build-<LogicalId>`
there with ARTIFACTS_DIR set; the Makefile (tools/build_artifact.sh) builds from the repository
root with ./mvnw and lays out
  a function: its classes at the artifact's root, its runtime dependencies as lib/
  a layer:    its jar and its runtime dependencies in java/lib/.
SAM's own Java workflow (`BuildMethod: java25`, or none) builds the module alone in the scratch
copy, where the parent POM and the layer resolve only from the local Maven repository; this script
refuses it. MAVEN_ARGS reaches Maven (e.g. -Dmaven.repo.local=<empty folder>, as tools/deploy_path.sh
does to prove nothing needs installing first).

Then it checks: no test-scoped jar ships, no function carries the layer's jars, no Apache or Netty
HTTP client ships, each Handler names a class with a handleRequest method in its artifact; and it
reports each artifact's size. Exit status 1 with a message on any failure.

usage: python3 tools/sam_build.py [--template template.yaml] [--build-dir .aws-sam/build]
                                  [--check-only] [--only LogicalId ...]
"""

import argparse
import fnmatch
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import cfn

TEST_JARS = ["*junit*", "*assertj*", "*mockito*", "*jqwik*", "*aws-lambda-java-tests*", "*opentest4j*",
             "*apiguardian*", "*byte-buddy*", "*objenesis*", "*hamcrest*", "*test-kit*", "*-tests.jar",
             "*snakeyaml*"]
HTTP_CLIENTS = ["*apache-client*", "*apache5-client*", "*netty-nio-client*", "*netty-*", "*httpclient*"]


class BuildError(Exception):
    pass


def runtime_of(template, properties):
    globals_ = (template.get("Globals") or {}).get("Function") or {}
    return properties.get("Runtime", globals_.get("Runtime", ""))


def resources(template):
    """(logical id, kind, source dir, handler, build method) for each Java function and layer."""
    found = []
    for logical_id, resource in (template.get("Resources") or {}).items():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function":
            runtime = runtime_of(template, properties)
            method = (resource.get("Metadata") or {}).get("BuildMethod", runtime)
            found.append((logical_id, "function", properties["CodeUri"], properties.get("Handler"), method))
        elif resource.get("Type") == "AWS::Serverless::LayerVersion":
            method = (resource.get("Metadata") or {}).get("BuildMethod", "java")
            found.append((logical_id, "layer", properties["ContentUri"], None, method))
    return found


def build(root, logical_id, kind, source, method, build_dir):
    artifact = build_dir / logical_id
    if artifact.exists():
        shutil.rmtree(artifact)
    if method != "makefile":
        raise BuildError(f"{logical_id}: BuildMethod {method} builds {source} alone, where the parent POM and "
                         f"the layer resolve only from the local Maven repository; give it BuildMethod: makefile "
                         f"and a Makefile like define-auth-challenge/Makefile")
    makefile = root / source / "Makefile"
    if not makefile.exists():
        raise BuildError(f"{logical_id}: BuildMethod makefile but no {makefile}")
    artifact.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix=f"sam-{logical_id}-") as scratch:
        scratch = pathlib.Path(scratch) / "source"
        shutil.copytree(root / source, scratch, ignore=shutil.ignore_patterns(".aws-sam", ".git"))
        result = subprocess.run(["make", "--makefile", str(makefile), f"build-{logical_id}"], cwd=scratch,
                                env=dict(os.environ, ARTIFACTS_DIR=str(artifact)), capture_output=True, text=True)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
            raise BuildError(f"make build-{logical_id} failed:\n{tail}")
    return artifact


def jar_names(directory):
    return sorted(p.name for p in directory.rglob("*.jar")) if directory.exists() else []


def size(directory):
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def matches(name, patterns):
    return [p for p in patterns if fnmatch.fnmatch(name, p)]


def artifact_name(jar):
    """groupId.artifactId-version.jar or artifactId-version.jar -> artifactId."""
    base = re.sub(r"-\d[\w.\-]*\.jar$", "", jar)
    return base.rsplit(".", 1)[-1] if "." in base else base


def check(template, build_dir):
    problems = []
    report = {}
    layers = [r for r in resources(template) if r[1] == "layer"]
    layer_artifacts = set()
    layer_dirs = []
    for logical_id, _, _, _, _ in layers:
        lib = build_dir / logical_id / "java" / "lib"
        layer_dirs.append(lib)
        names = jar_names(lib)
        if not names:
            problems.append(f"layer {logical_id} has no jars in java/lib")
        layer_artifacts |= {artifact_name(n) for n in names}
        report[logical_id] = {"bytes": size(build_dir / logical_id), "jars": names}
        for name in names:
            for pattern in matches(name, TEST_JARS):
                problems.append(f"layer {logical_id} ships a test jar {name} ({pattern})")
            for pattern in matches(name, HTTP_CLIENTS):
                problems.append(f"layer {logical_id} ships an HTTP client it must not: {name}")
    for logical_id, kind, _, handler, _ in resources(template):
        if kind != "function":
            continue
        artifact = build_dir / logical_id
        names = jar_names(artifact / "lib")
        report[logical_id] = {"bytes": size(artifact), "jars": names}
        for name in names:
            for pattern in matches(name, TEST_JARS):
                problems.append(f"function {logical_id} ships a test jar {name} ({pattern})")
            for pattern in matches(name, HTTP_CLIENTS):
                problems.append(f"function {logical_id} ships an HTTP client it must not: {name}")
            if artifact_name(name) in layer_artifacts:
                problems.append(f"function {logical_id} carries a copy of the layer's {name}; "
                                "depend on the layer with <scope>provided</scope>")
        if (artifact / "io/github/cognitoemailotp/layer").exists():
            problems.append(f"function {logical_id} carries the layer's classes")
        problems += check_handler(logical_id, handler, artifact, layer_dirs)
    return problems, report


def check_handler(logical_id, handler, artifact, layer_dirs):
    if not handler or "::" not in handler:
        return [f"function {logical_id}: Handler '{handler}' is not class::method"]
    class_name, method = handler.split("::", 1)
    class_file = artifact / (class_name.replace(".", "/") + ".class")
    if not class_file.exists():
        return [f"function {logical_id}: Handler class {class_name} is not in the artifact "
                f"(no {class_file.relative_to(artifact)})"]
    classpath = os.pathsep.join([str(artifact), str(artifact / "lib" / "*")] + [str(d / "*") for d in layer_dirs])
    javap = pathlib.Path(os.environ["JAVA_HOME"]) / "bin/javap" if os.environ.get("JAVA_HOME") else "javap"
    result = subprocess.run([str(javap), "-cp", classpath, class_name], capture_output=True, text=True)
    if f" {method}(" not in result.stdout:
        return [f"function {logical_id}: {class_name} has no method {method}"]
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="template.yaml")
    parser.add_argument("--build-dir", default=".aws-sam/build")
    parser.add_argument("--check-only", action="store_true", help="check existing artifacts, build nothing")
    parser.add_argument("--only", nargs="*", help="build only these logical ids")
    arguments = parser.parse_args()
    template_path = pathlib.Path(arguments.template).resolve()
    root = template_path.parent
    build_dir = pathlib.Path(arguments.build_dir).resolve()
    template = cfn.load(template_path)

    if not arguments.check_only:
        for logical_id, kind, source, _, method in resources(template):
            if arguments.only and logical_id not in arguments.only:
                continue
            print(f"sam_build: building {logical_id} ({kind}, {method}) from {source}", file=sys.stderr)
            try:
                build(root, logical_id, kind, source, method, build_dir)
            except BuildError as error:
                sys.exit(f"sam_build: {error}")
        built = cfn.load(template_path)
        for logical_id, kind, _, _, _ in resources(template):
            key = "CodeUri" if kind == "function" else "ContentUri"
            built["Resources"][logical_id]["Properties"][key] = logical_id
        cfn.dump(built, build_dir / "template.yaml")

    problems, report = check(template, build_dir)
    (build_dir / "report.json").write_text(json.dumps(report, indent=2))
    print(f"{'artifact':<24}{'bytes':>12}  jars")
    for logical_id, entry in report.items():
        print(f"{logical_id:<24}{entry['bytes']:>12}  {len(entry['jars'])}")
    if problems:
        for problem in problems:
            print(f"sam_build: FAIL {problem}", file=sys.stderr)
        sys.exit(1)
    print("sam_build: artifacts laid out as sam build does; all checks passed")


if __name__ == "__main__":
    main()
