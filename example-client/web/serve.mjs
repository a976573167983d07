// Serves the built page (dist/) and its config.json on 127.0.0.1, for ./local-demo.sh --web and
// the browser test. Prints one JSON line {"url": ...} once it listens; Ctrl-C or SIGTERM stops it.
//
//   node serve.mjs --pool-id us-east-1_LocalPool1 --client-id localclient \
//     [--endpoint http://127.0.0.1:9229] [--port 0]
//
// Without --endpoint the page talks to the user pool's real regional endpoint.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage =
  'usage: node serve.mjs --pool-id <UserPoolId> --client-id <UserPoolClientId> [--endpoint <url>] [--port <port>]';
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      'pool-id': { type: 'string' },
      'client-id': { type: 'string' },
      endpoint: { type: 'string' },
      port: { type: 'string', default: '0' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (!options['pool-id'] || !options['client-id'] || !/^\d+$/.test(options.port)) {
  console.error(usage);
  process.exit(2);
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), 'dist');
const config = JSON.stringify({
  userPoolId: options['pool-id'],
  clientId: options['client-id'],
  endpoint: options.endpoint,
});
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (request.method !== 'GET') {
    response.writeHead(405, { Allow: 'GET' }).end();
    return;
  }
  if (path === '/config.json') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(config);
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
  if (!file.startsWith(root + sep) || !types[extname(file)]) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'Content-Type': types[extname(file)], 'Cache-Control': 'no-store' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});

server.listen(Number(options.port), '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/` }));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
