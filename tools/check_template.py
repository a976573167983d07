#!/usr/bin/env python3
"""Expands template.yaml offline with aws-sam-translator, as CloudFormation's SAM transform does,
and checks the resulting CloudFormation for each parameter set given:

- the template's Rules (evaluated here as CloudFormation evaluates them) let each set deploy, and
  refuse each of REFUSED_PARAMETER_SETS (a lock that leaves a guess chance worse than 1 in 1,000);
  the SAM transform keeps them as written;
- with ExistingUserPoolArn empty, one user pool whose LambdaConfig names the five functions (their
  aliases with AutoPublishAlias: the three custom-auth triggers, the token gate as
  PreTokenGeneration and the unlock as PostConfirmation); with it set, no pool at all, and the app
  client on that pool;
- each function's alias has exactly one Lambda permission for Cognito, scoped to the pool's ARN
  (the new pool's, or ExistingUserPoolArn), and the outputs give the five aliases for LambdaConfig;
- cfn-lint finds nothing in the template with these parameter values;
- Create's and Verify's roles (the code emails, the lock notice) may call only ses:SendEmail, only
  on the sender's identity and its domain, plus
  the configuration set only when one is given, and only with ses:FromAddress equal to the sender;
  no IAM statement anywhere has Resource "*", and no role carries a managed policy (SAM's
  AWSLambdaBasicExecutionRole writes logs on "*"): each function's role may only create streams and
  put events in its own log group;
- the app client allows exactly ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH, cannot write email,
  email_verified or any required attribute's verification, and can write every required attribute
  (Cognito refuses a client that cannot);
- the pool lets users sign up only when AllowSelfSignUp is true, holds a changed email until it is
  verified, recovers passwords only as PasswordRecovery says (admin_only or verified_email, never
  Cognito's legacy order), and its DeletionProtection is the parameter's;
- every function logs to its own AWS::Logs::LogGroup that keeps logs LogRetentionDays days;
- DynamoDB (DYNAMODB_GRANTS): each function may call only the actions it needs on the tables it
  uses (Create: the budget table and a read of the lock table; Verify: the pass table and the lock
  table; the token gate: the pass table; the unlock: a delete in the lock table); no other role
  touches DynamoDB;
- trusted devices: with TrustedDeviceDays 0 no device table and no device grants; otherwise the
  table (TTL on expiresAt), Create's GetItem, Verify's PutItem/Query/DeleteItem/UpdateItem and the
  Post Confirmation's Query/DeleteItem on it only, as separate role policies held to the same rules.

usage: python3 tools/check_template.py [--template template.yaml]
"""

import argparse
import copy
import os
import pathlib
import subprocess
import sys
import tempfile

# The translator reads the region for its pseudo parameters from the environment (no AWS call).
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform

import cfn

TRIGGERS = {"DefineAuthChallenge": "DefineAuthChallenge", "CreateAuthChallenge": "CreateAuthChallenge",
            "VerifyAuthChallengeResponse": "VerifyAuthChallenge", "PreTokenGeneration": "TokenGate",
            "PostConfirmation": "PostConfirmation"}
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


EXISTING_POOL_ARN = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{REGION}_AbCdEf123"
PARAMETER_SETS = (
    {"EmailSender": "no-reply@example.com"},
    {"EmailSender": "otp@mail.example.org", "SesConfigurationSet": "otp-events"},
    {"EmailSender": "no-reply@example.com", "ExistingUserPoolArn": EXISTING_POOL_ARN},
    {"EmailSender": "otp@mail.example.org", "SesConfigurationSet": "otp-events",
     "ExistingUserPoolArn": EXISTING_POOL_ARN},
    {"EmailSender": "otp@example.net", "AllowSelfSignUp": "true", "DeletionProtection": "ACTIVE",
     "UserPoolTier": "ESSENTIALS", "LogRetentionDays": "30", "RefreshTokenValidity": "1"},
    {"EmailSender": "no-reply@example.com", "AlarmEmail": "ops@example.com",
     "MetricsNamespace": "Acme/SignIn", "SignInsFailedAlarmThreshold": "100"},
    {"EmailSender": "no-reply@example.com", "PasswordRecovery": "email"},
    {"EmailSender": "no-reply@example.com", "PasswordRecovery": "admin-only"},
    {"EmailSender": "no-reply@example.com", "ExistingUserPoolArn": EXISTING_POOL_ARN,
     "UngatedClientIds": "1example2admin3client4id,5other6client7id"},
    {"EmailSender": "no-reply@example.com", "CodeLength": "4", "MaxConsecutiveWrongCodes": "10"},
    {"EmailSender": "no-reply@example.com", "CodeLength": "5", "MaxConsecutiveWrongCodes": "100"},
    {"EmailSender": "no-reply@example.com", "TrustedDeviceDays": "30"},
    {"EmailSender": "no-reply@example.com", "ExistingUserPoolArn": EXISTING_POOL_ARN,
     "TrustedDeviceDays": "365"},
)

