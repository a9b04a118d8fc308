/** Fresh random temporary AWS credentials, shaped like the ones Amazon Cognito answers. */
import { randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Uniform random characters: bytes at or above the largest multiple of the alphabet size are skipped. */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export interface WireCredentials {
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  /** Epoch seconds. */
  Expiration: number;
}

export function newCredentials(nowMs: number, lifetimeSeconds: number): WireCredentials {
  return {
    AccessKeyId: `ASIA${randomString(UPPER_ALNUM, 16)}`,
    SecretKey: randomString(SECRET_ALPHABET, 40),
    SessionToken: randomBytes(300).toString('base64'),
    Expiration: Math.floor(nowMs / 1000) + lifetimeSeconds,
  };
}
