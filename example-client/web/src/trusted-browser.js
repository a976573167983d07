// "Trust this browser": this browser's device key for one user of one pool (docs/design.md,
// "Trusted devices"). An ECDSA P-256 key pair made by WebCrypto with a private key that is not
// extractable: it is kept in IndexedDB as a CryptoKey, which a script in this page can sign with
// but never read or copy out (exportKey refuses it). The server knows the key by its device id,
// unpadded base64url of SHA-256 of the public key's SPKI, which the page computes itself.
// docs/app-integration.md shows these lines; AppIntegrationDocTest checks they are still here.

const DATABASE = 'cognito-email-otp';
const KEYS = 'device-keys';
// The device id of a browser the user asked to forget, kept until a code-verified sign-in has
// sent it to the server as ClientMetadata forgetDevice.
const FORGET_PREFIX = 'cognito-email-otp.forgetDevice.';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' };

/** Which user of which pool a key belongs to: the pool id and the email, one line each. */
export function keyOf(userPoolId, email) {
  return `${userPoolId}\n${email.trim().toLowerCase()}`;
}

function base64(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function base64Url(bytes) {
  return base64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function request(operation) {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error);
  });
}

async function database() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(KEYS);
  return request(opening);
}

async function inStore(mode, use) {
  const db = await database();
  try {
    return await request(use(db.transaction(KEYS, mode).objectStore(KEYS)));
  } finally {
    db.close();
  }
}

/** A new key pair: the private key is not extractable; the public key always is (WebCrypto). */
export async function newDeviceKey(name) {
  const keys = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = await crypto.subtle.exportKey('spki', keys.publicKey);
  const deviceId = base64Url(await crypto.subtle.digest('SHA-256', spki));
  return { keys, deviceId, name, publicKeyBase64: base64(spki) };
}

/** The text a device signs, as the server's DeviceProof.message builds it. */
function message(purpose, deviceId, nonce) {
  return new TextEncoder().encode(['cognito-email-otp device v1', purpose, deviceId, nonce].join('\n'));
}

/** ECDSA P-256 with SHA-256: WebCrypto's signature is r || s (IEEE P1363), what the server checks. */
export async function sign(device, purpose, nonce) {
  return base64Url(await crypto.subtle.sign(SIGNING, device.keys.privateKey, message(purpose, device.deviceId, nonce)));
}

/** The ClientMetadata that asks the server to trust a new key, on the code answer. */
export async function registration(device, deviceNonce) {
  return {
    'trustDevice.publicKey': device.publicKeyBase64,
    'trustDevice.name': device.name,
    'trustDevice.signature': await sign(device, 'register', deviceNonce),
  };
}

/** The stored key of this user, or null. Only the CryptoKeys and the id are stored. */
export async function storedKey(userPoolId, email) {
  const stored = await inStore('readonly', (store) => store.get(keyOf(userPoolId, email)));
  return stored?.keys?.privateKey instanceof CryptoKey && typeof stored.deviceId === 'string' ? stored : null;
}

export async function storeKey(userPoolId, email, device) {
  const { keys, deviceId, name } = device;
  await inStore('readwrite', (store) => store.put({ keys, deviceId, name }, keyOf(userPoolId, email)));
}

export async function deleteKey(userPoolId, email) {
  await inStore('readwrite', (store) => store.delete(keyOf(userPoolId, email)));
}

/** "Forget this browser": the key goes at once; the server is told with the next correct code. */
export async function forget(userPoolId, email) {
  const stored = await storedKey(userPoolId, email);
  await deleteKey(userPoolId, email);
  if (stored) {
    localStorage.setItem(FORGET_PREFIX + keyOf(userPoolId, email), stored.deviceId);
  }
}

/** The device id the server is still to forget for this user, or null. */
export function pendingForget(userPoolId, email) {
  return localStorage.getItem(FORGET_PREFIX + keyOf(userPoolId, email));
}

export function forgetSent(userPoolId, email) {
  localStorage.removeItem(FORGET_PREFIX + keyOf(userPoolId, email));
}

/** What the user's device list calls this browser: 1 to 64 printable characters. */
export function browserName() {
  const platform = navigator.userAgentData?.platform || navigator.platform || 'unknown system';
  const brands = [
    [/Firefox\//, 'Firefox'],
    [/Edg\//, 'Edge'],
    [/Chrome\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ];
  const brand = brands.find(([pattern]) => pattern.test(navigator.userAgent))?.[1] ?? 'A browser';
  return `${brand} on ${platform}`.replace(/[^\x20-\x7e]/g, '').slice(0, 64);
}
