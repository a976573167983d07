// Signs in with AWS's own JavaScript client (amazon-cognito-identity-js): CUSTOM_AUTH with a
// password runs SRP first and then calls customChallenge, where the code is read from the SES
// emulator's mailbox. Prints one JSON line and exits 0 on success, 1 on failure.
// usage: node sign-in.js <endpoint> <userPoolId> <clientId> <username> <password> <sesUrl>
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');

const [endpoint, userPoolId, clientId, username, password, sesUrl] = process.argv.slice(2);

async function newestCode(address, seen) {
  for (let i = 0; i < 200; i++) {
    const store = await (await fetch(`${sesUrl}/store`)).json();
    const emails = store.emails.filter((e) => e.destination.to.includes(address));
    if (emails.length > seen) {
      return emails[emails.length - 1].body.text.match(/\d{4,10}/)[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code reached ${address}`);
}

const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
user.setAuthenticationFlowType('CUSTOM_AUTH');
let challenges = 0;
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    const claims = session.getIdToken().decodePayload();
    console.log(JSON.stringify({ ok: true, challenges, email: claims.email, tokenUse: claims.token_use }));
    process.exit(0);
  },
  onFailure(error) {
    console.log(JSON.stringify({ ok: false, challenges, code: error.code, message: error.message }));
    process.exit(1);
  },
  customChallenge(parameters) {
    challenges++;
    newestCode(username, 0).then(
      (code) => user.sendCustomChallengeAnswer(code, this),
      (error) => this.onFailure(error),
    );
  },
});
