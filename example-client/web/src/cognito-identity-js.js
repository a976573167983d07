// The sign-in with amazon-cognito-identity-js. docs/app-integration.md shows these lines;
// AppIntegrationDocTest checks that every snippet there is still here, word for word.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

export const library = 'amazon-cognito-identity-js';

let pool;
let user;

export function configure(config) {
  pool = new CognitoUserPool({
    UserPoolId: config.userPoolId,
    ClientId: config.clientId,
    // Only for the local Cognito; leave it out for a real user pool.
    endpoint: config.endpoint,
  });
}

// The library answers through callbacks; each step here resolves with the code challenge (its
// public parameters), a request for a new password or tokens, and rejects with the error Cognito
// answered. The pool's own MFA steps are not answered: without their callbacks the library would
// throw a TypeError.
function unsupported(reject, challengeName) {
  return () =>
    reject(Object.assign(new Error(`The user pool asked for ${challengeName}, which this page does not handle`), {
      name: 'UnsupportedChallenge',
    }));
}

function nextStep(resolve, reject) {
  return {
    customChallenge: (parameters) => resolve({ challenge: parameters }),
    newPasswordRequired: () => resolve({ newPasswordRequired: true }),
    onSuccess: () => resolve({ signedIn: true }),
    onFailure: (error) => reject(error),
    mfaRequired: unsupported(reject, 'SMS_MFA'),
    totpRequired: unsupported(reject, 'SOFTWARE_TOKEN_MFA'),
    selectMFAType: unsupported(reject, 'SELECT_MFA_TYPE'),
    mfaSetup: unsupported(reject, 'MFA_SETUP'),
  };
}

// ClientMetadata ({ deviceId } for a trusted browser) goes with InitiateAuth and the
// PASSWORD_VERIFIER answer, where the triggers see it.
export function startSignIn(email, password, clientMetadata = {}) {
  user = new CognitoUser({ Username: email, Pool: pool });
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const details = new AuthenticationDetails({ Username: email, Password: password, ClientMetadata: clientMetadata });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, nextStep(resolve, reject));
  });
}

// The code (with trustDevice.* or forgetDevice when asked), or a trusted browser's signature.
export function answerChallenge(answer, clientMetadata = {}) {
  return new Promise((resolve, reject) => {
    user.sendCustomChallengeAnswer(answer, nextStep(resolve, reject), clientMetadata);
  });
}

// The new password, with no other attributes (the pool requires only the email, which the
// invitation set); the page signs in again after the token gate's refusal (page.js).
export function setNewPassword(newPassword) {
  return new Promise((resolve, reject) => {
    user.completeNewPasswordChallenge(newPassword, {}, nextStep(resolve, reject));
  });
}

export function askForANewCode() {
  return new Promise((resolve, reject) => {
    user.sendCustomChallengeAnswer('resend', nextStep(resolve, reject), { resend: 'true' });
  });
}

export function signedInUser() {
  const current = pool.getCurrentUser();
  if (!current) {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    current.getSession((error, session) => {
      if (error || !session?.isValid()) {
        resolve(null);
        return;
      }
      const { email, exp } = session.getIdToken().decodePayload();
      resolve({ email, idTokenExpiresAt: new Date(exp * 1000) });
    });
  });
}

// signOut() without a callback only clears local storage; with one it first revokes the refresh
// token (RevokeToken), which ends the session at Cognito too.
export function endSession() {
  const current = pool.getCurrentUser();
  if (!current) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    current.signOut((error) => (error ? reject(error) : resolve()));
  });
}
