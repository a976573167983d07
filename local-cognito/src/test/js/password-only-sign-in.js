// Signs in with AWS's own JavaScript client (amazon-cognito-identity-js) in its default flow,
// USER_SRP_AUTH: the password through SRP, and nothing else. On a legacy app client that allows
// it, this gets tokens without any code. Prints one JSON line; exits 0 with tokens, 1 without.
// usage: node password-only-sign-in.js <endpoint> <userPoolId> <clientId> <username> <password>
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');

const [endpoint, userPoolId, clientId, username, password] = process.argv.slice(2);

const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
let challenges = 0;
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    const claims = session.getIdToken().decodePayload();
    console.log(JSON.stringify({ ok: true, challenges, email: claims.email, aud: claims.aud, tokenUse: claims.token_use }));
    process.exit(0);
  },
  onFailure(error) {
    console.log(JSON.stringify({ ok: false, challenges, code: error.code, message: error.message }));
    process.exit(1);
  },
  customChallenge() {
    challenges++;
    this.onFailure({ code: 'CustomChallenge', message: 'a code was asked for' });
  },
});
