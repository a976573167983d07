// dynalite (the DynamoDB emulator pinned in package-lock.json) on 127.0.0.1, for local-cognito,
// local-demo.sh and the tests. usage: node dynalite.js <port>
//
// Why not dynalite's own cli.js: dynalite throws from a request's 'error' event, so a client that
// gives up on a request mid-way (as the Create function does when its time budget runs out) kills
// the whole emulator with ECONNRESET. DynamoDB just drops such a request; so does this wrapper.
// It prints the line cli.js prints once it listens.
const path = require('path');
const dynalite = require(path.join(__dirname, '..', 'node_modules', 'dynalite'));
const port = Number(process.argv[2] || 0);
process.on('uncaughtException', (error) => {
  if (error && (error.code === 'ECONNRESET' || error.message === 'aborted')) {
    return;
  }
  console.error(error);
  process.exit(1);
});
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(port, '127.0.0.1', () => {
  console.log('Dynalite listening at: http://127.0.0.1:%s', server.address().port);
});
