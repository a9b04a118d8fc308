import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Amplify,
  ConfigurationException,
  InvalidParameterException,
  InvalidStateException,
  NotAuthorizedException,
  ServiceException,
  UserCancelledException,
  type AmplifyConfiguration,
} from '@plugboard/core';
import { AuthProvider, LoopbackWebUIBrowser, type WebUIBrowser } from '../src';
import { startUserPoolEmulator, type UserPoolEmulator } from './support/cognitoLocal';
import { createHostedUiClient, startHostedUiFront, type HostedUiFront } from './support/hostedUiFront';
import { formBrowser } from './support/formBrowser';
import { startHarness, type Harness } from './support/harness';
import { startSocialIdp, type SocialIdp } from './support/socialFront';
import { rememberSecrets } from './support/secrets';

const PASSWORD = 'Hosted-Horse-7';
let users: UserPoolEmulator;
let front: HostedUiFront;
let poolId: string;
let clientId: string;
let callback: string;
let logout: string;
let h: Harness;
let social: SocialIdp;
let userCount = 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Fills in cognito-local's hosted sign-in form like a person would, and answers the redirect it sends. */
function formFiller(username: string, password: string, log: string[] = []): WebUIBrowser {
  return {
    async open(url, redirectUri) {
      log.push(url);
      const authorize = new URL(url);
      if (authorize.pathname === '/logout') {
        const answer = await fetch(url, { redirect: 'manual' });
        return answer.headers.get('location') ?? redirectUri;
      }
      const page = await fetch(url);
      expect(await page.text()).toContain('name="password"');
      const form = new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), username, password });
      const answer = await fetch(new URL('/oauth2/authorize', authorize.origin), {
        method: 'POST',
        body: form,
        redirect: 'manual',
      });
      const location = answer.headers.get('location');
      if (!location) throw new Error(`the hosted UI did not redirect (HTTP ${answer.status})`);
      rememberSecrets(new URL(location).searchParams.get('code') ?? '');
      return location;
    },
  };
}

function hostedUiConfig(
  base: AmplifyConfiguration,
  oauth: Record<string, unknown> = {},
): AmplifyConfiguration {
  const section = base.auth!.plugins!.awsCognitoAuthPlugin!;
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          ...section,
          Auth: {
            Default: {
              OAuth: {
                WebDomain: front.webDomain,
                SignInRedirectURI: callback,
                SignOutRedirectURI: logout,
                Scopes: ['openid', 'email', 'profile'],
                ...oauth,
              },
            },
          },
        } as never,
      },
    },
  };
}

async function newUser(): Promise<string> {
  const username = `web${++userCount}@example.com`;
  await users.createUser(poolId, username, PASSWORD);
  return username;
}

beforeAll(async () => {
  users = await startUserPoolEmulator();
  front = await startHostedUiFront(users);
  poolId = (await users.createPool()).poolId;
  const port = await freePort();
  callback = `http://127.0.0.1:${port}/callback`;
  logout = `http://127.0.0.1:${port}/signed-out`;
  clientId = await createHostedUiClient(users, poolId, { callback: [callback], logout: [logout] });
  social = await startSocialIdp(users, `${front.origin}/oauth2/idpresponse`);
  front.addRoutes(social.routes('Google', () => front.origin));
  rememberSecrets(PASSWORD);
}, 30_000);

afterAll(async () => {
  await social.stop();
  await front.stop();
  await users.stop();
});

beforeEach(async () => {
  h = await startHarness({ userPool: { poolId, clientId, endpoint: users.endpoint, port: users.port } });
  await h.restart({}, hostedUiConfig(h.config));
});

afterEach(async () => {
  await h.stop();
});

const plugin = () => Amplify.Auth.getPlugin('awsCognitoAuthPlugin');

