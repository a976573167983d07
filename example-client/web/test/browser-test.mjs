// Drives the sign-in page in headless Chromium with puppeteer-core against the local stack: the
// page served by serve.mjs, the local Cognito, and aws-ses-v2-local, whose mailbox gives the codes.
// The browser is the one in the npm lockfile (@sparticuz/chromium, unpacked on first use to
// $TMPDIR/chromium), or the one --chromium (or $CHROMIUM) names. One scenario per run; prints one
// JSON line and exits 0 when every check held, 1 (with what the page showed) when one did not.
//
//   node test/browser-test.mjs --scenario <name> --library amplify|cognito-identity-js \
//     --url <page URL> --ses <SES emulator URL> --email <address> --password <password> \
//     [--new-password <password>] [--other-email <address>] [--trusted-device-days <n>] \
//     [--screenshots <dir>] [--chromium <path>]
//   node test/browser-test.mjs --print-chromium     # unpacks the browser, prints its path
//
// Scenarios: wrong-code-then-code, resend, attempt-limit, wrong-password, cooldown (for a pool
// with a long ResendCooldownSeconds), and for a user invited with the temporary --password:
// invited-user (the stack's token gate refuses the tokens after the new password, the page signs
// in again and asks for the code) and invited-user-no-gate (a pool without the gate: the page
// refuses the tokens issued without the code). Trusted browsers, against a stack with
// TrustedDeviceDays (--trusted-device-days, as given to serve.mjs): trust-browser (register with the
// checkbox, sign in with the password only, the private key is not extractable, forget the
// browser, the next sign-in is emailed a code and tells the server to forget it) and
// untrusted-key (another user's key, a key whose signature does not verify and a tampered device
// id all get the emailed code and are dropped, and a key that cannot sign asks for the code;
// with --other-email); against a stack without it:
// trust-off (no checkbox, and a forced one registers nothing).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';

const { values: options } = parseArgs({
  options: {
    scenario: { type: 'string' },
    library: { type: 'string', default: 'amplify' },
    url: { type: 'string' },
    ses: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'new-password': { type: 'string' },
    'other-email': { type: 'string' },
    'trusted-device-days': { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '' },
    'print-chromium': { type: 'boolean', default: false },
  },
});

const STEP_TIMEOUT_MS = 60_000;
const checks = [];

function check(condition, what, actual) {
  if (!condition) {
    throw new Error(`${what} (the page shows: ${JSON.stringify(actual)})`);
  }
  checks.push(what);
}

async function emailsTo(address) {
  const store = await (await fetch(`${options.ses}/store`)).json();
  return store.emails.filter((email) => email.destination.to.includes(address));
}

async function codeNumber(n, address = options.email) {
  for (let i = 0; i < 400; i++) {
    const emails = await emailsTo(address);
    if (emails.length >= n) {
      return emails[n - 1].body.text.match(/\d{4,10}/)[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`email number ${n} never reached ${address}`);
}

function wrong(code) {
  return code === '0'.repeat(code.length) ? '1'.repeat(code.length) : '0'.repeat(code.length);
}

// Does something on the page and waits until the page has handled Cognito's answer.
async function act(page, action) {
  const before = Number(await page.$eval('body', (body) => body.dataset.actionsDone));
  await action();
  await page.waitForFunction(
    (n) => Number(document.body.dataset.actionsDone) > n,
    { timeout: STEP_TIMEOUT_MS },
    before,
  );
}

const text = (page, id) => page.$eval(`#${id}`, (element) => (element.hidden ? '' : element.textContent));
const step = (page) => page.$eval('body', (body) => body.dataset.step);

async function typeInto(page, id, value) {
  await page.$eval(`#${id}`, (element) => {
    element.value = '';
  });
  await page.type(`#${id}`, value);
}

async function signInWithPassword(page, password, email = options.email) {
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', password);
  await act(page, () => page.click('#sign-in'));
}

async function answer(page, code) {
  await typeInto(page, 'code', code);
  await act(page, () => page.click('#verify'));
}

async function screenshot(page, name) {
  if (options.screenshots) {
    await mkdir(options.screenshots, { recursive: true });
    await page.screenshot({ path: join(options.screenshots, name) });
  }
}

async function expectChallenge(page, attemptsLeft, resendsLeft) {
  check((await step(page)) === 'code', 'the page asks for the code', await text(page, 'error'));
  check((await text(page, 'heading')) === 'Enter the code we emailed you', 'the heading asks for the code', await text(page, 'heading'));
  const masked = await text(page, 'masked-email');
  check(/^.\*\*\*@.\*\*\*\.\w+$/.test(masked), 'it shows where the code went, masked', masked);
  check(!masked.includes(options.email.split('@')[0]), 'the address is masked', masked);
  check((await text(page, 'attempts-left')) === String(attemptsLeft), `it shows ${attemptsLeft} attempts left`, await text(page, 'attempts-left'));
  check((await text(page, 'resends-left')) === String(resendsLeft), `it shows ${resendsLeft} new codes left`, await text(page, 'resends-left'));
  const expires = await text(page, 'code-expires');
  check(/^The code expires at .+ \(in [0-9]+:[0-5][0-9]\)\.$/.test(expires), 'it shows when the code expires', expires);
}

async function expectSignedIn(page, email = options.email) {
  check((await step(page)) === 'signed-in', 'the user is signed in', await text(page, 'error'));
  check((await text(page, 'signed-in-user')) === email, 'it shows the signed-in user', await text(page, 'signed-in-user'));
  check((await text(page, 'heading')) === 'You are signed in', 'the heading says the user is signed in', await text(page, 'heading'));
}

// Both libraries keep the refresh token in localStorage under CognitoIdentityServiceProvider.<client>.<user>.refreshToken.
const storedRefreshToken = (page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.refreshToken'));
    return key ? localStorage.getItem(key) : null;
  });

// What the user pool answers to a refresh with this token: "ok", or its error type and message.
async function refreshWith(refreshToken) {
  const config = await (await fetch(new URL('config.json', options.url))).json();
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: config.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  });
  const body = await response.json();
  return response.ok ? 'ok' : `${body.__type}: ${body.message}`;
}

