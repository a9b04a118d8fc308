import { hexToBigInt, bytesToHex, modPow } from './bigIntMath.js';
import { webSrpCrypto, type SrpCrypto } from './srpCrypto.js';
import { SRP_G, SRP_N } from './srpGroup.js';
import {
  poolNameOf,
  srpClaimSignature,
  srpMultiplier,
  srpPrivateKey,
  srpScrambler,
  srpSessionKey,
} from './srpMath.js';
import { srpTimestamp } from './srpTimestamp.js';

/** What the PASSWORD_VERIFIER challenge of USER_SRP_AUTH carries (ChallengeParameters). */
export interface PasswordVerifierChallenge {
  readonly SALT: string;
  readonly SRP_B: string;
  readonly SECRET_BLOCK: string;
  readonly USER_ID_FOR_SRP: string;
}

/** The ChallengeResponses answering PASSWORD_VERIFIER (without USERNAME and SECRET_HASH). */
export interface PasswordVerifierAnswer {
  readonly PASSWORD_CLAIM_SECRET_BLOCK: string;
  readonly PASSWORD_CLAIM_SIGNATURE: string;
  readonly TIMESTAMP: string;
}

/**
 * The client side of Cognito's SRP-6a for one sign-in: `SRP_A` for InitiateAuth, then the answer to
 * PASSWORD_VERIFIER. The secret exponent lives only in this object, which the sign-in drops when done.
 */
export class SrpClient {
  readonly #a: bigint;
  /** `A = g^a mod N`, as hex for `AuthParameters.SRP_A`. */
  readonly srpA: string;

  private constructor(
    a: bigint,
    private readonly crypto: SrpCrypto,
  ) {
    this.#a = a;
    this.srpA = modPow(SRP_G, a, SRP_N).toString(16);
  }

  /** A fresh client with a 1024-bit random secret; `crypto` may fix the random bytes for tests. */
  static create(crypto: SrpCrypto = webSrpCrypto): SrpClient {
    for (;;) {
      const a = hexToBigInt(bytesToHex(crypto.randomBytes(128))) % SRP_N;
      if (a !== 0n) return new SrpClient(a, crypto);
    }
  }

  /** Proves knowledge of the password for the challenge's USER_ID_FOR_SRP at `now`. */
  answer(
    poolId: string,
    challenge: PasswordVerifierChallenge,
    password: string,
    now: Date,
  ): Promise<PasswordVerifierAnswer> {
    return this.answerAs(poolNameOf(poolId), challenge, password, now);
  }

  /**
   * The same proof with the pool name given as is: a device proves its secret with its group key as the
   * pool name, its device key as USER_ID_FOR_SRP and its device secret as the password.
   */
  async answerAs(
    poolName: string,
    challenge: PasswordVerifierChallenge,
    password: string,
    now: Date,
  ): Promise<PasswordVerifierAnswer> {
    const A = hexToBigInt(this.srpA);
    const B = hexToBigInt(challenge.SRP_B);
    if (B % SRP_N === 0n) throw new RangeError('The server sent an invalid SRP_B.');
    const u = await srpScrambler(this.crypto, A, B);
    if (u === 0n) throw new RangeError('The SRP scrambling parameter is zero.');
    const userId = challenge.USER_ID_FOR_SRP;
    const x = await srpPrivateKey(this.crypto, hexToBigInt(challenge.SALT), poolName, userId, password);
    const k = await srpMultiplier(this.crypto);
    const base = (((B - k * modPow(SRP_G, x, SRP_N)) % SRP_N) + SRP_N) % SRP_N;
    const S = modPow(base, this.#a + u * x, SRP_N);
    const key = await srpSessionKey(this.crypto, S, u);
    const timestamp = srpTimestamp(now);
    return {
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: await srpClaimSignature(
        this.crypto,
        key,
        poolName,
        userId,
        challenge.SECRET_BLOCK,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    };
  }

  /** Never shows the secret exponent. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SrpClient { a: [secret] }';
  }
}
