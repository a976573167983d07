package io.github.cognitoemailotp.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the local stack takes from template.yaml, with parameters set the way {@code sam deploy
 * --parameter-overrides Name=value ...} sets them: defaults, overrides, and CloudFormation's checks
 * (AllowedValues, AllowedPattern, MinValue, MaxValue). No second copy of the configuration: the
 * pool, the client and the functions come from the template alone.
 *
 * @param parameters every parameter's value
 * @param pool the user pool the stack creates; for an existing pool (ExistingUserPoolArn set), the
 *     settings of a pool made elsewhere with Cognito's defaults
 * @param client the app client
 * @param functions the functions attached to Cognito triggers, by the pool's {@code LambdaConfig}
 *     or, for an existing pool, by the outputs its owner copies into the pool's {@code
 *     LambdaConfig}
 * @param existingUserPoolArn the ExistingUserPoolArn parameter; empty when the stack creates the
 *     pool
 */
public record StackTemplate(
    Map<String, String> parameters,
    PoolSettings pool,
    ClientSettings client,
    List<FunctionSettings> functions,
    String existingUserPoolArn) {

  /** A stack that creates its own pool. */
  public StackTemplate(
      Map<String, String> parameters,
      PoolSettings pool,
      ClientSettings client,
      List<FunctionSettings> functions) {
    this(parameters, pool, client, functions, "");
  }

  /**
   * The triggers a pool's LambdaConfig names, as the template's outputs are named ({@code
   * <Trigger>Arn}).
   */
  static final List<String> TRIGGERS =
      List.of(
          "DefineAuthChallenge",
          "CreateAuthChallenge",
          "VerifyAuthChallengeResponse",
          "PreTokenGeneration",
          "PostConfirmation");

  /** Reads the template with these overrides for region {@code region}. */
  public static StackTemplate load(
      Path templateYaml, Map<String, String> overrides, String region) {
    String text;
    try {
      text = Files.readString(templateYaml);
    } catch (IOException e) {
      throw new TemplateException(
          "cannot read the template " + templateYaml + ": " + e.getMessage());
    }
    Map<String, Object> template = CloudFormationYaml.read(text);
    Map<String, String> parameters = parameters(section(template, "Parameters"), overrides);
    Map<String, Object> resources = section(template, "Resources");
    Map<String, String> references = new HashMap<>(parameters);
    references.put("AWS::Region", region);
    references.put("AWS::AccountId", "000000000000");
    references.put("AWS::Partition", "aws");
    references.put("AWS::StackName", "local");
    references.put("AWS::URLSuffix", "amazonaws.com");
    resources.keySet().forEach(logicalId -> references.put(logicalId, logicalId));
    Intrinsics intrinsics = new Intrinsics(references, section(template, "Conditions"));
    refuseByRules(section(template, "Rules"), intrinsics);
    String existingUserPoolArn = parameters.getOrDefault("ExistingUserPoolArn", "");

    Map<String, Object> globals =
        properties(section(section(template, "Globals"), "Function"), intrinsics);
    PoolSettings pool = null;
    Map<String, Object> clientProperties = null;
    Map<String, String> triggersByFunction = new HashMap<>();
    Map<String, Map<String, Object>> functionProperties = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : resources.entrySet()) {
      Map<String, Object> resource = map(entry.getValue(), entry.getKey());
      if (resource.get("Condition") instanceof String condition
          && !intrinsics.condition(condition)) {
        continue;
      }
      String type = String.valueOf(resource.get("Type"));
      Map<String, Object> properties =
          properties(
              map(resource.getOrDefault("Properties", Map.of()), entry.getKey()), intrinsics);
      switch (type) {
        case "AWS::Cognito::UserPool" -> {
          pool = pool(properties);
          Map<String, Object> lambdaConfig =
              map(properties.getOrDefault("LambdaConfig", Map.of()), "LambdaConfig");
          for (String trigger : TRIGGERS) {
            if (lambdaConfig.get(trigger) != null) {
              triggersByFunction.put(functionOf(lambdaConfig.get(trigger)), trigger);
            }
          }
        }
        case "AWS::Cognito::UserPoolClient" -> clientProperties = properties;
        case "AWS::Serverless::Function" -> functionProperties.put(entry.getKey(), properties);
        default -> {}
      }
    }
    if (!existingUserPoolArn.isEmpty()) {
      if (pool != null) {
        throw new TemplateException(
            "ExistingUserPoolArn is set, yet the template creates a user pool");
      }
      // Made elsewhere with Cognito's defaults: what the template's reader assumes for every
      // property a pool leaves out.
      pool = pool(Map.of());
      Map<String, Object> outputs = section(template, "Outputs");
      for (String trigger : TRIGGERS) {
        Object output = outputs.get(trigger + "Arn");
        if (output != null) {
          triggersByFunction.put(
              functionOf(intrinsics.resolve(map(output, trigger + "Arn").get("Value"))), trigger);
        }
      }
    }
    if (pool == null || clientProperties == null) {
      throw new TemplateException(
          "the template needs an AWS::Cognito::UserPool (or ExistingUserPoolArn) and an"
              + " AWS::Cognito::UserPoolClient");
    }
    ClientSettings client = client(clientProperties, pool);
    List<FunctionSettings> functions = new ArrayList<>();
    functionProperties.forEach(
        (logicalId, properties) -> {
          String trigger = triggersByFunction.get(logicalId);
          if (trigger != null) {
            functions.add(function(logicalId, globals, properties, trigger));
          }
        });
    return new StackTemplate(
        Map.copyOf(parameters), pool, client, List.copyOf(functions), existingUserPoolArn);
  }

  /**
   * The logical ids of the template's resources whose {@code Condition} is false with these
   * overrides: CloudFormation would not create them (the trusted-device table when {@code
   * TrustedDeviceDays} is 0), so neither does the local stack.
   */
  public static java.util.Set<String> resourcesNotCreated(
      Path templateYaml, Map<String, String> overrides, String region) {
    String text;
    try {
      text = Files.readString(templateYaml);
    } catch (IOException e) {
      throw new TemplateException(
          "cannot read the template " + templateYaml + ": " + e.getMessage());
    }
    Map<String, Object> template = CloudFormationYaml.read(text);
    Map<String, String> references =
        new HashMap<>(parameters(section(template, "Parameters"), overrides));
    references.put("AWS::Region", region);
    references.put("AWS::AccountId", "000000000000");
    references.put("AWS::Partition", "aws");
    references.put("AWS::StackName", "local");
    references.put("AWS::URLSuffix", "amazonaws.com");
    Map<String, Object> resources = section(template, "Resources");
    resources.keySet().forEach(logicalId -> references.put(logicalId, logicalId));
    Intrinsics intrinsics = new Intrinsics(references, section(template, "Conditions"));
    java.util.Set<String> off = new java.util.TreeSet<>();
    resources.forEach(
        (logicalId, resource) -> {
          if (map(resource, logicalId).get("Condition") instanceof String condition
              && !intrinsics.condition(condition)) {
            off.add(logicalId);
          }
        });
    return off;
  }

  /**
   * The function a LambdaConfig value names: {@code !Ref Fn.Alias}, {@code !Ref Fn} or {@code
   * !GetAtt Fn.Arn} all resolve here to a name that starts with the function's logical id.
   */
  private static String functionOf(Object reference) {
    String name = String.valueOf(reference);
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /**
   * Refuses the deployment as CloudFormation does when a rule's condition holds and one of its
   * assertions does not, with that assertion's description (CloudFormation's Rules; the template's
   * refuses a lock that leaves a guess chance worse than 1 in 1,000).
   */
  private static void refuseByRules(Map<String, Object> rules, Intrinsics intrinsics) {
    for (Map.Entry<String, Object> entry : rules.entrySet()) {
      Map<String, Object> rule = map(entry.getValue(), entry.getKey());
      if (rule.containsKey("RuleCondition")
          && !truth(intrinsics.resolve(rule.get("RuleCondition")))) {
        continue;
      }
      for (Object item : (List<?>) rule.getOrDefault("Assertions", List.of())) {
        Map<String, Object> assertion = map(item, entry.getKey() + " assertion");
        if (!truth(intrinsics.resolve(assertion.get("Assert")))) {
          throw new TemplateException(
              "the template's rule "
                  + entry.getKey()
                  + " refuses these parameter values: "
                  + String.valueOf(assertion.getOrDefault("AssertDescription", "")).strip());
        }
      }
    }
  }

  private static boolean truth(Object value) {
    return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
  }

  /** The same stack with every function's timeout set to {@code seconds}; 0 changes nothing. */
  public StackTemplate withTriggerTimeout(int seconds) {
    if (seconds <= 0) {
      return this;
    }
    List<FunctionSettings> changed = new ArrayList<>();
    for (FunctionSettings f : functions) {
      changed.add(
          new FunctionSettings(
              f.logicalId(),
              f.codeUri(),
              f.handler(),
              f.environment(),
              seconds,
              f.memorySize(),
              f.cognitoTrigger(),
              f.logFormat()));
    }
    return new StackTemplate(parameters, pool, client, List.copyOf(changed), existingUserPoolArn);
  }

  /** The function attached to a Cognito trigger ({@code DefineAuthChallenge}, ...). */
  public Optional<FunctionSettings> function(String cognitoTrigger) {
    return functions.stream().filter(f -> f.cognitoTrigger().equals(cognitoTrigger)).findFirst();
  }

  /** Parses {@code Name=value} pairs as sam deploy's --parameter-overrides does. */
  public static Map<String, String> parseOverrides(List<String> pairs) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String pair : pairs) {
      for (String part : pair.trim().split("\\s+")) {
        if (part.isEmpty()) {
          continue;
        }
        int equals = part.indexOf('=');
        if (equals <= 0) {
          throw new TemplateException("parameter override '" + part + "' is not Name=value");
        }
        String name = part.substring(0, equals);
        if (name.startsWith("ParameterKey")) {
          throw new TemplateException("use Name=value, as in EmailSender=no-reply@example.com");
        }
        overrides.put(name, part.substring(equals + 1));
      }
    }
    return overrides;
  }

  private static Map<String, String> parameters(
      Map<String, Object> declared, Map<String, String> overrides) {
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        throw new TemplateException(
            "the template has no parameter " + name + "; it has " + declared.keySet());
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : declared.entrySet()) {
      String name = entry.getKey();
      Map<String, Object> definition = map(entry.getValue(), name);
      String value =
          overrides.containsKey(name)
              ? overrides.get(name)
              : definition.containsKey("Default")
                  ? String.valueOf(definition.get("Default"))
                  : null;
      if (value == null) {
        throw new TemplateException(
            "parameter " + name + " has no default; pass --parameter-overrides " + name + "=...");
      }
      check(name, value, definition);
      values.put(name, value);
    }
    return values;
  }

  private static void check(String name, String value, Map<String, Object> definition) {
    if ("Number".equals(definition.get("Type"))) {
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new TemplateException("parameter " + name + " must be a number, not '" + value + "'");
      }
      if (definition.containsKey("MinValue")
          && number < ((Number) definition.get("MinValue")).doubleValue()) {
        throw new TemplateException(
            "parameter "
                + name
                + " is "
                + value
                + "; its MinValue is "
                + definition.get("MinValue"));
      }
      if (definition.containsKey("MaxValue")
          && number > ((Number) definition.get("MaxValue")).doubleValue()) {
        throw new TemplateException(
            "parameter "
                + name
                + " is "
                + value
                + "; its MaxValue is "
                + definition.get("MaxValue"));
      }
    }
    if (definition.get("AllowedValues") instanceof List<?> allowed
        && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
      throw new TemplateException(
          "parameter " + name + " is '" + value + "'; allowed values are " + allowed);
    }
    if (definition.get("AllowedPattern") instanceof String pattern
        && !Pattern.compile(pattern).matcher(value).matches()) {
      throw new TemplateException(
          "parameter "
              + name
              + " is '"
              + value
              + "': "
              + definition.getOrDefault("ConstraintDescription", "it does not match " + pattern));
    }
  }

  private static PoolSettings pool(Map<String, Object> properties) {
    List<String> usernameAttributes = strings(properties.get("UsernameAttributes"));
    Map<String, Object> policy =
        map(
            map(properties.getOrDefault("Policies", Map.of()), "Policies")
                .getOrDefault("PasswordPolicy", Map.of()),
            "PasswordPolicy");
    Map<String, Object> adminCreateUser =
        map(properties.getOrDefault("AdminCreateUserConfig", Map.of()), "AdminCreateUserConfig");
    Map<String, Object> updateSettings =
        map(
            properties.getOrDefault("UserAttributeUpdateSettings", Map.of()),
            "UserAttributeUpdateSettings");
    Set<String> required = new LinkedHashSet<>();
    for (Object attribute : (List<?>) properties.getOrDefault("Schema", List.of())) {
      Map<String, Object> definition = map(attribute, "Schema");
      if (flag(definition.getOrDefault("Required", false))) {
        required.add(String.valueOf(definition.get("Name")));
      }
    }
    return new PoolSettings(
        usernameAttributes,
        Integer.parseInt(String.valueOf(policy.getOrDefault("MinimumLength", 8))),
        flag(policy.getOrDefault("RequireLowercase", true)),
        flag(policy.getOrDefault("RequireUppercase", true)),
        flag(policy.getOrDefault("RequireNumbers", true)),
        flag(policy.getOrDefault("RequireSymbols", true)),
        flag(adminCreateUser.getOrDefault("AllowAdminCreateUserOnly", false)),
        Set.copyOf(strings(properties.get("AutoVerifiedAttributes"))),
        Set.copyOf(strings(updateSettings.get("AttributesRequireVerificationBeforeUpdate"))),
        Set.copyOf(required),
        recoveryMechanisms(properties),
        String.valueOf(properties.getOrDefault("MfaConfiguration", "OFF")));
  }

  /** The recovery mechanisms' names in priority order; empty when the pool sets none. */
  private static List<String> recoveryMechanisms(Map<String, Object> properties) {
    Map<String, Object> setting =
        map(properties.getOrDefault("AccountRecoverySetting", Map.of()), "AccountRecoverySetting");
    List<Map<String, Object>> mechanisms = new ArrayList<>();
    if (setting.get("RecoveryMechanisms") instanceof List<?> list) {
      list.forEach(mechanism -> mechanisms.add(map(mechanism, "RecoveryMechanisms")));
    }
    mechanisms.sort(
        java.util.Comparator.comparingInt(
            mechanism -> Integer.parseInt(String.valueOf(mechanism.get("Priority")))));
    List<String> names = new ArrayList<>();
    for (Map<String, Object> mechanism : mechanisms) {
      String name = String.valueOf(mechanism.get("Name"));
      if (!List.of("admin_only", "verified_email", "verified_phone_number").contains(name)) {
        throw new TemplateException("AccountRecoverySetting names the unknown mechanism " + name);
      }
      names.add(name);
    }
    if (names.contains("admin_only") && names.size() > 1) {
      throw new TemplateException(
          "AccountRecoverySetting: admin_only cannot be combined with other recovery mechanisms");
    }
    return List.copyOf(names);
  }

  /** The client as Cognito would create it for this pool, or Cognito's refusal. */
  private static ClientSettings client(Map<String, Object> properties, PoolSettings pool) {
    Set<String> write = new LinkedHashSet<>(strings(properties.get("WriteAttributes")));
    if (!write.isEmpty()) {
      for (String attribute : write) {
        if (ClientSettings.NEVER_WRITABLE.contains(attribute)) {
          throw new TemplateException(
              "Invalid write attributes specified while creating a client: no app client may"
                  + " write "
                  + attribute);
        }
      }
      for (String attribute : pool.requiredAttributes()) {
        if (!write.contains(attribute)) {
          throw new TemplateException(
              "Invalid write attributes specified while creating a client: every app client"
                  + " must be able to write the required attribute "
                  + attribute);
        }
      }
    }
    return new ClientSettings(
        new LinkedHashSet<>(strings(properties.get("ExplicitAuthFlows"))),
        "ENABLED".equals(properties.get("PreventUserExistenceErrors")),
        Integer.parseInt(String.valueOf(properties.getOrDefault("AuthSessionValidity", 3))),
        flag(properties.getOrDefault("GenerateSecret", false)),
        Set.copyOf(strings(properties.get("ReadAttributes"))),
        Set.copyOf(write),
        refreshTokenValidity(properties));
  }

  private static Duration refreshTokenValidity(Map<String, Object> properties) {
    if (!properties.containsKey("RefreshTokenValidity")) {
      return ClientSettings.DEFAULT_REFRESH_TOKEN_VALIDITY;
    }
    long amount = Long.parseLong(String.valueOf(properties.get("RefreshTokenValidity")));
    String unit =
        String.valueOf(
            map(properties.getOrDefault("TokenValidityUnits", Map.of()), "TokenValidityUnits")
                .getOrDefault("RefreshToken", "days"));
    return switch (unit) {
      case "seconds" -> Duration.ofSeconds(amount);
      case "minutes" -> Duration.ofMinutes(amount);
      case "hours" -> Duration.ofHours(amount);
      case "days" -> Duration.ofDays(amount);
      default ->
          throw new TemplateException("TokenValidityUnits.RefreshToken '" + unit + "' is unknown");
    };
  }

  private static FunctionSettings function(
      String logicalId,
      Map<String, Object> globals,
      Map<String, Object> properties,
      String trigger) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Map<String, Object> source : List.of(globals, properties)) {
      Map<String, Object> variables =
          map(
              map(source.getOrDefault("Environment", Map.of()), "Environment")
                  .getOrDefault("Variables", Map.of()),
              "Variables");
      variables.forEach((name, value) -> environment.put(name, String.valueOf(value)));
    }
    Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
    if (handler == null) {
      throw new TemplateException("function " + logicalId + " has no Handler");
    }
    return new FunctionSettings(
        logicalId,
        String.valueOf(properties.getOrDefault("CodeUri", globals.get("CodeUri"))),
        String.valueOf(handler),
        Map.copyOf(environment),
        Integer.parseInt(
            String.valueOf(properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)))),
        Integer.parseInt(
            String.valueOf(
                properties.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128)))),
        trigger,
        String.valueOf(loggingConfig(globals, properties).getOrDefault("LogFormat", "Text"))
            .toUpperCase(java.util.Locale.ROOT));
  }

  /** The function's LoggingConfig merged over the Globals' one, as SAM merges maps. */
  private static Map<String, Object> loggingConfig(
      Map<String, Object> globals, Map<String, Object> properties) {
    Map<String, Object> merged =
        new LinkedHashMap<>(map(globals.getOrDefault("LoggingConfig", Map.of()), "LoggingConfig"));
    merged.putAll(map(properties.getOrDefault("LoggingConfig", Map.of()), "LoggingConfig"));
    return merged;
  }

  private static Map<String, Object> properties(Map<String, Object> raw, Intrinsics intrinsics) {
    return map(intrinsics.resolve(raw), "properties");
  }

  private static Map<String, Object> section(Map<String, Object> parent, String name) {
    return map(parent.getOrDefault(name, Map.of()), name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new TemplateException(what + " in the template is not a mapping");
    }
    return (Map<String, Object>) value;
  }

  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(element -> strings.add(String.valueOf(element)));
    }
    return strings;
  }

  private static boolean flag(Object value) {
    return Boolean.parseBoolean(String.valueOf(value));
  }
}
