// Per-request overhead of a server-side auth context with a warm session (issue 24): what a request
// handler pays to open a context over the request's cookies, read the signed-in user's session from them
// (no network: the user-pool tokens are fresh) and close the context. Plugboard: runWithAuthContext +
// createCookieStorage(cookieJarFromNode(req, res)) + Amplify.Auth.fetchAuthSession(). aws-amplify:
// runWithAmplifyServerContext (aws-amplify/adapter-core) with a token provider and a credentials provider
// over createKeyValueStorageFromCookieStorageAdapter, + fetchAuthSession(contextSpec) from
// aws-amplify/auth/server: what its framework adapters do per request. Each library signed in once,
// for real, against cognito-local (USER_PASSWORD_AUTH) and keeps its own cookies; cognito-local is then
// stopped, so a request that tried the network would fail the check. Interleaved rounds (lib/rounds.mjs).
import { inChild } from '../lib/child.mjs';
import { smoke } from '../lib/config.mjs';
import { interleave } from '../lib/rounds.mjs';
import { row } from '../lib/row.mjs';
import { startUserPool } from '../lib/userPool.mjs';

/** A request's `Cookie` header value from name/value pairs. */
const cookieHeader = (entries) => entries.map(([name, value]) => `${name}=${value}`).join('; ');

/** A response's Set-Cookie lines (what a node:http ServerResponse keeps, minus the socket). */
function responseLike() {
  const headers = new Map();
  return {
    headersSent: false,
    getHeader: (name) => headers.get(name),
    setHeader: (name, value) => void headers.set(name, value),
  };
}

/** Plugboard's configuration: the user pool only (no identity pool: no credentials to fetch). */
const plugboardConfig = ({ endpoint, poolId, clientId }) => ({
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CognitoUserPool: {
          Default: { PoolId: poolId, AppClientId: clientId, Region: 'us-east-1', Endpoint: endpoint },
        },
      },
    },
  },
});

const amplifyConfig = ({ endpoint, poolId, clientId }) => ({
  Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint } },
});

/** In a child: signs in once with `library` and returns the cookies its server side would read. */
export async function signIn({ library, pool }) {
  if (library === 'plugboard') {
    const { Amplify } = await import('@plugboard/core');
    const P = await import('@plugboard/auth-cognito-plugin');
    Amplify.addPlugin(new P.AWSCognitoAuthPlugin());
    Amplify.configure(plugboardConfig(pool));
    const cookies = new Map();
    const jar = {
      get: (name) => cookies.get(name),
      set: (name, value) => void cookies.set(name, value),
      remove: (name) => void cookies.delete(name),
    };
    await P.runWithAuthContext({ storage: P.createCookieStorage(jar) }, (context) =>
      context.plugin.signIn(pool.username, pool.password, { authFlowType: 'USER_PASSWORD_AUTH' }),
    );
    return cookieHeader([...cookies]);
  }
  const { Amplify } = await import('aws-amplify');
  const { signIn: amplifySignIn } = await import('aws-amplify/auth');
  const { cognitoUserPoolsTokenProvider } = await import('aws-amplify/auth/cognito');
  const store = new Map();
  Amplify.configure(amplifyConfig(pool));
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => void store.set(key, value),
    getItem: async (key) => store.get(key) ?? null,
    removeItem: async (key) => void store.delete(key),
    clear: async () => store.clear(),
  });
  const result = await amplifySignIn({
    username: pool.username,
    password: pool.password,
    options: { authFlowType: 'USER_PASSWORD_AUTH' },
  });
  if (!result.isSignedIn) throw new Error(`aws-amplify did not sign in: ${JSON.stringify(result.nextStep)}`);
  return cookieHeader([...store].map(([key, value]) => [key, encodeURIComponent(value)]));
}

/** The aws-amplify cookie adapter a framework adapter gives it: over the request's Cookie header and the response. */
function amplifyCookieAdapter(header, response) {
  let parsed;
  const cookies = () =>
    (parsed ??= new Map(
      header.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))];
      }),
    ));
  const write = (line) =>
    response.setHeader('set-cookie', [...(response.getHeader('set-cookie') ?? []), line]);
  return {
    get: (name) => (cookies().has(name) ? { name, value: cookies().get(name) } : undefined),
    getAll: () => [...cookies()].map(([name, value]) => ({ name, value })),
    set: (name, value) => write(`${name}=${encodeURIComponent(value)}; Path=/; Secure; SameSite=Lax`),
    delete: (name) => write(`${name}=; Path=/; Max-Age=0`),
  };
}

