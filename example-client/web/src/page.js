// The page: email and password, then the emailed code, then the signed-in user. The library that
// talks to Cognito is chosen by ?library= (amplify, the default, or cognito-identity-js); both
// modules offer the same five steps: configure, startSignIn, answerChallenge, askForANewCode,
// signedInUser (and endSession); an invited user's first sign-in adds setNewPassword. "Trust this
// browser" (a device key in IndexedDB, docs/design.md "Trusted devices") is trusted-browser.js.
import { describeFailure } from './failures.js';
import * as trusted from './trusted-browser.js';

const $ = (id) => document.getElementById(id);
const useIdentityJs = new URLSearchParams(location.search).get('library') === 'cognito-identity-js';

let auth;
let config = {};
let codeExpiresAt = null;
let resendsLeft = 0;
let actionsDone = 0;
let signingInAs = '';
let userPoolId = '';
// This sign-in's trusted-browser state: the stored key whose id went with the password, the
// code challenge's deviceNonce (present only when the pool offers trusted devices), and the new
// key the code answer asked the server to trust.
let knownDevice = null;
let deviceNonce = '';
let registering = null;

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
  deviceNonce = challenge.deviceNonce || '';
  // The pool offers trusted devices (TrustedDeviceDays > 0) exactly when its code challenges
  // carry a deviceNonce; without one there is nothing to sign, so there is no checkbox.
  $('trust-row').hidden = !deviceNonce;
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
  } else if (after === 'device-refused') {
    say('error', `This browser's proof was not accepted, so its key was removed. We emailed a code to ${challenge.maskedEmail}.`);
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
  signingInAs = user.email;
  const stored = await storedKey(user.email);
  $('trusted-note').hidden = !stored;
  $('forget-browser').hidden = !stored;
  show('signed-in-step');
}

// The stored key of this user, or null; a browser without IndexedDB (a private window in some
// browsers) simply has none, and the sign-in asks for the code.
async function storedKey(email) {
  try {
    return await trusted.storedKey(userPoolId, email);
  } catch {
    return null;
  }
}

// The password, with the stored key's device id when this browser holds one for the user.
async function startSignIn(email, password) {
  knownDevice = await storedKey(email);
  registering = null;
  $('trust-browser').checked = false;
  const outcome = await auth.startSignIn(email, password, knownDevice ? { deviceId: knownDevice.deviceId } : {});
  return afterDeviceStep(outcome);
}

// A trusted browser's challenge (challenge = DEVICE_PROOF) is answered at once with the key's
// signature of its nonce: no code is emailed and the user types nothing more. A proof that is not
// accepted (the server then emails a code) drops the key, so a broken key is not counted against
// the account at every sign-in; a challenge for a key this browser does not hold, or one it cannot
// sign with, asks for the code instead (resend = true). A code challenge with deviceTrusted =
// false means the server does not (or no longer) trust this key: it is deleted.
async function afterDeviceStep(outcome) {
  const challenge = outcome.challenge;
  if (challenge?.challenge === 'DEVICE_PROOF') {
    const signature =
      knownDevice && knownDevice.deviceId === challenge.deviceId
        ? await trusted.sign(knownDevice, 'sign-in', challenge.deviceNonce).catch(() => null)
        : null;
    if (signature === null) {
      await forgetKnownDevice();
      return { ...(await auth.askForANewCode()), after: 'password' };
    }
    const next = await auth.answerChallenge(signature);
    if (next.signedIn) {
      return { ...next, notice: 'This browser is trusted: you are signed in without an emailed code.' };
    }
    await forgetKnownDevice();
    return { ...next, after: 'device-refused' };
  }
  if (challenge?.deviceTrusted === 'false' && knownDevice) {
    await forgetKnownDevice();
    return { ...outcome, notice: 'This browser is no longer trusted for this account, so its key was removed. Enter the emailed code.' };
  }
  return outcome;
}

async function forgetKnownDevice() {
  if (knownDevice) {
    await trusted.deleteKey(userPoolId, signingInAs);
    knownDevice = null;
  }
}

// The code, with what the user asked of this browser: trustDevice.* (a new key and its signature
// of the challenge's nonce) when "Trust this browser" is ticked and the pool offers it, and
// forgetDevice when the user asked to forget a browser whose key the server still holds. The key
// is stored only once the code has signed the user in.
async function answerCode(code) {
  const clientMetadata = {};
  const trust = $('trust-browser').checked && deviceNonce !== '';
  if (trust) {
    registering ??= await trusted.newDeviceKey(trusted.browserName());
    Object.assign(clientMetadata, await trusted.registration(registering, deviceNonce));
  }
  const forgetting = trusted.pendingForget(userPoolId, signingInAs);
  if (forgetting) {
    clientMetadata.forgetDevice = forgetting;
  }
  const outcome = await auth.answerChallenge(code, clientMetadata);
  if (!outcome.signedIn) {
    return afterDeviceStep(outcome);
  }
  if (forgetting) {
    trusted.forgetSent(userPoolId, signingInAs);
  }
  if (trust) {
    await trusted.storeKey(userPoolId, signingInAs, registering);
    registering = null;
    return { ...outcome, notice: `This browser is now trusted${trustedDays()}: your next sign-in here asks for the password only.` };
  }
  return outcome;
}

function trustedDays() {
  const days = Number(config.trustedDeviceDays);
  return days > 0 ? ` for ${days === 1 ? '1 day' : `${days} days`}` : '';
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
      showChallenge(outcome.challenge, outcome.after || after);
    }
    if (outcome.notice) {
      say('notice', outcome.notice);
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
  run('password', 'password', () => startSignIn(email, password));
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
    const again = await startSignIn(signingInAs, newPassword);
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
  run('code', 'answer', () => answerCode(code));
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

// "Forget this browser": the key is deleted here at once, so this browser can no longer stand in
// for the code; its id is kept to be sent as forgetDevice with the next correct code, so the
// server removes it after a code-verified sign-in.
$('forget-browser').addEventListener('click', async () => {
  try {
    await trusted.forget(userPoolId, signingInAs);
    $('forget-browser').hidden = true;
    $('trusted-note').hidden = true;
    say('error', '');
    say('notice', 'This browser is forgotten: your next sign-in asks for the emailed code, and the server forgets the browser once that code is right.');
  } catch (error) {
    say('error', `This browser's key could not be deleted: ${error.message}`);
  } finally {
    document.body.dataset.actionsDone = String(++actionsDone);
  }
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
    config = await response.json();
    userPoolId = config.userPoolId;
    $('trust-label').textContent = `Trust this browser${trustedDays()}`;
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
