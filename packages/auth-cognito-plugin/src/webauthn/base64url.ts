// base64url <-> bytes without Buffer, so the module runs in browsers as in Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** The unpadded base64url text of `bytes`. */
export function toBase64Url(bytes: ArrayBuffer | ArrayBufferView): string {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < view.length; i += 3) {
    const n = (view[i]! << 16) | ((view[i + 1] ?? 0) << 8) | (view[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => ALPHABET[(n >> shift) & 63]);
    out += chars.slice(0, Math.min(4, view.length - i + 1)).join('');
  }
  return out;
}

/** The bytes of base64url (or base64) text; throws on a character outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const out = new Uint8Array(new ArrayBuffer(Math.floor((clean.length * 6) / 8)));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of clean) {
    const index = INDEX.get(c);
    if (index === undefined) throw new TypeError('The value is not base64url.');
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 255;
    }
  }
  return out;
}
