#!/usr/bin/env python3
"""Proves the deploy-path checks can fail: each sabotage below, applied to a temporary copy, must
make its check fail with the right message. Run after tools/sam_build.py (it reuses the artifacts).

usage: python3 tools/self_test.py [--build-dir .aws-sam/build]
"""

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"


def run(arguments, cwd=ROOT):
    result = subprocess.run([sys.executable] + [str(a) for a in arguments], cwd=cwd, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def expect_failure(name, arguments, message):
    code, output = run(arguments)
    ok = code != 0 and message in output
    print(("ok   " if ok else "FAIL ") + f"{name}: the check " + ("fails as it should" if ok else "did not fail right"))
    if not ok:
        print(output[-2000:], file=sys.stderr)
    return ok


def sabotaged_template(directory, old, new):
    text = (ROOT / "template.yaml").read_text()
    if old not in text:
        raise SystemExit(f"self_test: the template no longer contains {old!r}; update the sabotage")
    target = directory / "template.yaml"
    target.write_text(text.replace(old, new, 1))
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=".aws-sam/build")
    build_dir = (ROOT / parser.parse_args().build_dir).resolve()
    results = []
    with tempfile.TemporaryDirectory(prefix="deploy-self-test-") as work:
        work = pathlib.Path(work)

        broken = work / "broken-handler"
        broken.mkdir()
        template = sabotaged_template(broken, "define.DefineAuthChallengeHandler::handleRequest",
                                      "define.DefineAuthChallengeHandlr::handleRequest")
        results.append(expect_failure(
            "a handler name that matches no class",
            [TOOLS / "sam_build.py", "--check-only", "--template", template, "--build-dir", build_dir],
            "Handler class io.github.cognitoemailotp.define.DefineAuthChallengeHandlr is not in the artifact"))

        # The whole repository, since an artifact is built from the repository root.
        bundled = work / "bundled-layer"
        shutil.copytree(ROOT, bundled, ignore=shutil.ignore_patterns(
            "target", "node_modules", ".git", ".aws-sam", ".m2repo", "__pycache__"))
        pom = bundled / "define-auth-challenge" / "pom.xml"
        text = pom.read_text()
        provided = "<artifactId>layer</artifactId>\n      <scope>provided</scope>"
        if provided not in text:
            raise SystemExit("self_test: define-auth-challenge/pom.xml no longer has the layer as provided")
        pom.write_text(text.replace(provided, "<artifactId>layer</artifactId>\n      <scope>compile</scope>"))
        shutil.copytree(build_dir, bundled / "build")
        results.append(expect_failure(
            "the layer's jars put into a function",
            [TOOLS / "sam_build.py", "--template", bundled / "template.yaml", "--build-dir", bundled / "build",
             "--only", "DefineAuthChallenge"],
            "function DefineAuthChallenge carries a copy of the layer's"))

        java_workflow = work / "java-workflow"
        java_workflow.mkdir()
        template = sabotaged_template(java_workflow, "      BuildMethod: makefile\n", "      BuildMethod: java25\n")
        results.append(expect_failure(
            "SAM's Java build method, which needs ./mvnw install first",
            [TOOLS / "sam_build.py", "--template", template, "--build-dir", java_workflow / "build",
             "--only", "ChallengeLayer"],
            "ChallengeLayer: BuildMethod java25 builds layer/ alone"))

        wide = work / "wide-policy"
        wide.mkdir()
        template = sabotaged_template(
            wide,
            '- !Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${EmailSender}"',
            '- "*"')
        results.append(expect_failure("the SES policy widened to *", [TOOLS / "check_template.py", "--template", template],
                                      "Resource '*'"))

        flows = work / "password-flow"
        flows.mkdir()
        template = sabotaged_template(flows, "        - ALLOW_CUSTOM_AUTH\n",
                                      "        - ALLOW_CUSTOM_AUTH\n        - ALLOW_USER_SRP_AUTH\n")
        results.append(expect_failure("a client that allows USER_SRP_AUTH",
                                      [TOOLS / "check_template.py", "--template", template],
                                      "any flow but the custom one skips the emailed code"))
        unscoped = work / "unscoped-permission"
        unscoped.mkdir()
        template = sabotaged_template(
            unscoped,
            "      SourceArn: !If [CreateUserPool, !GetAtt CognitoUserPool.Arn, !Ref ExistingUserPoolArn]\n", "")
        results.append(expect_failure("a Cognito permission without the pool's ARN",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "lets Cognito invoke without SourceArn = the pool's ARN"))

        pool_anyway = work / "pool-in-existing-mode"
        pool_anyway.mkdir()
        template = sabotaged_template(pool_anyway, "    Condition: CreateUserPool\n", "")
        results.append(expect_failure("a pool created although ExistingUserPoolArn is set",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "ExistingUserPoolArn is set, yet the stack creates the pool"))

        writable = work / "writable-email"
        writable.mkdir()
        template = sabotaged_template(writable, "      WriteAttributes: [locale]\n",
                                      "      WriteAttributes: [locale, email]\n")
        results.append(expect_failure("a client that may write email",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "lets the app write email"))

        weak_rule = work / "weak-lock-rule"
        weak_rule.mkdir()
        template = sabotaged_template(weak_rule, '          - ["3", "4", "5", "6", "7", "8", "9", "10"]\n',
                                      '          - ["3", "4", "5", "6", "7", "8", "9", "10", "11"]\n')
        results.append(expect_failure("a Rules assertion that lets CodeLength 4 lock after 11 wrong codes",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "the Rules let these values deploy"))

        verify_scans = work / "verify-scans-locks"
        verify_scans.mkdir()
        template = sabotaged_template(verify_scans, "                  - dynamodb:DeleteItem\n                Resource: !GetAtt UserLockTable.Arn\n",
                                      "                  - dynamodb:DeleteItem\n                  - dynamodb:Scan\n"
                                      "                Resource: !GetAtt UserLockTable.Arn\n")
        results.append(expect_failure("Verify allowed to Scan the lock table",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "VerifyAuthChallenge needs only"))

        gate_deletes = work / "gate-deletes-passes"
        gate_deletes.mkdir()
        template = sabotaged_template(
            gate_deletes,
            "              - Sid: ConsumePassesInThePassTableOnly\n                Effect: Allow\n"
            "                Action:\n                  - dynamodb:UpdateItem\n",
            "              - Sid: ConsumePassesInThePassTableOnly\n                Effect: Allow\n"
            "                Action:\n                  - dynamodb:DeleteItem\n                  - dynamodb:UpdateItem\n")
        results.append(expect_failure("the token gate allowed more than UpdateItem and GetItem on the pass table",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "TokenGate needs only ['dynamodb:UpdateItem', 'dynamodb:GetItem']"))

        other_logs = work / "logs-into-another-group"
        other_logs.mkdir()
        template = sabotaged_template(
            other_logs,
            ":log-group:${DefineAuthChallengeLogs}:log-stream:*\"\n",
            ":log-group:${CreateAuthChallengeLogs}:log-stream:*\"\n")
        results.append(expect_failure("a function allowed to write another function's log group",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "DefineAuthChallengeRole may ['logs:CreateLogStream', 'logs:PutLogEvents']"))

        ungated = work / "pool-without-gate"
        ungated.mkdir()
        template = sabotaged_template(ungated, "        PreTokenGeneration: !Ref TokenGate.Alias\n", "")
        results.append(expect_failure("a pool without the token gate",
                                      [TOOLS / "check_template.py", "--no-lint", "--template", template],
                                      "LambdaConfig.PreTokenGeneration is None"))
    if not all(results):
        sys.exit("self_test: a deploy-path check did not catch its sabotage")
    print("self_test: every sabotage was caught")


if __name__ == "__main__":
    main()
