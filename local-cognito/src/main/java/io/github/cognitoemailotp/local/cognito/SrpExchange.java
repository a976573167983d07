package io.github.cognitoemailotp.local.cognito;

import java.math.BigInteger;

/**
 * The server's side of one SRP exchange, fixed when the PASSWORD_VERIFIER challenge is sent: the
 * client's A, the user's salt and verifier (made up for a user that does not exist), the server's
 * private b and public B, and the secret block the client must send back.
 */
record SrpExchange(
    BigInteger bigA,
    BigInteger salt,
    BigInteger verifier,
    BigInteger b,
    BigInteger bigB,
    byte[] secretBlock) {

  SrpExchange {
    secretBlock = secretBlock.clone();
  }

  @Override
  public byte[] secretBlock() {
    return secretBlock.clone();
  }
}
