import { createHmac } from 'node:crypto';
import { SrpClient } from '../../src/srp/SrpClient';
import { modPow, padHex, hexToBigInt } from '../../src/srp/bigIntMath';
import { webSrpCrypto, type SrpCrypto } from '../../src/srp/srpCrypto';
import { SRP_G, SRP_N } from '../../src/srp/srpGroup';
import { srpMultiplier } from '../../src/srp/srpMath';
import { srpTimestamp } from '../../src/srp/srpTimestamp';
import { OracleHelper, oracleBig, oracleNowString } from '../support/cognitoOracle';

/** Web Crypto with fixed "random" bytes, so both clients use the same secret exponent. */
function fixedRandom(seed: number): SrpCrypto {
  return {
    ...webSrpCrypto,
    randomBytes: (length) => Uint8Array.from({ length }, (_, i) => (seed * 131 + i * 197 + 7) % 256),
  };
}

function oracleA(helper: InstanceType<typeof OracleHelper>): Promise<string> {
  return new Promise((resolve, reject) =>
    helper.getLargeAValue((error, A) => (error ? reject(error) : resolve(A.toString(16)))),
  );
}

function oracleKey(
  helper: InstanceType<typeof OracleHelper>,
  userId: string,
  password: string,
  B: string,
  salt: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    helper.getPasswordAuthenticationKey(userId, password, oracleBig(B), oracleBig(salt), (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const POOL_ID = 'us-east-1_Plugb0ard';
const CASES = [
  { seed: 1, userId: 'alice', password: 'Correct-Horse-9', salt: 'a1b2c3d4e5f60718', b: 'f00d' },
  {
    seed: 2,
    userId: '7d3c5e9a-1111-4c2b-9f00-123456789abc',
    password: 'pässwörd ✓',
    salt: '8f',
    b: 'beef'.repeat(64),
  },
  { seed: 3, userId: 'bob@example.com', password: 'x', salt: '00ff'.repeat(8), b: '9'.repeat(255) },
];

describe('SrpClient (cross-checked against amazon-cognito-identity-js)', () => {
  it('uses the same multiplier k = H(N | g) as the reference client', async () => {
    const helper = new OracleHelper('Plugb0ard');
    expect((await srpMultiplier(webSrpCrypto)).toString(16)).toBe(helper.k.toString(16));
  });

  it.each(CASES)(
    'computes SRP_A and the claim signature as the reference client does (case $seed)',
    async (c) => {
      const client = SrpClient.create(fixedRandom(c.seed));
      const helper = new OracleHelper('Plugb0ard');
      const a = hexToBigInt(Buffer.from(fixedRandom(c.seed).randomBytes(128)).toString('hex')) % SRP_N;
      helper.smallAValue = oracleBig(a.toString(16));
      helper.largeAValue = undefined; // the constructor computed A from its own random a
      expect(client.srpA).toBe(await oracleA(helper));

      const B = modPow(SRP_G, hexToBigInt(c.b), SRP_N).toString(16);
      const secretBlock = Buffer.from(`secret-block-${c.seed}`).toString('base64');
      const now = new Date(Date.UTC(2026, 10, c.seed, 9, 5, 3));
      const answer = await client.answer(
        POOL_ID,
        { SALT: c.salt, SRP_B: B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: c.userId },
        c.password,
        now,
      );

      const key = await oracleKey(helper, c.userId, c.password, B, c.salt);
      const expected = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from('Plugb0ard'),
            Buffer.from(c.userId),
            Buffer.from(secretBlock, 'base64'),
            Buffer.from(answer.TIMESTAMP),
          ]),
        )
        .digest('base64');
      expect(answer).toEqual({
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        PASSWORD_CLAIM_SIGNATURE: expected,
        TIMESTAMP: srpTimestamp(now),
      });
    },
  );

  it('gives a different signature for a different password', async () => {
    const B = modPow(SRP_G, 12345n, SRP_N).toString(16);
    const challenge = { SALT: 'abcd', SRP_B: B, SECRET_BLOCK: 'AAAA', USER_ID_FOR_SRP: 'alice' };
    const now = new Date(0);
    const right = await SrpClient.create(fixedRandom(9)).answer(POOL_ID, challenge, 'right', now);
    const wrong = await SrpClient.create(fixedRandom(9)).answer(POOL_ID, challenge, 'wrong', now);
    expect(right.PASSWORD_CLAIM_SIGNATURE).not.toBe(wrong.PASSWORD_CLAIM_SIGNATURE);
  });

  it('refuses a B that is a multiple of N', async () => {
    const challenge = {
      SALT: 'ab',
      SRP_B: SRP_N.toString(16),
      SECRET_BLOCK: 'AAAA',
      USER_ID_FOR_SRP: 'alice',
    };
    await expect(SrpClient.create().answer(POOL_ID, challenge, 'pw', new Date())).rejects.toThrow(RangeError);
  });

  it('never shows its secret exponent', () => {
    expect(require('node:util').inspect(SrpClient.create())).toBe('SrpClient { a: [secret] }');
  });
});

describe('padHex', () => {
  it.each([0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x8000n, SRP_N, SRP_G])(
    'encodes %s like the reference client',
    (n) => {
      expect(padHex(n)).toBe(new OracleHelper('x').padHex(oracleBig(n.toString(16))));
    },
  );
});

describe('srpTimestamp', () => {
  afterEach(() => jest.useRealTimers());
  it.each([
    Date.UTC(2026, 0, 5, 3, 4, 5),
    Date.UTC(2026, 10, 27, 23, 59, 59),
    Date.UTC(2024, 1, 29, 0, 0, 0),
  ])('formats %s as the reference client does', (ms) => {
    jest.useFakeTimers({ now: ms });
    expect(srpTimestamp(new Date(ms))).toBe(oracleNowString());
  });
});

describe('modPow', () => {
  it('agrees with plain square-and-multiply', () => {
    const slow = (b: bigint, e: bigint, m: bigint): bigint => {
      let r = 1n;
      for (let x = b % m, k = e; k > 0n; k >>= 1n, x = (x * x) % m) if (k & 1n) r = (r * x) % m;
      return r;
    };
    for (const [b, e] of [
      [2n, 0n],
      [2n, 1n],
      [3n, 31n],
      [SRP_N - 1n, 12345678901234567890n],
      [7n, SRP_N],
    ] as const) {
      expect(modPow(b, e, SRP_N)).toBe(slow(b, e, SRP_N));
    }
  });
});