describe('signInWithWebUI (cognito-local hosted UI, authorization code + PKCE)', () => {
  it('signs in through the hosted sign-in form, stores the tokens and federates to the identity pool', async () => {
    const username = await newUser();
    const log: string[] = [];
    const result = await plugin().signInWithWebUI({ browser: formFiller(username, PASSWORD, log) });
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const authorize = new URL(log[0]!);
    expect(authorize.origin).toBe(front.origin);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: callback,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const session = await plugin().fetchAuthSession();
    expect(session.isSignedIn).toBe(true);
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    expect(h.calls('GetCredentialsForIdentity')).toBe(1);
    expect((await plugin().getCurrentUser()).userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
    expect(front.paths).toEqual(expect.arrayContaining(['/oauth2/authorize', '/oauth2/token']));
  });

  it('works with the default Node browser: a loopback listener on the redirect URI receives the code', async () => {
    const username = await newUser();
    const filler = formFiller(username, PASSWORD);
    const browser = new LoopbackWebUIBrowser({
      openUrl: async (url) => {
        // The "person" signs in; their browser then follows the redirect to the loopback listener.
        const location = await filler.open(url, callback);
        const landed = await fetch(location);
        expect(await landed.text()).toContain('close this window');
      },
    });
    await expect(plugin().signInWithWebUI({ browser })).resolves.toMatchObject({ isSignedIn: true });
  });

  it('ends the hosted-UI session through /logout on sign-out, with client_id and logout_uri', async () => {
    const username = await newUser();
    const browser = formFiller(username, PASSWORD);
    await plugin().signInWithWebUI({ browser });
    const result = await plugin().signOut({ browser } as never);
    expect(result).toMatchObject({ signedOutLocally: true, hostedUISignOut: { completed: true } });
    expect(front.paths).toContain('/logout');
    expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
    // A later sign-out of a password sign-in does not go to /logout.
    const before = front.paths.length;
    await expect(plugin().signOut()).resolves.toEqual({ signedOutLocally: true });
    expect(front.paths.length).toBe(before);
  });

  it('refuses a redirect whose state was tampered with, and stores nothing', async () => {
    const username = await newUser();
    const honest = formFiller(username, PASSWORD);
    const tampering: WebUIBrowser = {
      async open(url, redirectUri) {
        const location = new URL(await honest.open(url, redirectUri));
        location.searchParams.set('state', 'forged-state');
        return location.toString();
      },
    };
    await expect(plugin().signInWithWebUI({ browser: tampering })).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
    expect((await plugin().fetchAuthSession()).isSignedIn).toBe(false);
    expect(h.events).toEqual([]);
  });

  it('refuses to redeem the same redirect twice', async () => {
    const username = await newUser();
    let redirect = '';
    const recording: WebUIBrowser = {
      async open(url, redirectUri) {
        redirect = await formFiller(username, PASSWORD).open(url, redirectUri);
        return redirect;
      },
    };
    await plugin().signInWithWebUI({ browser: recording });
    await plugin().signOut({ browser: formFiller(username, PASSWORD) } as never);
    await expect(plugin().completeSignInWithWebUI(redirect)).rejects.toBeInstanceOf(InvalidStateException);
  });

  it('maps error=access_denied and a closed browser to UserCancelledException', async () => {
    const denied: WebUIBrowser = {
      open: async (_url, redirectUri) => `${redirectUri}?error=access_denied&error_description=User+declined`,
    };
    const error = await plugin()
      .signInWithWebUI({ browser: denied })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserCancelledException);
    expect((error as Error).message).toContain('User declined');
    const closed: WebUIBrowser = { open: () => Promise.reject(new Error('window closed')) };
    await expect(plugin().signInWithWebUI({ browser: closed })).rejects.toBeInstanceOf(
      UserCancelledException,
    );
  });

  it('maps a token endpoint failure to a typed exception that keeps the OAuth error name', async () => {
    const username = await newUser();
    front.failToken({ status: 500, error: 'server_error' });
    try {
      const error = await plugin()
        .signInWithWebUI({ browser: formFiller(username, PASSWORD) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceException);
      expect(error).toMatchObject({ metadata: { serviceErrorName: 'server_error', httpStatusCode: 500 } });
    } finally {
      front.failToken(undefined);
    }
  });

  it('sends identity_provider for the social variant and refuses providers a hosted UI cannot serve', async () => {
    const log: string[] = [];
    const capture: WebUIBrowser = {
      async open(url, redirectUri) {
        log.push(url);
        return `${redirectUri}?error=access_denied`;
      },
    };
    await expect(
      plugin().signInWithSocialWebUI(AuthProvider.google(), { browser: capture }),
    ).rejects.toBeInstanceOf(UserCancelledException);
    expect(new URL(log[0]!).searchParams.get('identity_provider')).toBe('Google');
    await expect(
      plugin().signInWithSocialWebUI(AuthProvider.twitter(), { browser: capture }),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    expect(log).toHaveLength(1);
  });

  it('signs in with a social provider: hosted UI → upstream OpenID provider → user-pool user → credentials', async () => {
    const visited: string[] = [];
    const browser = formBrowser({ login: 'gina', password: 'any' }, visited);
    const result = await plugin().signInWithSocialWebUI(AuthProvider.google(), { browser });
    expect(result).toMatchObject({ isSignedIn: true });
    expect(visited.some((url) => url.startsWith(social.issuer))).toBe(true);
    const session = await plugin().fetchAuthSession();
    const tokens =
      session.userPoolTokensResult.type === 'SUCCESS' ? session.userPoolTokensResult.value : undefined;
    const claims = JSON.parse(Buffer.from(tokens!.idToken.split('.')[1]!, 'base64url').toString());
    expect(claims.email).toBe('gina@social.test'); // the account the upstream IdP signed in
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    expect(session.identityIdResult.type).toBe('SUCCESS');
  });

  it('checks its options and the OAuth configuration before anything is opened', async () => {
    await expect(plugin().signInWithWebUI({ browser: {} } as never)).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(plugin().signInWithWebUI({ colour: 'red' } as never)).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(
      h.restart({}, hostedUiConfig(h.config, { WebDomain: `https://${front.webDomain}` })),
    ).rejects.toBeInstanceOf(ConfigurationException);
    await h.restart({}, h.config);
    await expect(plugin().signInWithWebUI({ browser: formFiller('x', 'y') })).rejects.toBeInstanceOf(
      InvalidStateException,
    );
  });

  it('reads the hosted UI from amplify_outputs.json (auth.oauth)', async () => {
    const username = await newUser();
    const section = h.config.auth!.plugins!.awsCognitoAuthPlugin!;
    await Amplify.reset();
    const { AWSCognitoAuthPlugin } = await import('../src');
    Amplify.addPlugin(new AWSCognitoAuthPlugin());
    Amplify.configure({
      auth: {
        aws_region: 'us-east-1',
        user_pool_id: poolId,
        user_pool_client_id: clientId,
        user_pool_endpoint: users.endpoint,
        identity_pool_id: section.CredentialsProvider!.CognitoIdentity!.Default!.PoolId,
        identity_pool_endpoint: h.emulator.endpoint,
        oauth: {
          domain: front.webDomain,
          scopes: ['openid', 'email'],
          redirect_sign_in_uri: [callback],
          redirect_sign_out_uri: [logout],
          response_type: 'code',
          identity_providers: [],
        },
      },
    });
    await expect(
      plugin().signInWithWebUI({ browser: formFiller(username, PASSWORD) }),
    ).resolves.toMatchObject({
      isSignedIn: true,
    });
  });
});
