import { randomBytes } from 'node:crypto';
import { modPow } from '../../src/srp/bigIntMath';
import type { SrpCrypto } from '../../src/srp/srpCrypto';
import { SRP_G, SRP_N } from '../../src/srp/srpGroup';
import {
  poolNameOf,
  srpClaimSignature,
  srpMultiplier,
  srpPrivateKey,
  srpScrambler,
  srpSessionKey,
} from '../../src/srp/srpMath';

/**
 * The server side of Cognito's SRP-6a, for the test proxy: what the pool keeps per user (salt and
 * verifier `v = g^x`), the challenge (`B = k·v + g^b`), and the check of the client's claim
 * (`S = (A·v^u)^b`, then the HMAC over pool name, user id, secret block and timestamp).
 */
export interface SrpVerifierRecord {
  readonly poolName: string;
  readonly userId: string;
  readonly salt: bigint;
  readonly verifier: bigint;
  readonly k: bigint;
  readonly crypto: SrpCrypto;
}

const randomInt = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

export async function srpVerifierRecord(
  crypto: SrpCrypto,
  poolId: string,
  userId: string,
  password: string,
): Promise<SrpVerifierRecord> {
  const poolName = poolNameOf(poolId);
  const salt = randomInt(16);
  const x = await srpPrivateKey(crypto, salt, poolName, userId, password);
  return {
    poolName,
    userId,
    salt,
    verifier: modPow(SRP_G, x, SRP_N),
    k: await srpMultiplier(crypto),
    crypto,
  };
}

export function srpServerChallenge(record: SrpVerifierRecord, A: bigint): { b: bigint; B: bigint } {
  if (A % SRP_N === 0n) throw new RangeError('SRP_A is a multiple of N');
  for (;;) {
    const b = randomInt(128) % SRP_N;
    const B = (record.k * record.verifier + modPow(SRP_G, b, SRP_N)) % SRP_N;
    if (b !== 0n && B !== 0n) return { b, B };
  }
}

/** Cognito's TIMESTAMP form; the proxy accepts claims made within five minutes of its clock. */
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) \d\d:\d\d:\d\d UTC \d{4}$/;

export async function srpCheckClaim(
  crypto: SrpCrypto,
  record: SrpVerifierRecord,
  exchange: { A: bigint; b: bigint; B: bigint },
  secretBlock: string,
  responses: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  const timestamp = responses.TIMESTAMP ?? '';
  if (!TIMESTAMP.test(timestamp)) return false;
  const when = Date.parse(timestamp.replace(/^\w+ (\w+) (\d+) ([\d:]+) UTC (\d+)$/, '$1 $2 $4 $3 UTC'));
  if (!(Math.abs(when - Date.now()) < 5 * 60_000)) return false;
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== secretBlock) return false;
  const u = await srpScrambler(crypto, exchange.A, exchange.B);
  const S = modPow((exchange.A * modPow(record.verifier, u, SRP_N)) % SRP_N, exchange.b, SRP_N);
  const key = await srpSessionKey(crypto, S, u);
  const expected = await srpClaimSignature(
    crypto,
    key,
    record.poolName,
    record.userId,
    secretBlock,
    timestamp,
  );
  return expected === responses.PASSWORD_CLAIM_SIGNATURE;
}