# Sets CloudFormation must refuse before creating anything, by the template's Rules: a password
# holder's chance to guess a code before the lock would be worse than 1 in 1,000.
REFUSED_PARAMETER_SETS = (
    {"EmailSender": "no-reply@example.com", "CodeLength": "4", "MaxConsecutiveWrongCodes": "11"},
    {"EmailSender": "no-reply@example.com", "CodeLength": "4", "MaxConsecutiveWrongCodes": "100"},
)

# The functions that send email, and why: Create the codes, Verify the one lock notice.
SES_SENDERS = ("CreateAuthChallenge", "VerifyAuthChallenge")


def deployed(expanded, evaluator):
    """The resources CloudFormation creates: those whose Condition holds."""
    return {k: v for k, v in expanded["Resources"].items()
            if "Condition" not in v or evaluator.condition(v["Condition"])}


def check_pool_and_triggers(expanded, evaluator, parameters, resources):
    """The pool (or its absence), the client's pool, each alias's Cognito permission, the outputs."""
    problems = []
    existing = parameters.get("ExistingUserPoolArn", "")
    pools = {k: v for k, v in resources.items() if v["Type"] == "AWS::Cognito::UserPool"}
    if existing:
        if pools:
            problems.append(f"ExistingUserPoolArn is set, yet the stack creates the pool(s) {sorted(pools)}")
        pool_arn, pool_id = existing, existing.split("/", 1)[1]
    else:
        if len(pools) != 1:
            return [f"expected one user pool, found {len(pools)}"]
        pool_ref, pool = next(iter(pools.items()))
        pool_arn, pool_id = f"{pool_ref}.Arn", pool_ref
        config = pool["Properties"].get("LambdaConfig", {})
        for trigger, function in TRIGGERS.items():
            target = config.get(trigger)
            if target != {"Ref": f"{function}Aliaslive"}:
                problems.append(f"LambdaConfig.{trigger} is {target}, not the {function} function's alias")

    for logical_id, client in resources.items():
        if client["Type"] == "AWS::Cognito::UserPoolClient":
            on = evaluator.resolve(client["Properties"].get("UserPoolId"))
            if on != pool_id:
                problems.append(f"{logical_id} is on the pool {on}, not {pool_id}")

    permissions = {k: v["Properties"] for k, v in resources.items()
                   if v["Type"] == "AWS::Lambda::Permission"
                   and v["Properties"].get("Principal") == "cognito-idp.amazonaws.com"}
    for logical_id, properties in permissions.items():
        source = evaluator.resolve(properties.get("SourceArn"))
        if source != pool_arn:
            problems.append(f"{logical_id} lets Cognito invoke without SourceArn = the pool's ARN "
                            f"(it is {source}, expected {pool_arn})")
    outputs = expanded.get("Outputs", {})
    for trigger, function in TRIGGERS.items():
        alias = {"Ref": f"{function}Aliaslive"}
        granted = [k for k, p in permissions.items() if p.get("FunctionName") == alias]
        if len(granted) != 1:
            problems.append(f"{function}'s alias has {len(granted)} Cognito permissions, expected one")
        if outputs.get(f"{trigger}Arn", {}).get("Value") != alias:
            problems.append(f"output {trigger}Arn is not the {function} function's alias")
    if evaluator.resolve(outputs.get("UserPoolId", {}).get("Value")) != pool_id:
        problems.append(f"output UserPoolId is not {pool_id}")
    return problems


