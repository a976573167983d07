// What to tell the user for each way a sign-in can fail. Both libraries put Cognito's exception
// name in the error (Amplify in `name`, amazon-cognito-identity-js in `code`) and its message in
// `message`. `step` is 'password', 'new-password' or 'code': the same exception means different
// things there.
export function describeFailure(error, step) {
  const name = error.code || error.name;
  const message = error.message || '';
  switch (name) {
    case 'NotAuthorizedException':
      if (/expired/i.test(message)) {
        return 'This sign-in took too long and has expired. Sign in again.';
      }
      if (step === 'code') {
        return 'The code was not accepted and this sign-in has ended: no attempts are left. Sign in again to get a new code.';
      }
      return 'Incorrect email or password.';
    case 'UserNotFoundException':
      return 'Incorrect email or password.';
    case 'UserLambdaValidationException':
      // The token gate's refusals are sentences for the user ("Password changed. Sign in again
      // ...", "Sign-in needs the emailed code. Sign in again."): show them as they are.
      if (/^PreTokenGeneration failed with error (Password changed|Sign-in needs the emailed code)\./.test(message)) {
        return message.replace('PreTokenGeneration failed with error ', '').replace(/\.\.$/, '.');
      }
      // A locked account, and a code that could not be counted: sentences for the user too
      // ("Sign-in codes are paused ...", "The code was right, but ...", "The code was wrong, and
      // ..."): show them as they are.
      if (/^\w+ failed with error (Sign-in codes are paused|The code was right, but|The code was wrong, and)/.test(message)) {
        return message.replace(/^\w+ failed with error /, '').replace(/\.\.$/, '.');
      }
      // A trigger failed, for example SES did not take the email; its message says what to fix.
      return `The code could not be sent or checked: ${message.replace(/^\w+ failed with error /, '')}`;
    case 'InvalidPasswordException':
      return `The new password does not meet the pool's rules: ${message.replace(/^Password does not conform to policy: /, '')}. Sign in again with the temporary password and choose another.`;
    case 'TokensWithoutCode':
      return 'The user pool issued tokens without the emailed code, so this page did not use them: the pool has no token gate. Sign in again with your new password, and tell the administrator.';
    case 'UnsupportedChallenge':
      return `${message}. Tell the administrator: the pool's own MFA may be on, which this sign-in does not use.`;
    case 'UserNotConfirmedException':
      return 'This account is not confirmed yet.';
    case 'PasswordResetRequiredException':
      return 'Reset your password before you sign in.';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'Too many tries in a short time: wait a minute and try again.';
    case 'NetworkError':
      return 'Cognito could not be reached: check your connection and try again.';
    case 'ResourceNotFoundException':
      return 'This page is configured with a user pool or app client that does not exist.';
    default:
      return `The sign-in failed (${name}): ${message}`;
  }
}
