import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { build } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { startCredentialsTap, type CredentialsTap } from './support/credentialsTap';
import { startSignedDynamoDB, type SignedDynamoDB } from './support/signedDynamoDB';
import { startPasswordlessPool } from './support/passwordlessPool';
import type { SrpUserPool } from './support/srpUserPool';

// Passkeys in a real browser: the plugin in the page calls navigator.credentials, Chromium's virtual
// authenticator (CDP WebAuthn domain) answers, and the SRP front (passwordless option, rp id localhost)
// verifies. The page is served from http://localhost (a secure context), the user-pool front behind the
// same origin (it sends no CORS headers), the identity pool emulator directly (it does).
const run = chromiumAvailable('passkey Chromium test') ? describe : describe.skip;
const PASSWORD = 'Passkey-Horse-7';
const USER = 'passkey@example.com';

type Settled = { value?: unknown; error?: string; message?: string; recoverySuggestion?: string };

run('passkeys in Chromium with a virtual authenticator', () => {
  let users: SrpUserPool;
  let identity: CognitoIdentityEmulator;
  let tap: CredentialsTap;
  let dynamo: SignedDynamoDB;
  let site: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let authenticatorId: string;
  let cdp: CDPSession;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(__dirname, 'browser/passkeyPage.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      // The built packages, resolved as an app's bundler would, "browser" fields included.
      tsconfigRaw: '{}',
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]!.text;
    const created = await startPasswordlessPool({});
    users = created.users;
    const { poolId, clientId } = created.pool;
    await users.createUser(poolId, USER, PASSWORD);
    identity = await startCognitoIdentityEmulator({ port: 0 });
    const identityPoolId = await identity.createIdentityPool({
      allowUnauthenticatedIdentities: false,
      openIdConnectProviders: [
        {
          providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`,
          issuer: `${users.issuerDomain}/${poolId}`,
          jwksUri: `${users.issuerDomain}/${poolId}/.well-known/jwks.json`,
          audiences: [clientId],
        },
      ],
    });
    // Credentials pass a tap on their way to the page; DynamoDB checks the signatures made with them.
    tap = await startCredentialsTap(identity.endpoint);
    dynamo = await startSignedDynamoDB({ lookup: tap.lookup, ownPartitionKey: 'identityId' });
    const admin = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamo.dynaliteEndpoint,
      credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
    });
    await admin.send(
      new CreateTableCommand({
        TableName: 'Scores',
        KeySchema: [{ AttributeName: 'identityId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'identityId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    admin.destroy();
    const front = new URL(users.endpoint);
    let config = '{}';
    site = createServer((req, res) => {
      if (req.url?.startsWith('/idp')) {
        // The user-pool front behind the page's origin.
        const upstream = request(
          {
            host: front.hostname,
            port: front.port,
            path: '/',
            method: req.method,
            headers: { ...req.headers, host: front.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.writeHead(502).end());
        return void req.pipe(upstream);
      }
      if (req.url?.startsWith('/app.js'))
        return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><body><script>window.plugboardConfig = ${config};</script><script type="module" src="/app.js"></script></body>`,
        );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(site.address() as AddressInfo).port}`;
    config = JSON.stringify({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: identityPoolId, Region: 'us-east-1', Endpoint: tap.endpoint },
              },
            },
            CognitoUserPool: {
              Default: {
                PoolId: poolId,
                AppClientId: clientId,
                Region: 'us-east-1',
                Endpoint: `${origin}/idp`,
              },
            },
          },
        },
      },
    });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dynamo?.stop();
    await tap?.stop();
    await identity?.stop();
    await users?.stop();
    if (site) await new Promise((resolve) => site.close(resolve));
  });

  const call = (name: string, ...args: unknown[]): Promise<Settled> =>
    page.evaluate(
      ([n, a]) =>
        (window as unknown as { page: Record<string, (...x: unknown[]) => Promise<Settled>> }).page[
          n as string
        ]!(...(a as unknown[])),
      [name, args] as const,
    );

  it('registers a passkey, lists it, signs in with it (no password), deletes it, then is refused', async () => {
    expect(authenticatorId).toBeTruthy();
    expect(await call('signIn', USER, PASSWORD)).toMatchObject({ value: { isSignedIn: true } });
    expect(await call('list')).toEqual({ value: { credentials: [] } });
    expect(await call('associate')).toEqual({});
    const listed = (await call('list')) as { value: { credentials: Record<string, unknown>[] } };
    expect(listed.value.credentials).toHaveLength(1);
    const credential = listed.value.credentials[0]!;
    expect(credential).toMatchObject({
      credentialId: expect.stringMatching(/^[\w-]+$/),
      relyingPartyId: 'localhost',
      friendlyCredentialName: expect.any(String),
    });
    // The virtual authenticator holds the passkey the pool lists (CDP gives the id in base64).
    const held = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(held.map((c) => Buffer.from(c.credentialId, 'base64').toString('base64url'))).toEqual([
      credential.credentialId,
    ]);
    // The same authenticator again (callback form): excluded by the pool's options, refused by the browser.
    const again = await call('associateWithCallbacks');
    expect(again).toMatchObject({
      error: 'UnknownException',
      message: expect.stringMatching(/already holds/),
    });
    expect((await call('list')) as { value: { credentials: unknown[] } }).toMatchObject({
      value: { credentials: [expect.anything()] },
    });
    expect(await call('signOut')).toMatchObject({ value: { signedOutLocally: true } });

    const before = users.proxy.received.length;
    expect(await call('passkeySignIn', USER)).toEqual({
      value: { isSignedIn: true, nextStep: { signInStep: 'DONE' } },
    });
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_AUTH',
      'RespondToAuthChallenge:WEB_AUTHN',
    ]);
    await expect(call('credentials')).resolves.toEqual({ isSignedIn: true, credentials: 'SUCCESS' });
    // The passkey session's identity-pool credentials sign a DynamoDB write of the user's own item.
    const aws = (await call('awsCredentials')) as unknown as {
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken: string;
      identityId: string;
    };
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamo.endpoint,
      credentials: aws,
      maxAttempts: 1,
    });
    try {
      const put = await client.send(
        new PutItemCommand({
          TableName: 'Scores',
          Item: { identityId: { S: aws.identityId }, score: { N: '42' } },
        }),
      );
      expect(put.$metadata.httpStatusCode).toBe(200);
      // The check is real: another identity's item is refused.
      await expect(
        client.send(
          new PutItemCommand({ TableName: 'Scores', Item: { identityId: { S: 'us-east-1:someone-else' } } }),
        ),
      ).rejects.toThrow();
    } finally {
      client.destroy();
    }

    // Chosen from the first factors too.
    await call('signOut');
    const chosen = await call('chooseFirstFactor', USER, 'WEB_AUTHN');
    expect(chosen).toEqual({ value: { isSignedIn: true, nextStep: { signInStep: 'DONE' } } });

    expect(await call('remove', credential.credentialId)).toEqual({});
    expect(await call('list')).toEqual({ value: { credentials: [] } });
    await call('signOut');
    // Without a registered passkey the pool offers the other factors instead of WEB_AUTHN.
    const after = await call('passkeySignIn', USER);
    expect(after).toEqual({
      value: {
        isSignedIn: false,
        nextStep: expect.objectContaining({ signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' }),
      },
    });
    expect(
      (after.value as { nextStep: { availableChallenges: string[] } }).nextStep.availableChallenges,
    ).not.toContain('WEB_AUTHN');
    expect(await call('events')).toEqual(expect.arrayContaining(['SIGNED_IN', 'SIGNED_OUT']));
  }, 60_000);
});
