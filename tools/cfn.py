"""Reading a CloudFormation/SAM template and evaluating the intrinsic functions this project uses."""

import re

import yaml

_FUNCTIONS = ["Ref", "Condition", "Sub", "GetAtt", "If", "Not", "Equals", "And", "Or", "Select",
              "Split", "Join", "FindInMap", "Base64", "GetAZs", "ImportValue", "Contains"]


class _Loader(yaml.SafeLoader):
    pass


def _constructor(name):
    long_name = name if name in ("Ref", "Condition") else "Fn::" + name

    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if long_name == "Fn::GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {long_name: value}

    return construct


for _name in _FUNCTIONS:
    _Loader.add_constructor("!" + _name, _constructor(_name))


def load(path):
    """The template as plain data, short-form tags turned into their long form."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


def dump(template, path):
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(template, handle, sort_keys=False)


NO_VALUE = object()


def parameter_values(template, overrides):
    """Parameter values as sam deploy sets them: defaults, then overrides."""
    values = {}
    for name, definition in (template.get("Parameters") or {}).items():
        if name in overrides:
            values[name] = str(overrides[name])
        elif "Default" in definition:
            values[name] = str(definition["Default"])
        else:
            raise SystemExit(f"parameter {name} has no default; give it a value")
    return values


def rule_refusals(template, parameters):
    """What CloudFormation's Rules refuse for these parameter values: the AssertDescription of each
    assertion that fails in a rule whose RuleCondition holds (CloudFormation refuses the whole
    deployment then)."""
    evaluator = Evaluator(template, parameters)
    refusals = []
    for name, rule in (template.get("Rules") or {}).items():
        if "RuleCondition" in rule and not evaluator.resolve(rule["RuleCondition"]):
            continue
        for assertion in rule.get("Assertions", []):
            if not evaluator.resolve(assertion["Assert"]):
                refusals.append(f"{name}: {assertion.get('AssertDescription', 'assertion failed')}")
    return refusals


class Evaluator:
    """Evaluates Ref, Sub, If, Equals, Not, Select, Split, Join and GetAtt for given parameters."""

    def __init__(self, template, parameters, region="us-east-1", account="123456789012"):
        self.references = dict(parameters)
        self.references.update({"AWS::Region": region, "AWS::AccountId": account,
                                "AWS::Partition": "aws", "AWS::StackName": "stack",
                                "AWS::URLSuffix": "amazonaws.com"})
        for logical_id in (template.get("Resources") or {}):
            self.references.setdefault(logical_id, logical_id)
        self.conditions = template.get("Conditions") or {}

    def resolve(self, node):
        if isinstance(node, dict):
            if len(node) == 1:
                (key, value), = node.items()
                if key == "Ref" or key == "Condition" or key.startswith("Fn::"):
                    return self._function(key, value)
            resolved = {}
            for key, value in node.items():
                value = self.resolve(value)
                if value is not NO_VALUE:
                    resolved[key] = value
            return resolved
        if isinstance(node, list):
            return [v for v in (self.resolve(e) for e in node) if v is not NO_VALUE]
        return node

    def condition(self, name):
        return bool(self.resolve(self.conditions[name]))

    def _function(self, key, value):
        if key == "Ref":
            if value == "AWS::NoValue":
                return NO_VALUE
            return self.references[value]
        if key == "Condition":
            return self.condition(value)
        if key == "Fn::If":
            return self.resolve(value[1] if self.condition(value[0]) else value[2])
        if key == "Fn::Equals":
            return str(self.resolve(value[0])) == str(self.resolve(value[1]))
        if key == "Fn::Not":
            return not self.resolve(value[0])
        if key == "Fn::Contains":
            return str(self.resolve(value[1])) in [str(v) for v in self.resolve(value[0])]
        if key == "Fn::Select":
            return self.resolve(value[1])[int(self.resolve(value[0]))]
        if key == "Fn::Split":
            return str(self.resolve(value[1])).split(value[0])
        if key == "Fn::Join":
            return value[0].join(str(v) for v in self.resolve(value[1]))
        if key == "Fn::GetAtt":
            parts = value if isinstance(value, list) else value.split(".", 1)
            return f"{parts[0]}.{parts[1]}"
        if key == "Fn::Sub":
            text, variables = (value[0], value[1]) if isinstance(value, list) else (value, {})
            variables = {k: self.resolve(v) for k, v in variables.items()}

            def replace(match):
                name = match.group(1)
                if name in variables:
                    return str(variables[name])
                if "." in name:
                    return self.references[name.split(".")[0]] + "." + name.split(".", 1)[1]
                return str(self.references[name])

            return re.sub(r"\$\{([^}!][^}]*)\}", replace, text)
        raise SystemExit(f"cannot evaluate {key}")
