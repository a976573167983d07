// serve.mjs as a browser meets it: every answer carries the page's security headers, and a
// malformed path gets 400 while the server keeps serving. Run by `npm test` (example-client's
// build runs it with the tests).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const serve = fileURLToPath(new URL('../serve.mjs', import.meta.url));
let server;
let base;

before(async () => {
  server = spawn(process.execPath, [
    serve,
    '--pool-id', 'us-east-1_LocalPool1',
    '--client-id', 'localclient',
    '--endpoint', 'http://127.0.0.1:9229',
  ]);
  const [line] = await once(server.stdout, 'data');
  base = JSON.parse(line.toString()).url;
});

after(() => server.kill());

function get(path) {
  return fetch(new URL(path, base), { redirect: 'manual' });
}

function assertSecurityHeaders(response) {
  const csp = response.headers.get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy is sent');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:9229(;|$)/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
}

test('a malformed path gets 400 and the server goes on serving', { timeout: 10_000 }, async () => {
  const malformed = await get('/%E0%A4%A');
  assert.equal(malformed.status, 400);
  assertSecurityHeaders(malformed);
  const config = await get('/config.json');
  assert.equal(config.status, 200);
  assert.equal((await config.json()).userPoolId, 'us-east-1_LocalPool1');
});

test('every answer sends the security headers', { timeout: 10_000 }, async () => {
  for (const [path, status] of [
    ['/config.json', 200],
    ['/no-such-file.js', 404],
    ['/..%2f..%2fserve.mjs', 404],
  ]) {
    const response = await get(path);
    assert.equal(response.status, status, path);
    assertSecurityHeaders(response);
  }
  const post = await fetch(new URL('/config.json', base), { method: 'POST' });
  assert.equal(post.status, 405);
  assertSecurityHeaders(post);
});

test('without --endpoint the page may connect to the pool region\'s Cognito endpoint only', { timeout: 10_000 }, async () => {
  const real = spawn(process.execPath, [serve, '--pool-id', 'eu-west-3_AbC', '--client-id', 'c']);
  try {
    const [line] = await once(real.stdout, 'data');
    const response = await fetch(JSON.parse(line.toString()).url + 'config.json');
    assert.match(
      response.headers.get('content-security-policy'),
      /connect-src 'self' https:\/\/cognito-idp\.eu-west-3\.amazonaws\.com(;|$)/,
    );
  } finally {
    real.kill();
  }
});

test('a pool id that is not one is refused at start', { timeout: 10_000 }, async () => {
  const bad = spawn(process.execPath, [serve, '--pool-id', "x'; script-src *", '--client-id', 'c']);
  setTimeout(() => bad.kill(), 5000).unref();
  const [code] = await once(bad, 'exit');
  assert.equal(code, 2);
});

test('--trusted-device-days reaches the page in config.json', { timeout: 10_000 }, async () => {
  assert.equal((await (await get('/config.json')).json()).trustedDeviceDays, undefined);
  const trusting = spawn(process.execPath, [serve, '--pool-id', 'eu-west-3_AbC', '--client-id', 'c', '--trusted-device-days', '30']);
  try {
    const [line] = await once(trusting.stdout, 'data');
    const config = await (await fetch(JSON.parse(line.toString()).url + 'config.json')).json();
    assert.equal(config.trustedDeviceDays, 30);
  } finally {
    trusting.kill();
  }
});

test('--trusted-device-days outside 1 to 365 is refused at start', { timeout: 10_000 }, async () => {
  for (const days of ['0', '366', '030', '7d']) {
    const bad = spawn(process.execPath, [serve, '--pool-id', 'eu-west-3_AbC', '--client-id', 'c', '--trusted-device-days', days]);
    setTimeout(() => bad.kill(), 5000).unref();
    const [code] = await once(bad, 'exit');
    assert.equal(code, 2, days);
  }
});
