import { createHash, createHmac, getDiffieHellman, hkdfSync, randomBytes } from 'node:crypto';
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as OTPAuth from 'otpauth';
import { startUserPoolSrpFront, type StartUserPoolSrpFrontOptions, type UserPoolSrpFront } from '../src';
import {
  createPoolUser,
  startUserPoolEmulator,
  type UserPoolEmulator,
} from '../../../examples/federation-demo/src/localUserPool';

/** cognito-local behind the SRP front, with a pool whose users may set TOTP MFA up. */
export interface FrontHarness {
  readonly local: UserPoolEmulator;
  readonly front: UserPoolSrpFront;
  readonly pool: { poolId: string; clientId: string; clientSecret?: string };
  /** The text of every answer the front gave to `call`, for scans for secrets. */
  readonly transcript: string[];
  /** A raw JSON 1.1 call to the front: status and parsed body (or the text when it is not JSON). */
  call(operation: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  /** A confirmed user created through the front (so it learns the password); returns the pool's username. */
  newUser(email: string, password: string): Promise<string>;
  /** Sets TOTP MFA up for the user directly at cognito-local; returns a code generator. */
  setUpTotp(email: string, password: string): Promise<() => string>;
  stop(): Promise<void>;
}

export async function startFrontHarness(
  options: Omit<StartUserPoolSrpFrontOptions, 'upstream'>,
  { clientSecret = false } = {},
): Promise<FrontHarness> {
  const local = await startUserPoolEmulator();
  const front = await startUserPoolSrpFront({ ...options, upstream: local.endpoint });
  const pool = await local.createPool({ clientSecret });
  await local.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: pool.poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) };
  const viaFront = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: front.endpoint,
    credentials,
  });
  const direct = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials,
  });
  const hash = (username: string): Record<string, string> =>
    pool.clientSecret
      ? {
          SECRET_HASH: createHmac('sha256', pool.clientSecret)
            .update(`${username}${pool.clientId}`)
            .digest('base64'),
        }
      : {};
  const transcript: string[] = [];
  const call: FrontHarness['call'] = async (operation, body) => {
    const response = await fetch(front.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    transcript.push(text);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: response.status, json };
  };
  return {
    local,
    front,
    pool,
    transcript,
    call,
    async newUser(email, password) {
      await createPoolUser(viaFront, pool.poolId, email, password);
      const user = await call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: pool.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password, ...hash(email) },
      });
      const token = (user.json.AuthenticationResult as { AccessToken: string }).AccessToken;
      return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { username: string })
        .username;
    },
    async setUpTotp(email, password) {
      const signedIn = await direct.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: email, PASSWORD: password, ...hash(email) },
        }),
      );
      const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
      const { SecretCode } = await direct.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const totp = new OTPAuth.TOTP({
        secret: OTPAuth.Secret.fromBase32(SecretCode!),
        digits: 6,
        period: 30,
      });
      await direct.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp.generate() }));
      await direct.send(
        new SetUserMFAPreferenceCommand({
          AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      return () => totp.generate();
    },
    async stop() {
      viaFront.destroy();
      direct.destroy();
      await front.stop();
      await local.stop();
    },
  };
}

/** The TIMESTAMP form of the protocol: `Tue Mar 5 09:07:02 UTC 2024`. */
export function cognitoTimestamp(date: Date): string {
  const utc = date.toUTCString();
  const time = date.toISOString().slice(11, 19);
  return `${utc.slice(0, 3)} ${utc.slice(8, 11)} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

// The client side of the SRP-6a variant (3072-bit group, g = 2), written here for the wire tests so that
// they do not lean on the front's own code.
const N = BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
const pad = (v: bigint): Buffer => {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(/^[89a-f]/.test(hex) ? `00${hex}` : hex, 'hex');
};
const H = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const big = (b: Buffer): bigint => BigInt(`0x${b.toString('hex')}`);
const modPow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  for (b %= N; e > 0n; e >>= 1n, b = (b * b) % N) if (e & 1n) r = (r * b) % N;
  return r;
};
const k = big(H(pad(N), pad(2n)));

/** A device secret and the ConfirmDevice verifier config for it (salt and verifier, base64). */
export function deviceVerifier(groupKey: string, deviceKey: string, secret: string) {
  const salt = big(randomBytes(16));
  const x = big(H(pad(salt), H(Buffer.from(`${groupKey}${deviceKey}:${secret}`))));
  return { Salt: pad(salt).toString('base64'), PasswordVerifier: pad(modPow(2n, x)).toString('base64') };
}

/** One SRP sign-in of the client side: `A`, then the claim for the server's challenge parameters. */
export function srpClient(poolName: string, password: string) {
  const a = big(randomBytes(128)) % N;
  const A = modPow(2n, a);
  return {
    A: A.toString(16),
    claim(params: Record<string, string>, userId: string, now = new Date()): Record<string, string> {
      const B = BigInt(`0x${params.SRP_B}`);
      const u = big(H(pad(A), pad(B)));
      const x = big(H(pad(BigInt(`0x${params.SALT}`)), H(Buffer.from(`${poolName}${userId}:${password}`))));
      const S = modPow((((B - k * modPow(2n, x)) % N) + N) % N, a + u * x);
      const key = Buffer.from(hkdfSync('sha256', pad(S), pad(u), 'Caldera Derived Key', 16));
      const TIMESTAMP = cognitoTimestamp(now);
      const signature = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(poolName),
            Buffer.from(userId),
            Buffer.from(params.SECRET_BLOCK!, 'base64'),
            Buffer.from(TIMESTAMP),
          ]),
        )
        .digest('base64');
      return {
        PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!,
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP,
      };
    },
  };
}