/** In a contender process: one request's work, per case, as batches of n requests. */
export async function cases({ library, pool, cookie }) {
  let request;
  let contextOnly;
  let token;
  if (library === 'plugboard') {
    const { Amplify } = await import('@plugboard/core');
    const P = await import('@plugboard/auth-cognito-plugin');
    Amplify.addPlugin(new P.AWSCognitoAuthPlugin());
    Amplify.configure(plugboardConfig(pool));
    const storageOf = () =>
      P.createCookieStorage(P.cookieJarFromNode({ headers: { cookie } }, responseLike()));
    request = () => P.runWithAuthContext({ storage: storageOf() }, () => Amplify.Auth.fetchAuthSession());
    contextOnly = () => P.runWithAuthContext({ storage: storageOf() }, async () => undefined);
    token = (session) =>
      session.userPoolTokensResult.type === 'SUCCESS'
        ? session.userPoolTokensResult.value.accessToken
        : undefined;
  } else {
    const { Amplify } = await import('aws-amplify');
    const core = await import('aws-amplify/adapter-core');
    const { fetchAuthSession } = await import('aws-amplify/auth/server');
    const { ConsoleLogger } = await import('aws-amplify/utils');
    ConsoleLogger.LOG_LEVEL = 'ERROR'; // quiet the custom-endpoint warning
    const resources = amplifyConfig(pool);
    Amplify.configure(resources);
    const config = Amplify.getConfig();
    const run = (operation) => {
      const storage = core.createKeyValueStorageFromCookieStorageAdapter(
        amplifyCookieAdapter(cookie, responseLike()),
      );
      const libraryOptions = {
        Auth: {
          tokenProvider: core.createUserPoolsTokenProvider(config.Auth, storage),
          credentialsProvider: core.createAWSCredentialsAndIdentityIdProvider(config.Auth, storage),
        },
      };
      return core.runWithAmplifyServerContext(config, libraryOptions, operation);
    };
    request = () => run((contextSpec) => fetchAuthSession(contextSpec));
    contextOnly = () => run(async () => undefined);
    token = (session) => session.tokens?.accessToken?.toString();
  }
  // The session must be warm and the same every time: cognito-local is stopped, no refresh can happen.
  const expected = token(await request());
  if (!expected) throw new Error(`${library}: no signed-in session from the cookies`);
  return {
    async request(n) {
      for (let i = 0; i < n; i++) {
        const session = await request();
        if (i === 0 && token(session) !== expected) throw new Error(`${library}: the session changed`);
      }
    },
    async contextOnly(n) {
      for (let i = 0; i < n; i++) await contextOnly();
    },
  };
}

/**
 * In a child: Plugboard alone with a federated session (identity id and AWS credentials in the
 * cookies): CPU microseconds per request, median of `rounds` batches. aws-amplify has no
 * server-side federation, and its per-request credentials provider asks Cognito again on every request,
 * so there is no warm peer for this row.
 */
export async function federatedRequest({ rounds, batch }) {
  const { startBackend, FACEBOOK } = await import('../lib/auth.mjs');
  const { Amplify } = await import('@plugboard/core');
  const P = await import('@plugboard/auth-cognito-plugin');
  const { emulator, poolId } = await startBackend();
  Amplify.addPlugin(new P.AWSCognitoAuthPlugin());
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
            },
          },
        },
      },
    },
  });
  const cookies = new Map();
  const jar = {
    get: (name) => cookies.get(name),
    set: (name, value) => void cookies.set(name, value),
    remove: (name) => void cookies.delete(name),
  };
  const token = await emulator.issueProviderToken({ providerName: FACEBOOK, subject: 'bench-user' });
  await P.runWithAuthContext({ storage: P.createCookieStorage(jar) }, (context) =>
    context.plugin.federateToIdentityPool(token, P.AuthProvider.facebook()),
  );
  const cookie = cookieHeader([...cookies]);
  emulator.resetRequests();
  const request = () =>
    P.runWithAuthContext(
      { storage: P.createCookieStorage(P.cookieJarFromNode({ headers: { cookie } }, responseLike())) },
      () => Amplify.Auth.fetchAuthSession(),
    );
  const times = [];
  for (let round = 0; round < rounds + 1; round++) {
    globalThis.gc?.();
    const started = process.cpuUsage();
    for (let i = 0; i < batch; i++) {
      const session = await request();
      if (session.awsCredentialsResult.type !== 'SUCCESS') throw new Error('no credentials from the cookies');
    }
    const { user, system } = process.cpuUsage(started);
    if (round > 0) times.push((user + system) / batch);
  }
  if (emulator.requests().length > 0) throw new Error('a warm request reached Cognito');
  await emulator.stop();
  times.sort((a, b) => a - b);
  return { microseconds: times[Math.floor(times.length / 2)], cookies: cookies.size, bytes: cookie.length };
}

