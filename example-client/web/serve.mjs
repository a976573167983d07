// Serves the built page (dist/) and its config.json on 127.0.0.1, for ./local-demo.sh --web and
// the browser test. Prints one JSON line {"url": ...} once it listens; Ctrl-C or SIGTERM stops it.
//
//   node serve.mjs --pool-id us-east-1_LocalPool1 --client-id localclient \
//     [--endpoint http://127.0.0.1:9229] [--port 0] [--trusted-device-days 30]
//
// Without --endpoint the page talks to the user pool's real regional endpoint. With
// --trusted-device-days (the stack's TrustedDeviceDays) the page's checkbox says "Trust this
// browser for N days"; without it, "Trust this browser". Either way the checkbox shows only when
// the pool's code challenge offers trusted devices.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage =
  'usage: node serve.mjs --pool-id <UserPoolId> --client-id <UserPoolClientId> [--endpoint <url>] [--port <port>] [--trusted-device-days <1-365>]';
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      'pool-id': { type: 'string' },
      'client-id': { type: 'string' },
      endpoint: { type: 'string' },
      port: { type: 'string', default: '0' },
      'trusted-device-days': { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (
  !/^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/.test(options['pool-id'] ?? '') ||
  !options['client-id'] ||
  !/^\d+$/.test(options.port) ||
  (options['trusted-device-days'] !== undefined && !/^[1-9]\d{0,2}$/.test(options['trusted-device-days'])) ||
  Number(options['trusted-device-days'] ?? 1) > 365 ||
  (options.endpoint !== undefined && !URL.canParse(options.endpoint))
) {
  console.error(usage);
  process.exit(2);
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), 'dist');
const config = JSON.stringify({
  userPoolId: options['pool-id'],
  clientId: options['client-id'],
  endpoint: options.endpoint,
  trustedDeviceDays: options['trusted-device-days'] === undefined ? undefined : Number(options['trusted-device-days']),
});
// The page's scripts and styles are its own files; it talks to config.json and to the user pool's
// endpoint (the local one, or Cognito's regional endpoint for the pool id's region) and nothing else.
const region = options['pool-id'].split('_')[0];
const cognitoOrigin = options.endpoint
  ? new URL(options.endpoint).origin
  : `https://cognito-idp.${region}.amazonaws.com`;
const securityHeaders = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${cognitoOrigin}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

function answer(response, status, headers = {}, body = undefined) {
  response.writeHead(status, { ...securityHeaders, ...headers }).end(body);
}

const server = createServer(async (request, response) => {
  if (request.method !== 'GET') {
    answer(response, 405, { Allow: 'GET' });
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    // A malformed escape (GET /%E0%A4%A) is the client's error, not the server's end.
    answer(response, 400);
    return;
  }
  if (path === '/config.json') {
    answer(response, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, config);
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root + sep) || !types[extname(file)]) {
    answer(response, 404);
    return;
  }
  try {
    const body = await readFile(file);
    answer(response, 200, { 'Content-Type': types[extname(file)], 'Cache-Control': 'no-store' }, body);
  } catch {
    answer(response, 404);
  }
});

server.listen(Number(options.port), '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/` }));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
