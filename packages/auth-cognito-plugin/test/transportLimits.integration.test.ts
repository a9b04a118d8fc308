import { inspect } from 'node:util';
import { AuthException, UnknownException, NetworkException, ServiceException } from '@plugboard/core';
import { FetchIdentityPoolService } from '../src/clients/identityPool/FetchIdentityPoolService';
import { SdkIdentityPoolService } from '../src/clients/identityPool/SdkIdentityPoolService';
import { SdkUserPoolService } from '../src/clients/userPool/UserPoolService';
import { exchangeCode } from '../src/hostedUi/tokenEndpoint';
import { hostileServer, type HostileMode, type HostileServer } from './support/hostileServer';

/**
 * Issue 22, classes 1 and 2, per path: every client of the plugin (the identity fetch client, the SDK
 * identity client, the user-pool SDK calls, the hosted-UI token exchange) shares one transport rule set.
 */
const TOKEN = 'eyJprovider-token-sent-by-us.payload.signature';
const PASSWORD = 'Correct-Horse-Battery-9!';
const CODE = 'authorization-code-4f1d2c';
const VERIFIER = 'pkce-verifier-0123456789abcdefghijklmnopqrstuvwxyzABCDEF';
const SECRETS = [TOKEN, PASSWORD, CODE, VERIFIER];
const POOL = 'us-east-1:00000000-0000-0000-0000-000000000000';
const TIMEOUT = 300;

type Path = (endpoint: string) => Promise<unknown>;
const PATHS: Record<string, Path> = {
  'identity fetch client (GetId)': (endpoint) =>
    new FetchIdentityPoolService({ PoolId: POOL, Region: 'us-east-1', Endpoint: `${endpoint}/` }, TIMEOUT, {
      sleep: async () => undefined,
    }).getId(POOL, { 'accounts.google.com': TOKEN }),
  'SDK identity client (GetId)': (endpoint) =>
    new SdkIdentityPoolService({ PoolId: POOL, Region: 'us-east-1', Endpoint: endpoint }, TIMEOUT).getId(
      POOL,
      {
        'accounts.google.com': TOKEN,
      },
    ),
  'user pool: password sign-in': (endpoint) => userPool(endpoint).signIn('alice', PASSWORD),
  'user pool: sign-up (SDK calls)': (endpoint) =>
    userPool(endpoint).calls.signUp('alice', PASSWORD, { email: 'a@example.com' }, undefined),
  'user pool: SRP challenge answer (SDK calls)': (endpoint) =>
    userPool(endpoint).calls.respondToAuthChallenge(
      'PASSWORD_VERIFIER',
      { USERNAME: 'alice', PASSWORD_CLAIM_SIGNATURE: PASSWORD },
      CODE,
      undefined,
    ),
  'hosted UI token exchange': (endpoint) =>
    exchangeCode(
      {
        domainUrl: endpoint,
        clientId: 'client',
        signInRedirectUris: [],
        signOutRedirectUris: [],
        scopes: [],
      },
      { code: CODE, redirectUri: 'http://127.0.0.1/callback', verifier: VERIFIER },
      TIMEOUT,
    ),
};

function userPool(endpoint: string): SdkUserPoolService {
  return new SdkUserPoolService(
    { PoolId: 'us-east-1_abcdefghi', AppClientId: 'client', Region: 'us-east-1', Endpoint: endpoint },
    TIMEOUT,
  );
}

const EXPECTED: Record<HostileMode, abstract new (...args: never[]) => AuthException> = {
  stall: NetworkException,
  trickle: NetworkException,
  tls: NetworkException,
  redirect: ServiceException,
  bomb: ServiceException,
  // The service's own error name decides the class (InvalidParameterException, invalid_request...).
  echo: AuthException,
};

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(Object.keys(PATHS))('%s', (path) => {
  it.each(Object.keys(EXPECTED) as HostileMode[])(
    '%s: a typed error, nothing followed, no secret echoed',
    async (mode) => {
      server = await hostileServer(mode);
      const error = await PATHS[path]!(server.url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EXPECTED[mode]);
      expect(server.redirected).toEqual([]);
      expect(error).not.toBeInstanceOf(UnknownException);
      const text = `${(error as Error).message} ${inspect(error, { depth: 6 })} ${JSON.stringify(error)}`;
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    },
  );
});
