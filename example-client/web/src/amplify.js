// The sign-in with AWS Amplify v6 (aws-amplify/auth). docs/app-integration.md shows these lines;
// AppIntegrationDocTest checks that every snippet there is still here, word for word.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

export const library = 'AWS Amplify v6';

export function configure(config) {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.clientId,
        // Only for the local Cognito; leave it out for a real user pool.
        userPoolEndpoint: config.endpoint,
      },
    },
  });
}

// What a sign-in step came to: the code challenge (its public parameters), a request for a new
// password (an invited user's temporary password), or tokens.
function nextStepOf({ isSignedIn, nextStep }) {
  if (isSignedIn) {
    return { signedIn: true };
  }
  if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
    return { newPasswordRequired: true };
  }
  if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') {
    // maskedEmail, codeLength, codeExpiresAt, attemptsLeft, resendsLeft, codeSent,
    // deviceNonce and deviceTrusted (trusted devices), and after a resend request: resend,
    // resendMessage; or a trusted browser's challenge: challenge = DEVICE_PROOF, deviceId,
    // deviceNonce.
    return { challenge: nextStep.additionalInfo };
  }
  throw Object.assign(new Error(`The user pool asked for ${nextStep.signInStep}, which this page does not handle`), {
    name: 'UnsupportedChallenge',
  });
}

// clientMetadata ({ deviceId } for a trusted browser) reaches the triggers: Amplify sends it with
// the PASSWORD_VERIFIER answer (and with InitiateAuth, where no trigger of the flow sees it).
export async function startSignIn(email, password, clientMetadata = {}) {
  const result = await signIn({
    username: email,
    password,
    options: { authFlowType: 'CUSTOM_WITH_SRP', clientMetadata },
  });
  return nextStepOf(result);
}

// The code (with trustDevice.* or forgetDevice when asked), or a trusted browser's signature.
export async function answerChallenge(answer, clientMetadata = {}) {
  const result = await confirmSignIn({ challengeResponse: answer, options: { clientMetadata } });
  return nextStepOf(result);
}

// The new password: Cognito sets it, and the stack's token gate then refuses the tokens Cognito
// would issue without the code; the page signs in again with it (page.js).
export async function setNewPassword(newPassword) {
  const result = await confirmSignIn({ challengeResponse: newPassword });
  return nextStepOf(result);
}

export async function askForANewCode() {
  const result = await confirmSignIn({
    challengeResponse: 'resend',
    options: { clientMetadata: { resend: 'true' } },
  });
  return nextStepOf(result);
}

export async function signedInUser() {
  const { tokens } = await fetchAuthSession();
  if (!tokens?.idToken) {
    return null;
  }
  const { email, exp } = tokens.idToken.payload;
  return { email, idTokenExpiresAt: new Date(exp * 1000) };
}

export async function endSession() {
  await signOut();
}
