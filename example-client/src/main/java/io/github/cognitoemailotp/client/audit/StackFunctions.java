package io.github.cognitoemailotp.client.audit;

import java.util.Map;
import java.util.Optional;

/**
 * This stack's three functions, as the stack's outputs name them ({@code DefineAuthChallengeArn},
 * ...), for the audit to compare the pool's LambdaConfig with. Empty: the audit then accepts
 * triggers whose function names are those SAM gives this stack's functions ({@code
 * <stack>-DefineAuthChallenge-...}), all three of one stack, in the pool's region and account.
 *
 * @param arnsByTrigger LambdaConfig member ({@code DefineAuthChallenge}, {@code
 *     CreateAuthChallenge}, {@code VerifyAuthChallengeResponse}) to the function (alias) ARN
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

  public static final StackFunctions UNKNOWN = new StackFunctions(Map.of());

  public StackFunctions {
    arnsByTrigger = Map.copyOf(arnsByTrigger);
    for (String trigger : arnsByTrigger.keySet()) {
      if (!TRIGGERS.containsKey(trigger)) {
        throw new IllegalArgumentException("no custom-auth trigger is called " + trigger);
      }
    }
  }

  /** The ARN the stack's outputs give for this trigger, when it was given. */
  Optional<String> expected(String trigger) {
    return Optional.ofNullable(arnsByTrigger.get(trigger));
  }
}
