package io.github.cognitoemailotp.client.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This stack's functions, as the stack's outputs name them ({@code DefineAuthChallengeArn}, ...,
 * {@code PreTokenGenerationArn}), for the audit to compare the pool's LambdaConfig with. Empty: the
 * audit then accepts triggers whose function names are those SAM gives this stack's functions
 * ({@code <stack>-DefineAuthChallenge-...}), all of one stack, in the pool's region and account.
 *
 * @param arnsByTrigger LambdaConfig member ({@code DefineAuthChallenge}, {@code
 *     CreateAuthChallenge}, {@code VerifyAuthChallengeResponse}, {@code PreTokenGeneration}, {@code
 *     PostConfirmation}) to the function (alias) ARN
 */
public record StackFunctions(Map<String, String> arnsByTrigger) {

  /**
   * The LambdaConfig members of the custom-auth triggers, with the logical id of this stack's
   * function.
   */
  public static final Map<String, String> TRIGGERS =
      Map.of(
          "DefineAuthChallenge", "DefineAuthChallenge",
          "CreateAuthChallenge", "CreateAuthChallenge",
          "VerifyAuthChallengeResponse", "VerifyAuthChallenge");

  /** The LambdaConfig member of the token gate. */
  public static final String TOKEN_GATE_TRIGGER = "PreTokenGeneration";

  /** The token gate's logical id in the template. */
  public static final String TOKEN_GATE_LOGICAL_ID = "TokenGate";

  /**
   * The LambdaConfig member of the trigger that lifts a wrong-code lock after a password reset; the
   * function's logical id is the same.
   */
  public static final String UNLOCK_TRIGGER = "PostConfirmation";

  /** Every LambdaConfig member the stack sets, in the audit's order, to its logical id. */
  public static final Map<String, String> ALL;

  static {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("DefineAuthChallenge", TRIGGERS.get("DefineAuthChallenge"));
    all.put("CreateAuthChallenge", TRIGGERS.get("CreateAuthChallenge"));
    all.put("VerifyAuthChallengeResponse", TRIGGERS.get("VerifyAuthChallengeResponse"));
    all.put(TOKEN_GATE_TRIGGER, TOKEN_GATE_LOGICAL_ID);
    all.put(UNLOCK_TRIGGER, UNLOCK_TRIGGER);
    ALL = java.util.Collections.unmodifiableMap(all);
  }

  public static final StackFunctions UNKNOWN = new StackFunctions(Map.of());

  public StackFunctions {
    arnsByTrigger = Map.copyOf(arnsByTrigger);
    for (String trigger : arnsByTrigger.keySet()) {
      if (!ALL.containsKey(trigger)) {
        throw new IllegalArgumentException("this stack sets no trigger called " + trigger);
      }
    }
  }

  /** The ARN the stack's outputs give for this trigger, when it was given. */
  Optional<String> expected(String trigger) {
    return Optional.ofNullable(arnsByTrigger.get(trigger));
  }
}
