/**
 * The hash, MAC and randomness SRP needs. The default uses Web Crypto (`globalThis.crypto`), present in
 * browsers, Node 18+ and React Native polyfills; tests pass fixed random bytes.
 */
export interface SrpCrypto {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;
}

const utf8 = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** Web Crypto's parameter type: the bytes are never a SharedArrayBuffer view here. */
const view = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

export const webSrpCrypto: SrpCrypto = {
  async sha256(data) {
    return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', view(data)));
  },
  async hmacSha256(key, data) {
    const imported = await globalThis.crypto.subtle.importKey(
      'raw',
      view(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', imported, view(data)));
  },
  randomBytes(length) {
    return globalThis.crypto.getRandomValues(new Uint8Array(length));
  },
};
