/**
 * The emulator's RSA key pair, published as a JWKS with two entries: `kid` (RS256) signs test-IdP tokens,
 * `openIdKid` (RS512, like the service's OpenID tokens) signs GetOpenIdToken answers.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { exportJWK, type JWK } from 'jose';

const generateRsaKeyPair = promisify(generateKeyPair);

export interface SigningKey {
  readonly kid: string;
  readonly openIdKid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwks: { keys: JWK[] };
}

/** Persisted form (PKCS#8 PEM); only ever written to the state file, which is created with mode 0600. */
export interface StoredSigningKey {
  kid: string;
  privateKeyPem: string;
}

async function fromKeyObject(kid: string, privateKey: KeyObject): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const openIdKid = `${kid}-openid`;
  return {
    kid,
    openIdKid,
    privateKey,
    publicKey,
    jwks: {
      keys: [
        { ...jwk, kid, alg: 'RS256', use: 'sig' },
        { ...jwk, kid: openIdKid, alg: 'RS512', use: 'sig' },
      ],
    },
  };
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return fromKeyObject(randomUUID(), privateKey);
}

export async function loadSigningKey(stored: StoredSigningKey): Promise<SigningKey> {
  return fromKeyObject(stored.kid, createPrivateKey(stored.privateKeyPem));
}

export function storeSigningKey(key: SigningKey): StoredSigningKey {
  return { kid: key.kid, privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
