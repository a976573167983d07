#!/usr/bin/env python3
"""Expands template.yaml offline with aws-sam-translator, as CloudFormation's SAM transform does,
and checks the resulting CloudFormation for each parameter set given:

- the user pool's LambdaConfig names the three functions (their aliases with AutoPublishAlias);
- every Lambda permission for Cognito is scoped to the pool's ARN;
- Create's role may call only ses:SendEmail, only on the sender's identity and its domain, plus
  the configuration set only when one is given; no IAM statement anywhere has Resource "*";
- the app client allows exactly ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH.

usage: python3 tools/check_template.py [--template template.yaml]
"""

import argparse
import copy
import os
import sys

# The translator reads the region for its pseudo parameters from the environment (no AWS call).
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform

import cfn

TRIGGERS = {"DefineAuthChallenge": "DefineAuthChallenge", "CreateAuthChallenge": "CreateAuthChallenge",
            "VerifyAuthChallengeResponse": "VerifyAuthChallenge"}
ACCOUNT = "123456789012"
REGION = "us-east-1"


class NoManagedPolicies:
    """The translator asks for AWS managed policies by name only when a template names them."""

    def load(self):
        return {"AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}


def expand(template, parameters):
    """What CloudFormation deploys: code uploaded to S3 first (as sam deploy does), then the transform."""
    packaged = copy.deepcopy(template)
    for logical_id, resource in packaged["Resources"].items():
        properties = resource.get("Properties") or {}
        for key in ("CodeUri", "ContentUri"):
            if isinstance(properties.get(key), str) and not properties[key].startswith("s3://"):
                properties[key] = f"s3://sam-artifacts/{logical_id}.zip"
    values = dict(parameters)
    values.update({"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": "aws"})
    return transform(packaged, values, NoManagedPolicies())


def resources_of(expanded, resource_type):
    return {k: v for k, v in expanded["Resources"].items() if v["Type"] == resource_type}


def check(template, overrides):
    problems = []
    parameters = cfn.parameter_values(template, overrides)
    expanded = expand(template, parameters)
    evaluator = cfn.Evaluator(expanded, parameters, REGION, ACCOUNT)
    resources = expanded["Resources"]
    pools = resources_of(expanded, "AWS::Cognito::UserPool")
    if len(pools) != 1:
        return [f"expected one user pool, found {len(pools)}"]
    pool_id, pool = next(iter(pools.items()))
    config = pool["Properties"].get("LambdaConfig", {})
    for trigger, function in TRIGGERS.items():
        target = config.get(trigger)
        names = str(target)
        alias = f"{function}Alias"
        if target is None:
            problems.append(f"LambdaConfig has no {trigger}")
        elif function not in names:
            problems.append(f"LambdaConfig.{trigger} is {target}, not the {function} function")
        elif any(k.startswith(alias) for k in resources) and alias not in names:
            problems.append(f"LambdaConfig.{trigger} names {function} but not its alias {alias}")

    for logical_id, permission in resources_of(expanded, "AWS::Lambda::Permission").items():
        properties = permission["Properties"]
        if properties.get("Principal") == "cognito-idp.amazonaws.com":
            if properties.get("SourceArn") != {"Fn::GetAtt": [pool_id, "Arn"]}:
                problems.append(f"{logical_id} lets Cognito invoke without SourceArn = the pool's ARN "
                                f"(it is {properties.get('SourceArn')})")

    sender = parameters["EmailSender"]
    expected = {f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{sender}",
                f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{sender.split('@', 1)[1]}"}
    if parameters.get("SesConfigurationSet"):
        expected.add(f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/{parameters['SesConfigurationSet']}")
    ses_statements = 0
    for logical_id, role in resources_of(expanded, "AWS::IAM::Role").items():
        for policy in role["Properties"].get("Policies", []):
            for statement in evaluator.resolve(policy["PolicyDocument"]).get("Statement", []):
                actions = statement.get("Action", [])
                actions = [actions] if isinstance(actions, str) else actions
                targets = statement.get("Resource", [])
                targets = [targets] if isinstance(targets, str) else targets
                if "*" in targets:
                    problems.append(f"{logical_id} has a statement on Resource '*': {statement}")
                if any(a.startswith("ses:") for a in actions):
                    ses_statements += 1
                    if actions != ["ses:SendEmail"]:
                        problems.append(f"{logical_id} may call {actions}; Create needs only ses:SendEmail")
                    if set(targets) != expected:
                        problems.append(f"{logical_id}'s SES statement is on {sorted(targets)}, "
                                        f"expected {sorted(expected)}")
                    if not logical_id.startswith("CreateAuthChallenge"):
                        problems.append(f"{logical_id} may send email; only Create may")
    if ses_statements != 1:
        problems.append(f"expected one SES statement (Create's), found {ses_statements}")

    for logical_id, client in resources_of(expanded, "AWS::Cognito::UserPoolClient").items():
        flows = sorted(client["Properties"].get("ExplicitAuthFlows", []))
        if flows != ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]:
            problems.append(f"{logical_id} allows {flows}: any flow but the custom one skips the emailed code")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="template.yaml")
    arguments = parser.parse_args()
    template = cfn.load(arguments.template)
    failed = False
    for overrides in ({"EmailSender": "no-reply@example.com"},
                      {"EmailSender": "otp@mail.example.org", "SesConfigurationSet": "otp-events"}):
        problems = check(template, overrides)
        label = " ".join(f"{k}={v}" for k, v in overrides.items())
        for problem in problems:
            print(f"check_template: FAIL [{label}] {problem}", file=sys.stderr)
        if not problems:
            print(f"check_template: ok [{label}]")
        failed |= bool(problems)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