// Signing out revokes the refresh token at the user pool, not only in the browser.
async function signOutRevokes(page) {
  const refreshToken = await storedRefreshToken(page);
  check(typeof refreshToken === 'string' && refreshToken.length > 0, 'the library keeps a refresh token', refreshToken);
  check((await refreshWith(refreshToken)) === 'ok', 'the refresh token works while signed in', await refreshWith(refreshToken));
  await page.click('#sign-out');
  await page.waitForFunction(() => document.body.dataset.step === 'password', { timeout: STEP_TIMEOUT_MS });
  check((await text(page, 'notice')) === 'Signed out.', 'it says the user signed out', await text(page, 'notice'));
  check((await text(page, 'heading')) === 'Sign in', 'the heading says sign in again', await text(page, 'heading'));
  check((await storedRefreshToken(page)) === null, 'the browser no longer keeps the refresh token', await storedRefreshToken(page));
  const after = await refreshWith(refreshToken);
  check(after === 'NotAuthorizedException: Refresh Token has been revoked', 'after sign-out the refresh token no longer works', after);
}

async function chooseNewPassword(page) {
  check((await step(page)) === 'new-password', 'a temporary password asks for a new one', await text(page, 'error'));
  check((await emailsTo(options.email)).length === 0, 'no code is sent before the new password', await emailsTo(options.email));
  await typeInto(page, 'new-password', options['new-password']);
  await typeInto(page, 'new-password-again', `${options['new-password']}-typo`);
  await page.click('#set-password');
  check((await text(page, 'error')) === 'The two passwords differ. Type the new password twice.', 'two different entries are refused', await text(page, 'error'));
  check((await step(page)) === 'new-password', 'and the page still asks for the new password', await step(page));
  await typeInto(page, 'new-password', options['new-password']);
  await typeInto(page, 'new-password-again', options['new-password']);
  await act(page, () => page.click('#set-password'));
}

