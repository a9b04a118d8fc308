import {
  bytesToBase64,
  base64ToBytes,
  concatBytes,
  hexToBigInt,
  hexToBytes,
  padHex,
  bytesToHex,
} from './bigIntMath.js';
import { utf8Bytes, type SrpCrypto } from './srpCrypto.js';
import { SRP_G, SRP_N } from './srpGroup.js';

/**
 * The SRP-6a steps both sides of Cognito's USER_SRP_AUTH share. Every hash input is the `padHex`
 * byte form of the integers, as Cognito hashes them.
 */

/** SHA-256 of `data`, as an integer. */
async function hashToBigInt(crypto: SrpCrypto, data: Uint8Array): Promise<bigint> {
  return hexToBigInt(bytesToHex(await crypto.sha256(data)));
}

const multipliers = new WeakMap<SrpCrypto, Promise<bigint>>();

/** The multiplier `k = H(N | g)`. Computed once per crypto provider. */
export function srpMultiplier(crypto: SrpCrypto): Promise<bigint> {
  let k = multipliers.get(crypto);
  if (!k) {
    k = hashToBigInt(crypto, hexToBytes(padHex(SRP_N) + padHex(SRP_G)));
    multipliers.set(crypto, k);
  }
  return k;
}

/** The scrambling parameter `u = H(A | B)`. */
export function srpScrambler(crypto: SrpCrypto, A: bigint, B: bigint): Promise<bigint> {
  return hashToBigInt(crypto, hexToBytes(padHex(A) + padHex(B)));
}

/** The private key `x = H(salt | H(poolName | userId | ":" | password))`. */
export async function srpPrivateKey(
  crypto: SrpCrypto,
  salt: bigint,
  poolName: string,
  userId: string,
  password: string,
): Promise<bigint> {
  const inner = await crypto.sha256(utf8Bytes(`${poolName}${userId}:${password}`));
  return hashToBigInt(crypto, concatBytes(hexToBytes(padHex(salt)), inner));
}

const KEY_INFO = utf8Bytes('Caldera Derived Key\u0001');

/** The 16-byte key both sides derive from the shared secret `S`: HKDF-SHA256 with `u` as salt. */
export async function srpSessionKey(crypto: SrpCrypto, S: bigint, u: bigint): Promise<Uint8Array> {
  const prk = await crypto.hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  return (await crypto.hmacSha256(prk, KEY_INFO)).slice(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE: Base64(HMAC(key, poolName | userId | SECRET_BLOCK bytes | timestamp)). */
export async function srpClaimSignature(
  crypto: SrpCrypto,
  key: Uint8Array,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): Promise<string> {
  const message = concatBytes(
    utf8Bytes(poolName),
    utf8Bytes(userId),
    base64ToBytes(secretBlock),
    utf8Bytes(timestamp),
  );
  return bytesToBase64(await crypto.hmacSha256(key, message));
}

/** The part of a pool id after the region: `us-east-1_AbC` → `AbC`. */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}
