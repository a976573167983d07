// Prints each email the SES emulator receives before the sender gets SES's answer (used by
// local-demo.sh). It stands between the Create function and aws-ses-v2-local on 127.0.0.1: every
// request is passed on unchanged, and when one has been answered, the emails new in the
// emulator's store are printed before the answer goes back. So an email is on the screen before
// Create returns, and therefore before the client asks for the code.
// usage: node show-mail.js <sesUrl> [port]   (prints "show-mail listening at: <url>")
const http = require('http');

const upstream = new URL(process.argv[2]);
const port = Number(process.argv[3] || 0);
let shown = 0;

async function printNewEmails() {
  try {
    const store = await (await fetch(`${upstream.origin}/store`)).json();
    for (const email of store.emails.slice(shown)) {
      process.stderr.write(
        `\n----- email to ${email.destination.to.join(', ')} -----\n` +
          `Subject: ${email.subject}\n\n${email.body.text}\n` +
          `-----------------------------------------------\n`,
      );
    }
    shown = store.emails.length;
  } catch (error) {
    process.stderr.write(`show-mail: cannot read the SES emulator's store: ${error.message}\n`);
  }
}

const server = http.createServer((request, response) => {
  const body = [];
  request.on('data', (chunk) => body.push(chunk));
  request.on('end', () => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        const answerBody = [];
        answer.on('data', (chunk) => answerBody.push(chunk));
        answer.on('end', async () => {
          await printNewEmails();
          response.writeHead(answer.statusCode, answer.headers);
          response.end(Buffer.concat(answerBody));
        });
      },
    );
    forward.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`show-mail: the SES emulator did not answer: ${error.message}`);
    });
    forward.end(Buffer.concat(body));
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log('show-mail listening at: http://127.0.0.1:%s', server.address().port);
});
