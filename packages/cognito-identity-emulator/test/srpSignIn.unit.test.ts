import { srpSignIn, type PasswordRecord } from '../src/userPoolSrp/srpSignIn';
import { srpVerifierRecord } from '../src/userPoolSrp/srpVerifier';
import type { Upstream } from '../src/userPoolSrp/userPoolUpstream';
import { srpClient } from './srpFrontHarness';

// The front's challenge sessions on an injected clock, with an upstream that knows one pool, one client
// and one user and hands out fixed tokens.
const POOL = 'local_Pool1';
const upstream = {
  poolIdFor: async () => POOL,
  clientSecret: async () => undefined,
  canonical: async (_: string, name: string) => (name === 'ann@example.com' ? 'ann' : undefined),
  must: async () => ({ AuthenticationResult: { AccessToken: 'token' } }),
} as unknown as Upstream;

describe('srpSignIn sessions', () => {
  it('last three minutes: an answer after that is NotAuthorizedException, before it gets the tokens', async () => {
    let clock = Date.UTC(2026, 11, 6, 4, 0, 0);
    const records = new Map<string, PasswordRecord>([
      [`${POOL}/ann`, { ...srpVerifierRecord(POOL, 'ann', 'pw'), password: 'pw' }],
    ]);
    const signIn = srpSignIn({ upstream, records, customChallengeAnswer: '42', now: () => clock });
    const attempt = async () => {
      const client = srpClient('Pool1', 'pw');
      const started = (await signIn.initiate({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: 'client',
        AuthParameters: { USERNAME: 'ann@example.com', SRP_A: client.A },
      }))!;
      const params = started.ChallengeParameters as Record<string, string>;
      return (wait: number) => {
        clock += wait;
        return signIn.respond({
          ClientId: 'client',
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: started.Session,
          ChallengeResponses: { USERNAME: 'ann', ...client.claim(params, 'ann', new Date(clock)) },
        });
      };
    };
    await expect((await attempt())(3 * 60_000)).rejects.toMatchObject({
      type: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    await expect((await attempt())(3 * 60_000 - 1)).resolves.toEqual({
      AuthenticationResult: { AccessToken: 'token' },
    });
  });
});
