package io.github.cognitoemailotp.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsic functions this project's template uses (Ref, Sub, If, Equals, Not,
 * Select, Split, Join, GetAtt) with the deployed parameter values, as CloudFormation would.
 */
final class Intrinsics {

  /** What {@code Ref: AWS::NoValue} leaves: the property disappears. */
  static final Object NO_VALUE = new Object();

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, String> references;
  private final Map<String, Object> conditions;

  Intrinsics(Map<String, String> references, Map<String, Object> conditions) {
    this.references = references;
    this.conditions = conditions;
  }

  Object resolve(Object node) {
    if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String key = String.valueOf(only.getKey());
        if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
          return function(key, only.getValue());
        }
      }
      Map<String, Object> resolved = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object value = resolve(entry.getValue());
        if (value != NO_VALUE) {
          resolved.put(String.valueOf(entry.getKey()), value);
        }
      }
      return resolved;
    }
    if (node instanceof List<?> list) {
      List<Object> resolved = new ArrayList<>();
      for (Object element : list) {
        Object value = resolve(element);
        if (value != NO_VALUE) {
          resolved.add(value);
        }
      }
      return resolved;
    }
    return node;
  }

  private Object function(String name, Object argument) {
    return switch (name) {
      case "Ref" -> reference(String.valueOf(argument));
      case "Condition" -> condition(String.valueOf(argument));
      case "Fn::Sub" -> substitute(argument);
      case "Fn::If" -> {
        List<?> parts = list(argument, 3, name);
        yield condition(String.valueOf(parts.get(0)))
            ? resolve(parts.get(1))
            : resolve(parts.get(2));
      }
      case "Fn::Equals" -> {
        List<?> parts = list(argument, 2, name);
        yield String.valueOf(resolve(parts.get(0))).equals(String.valueOf(resolve(parts.get(1))));
      }
      case "Fn::Not" -> !truth(list(argument, 1, name).get(0));
      case "Fn::Contains" -> {
        List<?> parts = list(argument, 2, name);
        String value = String.valueOf(resolve(parts.get(1)));
        boolean found = false;
        for (Object candidate : (List<?>) resolve(parts.get(0))) {
          found |= String.valueOf(candidate).equals(value);
        }
        yield found;
      }
      case "Fn::Select" -> {
        List<?> parts = list(argument, 2, name);
        int index = Integer.parseInt(String.valueOf(resolve(parts.get(0))));
        List<?> values = (List<?>) resolve(parts.get(1));
        if (index < 0 || index >= values.size()) {
          throw new TemplateException("Fn::Select index " + index + " is outside " + values);
        }
        yield values.get(index);
      }
      case "Fn::Split" -> {
        List<?> parts = list(argument, 2, name);
        yield List.of(
            String.valueOf(resolve(parts.get(1)))
                .split(Pattern.quote(String.valueOf(parts.get(0))), -1));
      }
      case "Fn::Join" -> {
        List<?> parts = list(argument, 2, name);
        List<String> values = new ArrayList<>();
        for (Object value : (List<?>) resolve(parts.get(1))) {
          values.add(String.valueOf(value));
        }
        yield String.join(String.valueOf(parts.get(0)), values);
      }
      case "Fn::GetAtt" -> {
        List<?> parts = list(argument, 2, name);
        yield parts.get(0) + "." + parts.get(1);
      }
      default -> throw new TemplateException("the local stack does not evaluate " + name);
    };
  }

  private boolean truth(Object node) {
    Object value = resolve(node);
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new TemplateException("expected a condition, found " + value);
  }

  boolean condition(String name) {
    if (!conditions.containsKey(name)) {
      throw new TemplateException("the template has no condition " + name);
    }
    return truth(conditions.get(name));
  }

  private Object reference(String name) {
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    String value = references.get(name);
    if (value == null && name.endsWith(".Alias") && references.containsKey(name.split("\\.")[0])) {
      // SAM's reference to the alias AutoPublishAlias makes: it names the function's alias.
      value = name;
    }
    if (value == null) {
      throw new TemplateException(
          "Ref to " + name + ", which is neither a parameter nor a resource");
    }
    return value;
  }

  private String substitute(Object argument) {
    String text;
    Map<String, Object> variables = new LinkedHashMap<>();
    if (argument instanceof List<?> parts) {
      text = String.valueOf(parts.get(0));
      if (parts.size() > 1 && parts.get(1) instanceof Map<?, ?> map) {
        map.forEach((key, value) -> variables.put(String.valueOf(key), resolve(value)));
      }
    } else {
      text = String.valueOf(argument);
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      Object value =
          variables.containsKey(name) ? variables.get(name) : reference(name.split("\\.")[0]);
      matcher.appendReplacement(result, Matcher.quoteReplacement(String.valueOf(value)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static List<?> list(Object argument, int size, String name) {
    if (!(argument instanceof List<?> list) || list.size() != size) {
      throw new TemplateException(name + " needs a list of " + size + " values, not " + argument);
    }
    return list;
  }
}