export async function measure() {
  const pool = await startUserPool();
  let cookies;
  try {
    cookies = {
      plugboard: await inChild(import.meta.url, 'signIn', { library: 'plugboard', pool }),
      awsAmplify: await inChild(import.meta.url, 'signIn', { library: 'awsAmplify', pool }),
    };
  } finally {
    await pool.stop();
  }
  const { stop: _stop, ...poolArgs } = pool;
  const contender = (library) => ({ library, pool: poolArgs, cookie: cookies[library] });
  const results = await interleave(
    import.meta.url,
    'cases',
    { plugboard: contender('plugboard'), awsAmplify: contender('awsAmplify') },
    ['request', 'contextOnly'],
    // Longer batches and more rounds than the synchronous rows: a request is ~100x a Hub publish, and
    // its garbage collection lands in whole batches.
    smoke ? {} : { roundMs: 150, rounds: 31 },
  );
  const perRequest = results.request;
  const bare = results.contextOnly;
  const us = (rate) => `${(1e6 / rate).toFixed(1)} µs`;
  const federated = await inChild(
    import.meta.url,
    'federatedRequest',
    smoke ? { rounds: 2, batch: 20 } : { rounds: 9, batch: 2000 },
    { execArgv: ['--expose-gc'] },
  );
  return [
    row({
      group: 'serverContext',
      name: 'server context per request, warm session from cookies',
      plugboard: perRequest.rate('plugboard'),
      awsAmplify: perRequest.rate('awsAmplify'),
      unit: 'requests/s',
      ratios: perRequest.ratios('plugboard', 'awsAmplify'),
      target: { kind: 'ratioAtLeast', value: 3 },
      note:
        `runWithAuthContext + createCookieStorage + Amplify.Auth.fetchAuthSession() vs runWithAmplifyServerContext + ` +
        `createKeyValueStorageFromCookieStorageAdapter + token/credentials providers + fetchAuthSession(contextSpec); ` +
        `user-pool session (signed in once, cognito-local then stopped: no network); CPU per request ` +
        `${us(perRequest.rate('plugboard'))} vs ${us(perRequest.rate('awsAmplify'))}.`,
    }),
    row({
      group: 'serverContext',
      name: 'server context open + close, no auth call',
      plugboard: bare.rate('plugboard'),
      awsAmplify: bare.rate('awsAmplify'),
      unit: 'contexts/s',
      ratios: bare.ratios('plugboard', 'awsAmplify'),
      note: `the same, with an empty operation; CPU per context ${us(bare.rate('plugboard'))} vs ${us(bare.rate('awsAmplify'))}.`,
    }),
    row({
      group: 'serverContext',
      name: 'server context per request, federated session (Plugboard only)',
      plugboard: 1e6 / federated.microseconds,
      peer: 'none (aws-amplify has no server-side federation)',
      peerValue: null,
      unit: 'requests/s',
      note: `runWithAuthContext + cookie storage + Amplify.Auth.fetchAuthSession() returning the identity id and AWS credentials kept in ${federated.cookies} cookie${federated.cookies === 1 ? '' : 's'} (${federated.bytes} B Cookie header), no request to Cognito; CPU per request ${federated.microseconds.toFixed(1)} µs, median of batches.`,
    }),
  ];
}