def lint(template, parameters):
    """cfn-lint on the template with these values as the parameters' defaults (so it resolves them)."""
    linted = copy.deepcopy(template)
    for name, value in parameters.items():
        definition = linted["Parameters"][name]
        # A Number's AllowedValues are numbers in the template; so must its Default be.
        numbers = definition.get("Type") == "Number" and all(
            isinstance(v, int) for v in definition.get("AllowedValues", [0]))
        definition["Default"] = int(value) if numbers and value.lstrip("-").isdigit() else value
    with tempfile.TemporaryDirectory(prefix="check-template-") as directory:
        path = pathlib.Path(directory) / "template.yaml"
        cfn.dump(linted, path)
        try:
            result = subprocess.run(["cfn-lint", str(path)], capture_output=True, text=True)
        except FileNotFoundError:
            return ["cfn-lint is not on PATH (pip install cfn-lint)"]
    if result.returncode != 0:
        return [f"cfn-lint: {line}" for line in (result.stdout + result.stderr).strip().splitlines() if line]
    return []


def check(template, overrides, run_lint=True):
    parameters = cfn.parameter_values(template, overrides)
    problems = [f"the Rules refuse these values: {r}" for r in cfn.rule_refusals(template, parameters)]
    problems += lint(template, parameters) if run_lint else []
    expanded = expand(template, parameters)
    if expanded.get("Rules") != template.get("Rules"):
        problems.append("the SAM transform did not keep the template's Rules as written")
    evaluator = cfn.Evaluator(expanded, parameters, REGION, ACCOUNT)
    resources = deployed(expanded, evaluator)
    problems += check_pool_and_triggers(expanded, evaluator, parameters, resources)

    sender = parameters["EmailSender"]
    expected = {f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{sender}",
                f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{sender.split('@', 1)[1]}"}
    if parameters.get("SesConfigurationSet"):
        expected.add(f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/{parameters['SesConfigurationSet']}")
    ses_statements = 0
    for logical_id, role in ((k, v) for k, v in resources.items() if v["Type"] == "AWS::IAM::Role"):
        for policy in role["Properties"].get("Policies", []):
            for statement in evaluator.resolve(policy["PolicyDocument"]).get("Statement", []):
                actions = statement.get("Action", [])
                actions = [actions] if isinstance(actions, str) else actions
                targets = statement.get("Resource", [])
                targets = [targets] if isinstance(targets, str) else targets
                if "*" in targets:
                    problems.append(f"{logical_id} has a statement on Resource '*': {statement}")
                if any(a.startswith("dynamodb:") for a in actions):
                    problems += dynamodb_statement_problems(logical_id, actions, targets)
                if any(a.startswith("ses:") for a in actions):
                    ses_statements += 1
                    if actions != ["ses:SendEmail"]:
                        problems.append(f"{logical_id} may call {actions}; it needs only ses:SendEmail")
                    if set(targets) != expected:
                        problems.append(f"{logical_id}'s SES statement is on {sorted(targets)}, "
                                        f"expected {sorted(expected)}")
                    condition = statement.get("Condition", {})
                    if condition != {"StringEquals": {"ses:FromAddress": sender}}:
                        problems.append(f"{logical_id}'s SES statement has the condition {condition}, not "
                                        f"ses:FromAddress = {sender}: the domain identity would let it "
                                        f"send as any address of the domain")
                    if not logical_id.startswith(tuple(f + "Role" for f in SES_SENDERS)):
                        problems.append(f"{logical_id} may send email; only {' and '.join(SES_SENDERS)} may")
    if ses_statements != len(SES_SENDERS):
        problems.append(f"expected {len(SES_SENDERS)} SES statements (one each for {SES_SENDERS}), "
                        f"found {ses_statements}")

    pools = {k: v for k, v in resources.items() if v["Type"] == "AWS::Cognito::UserPool"}
    pool_id = next(iter(pools), None)
    # An existing pool's schema is not in the template: its required attributes are its owner's.
    pool_properties = evaluator.resolve(pools[pool_id]["Properties"]) if pool_id else {}
    for logical_id, client in ((k, v) for k, v in resources.items() if v["Type"] == "AWS::Cognito::UserPoolClient"):
        flows = sorted(client["Properties"].get("ExplicitAuthFlows", []))
        if flows != ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]:
            problems.append(f"{logical_id} allows {flows}: any flow but the custom one skips the emailed code")
        problems += client_attribute_problems(logical_id, evaluator.resolve(client["Properties"]),
                                              pool_properties)

    if pool_id is not None:
        problems += pool_rule_problems(pool_id, pool_properties, parameters)

    log_groups = {k: v for k, v in resources.items() if v["Type"] == "AWS::Logs::LogGroup"}
    for logical_id, function in ((k, v) for k, v in resources.items() if v["Type"] == "AWS::Lambda::Function"):
        group = function["Properties"].get("LoggingConfig", {}).get("LogGroup")
        name = group.get("Ref") if isinstance(group, dict) else None
        if name not in log_groups:
            problems.append(f"{logical_id} logs to {group}, not to a log group of the template: "
                            f"Lambda's own group keeps logs forever")
            continue
        retention = str(evaluator.resolve(log_groups[name]["Properties"].get("RetentionInDays")))
        if retention != parameters.get("LogRetentionDays"):
            problems.append(f"{name} keeps logs {retention} days, not LogRetentionDays")
        problems += log_permission_problems(logical_id, function, name, resources, evaluator)
    problems += role_policy_problems(resources, evaluator)
    problems += trusted_device_problems(resources, parameters)
    for logical_id, role in ((k, v) for k, v in resources.items() if v["Type"] == "AWS::IAM::Role"):
        for managed in role["Properties"].get("ManagedPolicyArns", []):
            problems.append(f"{logical_id} has the managed policy {managed}: AWSLambdaBasicExecutionRole "
                            f"writes logs on Resource '*'; a function's role may write its own log group only")
    return problems


def log_permission_problems(logical_id, function, group, resources, evaluator):
    """The function's role may create streams and put events in its own log group, and no other."""
    role = function["Properties"].get("Role")
    role_id = role.get("Fn::GetAtt", [None])[0] if isinstance(role, dict) else None
    if role_id not in resources or resources[role_id]["Type"] != "AWS::IAM::Role":
        return [f"{logical_id}'s role is {role}, not a role of the template"]
    name = evaluator.resolve({"Ref": group})
    prefix = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{name}"
    own = {prefix, prefix + ":log-stream:*"}
    problems = []
    granted = set()
    for policy in resources[role_id]["Properties"].get("Policies", []):
        for statement in evaluator.resolve(policy["PolicyDocument"]).get("Statement", []):
            actions = statement.get("Action", [])
            actions = [actions] if isinstance(actions, str) else actions
            targets = statement.get("Resource", [])
            targets = [targets] if isinstance(targets, str) else targets
            if any(a.startswith("logs:") for a in actions):
                if sorted(actions) != ["logs:CreateLogStream", "logs:PutLogEvents"] or not set(targets) <= own:
                    problems.append(f"{role_id} may {actions} on {targets}: only logs:CreateLogStream and "
                                    f"logs:PutLogEvents on {sorted(own)}")
                granted |= set(targets)
    if granted != own:
        problems.append(f"{role_id} may not write to {sorted(own - granted)}: {logical_id}'s logs would be lost")
    return problems


# Each function's DynamoDB statements: the actions it needs on each table it may touch.
DYNAMODB_GRANTS = {
    "CreateAuthChallenge": {"CodeEmailBudgetTable.Arn": ["dynamodb:UpdateItem", "dynamodb:GetItem"],
                            "UserLockTable.Arn": ["dynamodb:GetItem"],
                            "TrustedDeviceTable.Arn": ["dynamodb:GetItem"]},
    "VerifyAuthChallenge": {"SecondFactorPassTable.Arn": ["dynamodb:UpdateItem", "dynamodb:GetItem"],
                            "UserLockTable.Arn": ["dynamodb:UpdateItem", "dynamodb:GetItem",
                                                  "dynamodb:DeleteItem"],
                            "TrustedDeviceTable.Arn": ["dynamodb:PutItem", "dynamodb:Query",
                                                       "dynamodb:DeleteItem", "dynamodb:UpdateItem"]},
    "TokenGate": {"SecondFactorPassTable.Arn": ["dynamodb:UpdateItem", "dynamodb:GetItem"]},
    "PostConfirmation": {"UserLockTable.Arn": ["dynamodb:DeleteItem"],
                         "TrustedDeviceTable.Arn": ["dynamodb:Query", "dynamodb:DeleteItem"]},
}


def dynamodb_statement_problems(role, actions, targets):
    """A DynamoDB statement names one of its function's tables, and only the actions the function
    needs on that table."""
    for function, grants in DYNAMODB_GRANTS.items():
        if role.startswith(function + "Role"):
            if len(targets) != 1 or targets[0] not in grants:
                return [f"{role}'s DynamoDB statement is on {targets}, expected one of {sorted(grants)}"]
            allowed = grants[targets[0]]
            if actions != allowed:
                return [f"{role} may call {actions} on {targets[0]}; {function} needs only {allowed}"]
            return []
    return [f"{role} may call DynamoDB ({actions}); only {', '.join(DYNAMODB_GRANTS)} may"]


def role_policy_problems(resources, evaluator):
    """A separate AWS::IAM::RolePolicy (the trusted-device grants) is held to the roles' rules: on a
    role of the template, no Resource '*', DynamoDB only as DYNAMODB_GRANTS says, nothing else."""
    problems = []
    for logical_id, policy in ((k, v) for k, v in resources.items() if v["Type"] == "AWS::IAM::RolePolicy"):
        role = policy["Properties"].get("RoleName")
        role_id = role.get("Ref") if isinstance(role, dict) else None
        if role_id not in resources or resources[role_id]["Type"] != "AWS::IAM::Role":
            problems.append(f"{logical_id} is on {role}, not a role of the template")
            continue
        for statement in evaluator.resolve(policy["Properties"]["PolicyDocument"]).get("Statement", []):
            actions = statement.get("Action", [])
            actions = [actions] if isinstance(actions, str) else actions
            targets = statement.get("Resource", [])
            targets = [targets] if isinstance(targets, str) else targets
            if "*" in targets:
                problems.append(f"{logical_id} has a statement on Resource '*': {statement}")
            if all(a.startswith("dynamodb:") for a in actions):
                problems += dynamodb_statement_problems(role_id, actions, targets)
            else:
                problems.append(f"{logical_id} grants {actions}; a separate role policy may only grant DynamoDB")
    return problems


def trusted_device_problems(resources, parameters):
    """TrustedDeviceDays 0: no device table and no device grants; otherwise the table with TTL on
    expiresAt and both functions' grants."""
    on = str(parameters.get("TrustedDeviceDays", "0")) != "0"
    expected = ("TrustedDeviceTable", "CreateAuthChallengeTrustedDevicePolicy",
                "VerifyAuthChallengeTrustedDevicePolicy", "PostConfirmationTrustedDevicePolicy")
    present = {k for k in expected if k in resources}
    if not on:
        return [f"TrustedDeviceDays is 0, yet the stack creates {sorted(present)}"] if present else []
    problems = [f"TrustedDeviceDays is {parameters['TrustedDeviceDays']}, yet {missing} is missing"
                for missing in expected if missing not in present]
    if "TrustedDeviceTable" in present:
        ttl = resources["TrustedDeviceTable"]["Properties"].get("TimeToLiveSpecification", {})
        if ttl != {"AttributeName": "expiresAt", "Enabled": True}:
            problems.append(f"TrustedDeviceTable's TTL is {ttl}, not expiresAt")
    return problems


def pool_rule_problems(pool_id, pool_properties, parameters):
    """A new pool: admin-only unless AllowSelfSignUp, email held until verified, the recovery
    PasswordRecovery names, DeletionProtection and UserPoolTier from their parameters (LITE unless
    given)."""
    problems = []
    admin_only = pool_properties.get("AdminCreateUserConfig", {}).get("AllowAdminCreateUserOnly", False)
    self_sign_up = parameters.get("AllowSelfSignUp", "(no such parameter)")
    if admin_only != (self_sign_up != "true"):
        problems.append(f"{pool_id} has AllowAdminCreateUserOnly {admin_only} with AllowSelfSignUp={self_sign_up}: "
                        f"strangers can sign up unless the parameter says so")
    held = pool_properties.get("UserAttributeUpdateSettings", {}).get("AttributesRequireVerificationBeforeUpdate", [])
    if "email" not in held:
        problems.append(f"{pool_id} changes a user's email before the new address is verified")
    recovery = pool_properties.get("AccountRecoverySetting", {}).get("RecoveryMechanisms", [])
    wanted = {"email": "verified_email", "admin-only": "admin_only"}.get(parameters.get("PasswordRecovery", "admin-only"))
    if recovery != [{"Name": wanted, "Priority": 1}]:
        problems.append(f"{pool_id} has RecoveryMechanisms {recovery}, not only {wanted} as PasswordRecovery says "
                        f"(without it Cognito's legacy recovery applies)")
    if pool_properties.get("DeletionProtection") != parameters.get("DeletionProtection", "(no such parameter)"):
        problems.append(f"{pool_id} has DeletionProtection {pool_properties.get('DeletionProtection')}, "
                        f"not the DeletionProtection parameter's")
    if pool_properties.get("UserPoolTier") != parameters.get("UserPoolTier", "LITE"):
        problems.append(f"{pool_id} is on the plan {pool_properties.get('UserPoolTier')}, "
                        f"not the UserPoolTier parameter's {parameters.get('UserPoolTier', 'LITE')}")
    return problems


# Attributes no app client may write (Cognito refuses them in WriteAttributes) or that move the factor.
NEVER_WRITABLE = {"email", "email_verified", "phone_number_verified", "sub"}


def client_attribute_problems(logical_id, client, pool):
    problems = []
    if "WriteAttributes" not in client or "ReadAttributes" not in client:
        return [f"{logical_id} leaves ReadAttributes/WriteAttributes to Cognito's default, which lets the "
                f"app write email with an access token"]
    writable = set(client["WriteAttributes"])
    for attribute in sorted(writable & NEVER_WRITABLE):
        problems.append(f"{logical_id} lets the app write {attribute}: an access token could move the second factor")
    required = {a["Name"] for a in pool.get("Schema", []) if a.get("Required")}
    for attribute in sorted(required - writable):
        problems.append(f"{logical_id} cannot write the required attribute {attribute}: Cognito refuses such a "
                        f"client (Invalid write attributes specified while creating a client)")
    unreadable = writable - set(client["ReadAttributes"])
    if unreadable:
        problems.append(f"{logical_id} may write {sorted(unreadable)} but not read them")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="template.yaml")
    parser.add_argument("--no-lint", action="store_true", help="skip cfn-lint (the self-test's sabotages)")
    arguments = parser.parse_args()
    template = cfn.load(arguments.template)
    failed = False
    for overrides in PARAMETER_SETS:
        problems = check(template, overrides, run_lint=not arguments.no_lint)
        label = " ".join(f"{k}={v}" for k, v in overrides.items())
        for problem in problems:
            print(f"check_template: FAIL [{label}] {problem}", file=sys.stderr)
        if not problems:
            print(f"check_template: ok [{label}]")
        failed |= bool(problems)
    for overrides in REFUSED_PARAMETER_SETS:
        label = " ".join(f"{k}={v}" for k, v in overrides.items())
        refusals = cfn.rule_refusals(template, cfn.parameter_values(template, overrides))
        if refusals:
            print(f"check_template: ok, refused [{label}] {refusals[0]}")
        else:
            print(f"check_template: FAIL [{label}] the Rules let these values deploy", file=sys.stderr)
            failed = True
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
