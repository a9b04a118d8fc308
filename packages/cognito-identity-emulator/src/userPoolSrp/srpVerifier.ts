import {
  createHash,
  createHmac,
  getDiffieHellman,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * The server side of the SRP-6a variant Amazon Cognito user pools speak (USER_SRP_AUTH), written on
 * node:crypto: what the pool keeps per user (a salt and the verifier `v = g^x`), the challenge
 * `B = k·v + g^b`, and the check of the client's PASSWORD_VERIFIER answer.
 */

/** The 3072-bit MODP group of RFC 3526 (group 15), generator 2. */
const N = BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
const G = 2n;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % N;
    b = (b * b) % N;
  }
  return result;
}

/** The hex form the protocol hashes: even length, with a `00` byte in front when the top bit is set. */
function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const bytesOf = (value: bigint): Buffer => Buffer.from(padHex(value), 'hex');
const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const toBigInt = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString('hex')}`);
const randomInt = (bytes: number): bigint => toBigInt(randomBytes(bytes));

const K = toBigInt(sha256(bytesOf(N), bytesOf(G)));

/** What the front keeps per user instead of the password. */
export interface SrpVerifierRecord {
  readonly poolName: string;
  readonly userId: string;
  readonly salt: bigint;
  readonly verifier: bigint;
}

/** The server's secret `b` and public `B` of one sign-in attempt, with the client's `A`. */
export interface SrpExchange {
  readonly A: bigint;
  readonly b: bigint;
  readonly B: bigint;
}

/** `us-east-1_AbC` → `AbC`: the pool name the protocol hashes. */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

export function srpVerifierRecord(poolId: string, userId: string, password: string): SrpVerifierRecord {
  const poolName = poolNameOf(poolId);
  const salt = randomInt(16);
  const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  const x = toBigInt(sha256(bytesOf(salt), inner));
  return { poolName, userId, salt, verifier: modPow(G, x) };
}

/** The server's answer to the client's `A`; `undefined` when `A` is not acceptable (`A mod N = 0`). */
export function srpServerExchange(record: SrpVerifierRecord, A: bigint): SrpExchange | undefined {
  if (A <= 0n || A % N === 0n) return undefined;
  for (;;) {
    const b = randomInt(128) % N;
    const B = (K * record.verifier + modPow(G, b)) % N;
    if (b !== 0n && B !== 0n) return { A, b, B };
  }
}

const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) (\d\d:\d\d:\d\d) UTC (\d{4})$/;

/** Parses the protocol's TIMESTAMP (`Tue Mar 5 09:07:02 UTC 2024`, day without a leading zero). */
function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const when = Date.parse(`${match[3]} ${match[2]} ${match[5]} ${match[4]} UTC`);
  return Number.isNaN(when) ? undefined : when;
}

/**
 * Checks PASSWORD_CLAIM_SIGNATURE: `S = (A·v^u)^b`, the 16-byte HKDF key from `S` and `u`, then the HMAC
 * over pool name, user id, secret block and timestamp. The timestamp must be within five minutes of `now`.
 */
export function srpCheckClaim(
  record: SrpVerifierRecord,
  exchange: SrpExchange,
  secretBlock: string,
  responses: Readonly<Record<string, string | undefined>>,
  now: number,
): boolean {
  const timestamp = responses.TIMESTAMP ?? '';
  const when = parseTimestamp(timestamp);
  if (when === undefined || Math.abs(when - now) >= 5 * 60_000) return false;
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== secretBlock) return false;
  const u = toBigInt(sha256(bytesOf(exchange.A), bytesOf(exchange.B)));
  if (u === 0n) return false;
  const S = modPow((exchange.A * modPow(record.verifier, u)) % N, exchange.b);
  const key = Buffer.from(hkdfSync('sha256', bytesOf(S), bytesOf(u), 'Caldera Derived Key', 16));
  const expected = createHmac('sha256', key)
    .update(Buffer.from(record.poolName, 'utf8'))
    .update(Buffer.from(record.userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest();
  const given = Buffer.from(responses.PASSWORD_CLAIM_SIGNATURE ?? '', 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
