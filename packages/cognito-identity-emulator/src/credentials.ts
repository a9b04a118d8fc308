/** Fresh random temporary AWS credentials, shaped like the ones Amazon Cognito answers. */
import { randomBytes, randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
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
