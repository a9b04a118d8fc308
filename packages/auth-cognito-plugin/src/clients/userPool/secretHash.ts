/**
 * The SECRET_HASH a user-pool app client with a secret requires: Base64(HMAC-SHA256(secret, username +
 * clientId)). Uses Web Crypto, present in browsers, React Native polyfills and Node.
 */
export async function secretHash(username: string, clientId: string, clientSecret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(clientSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(username + clientId)),
  );
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return globalThis.btoa(binary);
}

/** `{ SECRET_HASH }` of `username` when the app client has a secret (and a username is known); else `{}`. */
export async function secretHashParameter(
  client: { readonly AppClientId: string; readonly AppClientSecret?: string },
  username: string | undefined,
): Promise<{ SECRET_HASH?: string }> {
  const secret = client.AppClientSecret;
  if (!secret || username === undefined) return {};
  return { SECRET_HASH: await secretHash(username, client.AppClientId, secret) };
}
