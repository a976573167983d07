// Signs in with AWS's own JavaScript client (amazon-cognito-identity-js), CUSTOM_AUTH with a
// password, answering whatever Cognito asks after the password: a new password
// (newPasswordRequired), a TOTP code computed from the given secret (totpRequired, RFC 6238), the
// emailed code read from the SES emulator (customChallenge). Prints one JSON line with the steps
// seen, and exits 0 with tokens, 1 without.
// usage: node sign-in-paths.js <endpoint> <userPoolId> <clientId> <username> <password> <sesUrl>
//        [<newPassword>|-] [<totpSecretBase32>|-]
const crypto = require('crypto');
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');

const [endpoint, userPoolId, clientId, username, password, sesUrl, newPassword, totpSecret] =
  process.argv.slice(2);

function totp(base32) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const hash = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function newestCode(address) {
  for (let i = 0; i < 200; i++) {
    const store = await (await fetch(`${sesUrl}/store`)).json();
    const emails = store.emails.filter((e) => e.destination.to.includes(address));
    if (emails.length > 0) {
      return emails[emails.length - 1].body.text.match(/\d{4,10}/)[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code reached ${address}`);
}

const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
user.setAuthenticationFlowType('CUSTOM_AUTH');
const steps = [];
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    const claims = session.getIdToken().decodePayload();
    console.log(JSON.stringify({ ok: true, steps, email: claims.email, tokenUse: claims.token_use }));
    process.exit(0);
  },
  onFailure(error) {
    console.log(JSON.stringify({ ok: false, steps, code: error.code, message: error.message }));
    process.exit(1);
  },
  newPasswordRequired() {
    steps.push('NEW_PASSWORD_REQUIRED');
    user.completeNewPasswordChallenge(newPassword, {}, this);
  },
  totpRequired(challengeName) {
    steps.push(challengeName);
    user.sendMFACode(totp(totpSecret), this, 'SOFTWARE_TOKEN_MFA');
  },
  customChallenge() {
    steps.push('CUSTOM_CHALLENGE');
    newestCode(username).then(
      (code) => user.sendCustomChallengeAnswer(code, this),
      (error) => this.onFailure(error),
    );
  },
});
