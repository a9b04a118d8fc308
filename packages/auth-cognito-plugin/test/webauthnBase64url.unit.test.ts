import { randomBytes } from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../src/webauthn/base64url';

// The page-side base64url of the passkey ceremonies (no Buffer in browsers), against Node's own.
describe('base64url without Buffer', () => {
  it('matches Node for every length from 0 to 70, both ways', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = randomBytes(length);
      const text = toBase64Url(bytes);
      expect(text).toBe(bytes.toString('base64url'));
      expect(Buffer.from(fromBase64Url(text))).toEqual(bytes);
      expect(Buffer.from(fromBase64Url(bytes.toString('base64')))).toEqual(bytes); // padded base64 too
      expect(toBase64Url(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length))).toBe(text);
    }
  });

  it('refuses text outside the alphabet', () => {
    expect(() => fromBase64Url('ab$d')).toThrow(TypeError);
  });
});
