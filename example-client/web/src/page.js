// The page: email and password, then the emailed code, then the signed-in user. The library that
// talks to Cognito is chosen by ?library= (amplify, the default, or cognito-identity-js); both
// modules offer the same five steps: configure, startSignIn, answerChallenge, askForANewCode,
// signedInUser (and endSession); an invited user's first sign-in adds setNewPassword.
import { describeFailure } from './failures.js';

const $ = (id) => document.getElementById(id);
const useIdentityJs = new URLSearchParams(location.search).get('library') === 'cognito-identity-js';

let auth;
let codeExpiresAt = null;
let resendsLeft = 0;
let actionsDone = 0;
let signingInAs = '';

// The heading says where the user is: signing in, choosing a new password, typing the code, or
// signed in.
const headings = {
  'password-step': 'Sign in',
  'new-password-step': 'Choose a new password',
  'code-step': 'Enter the code we emailed you',
  'signed-in-step': 'You are signed in',
};

function show(step) {
  for (const id of ['password-step', 'new-password-step', 'code-step', 'signed-in-step']) {
    $(id).hidden = id !== step;
  }
  $('heading').textContent = headings[step];
  document.title = `${headings[step]} · emailed code`;
  document.body.dataset.step = step.replace('-step', '');
}

function say(id, text) {
  $(id).textContent = text;
  $(id).hidden = !text;
}

function attemptsText(attemptsLeft) {
  return attemptsLeft === '1' ? '1 attempt left.' : `${attemptsLeft} attempts left.`;
}

function showExpiry() {
  if (codeExpiresAt === null) {
    return;
  }
  const seconds = Math.round((codeExpiresAt.getTime() - Date.now()) / 1000);
  const expired = seconds <= 0;
  const inWords = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  $('code-expires').textContent = expired
    ? 'The code has expired: ask for a new code.'
    : `The code expires at ${codeExpiresAt.toLocaleTimeString()} (in ${inWords}).`;
  // After expiry a new code is sent whatever the resend limit says.
  $('resend').disabled = !expired && resendsLeft <= 0;
  $('resend').textContent = !expired && resendsLeft <= 0 ? 'No new codes left' : 'Send a new code';
}

// `after` says what led here: the password, an answer, or a request for a new code.
function showChallenge(challenge, after) {
  $('masked-email').textContent = challenge.maskedEmail;
  $('attempts-left').textContent = challenge.attemptsLeft;
  $('resends-left').textContent = challenge.resendsLeft;
  resendsLeft = Number(challenge.resendsLeft);
  codeExpiresAt = new Date(challenge.codeExpiresAt);
  $('code').value = '';
  $('code').maxLength = Number(challenge.codeLength) || 10;
  if (after === 'answer' && challenge.codeSent === 'true') {
    say('error', `That code had expired. A new code was sent to ${challenge.maskedEmail}.`);
  } else if (after === 'answer') {
    say('error', `That code was not right. ${attemptsText(challenge.attemptsLeft)}`);
  } else if (after === 'resend') {
    // resend is SENT, REFUSED_LIMIT or REFUSED_COOLDOWN; resendMessage says it to the user,
    // with how long to wait after a request within the cooldown.
    say(challenge.resend === 'SENT' ? 'notice' : 'error', challenge.resendMessage);
  }
  show('code-step');
  showExpiry();
  $('code').focus();
}

async function showSignedIn() {
  const user = await auth.signedInUser();
  if (!user) {
    show('password-step');
    return;
  }
  $('signed-in-user').textContent = user.email;
  $('token-expires').textContent = user.idTokenExpiresAt.toLocaleTimeString();
  codeExpiresAt = null;
  show('signed-in-step');
}

// Runs one request to Cognito with the buttons disabled; on a failure at the code step the
// sign-in has ended (Cognito's session is used up), so the page goes back to the password.
async function run(step, after, request) {
  say('error', '');
  say('notice', '');
  for (const button of document.querySelectorAll('button')) {
    button.disabled = true;
  }
  try {
    const outcome = await request();
    if (outcome.signedIn) {
      await showSignedIn();
    } else if (outcome.newPasswordRequired) {
      show('new-password-step');
      $('new-password').focus();
    } else {
      showChallenge(outcome.challenge, after);
    }
  } catch (error) {
    say('error', describeFailure(error, step));
    codeExpiresAt = null;
    show('password-step');
  } finally {
    $('password').value = '';
    $('new-password').value = '';
    $('new-password-again').value = '';
    for (const button of document.querySelectorAll('button')) {
      button.disabled = false;
    }
    showExpiry();
    document.body.dataset.actionsDone = String(++actionsDone);
  }
}

$('password-step').addEventListener('submit', (event) => {
  event.preventDefault();
  const email = $('email').value.trim();
  const password = $('password').value;
  signingInAs = email;
  run('password', 'password', () => auth.startSignIn(email, password));
});

// An invited user's first sign-in: Cognito sets the new password, and the stack's token gate
// refuses the tokens Cognito would then issue without the code ("Password changed. Sign in
// again ..."), so the page signs in again with the new password and goes on to the code. Tokens
// straight after the new password mean the pool has no gate: they are not used.
async function setNewPassword(newPassword) {
  let outcome;
  try {
    outcome = await auth.setNewPassword(newPassword);
  } catch (error) {
    if (!/^PreTokenGeneration failed with error Password changed\./.test(error.message || '')) {
      throw error;
    }
    const again = await auth.startSignIn(signingInAs, newPassword);
    say('notice', 'Your new password is set. We signed you in again with it; now the emailed code.');
    return again;
  }
  if (outcome.signedIn) {
    await auth.endSession().catch(() => {});
    throw Object.assign(new Error('tokens without the emailed code'), { name: 'TokensWithoutCode' });
  }
  return outcome;
}

$('new-password-step').addEventListener('submit', (event) => {
  event.preventDefault();
  const newPassword = $('new-password').value;
  if (newPassword !== $('new-password-again').value) {
    say('error', 'The two passwords differ. Type the new password twice.');
    $('new-password-again').value = '';
    $('new-password-again').focus();
    return;
  }
  run('new-password', 'new-password', () => setNewPassword(newPassword));
});

$('code-step').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('code').value.trim();
  run('code', 'answer', () => auth.answerChallenge(code));
});

$('resend').addEventListener('click', () => {
  run('code', 'resend', () => auth.askForANewCode());
});

// Signing out revokes the refresh token at Cognito (and the access tokens issued with it), then
// forgets the tokens here; if Cognito cannot be reached the tokens are forgotten all the same.
$('sign-out').addEventListener('click', async () => {
  const revoked = await auth.endSession().then(
    () => true,
    () => false,
  );
  say('notice', revoked ? 'Signed out.' : 'Signed out on this device; the session could not be revoked at the server.');
  show('password-step');
});

async function start() {
  const other = new URL(location.href);
  other.searchParams.set('library', useIdentityJs ? 'amplify' : 'cognito-identity-js');
  $('other-library').href = other.toString();
  try {
    const response = await fetch('config.json');
    if (!response.ok) {
      throw new Error(`config.json answered ${response.status}`);
    }
    const config = await response.json();
    auth = useIdentityJs ? await import('./cognito-identity-js.js') : await import('./amplify.js');
    auth.configure(config);
    $('library').textContent = auth.library;
    await showSignedIn();
  } catch (error) {
    say('error', `This page could not start: ${error.message}. Serve it with serve.mjs (see example-client/web/README.md).`);
  }
  setInterval(showExpiry, 1000);
  document.body.dataset.actionsDone = '0';
}

start();
