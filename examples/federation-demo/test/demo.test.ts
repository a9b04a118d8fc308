import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { buildPackagesAndDemo, jwtsIn, runDemo, secretLookingRuns, type Run } from './support';

/**
 * A proxy in front of the emulator that remembers every token sent and every secret answered, so the test
 * can look for them in the demo's output. (The demo is a separate process; this is how we learn its secrets.)
 */
async function startRecordingProxy(
  target: string,
): Promise<{ server: Server; url: string; secrets: Set<string> }> {
  const secrets = new Set<string>();
  const remember = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 16) secrets.add(value);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        const logins = (JSON.parse(body.toString()) as { Logins?: Record<string, string> }).Logins ?? {};
        Object.values(logins).forEach(remember);
      } catch {
        // not JSON: nothing to remember
      }
      const upstream = request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            try {
              const out = JSON.parse(text.toString()) as {
                Credentials?: { SecretKey?: string; SessionToken?: string };
                Token?: string;
              };
              remember(out.Credentials?.SecretKey);
              remember(out.Credentials?.SessionToken);
              remember(out.Token);
            } catch {
              // not JSON
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secrets };
}

function expectNoSecrets(text: string, secrets: Iterable<string> = []): void {
  expect(jwtsIn(text)).toEqual([]);
  expect(secretLookingRuns(text)).toEqual([]);
  for (const secret of secrets) {
    expect(text.includes(secret) || text.includes(secret.slice(0, 20))).toBe(false);
  }
}

beforeAll(() => buildPackagesAndDemo(), 120_000);

