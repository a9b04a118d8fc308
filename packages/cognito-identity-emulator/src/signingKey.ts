/** The emulator's RS256 key pair: signs test-IdP tokens and OpenID tokens, published as a JWKS. */
import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { exportJWK, type JWK } from 'jose';

const generateRsaKeyPair = promisify(generateKeyPair);

export interface SigningKey {
  readonly kid: string;
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
  return { kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
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
