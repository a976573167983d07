package io.github.cognitoemailotp.layer;

/**
 * One earlier step of the sign-in, as Cognito reports it in {@code request.session}.
 *
 * @param challengeName the step
 * @param challengeResult whether it succeeded; a missing or null result counts as failed
 * @param challengeMetadata what Create wrote for a custom challenge; empty when there is none
 */
public record SessionEntry(
    ChallengeName challengeName, boolean challengeResult, String challengeMetadata) {}