describe('npm run demo', () => {
  describe('against the embedded emulator', () => {
    let run: Run;
    beforeAll(async () => {
      run = await runDemo();
    }, 60_000);

    it('exits 0 well within 30 seconds', () => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.ms).toBeLessThan(30_000);
    });

    it('walks through every section of the seed page', () => {
      for (const line of [
        /^backend: local Cognito Identity emulator at http:\/\/127\.0\.0\.1:\d+, identity pool us-east-1:/m,
        /ok: app code cannot forge auth events: .*HubException/,
        /^2\. federateToIdentityPool with a Facebook token \(promise style\)$/m,
        /\[hub\] FEDERATED_TO_IDENTITY_POOL \{ identityId: 'us-east-1:[0-9a-f-]+', providerName: 'graph\.facebook\.com' \}/,
        /requests to Cognito: GetId, GetCredentialsForIdentity/,
        /^3\. federateToIdentityPool again, callback style as on the seed page$/m,
        /AuthQuickstart: Successful federation to Identity Pool\./,
        /AuthQuickstart: Identity id: us-east-1:/,
        /secretAccessKey: '\*\*\*', sessionToken: '\*\*\*'/,
        /ok: 5 concurrent fetchAuthSession calls shared 1 GetCredentialsForIdentity request/,
        /\[hub\] SESSION_EXPIRED \{ reason: 'federatedTokenRejected', providerName: 'graph\.facebook\.com' \}/,
        /awsCredentialsResult: FAILURE SessionExpiredException/,
        /userSubResult: FAILURE InvalidStateException.*\n {6}\^ FAILURE as expected: a federated identity has no user-pool user/,
        /awsCredentialsResult: FAILURE SessionExpiredException.*\n {6}\^ FAILURE as expected: the demo let the Facebook token expire/,
        /ok: identity id us-east-1:[0-9a-f-]+ kept/,
        /federatedTokenRefresher: asked for a fresh graph\.facebook\.com token/,
        /\[hub\] FEDERATION_TO_IDENTITY_POOL_CLEARED/,
        /AuthQuickstart: Federation cleared successfully\./,
        /ok: clear while not federated: InvalidStateException: Clearing of federation failed\./,
        /ok: signOut while federated: InvalidStateException/,
        /^11\. A user pool: sign up and confirm with the code the pool sent$/m,
        /^12\. Sign in with SRP \(the default flow\): automatic federation, and federateToIdentityPool refused$/m,
        /\[hub\] SIGNED_IN \{ username: '[^']+', userId: '[0-9a-f-]+' \}/,
        /ok: fetchAuthSession: identity us-east-1:[0-9a-f-]+, credentials ASIA/,
        /ok: federateToIdentityPool while signed in: InvalidStateException: Federation could not be completed\./,
        /\[hub\] SIGNED_OUT/,
        /username ([0-9a-f-]{36}), userId \1\n.*the username is a UUID, not the email.*\n.*such pools name each user by their sub/,
        /^15\. Passwordless: sign in with a one-time code sent by e-mail \(USER_AUTH, EMAIL_OTP\)$/m,
        /preferredChallenge: 'EMAIL_OTP' \}\):\n.*nextStep CONFIRM_SIGN_IN_WITH_EMAIL_CODE, a code went to a\*\*\*@e\*\*\* \(EMAIL\)/,
        /ok: confirmSignIn with the code: isSignedIn, nextStep DONE/,
        /ok: requests to the user pool: InitiateAuth:USER_AUTH, RespondToAuthChallenge:EMAIL_OTP/,
      ]) {
        expect(run.stdout).toMatch(line);
      }
    });

    it('explains its output once: the legend, the AuthQuickstart tag, expected failures', () => {
      const legend = run.stdout.slice(0, run.stdout.indexOf('\n1. '));
      expect(legend).toMatch(/^How to read this output:$/m);
      expect(legend).toMatch(/AuthQuickstart: \.\.\. +what the guide's code logs/);
      expect(legend).toMatch(/no AWS account is needed/);
      expect(legend).toMatch(/Log\.i\("AuthQuickstart", \.\.\.\) logs under the tag/);
      expect(legend).toMatch(/\^ FAILURE as expected/);
      // Every FAILURE the demo prints is followed by why it is expected.
      const lines = run.stdout.split('\n');
      const failures = lines
        .map((line, i) => `${line}\n${lines[i + 1]}`)
        .filter((pair, i) => /FAILURE|Exception:/.test(lines[i]!) && !legend.includes(lines[i]!))
        .filter((pair) => !/^ {3}(ok|recovery|\s+\^|\[hub\])/.test(pair));
      expect(failures.length).toBe(8);
      for (const pair of failures) expect(pair).toMatch(/\n {6}\^ FAILURE as expected: \S/);
    });

    it('plays the game: scores written and the leaderboard read with fromAmplifyAuth() credentials', () => {
      const game = run.stdout.slice(run.stdout.indexOf('\n16. '));
      for (const line of [
        /^16\. The game: players federate and keep their scores in DynamoDB$/m,
        /credentials live 15 min, no guest access/,
        /DynamoDB \(dynalite, in this process\) at http:\/\/127\.0\.0\.1:\d+, table GameScores/,
        /ok: bob federated \(identity us-east-1:[0-9a-f-]{36}\), posted 1200/,
        /ok: carol federated \(identity us-east-1:[0-9a-f-]{36}\), posted 900/,
        /^17\. alice federates and posts her score with an SDK client whose credentials are fromAmplifyAuth\(\)$/m,
        /credentials: fromAmplifyAuth\(\),/,
        /ok: alice federated: identity us-east-1:[0-9a-f-]{36}, credentials ASIA…\w{4}, expire .* \(in 15 min\)/,
        /ok: PutItem \(score 1500\) signed with ASIA…\w{4}: the signature verified against the secret key/,
        /overwriting bob's score: AccessDeniedException/,
        /^18\. The credentials expire: the same long-lived SDK client keeps working$/m,
        /ok: PutItem \(score 1750\) signed with new credentials ASIA…\w{4}/,
        /requests to Cognito: GetCredentialsForIdentity\n/,
        /alice's first credentials as static credentials: ExpiredTokenException/,
        /a new client after the clear: SignedOutException: No AWS credentials/,
        /recovery: Sign in or call federateToIdentityPool/,
        /the long-lived client: SignedOutException/,
        /^20\. The leaderboard: bob comes back and reads it$/m,
        /#1 {2}alice +1750 {2}\(item identityId us-east-1:[0-9a-f-]{36}\)\n.*#2 {2}bob +1200 .*\n.*#3 {2}carol +900 /,
        /ok: leaderboard written and read with federated credentials only: 5 signed requests verified \(5 different keys\), 2 refused/,
      ]) {
        expect(game).toMatch(line);
      }
      // The alice of the game keys her item by the identity id she federated into.
      const aliceId = /ok: alice federated: identity (us-east-1:[0-9a-f-]{36})/.exec(game)![1];
      expect(game).toMatch(new RegExp(`#1 {2}alice .*\\(item identityId ${aliceId}\\)`));
    });

    it('keeps profiles in S3 through Amplify.Storage, signed by the federated identity', () => {
      const storage = run.stdout.slice(run.stdout.indexOf('\n21. '));
      for (const line of [
        /^21\. Storage: players keep their profiles in S3 through Amplify\.Storage$/m,
        /\[hub\] UPLOAD_SUCCEEDED \{ path: 'private\/us-east-1:[0-9a-f-]{36}\/profile\.json' \}/,
        /ok: stored private\/us-east-1:[0-9a-f-]{36}\/profile\.json, signed with ASIA…\w{4}/,
        /ok: read back with the access-level form/,
        /ok: a presigned URL \(5 min\) read with plain fetch, no credentials: 200/,
        /bob reads alice's private profile: AccessDeniedException/,
        /an upload after clearFederationToIdentityPool: AccessDeniedException/,
        /ok: profiles kept with federated credentials only: 3 S3 requests, all signed and verified/,
        /^Done: 21 steps, every check passed\.$/m,
      ]) {
        expect(storage).toMatch(line);
      }
      // The demo ends with the storage chapter's summary.
      expect(run.stdout.trimEnd().split('\n').slice(-3, -2)[0]).toMatch(
        /ok: profiles kept with federated credentials only/,
      );
    });

    it('uses one identity id throughout federation and prints no token or secret', () => {
      const federation = run.stdout.slice(0, run.stdout.indexOf('\n11. '));
      const ids = new Set(federation.match(/us-east-1:[0-9a-f]{8}-[0-9a-f-]{27}/g));
      expect(ids.size).toBe(2); // the identity pool and the one identity
      expectNoSecrets(run.stdout + run.stderr);
    });
  });

  describe('against an identity pool given on the command line', () => {
    let emulator: CognitoIdentityEmulator;
    let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
    let poolId: string;
    beforeAll(async () => {
      emulator = await startCognitoIdentityEmulator({ port: 0 });
      poolId = await emulator.createIdentityPool({
        supportedLoginProviders: { 'accounts.google.com': 'google-client-id' },
      });
      proxy = await startRecordingProxy(emulator.endpoint);
    });
    afterAll(async () => {
      await new Promise((resolve) => proxy.server.close(resolve));
      await emulator.stop();
    });

    it('runs the same walk-through, skipping the emulator-only steps, and leaks nothing', async () => {
      const token = await emulator.issueProviderToken({
        providerName: 'accounts.google.com',
        subject: 'bob',
      });
      proxy.secrets.add(token);
      const run = await runDemo(
        ['--identity-pool-id', poolId, '--endpoint', proxy.url, '--provider', 'google'],
        { PLUGBOARD_DEMO_TOKEN: token },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `backend: identity pool ${poolId} at ${proxy.url}, provider accounts.google.com`,
      );
      expect(run.stdout).toMatch(/skipped: moving the clock is emulator-only; forcing a refresh instead/);
      expect(run.stdout).toMatch(/skipped: expiring the provider token is emulator-only/);
      expect(run.stdout).toMatch(
        /\[hub\] FEDERATED_TO_IDENTITY_POOL .*providerName: 'accounts\.google\.com'/,
      );
      expect(run.stdout).toMatch(/ok: identity id us-east-1:[0-9a-f-]+ kept/);
      expect(run.stdout).toMatch(/skipped: the user-pool chapter needs the local emulators/);
      expect(run.stdout).toMatch(/skipped: the game needs the local identity pool and DynamoDB/);
      expect(run.stdout).toMatch(/skipped: the storage chapter needs the local identity pool and S3/);
      expect(run.stdout).toMatch(/^Done: 13 steps, every check passed\.$/m);
      expect(proxy.secrets.size).toBeGreaterThan(8);
      expectNoSecrets(run.stdout + run.stderr, proxy.secrets);
    }, 60_000);

    it('exits 1 with a clear message when the pool rejects the token, without printing it', async () => {
      const token = await emulator.issueProviderToken({
        providerName: 'accounts.google.com',
        subject: 'bob',
        expiresInSeconds: -60,
      });
      const run = await runDemo([
        '--identity-pool-id',
        poolId,
        '--endpoint',
        emulator.endpoint,
        '--provider',
        'google',
        '--token',
        token,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^federation-demo failed in step 2: DemoCheckFailed: federation failed/m);
      expect(run.stdout).toMatch(
        /AuthQuickstart: Failed to federate to Identity Pool\. NotAuthorizedException/,
      );
      expectNoSecrets(run.stdout + run.stderr, [token]);
    }, 60_000);
  });

  describe('command line', () => {
    it('prints the usage with --help', async () => {
      const run = await runDemo(['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/--identity-pool-id <region:uuid>/);
    });

    it.each([
      [['--bogus'], /Unknown option --bogus/],
      [['--token', 'x'], /--identity-pool-id is needed/],
      [['--identity-pool-id', 'not-a-pool'], /must look like us-east-1:/],
      [
        ['--identity-pool-id', 'us-east-1:0a1b2c3d-0000-4000-8000-000000000000'],
        /--token \(or PLUGBOARD_DEMO_TOKEN\)/,
      ],
      [
        [
          '--identity-pool-id',
          'us-east-1:0a1b2c3d-0000-4000-8000-000000000000',
          '--token',
          't',
          '--endpoint',
          'http://example.com',
        ],
        /https:\/\/ URL, or http:\/\/ on a loopback host/,
      ],
    ])('exits 2 for %j', async (args, message) => {
      const run = await runDemo(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/Usage: npm run demo/);
    });
  });
});
