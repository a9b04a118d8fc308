// A hosted-UI sign-in whose user is still in the browser when the app configures the plugin again (or
// resets it): the answer is refused with InvalidStateException, the code is not redeemed and nothing is
// stored, on the old configuration or the new one. The next sign-in works as usual.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Amplify, InvalidStateException, type AmplifyConfiguration } from '@plugboard/core';
import type { WebUIBrowser } from '../src';
import { startUserPoolEmulator, type UserPoolEmulator } from './support/cognitoLocal';
import { formBrowser } from './support/formBrowser';
import { startHarness, type Harness } from './support/harness';
import { createHostedUiClient, startHostedUiFront, type HostedUiFront } from './support/hostedUiFront';
import { rememberSecrets } from './support/secrets';

const PASSWORD = 'Hosted-Reconfigure-7';
const USERNAME = 'reconfigured@example.com';
let users: UserPoolEmulator;
let front: HostedUiFront;
let poolId: string;
let clientId: string;
let callback: string;
let h: Harness;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function withHostedUi(base: AmplifyConfiguration): AmplifyConfiguration {
  const section = base.auth!.plugins!.awsCognitoAuthPlugin!;
  const OAuth = { WebDomain: front.webDomain, SignInRedirectURI: callback, Scopes: ['openid', 'email'] };
  return {
    auth: { plugins: { awsCognitoAuthPlugin: { ...section, Auth: { Default: { OAuth } } } as never } },
  };
}

/** The person at the browser signs in, but the app runs `meanwhile` before the redirect comes back. */
function slowPerson(meanwhile: () => Promise<void> | void): WebUIBrowser {
  const person = formBrowser({ username: USERNAME, password: PASSWORD });
  return {
    async open(url, redirectUri) {
      const answer = await person.open(url, redirectUri);
      rememberSecrets(new URL(answer).searchParams.get('code') ?? '');
      await meanwhile();
      return answer;
    },
  };
}

const plugin = () => Amplify.Auth.getPlugin('awsCognitoAuthPlugin');

beforeAll(async () => {
  users = await startUserPoolEmulator();
  front = await startHostedUiFront(users);
  poolId = (await users.createPool()).poolId;
  callback = `http://127.0.0.1:${await freePort()}/callback`;
  clientId = await createHostedUiClient(users, poolId, { callback: [callback], logout: [] });
  await users.createUser(poolId, USERNAME, PASSWORD);
  rememberSecrets(PASSWORD);
}, 30_000);
afterAll(async () => {
  await front.stop();
  await users.stop();
});
beforeEach(async () => {
  h = await startHarness({ userPool: { poolId, clientId, endpoint: users.endpoint, port: users.port } });
  await h.restart({}, withHostedUi(h.config));
});
afterEach(async () => {
  await h.stop();
});

describe('a reconfigure while the user is in the hosted UI', () => {
  it.each([
    ['the same configuration', () => withHostedUi(h.config)],
    ['a configuration without the hosted UI', () => h.config],
  ])('with %s: the answer is refused, nothing is redeemed or stored', async (_name, next) => {
    const tokenCalls = () => front.paths.filter((p) => p === '/oauth2/token').length;
    const before = tokenCalls();
    const signingIn = plugin().signInWithWebUI({ browser: slowPerson(() => Amplify.configure(next())) });
    await expect(signingIn).rejects.toBeInstanceOf(InvalidStateException);
    await expect(signingIn).rejects.toThrow(/configuration changed/);
    expect(tokenCalls()).toBe(before); // the code was not redeemed
    expect(h.events.map((e) => e.name)).not.toContain('SIGNED_IN');
    expect((await plugin().fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('lets the next sign-in under the new configuration complete', async () => {
    const signingIn = plugin().signInWithWebUI({
      browser: slowPerson(() => Amplify.configure(withHostedUi(h.config))),
    });
    await expect(signingIn).rejects.toBeInstanceOf(InvalidStateException);
    await expect(plugin().signInWithWebUI({ browser: slowPerson(() => undefined) })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect((await plugin().fetchAuthSession()).isSignedIn).toBe(true);
    expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
  });
});