// The browser's stored device key of a user, as the page keeps it in IndexedDB (trusted-browser.js:
// database cognito-email-otp, store device-keys, keyed by "<pool id>\n<email>"), described: null, or
// its id, name and what WebCrypto says of the private key, including whether exportKey refuses it.
async function storedDevice(page, email = options.email) {
  return page.evaluate(async (email) => {
    const { userPoolId } = await (await fetch('config.json')).json();
    const record = await new Promise((resolve, reject) => {
      const opening = indexedDB.open('cognito-email-otp', 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('device-keys');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const get = opening.result.transaction('device-keys').objectStore('device-keys').get(`${userPoolId}\n${email}`);
        get.onsuccess = () => {
          opening.result.close();
          resolve(get.result);
        };
        get.onerror = () => reject(get.error);
      };
    });
    if (!record) {
      return null;
    }
    const { privateKey, publicKey } = record.keys;
    const refusals = [];
    for (const format of ['pkcs8', 'jwk']) {
      await crypto.subtle.exportKey(format, privateKey).then(
        () => refusals.push(`${format}: exported`),
        (error) => refusals.push(`${format}: ${error.name}`),
      );
    }
    const spki = await crypto.subtle.exportKey('spki', publicKey);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
    const idOfKey = btoa(String.fromCharCode(...digest)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    return {
      deviceId: record.deviceId,
      idOfKey,
      name: record.name,
      privateType: privateKey.type,
      privateExtractable: privateKey.extractable,
      privateAlgorithm: `${privateKey.algorithm.name} ${privateKey.algorithm.namedCurve}`,
      usages: privateKey.usages.join(','),
      refusals: refusals.join('; '),
    };
  }, email.trim().toLowerCase());
}

// Tampers with the page's IndexedDB as a test (or an attacker with the profile) could: `how` is
// 'copy' (the key of fromEmail stored for toEmail), 'other-key' (a new key pair under the same
// device id), 'unusable-key' (the public key where the private key was: WebCrypto will not sign)
// or 'other-id' (the same key under an id with its first character changed).
async function changeStoredDevice(page, fromEmail, toEmail, how) {
  await page.evaluate(
    async (fromEmail, toEmail, how) => {
      const { userPoolId } = await (await fetch('config.json')).json();
      const db = await new Promise((resolve, reject) => {
        const opening = indexedDB.open('cognito-email-otp', 1);
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
      });
      const read = db.transaction('device-keys').objectStore('device-keys').get(`${userPoolId}\n${fromEmail}`);
      const record = await new Promise((resolve) => (read.onsuccess = () => resolve(read.result)));
      const changed =
        how === 'copy'
          ? record
          : how === 'other-key'
            ? { ...record, keys: await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']) }
            : how === 'unusable-key'
              ? { ...record, keys: { publicKey: record.keys.publicKey, privateKey: record.keys.publicKey } }
              : { ...record, deviceId: record.deviceId.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')) };
      const write = db.transaction('device-keys', 'readwrite').objectStore('device-keys').put(changed, `${userPoolId}\n${toEmail}`);
      await new Promise((resolve, reject) => {
        write.onsuccess = resolve;
        write.onerror = () => reject(write.error);
      });
      db.close();
    },
    fromEmail,
    toEmail,
    how,
  );
}

const pendingForget = (page) =>
  page.evaluate(() => Object.entries(localStorage).filter(([name]) => name.startsWith('cognito-email-otp.forgetDevice.')));

const trustLabel = () =>
  options['trusted-device-days'] ? `Trust this browser for ${options['trusted-device-days']} days` : 'Trust this browser';

async function signInTrustingThisBrowser(page, email, codeNumberOfEmail) {
  check(!(await page.$eval('#trust-row', (row) => row.hidden)), 'the code step offers to trust this browser', await step(page));
  check((await text(page, 'trust-label')) === trustLabel(), `the checkbox says "${trustLabel()}"`, await text(page, 'trust-label'));
  check(!(await page.$eval('#trust-browser', (box) => box.checked)), 'the checkbox starts unticked', 'ticked');
  await page.click('#trust-browser');
  await screenshot(page, `trust-this-browser-${options.library}.png`);
  await typeInto(page, 'code', await codeNumber(codeNumberOfEmail, email));
  await act(page, () => page.click('#verify'));
  await expectSignedIn(page, email);
  const notice = await text(page, 'notice');
  check(
    notice === `This browser is now trusted${options['trusted-device-days'] ? ` for ${options['trusted-device-days']} days` : ''}: your next sign-in here asks for the password only.`,
    'it says the browser is now trusted',
    notice,
  );
  const device = await storedDevice(page, email);
  check(device !== null && device.deviceId === device.idOfKey, 'a key is stored, under the id the server derives from its public key', device);
  return device;
}

async function signOut(page) {
  await page.click('#sign-out');
  await page.waitForFunction(() => document.body.dataset.step === 'password', { timeout: STEP_TIMEOUT_MS });
}

const scenarios = {
  async 'trust-browser'(page) {
    await signInWithPassword(page, options.password);
    await expectChallenge(page, 3, 2);
    const device = await signInTrustingThisBrowser(page, options.email, 1);
    check(device.privateType === 'private' && device.privateAlgorithm === 'ECDSA P-256' && device.usages === 'sign', 'the private key is an ECDSA P-256 signing key', device);
    check(device.privateExtractable === false, 'the private key is not extractable', device);
    check(device.refusals === 'pkcs8: InvalidAccessError; jwk: InvalidAccessError', 'WebCrypto refuses to export the private key', device);
    check(/^Chrome on .{1,54}$/.test(device.name), 'the browser is named for the device list', device.name);
    check(!(await page.$eval('#forget-browser', (button) => button.hidden)), 'a trusted browser offers "Forget this browser"', await step(page));
    await screenshot(page, `trusted-${options.library}.png`);
    await signOut(page);

    await signInWithPassword(page, options.password);
    await expectSignedIn(page);
    check((await text(page, 'notice')) === 'This browser is trusted: you are signed in without an emailed code.', 'the next sign-in asks for the password only', await text(page, 'notice'));
    check((await emailsTo(options.email)).length === 1, 'and no code is emailed', await emailsTo(options.email));
    check((await storedDevice(page))?.deviceId === device.deviceId, 'the same key stays', await storedDevice(page));

    await act(page, () => page.click('#forget-browser'));
    check((await storedDevice(page)) === null, '"Forget this browser" deletes the key at once', await storedDevice(page));
    check(await page.$eval('#forget-browser', (button) => button.hidden), 'and the button goes', 'shown');
    const forgetting = await pendingForget(page);
    check(forgetting.length === 1 && forgetting[0][1] === device.deviceId, 'its id is kept to tell the server with the next code', forgetting);
    await signOut(page);

    await signInWithPassword(page, options.password);
    await expectChallenge(page, 3, 2);
    await answer(page, await codeNumber(2));
    await expectSignedIn(page);
    check((await pendingForget(page)).length === 0, 'the code-verified sign-in told the server to forget it', await pendingForget(page));
    check(await page.$eval('#forget-browser', (button) => button.hidden), 'nothing is left to forget', 'shown');
  },

  async 'untrusted-key'(page) {
    const owner = options.email;
    const other = options['other-email'];
    await signInWithPassword(page, options.password, owner);
    const ownersKey = await signInTrustingThisBrowser(page, owner, 1);
    await signOut(page);

    // Another user's key, copied to this user: the server does not know it for this user.
    await changeStoredDevice(page, owner, other, 'copy');
    await signInWithPassword(page, options.password, other);
    await expectChallenge(page, 3, 2);
    check(
      (await text(page, 'notice')) === 'This browser is no longer trusted for this account, so its key was removed. Enter the emailed code.',
      "another user's key gets the emailed code and is dropped",
      await text(page, 'notice'),
    );
    check((await storedDevice(page, other)) === null, "the copied key is deleted", await storedDevice(page, other));
    check((await storedDevice(page, owner))?.deviceId === ownersKey.deviceId, "the owner's key stays", await storedDevice(page, owner));
    await answer(page, await codeNumber(1, other));
    await expectSignedIn(page, other);
    await signOut(page);

    // The owner's id with a key that is not the registered one: the signature does not verify.
    await changeStoredDevice(page, owner, owner, 'other-key');
    await signInWithPassword(page, options.password, owner);
    check((await step(page)) === 'code', 'a signature that does not verify gets the emailed code', await text(page, 'error'));
    check(
      /^This browser's proof was not accepted, so its key was removed\. We emailed a code to .\*\*\*@/.test(await text(page, 'error')),
      'and the page says the proof was refused',
      await text(page, 'error'),
    );
    check((await storedDevice(page, owner)) === null, 'the key that failed is deleted', await storedDevice(page, owner));
    // Trust again, then tamper with the stored id: an id the server never issued.
    const again = await signInTrustingThisBrowser(page, owner, 2);
    check(again.deviceId !== ownersKey.deviceId, 'trusting again makes a new key', again);
    await signOut(page);
    // A key WebCrypto cannot sign with: the page asks for the code instead and drops the key.
    await changeStoredDevice(page, owner, owner, 'unusable-key');
    await signInWithPassword(page, options.password, owner);
    await expectChallenge(page, 3, 2);
    check((await text(page, 'error')) === '', 'a key that cannot sign just asks for the code', await text(page, 'error'));
    check((await storedDevice(page, owner)) === null, 'and is deleted', await storedDevice(page, owner));
    await signInTrustingThisBrowser(page, owner, 3);
    await signOut(page);
    await changeStoredDevice(page, owner, owner, 'other-id');
    await signInWithPassword(page, options.password, owner);
    await expectChallenge(page, 3, 2);
    check(
      (await text(page, 'notice')) === 'This browser is no longer trusted for this account, so its key was removed. Enter the emailed code.',
      'a tampered device id gets the emailed code and is dropped',
      await text(page, 'notice'),
    );
    check((await storedDevice(page, owner)) === null, 'the tampered key is deleted', await storedDevice(page, owner));
    await answer(page, await codeNumber(4, owner));
    await expectSignedIn(page, owner);
    check((await emailsTo(owner)).length === 4 && (await emailsTo(other)).length === 1, 'each fallback was one emailed code', [await emailsTo(owner), await emailsTo(other)]);
  },

  // A pool without trusted devices: its code challenge has no deviceNonce, so the page shows no
  // checkbox, and even one ticked by force sends nothing to sign and stores no key.
  async 'trust-off'(page) {
    await signInWithPassword(page, options.password);
    await expectChallenge(page, 3, 2);
    check(await page.$eval('#trust-row', (row) => row.hidden), 'without TrustedDeviceDays there is no checkbox', 'shown');
    await page.$eval('#trust-row', (row) => {
      row.hidden = false;
    });
    await page.click('#trust-browser');
    await answer(page, await codeNumber(1));
    await expectSignedIn(page);
    check((await text(page, 'notice')) === '', 'it does not say the browser is trusted', await text(page, 'notice'));
    check((await storedDevice(page)) === null, 'no key is stored', await storedDevice(page));
    check(await page.$eval('#forget-browser', (button) => button.hidden), 'there is nothing to forget', 'shown');
  },

  async 'invited-user'(page) {
    await signInWithPassword(page, options.password);
    await chooseNewPassword(page);
    check(
      (await text(page, 'notice')) === 'Your new password is set. We signed you in again with it; now the emailed code.',
      'after the gate refused the tokens, the page signed in again with the new password',
      await text(page, 'error'),
    );
    await expectChallenge(page, 3, 2);
    await answer(page, await codeNumber(1));
    await expectSignedIn(page);
  },

  async 'invited-user-no-gate'(page) {
    await signInWithPassword(page, options.password);
    await chooseNewPassword(page);
    check((await step(page)) === 'password', 'tokens without the code are not used', await step(page));
    check(
      (await text(page, 'error')) ===
        'The user pool issued tokens without the emailed code, so this page did not use them: the pool has no token gate. Sign in again with your new password, and tell the administrator.',
      'the page says the pool issued tokens without the code',
      await text(page, 'error'),
    );
    check((await emailsTo(options.email)).length === 0, 'no code was ever sent', await emailsTo(options.email));
  },

  async 'wrong-code-then-code'(page) {
    await signInWithPassword(page, options.password);
    await expectChallenge(page, 3, 2);
    const code = await codeNumber(1);
    await answer(page, wrong(code));
    check((await text(page, 'error')) === 'That code was not right. 2 attempts left.', 'a wrong code is refused with the attempts left', await text(page, 'error'));
    await expectChallenge(page, 2, 2);
    check((await emailsTo(options.email)).length === 1, 'a wrong code sends no second email', await emailsTo(options.email));
    await screenshot(page, `code-step-${options.library}.png`);
    await answer(page, code);
    await expectSignedIn(page);
    await screenshot(page, `signed-in-${options.library}.png`);
    await signOutRevokes(page);
  },

  async resend(page) {
    await signInWithPassword(page, options.password);
    const first = await codeNumber(1);
    await act(page, () => page.click('#resend'));
    const notice = await text(page, 'notice');
    check(/^A new code was sent to .\*\*\*@.\*\*\*\.\w+\.$/.test(notice), 'a resend says a new code was sent', notice);
    await codeNumber(2);
    await expectChallenge(page, 3, 1);
    await act(page, () => page.click('#resend'));
    const newest = await codeNumber(3);
    await expectChallenge(page, 3, 0);
    check(await page.$eval('#resend', (button) => button.disabled), 'with no resends left the button is disabled', await text(page, 'resend'));
    check((await text(page, 'resend')) === 'No new codes left', 'the button says no new codes are left', await text(page, 'resend'));
    await answer(page, first);
    check((await text(page, 'error')) === 'That code was not right. 2 attempts left.', 'the replaced code no longer works', await text(page, 'error'));
    await answer(page, newest);
    await expectSignedIn(page);
  },

  async 'attempt-limit'(page) {
    await signInWithPassword(page, options.password);
    const code = await codeNumber(1);
    await answer(page, wrong(code));
    await answer(page, wrong(code));
    check((await text(page, 'error')) === 'That code was not right. 1 attempt left.', 'the last attempt is announced', await text(page, 'error'));
    await answer(page, wrong(code));
    check((await step(page)) === 'password', 'after the last wrong code the sign-in has ended', await step(page));
    check(
      (await text(page, 'error')) === 'The code was not accepted and this sign-in has ended: no attempts are left. Sign in again to get a new code.',
      'it says the attempts are used up',
      await text(page, 'error'),
    );
    check((await emailsTo(options.email)).length === 1, 'no code was sent after the limit', await emailsTo(options.email));
    await signInWithPassword(page, options.password);
    await expectChallenge(page, 3, 2);
    await answer(page, await codeNumber(2));
    await expectSignedIn(page);
  },

  // Against a pool whose ResendCooldownSeconds outlasts the test: the request is refused with
  // Cognito's message, no email is sent, and the code already sent still signs in.
  async cooldown(page) {
    await signInWithPassword(page, options.password);
    const code = await codeNumber(1);
    await act(page, () => page.click('#resend'));
    const refused = await text(page, 'error');
    check(
      /^No new code was sent: wait [0-9]+ seconds before asking again\. Use the code already sent\.$/.test(refused),
      'a resend within the cooldown shows the cooldown message',
      refused,
    );
    check((await text(page, 'notice')) === '', 'it does not say a code was sent', await text(page, 'notice'));
    check((await emailsTo(options.email)).length === 1, 'no email is sent within the cooldown', await emailsTo(options.email));
    await expectChallenge(page, 3, 2);
    await screenshot(page, `cooldown-${options.library}.png`);
    await answer(page, code);
    await expectSignedIn(page);
  },

  async 'wrong-password'(page) {
    await signInWithPassword(page, `${options.password}-not`);
    check((await step(page)) === 'password', 'a wrong password stays at the password', await step(page));
    check((await text(page, 'error')) === 'Incorrect email or password.', 'it says the email or password is wrong', await text(page, 'error'));
    check((await emailsTo(options.email)).length === 0, 'no code is sent for a wrong password', await emailsTo(options.email));
  },
};

/** The browser to launch: the one named, or the lockfile's (unpacked once, with its own flags). */
async function browserToLaunch() {
  if (options.chromium) {
    return { executablePath: options.chromium, headless: true, args: ['--headless'] };
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return { executablePath: await chromium.executablePath(), headless: 'shell', args: chromium.args };
}

async function main() {
  if (options['print-chromium']) {
    console.log((await browserToLaunch()).executablePath);
    return;
  }
  const scenario = scenarios[options.scenario];
  const invited = options.scenario?.startsWith('invited-user');
  if (
    !scenario ||
    !options.url ||
    !options.ses ||
    !options.email ||
    !options.password ||
    (invited && !options['new-password']) ||
    (options.scenario === 'untrusted-key' && !options['other-email'])
  ) {
    console.error(`unknown scenario or missing option; scenarios: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  const profile = await mkdtemp(join(tmpdir(), 'web-sign-in-chromium-'));
  const launch = await browserToLaunch();
  const browser = await puppeteer.launch({
    executablePath: launch.executablePath,
    headless: launch.headless,
    args: [
      ...launch.args,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 600, height: 540 });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
    const url = new URL(options.url);
    url.searchParams.set('library', options.library);
    await page.goto(url.toString());
    await page.waitForFunction(() => document.body.dataset.actionsDone === '0', { timeout: STEP_TIMEOUT_MS });
    const library = await text(page, 'library');
    check(library === (options.library === 'amplify' ? 'AWS Amplify v6' : 'amazon-cognito-identity-js'), `the page signs in with ${options.library}`, library);
    try {
      await scenario(page);
    } catch (error) {
      await screenshot(page, `failed-${options.scenario}-${options.library}.png`);
      const shown = await page.$eval('main', (main) => main.innerText).catch(() => '');
      throw new Error(`${error.message}\n--- the page ---\n${shown}\n--- browser ---\n${problems.join('\n')}`);
    }
    console.log(JSON.stringify({ ok: true, scenario: options.scenario, library: options.library, checks }));
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, scenario: options.scenario, library: options.library, checks }));
  console.error(error.message);
  process.exit(1);
});
