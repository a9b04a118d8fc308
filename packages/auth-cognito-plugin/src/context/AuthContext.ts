import {
  Amplify,
  getLogger,
  InvalidParameterException,
  InvalidStateException,
  type HubCategory,
  type KeyValueStorage,
} from '@plugboard/core';
import { createScopedHub, pluginSectionOf, setAuthPluginResolver } from '@plugboard/core/internals';
import { AWSCognitoAuthPlugin } from '../AWSCognitoAuthPlugin.js';
import { CONTEXTS_SUPPORTED, currentContext, runInContext } from './currentContext.js';
import { shareAcrossRequests } from './requestSessions.js';

/**
 * An isolated auth context: one user's session on a server that acts for many. Its plugin has its own
 * storage, session state machine, serial queue, refresh and events; it is configured from the
 * process's current auth configuration (the same pools).
 */
export interface AuthContext {
  /** The context's own plugin: `federateToIdentityPool`, `fetchAuthSession`, `signIn`..., `clearFederationToIdentityPool`, `signOut`. */
  readonly plugin: AWSCognitoAuthPlugin;
  /** This context's auth events only (not delivered to the process Hub, nor to another context's hub). */
  readonly hub: HubCategory;
}

/** Options of {@link createAuthContext} and {@link runWithAuthContext}. */
export interface AuthContextOptions {
  /** Where this context's session is kept: typically `createCookieStorage(...)` over the request and response. */
  readonly storage: KeyValueStorage;
}

/** An {@link AuthContext} the caller owns: `dispose()` ends it. */
export interface DisposableAuthContext extends AuthContext {
  /** Ends the context: waits for its queued operations and forgets its in-memory session; later calls reject. */
  dispose(): Promise<void>;
}

let resolverInstalled = false;

/** Makes `Amplify.Auth.*` consult the current context first (once per loaded copy of this package). */
function installResolver(): void {
  if (resolverInstalled) return;
  resolverInstalled = true;
  setAuthPluginResolver(() => currentAuthContext()?.plugin);
}

/** The context of the running `runWithAuthContext`, or undefined outside one. */
export function currentAuthContext(): AuthContext | undefined {
  return currentContext<AuthContext>();
}

function checkOptions(options: unknown): KeyValueStorage {
  const storage = (options as { storage?: Partial<KeyValueStorage> } | null | undefined)?.storage;
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof storage?.getItem !== 'function' ||
    typeof storage.setItem !== 'function' ||
    typeof storage.removeItem !== 'function'
  )
    throw new InvalidParameterException(
      'An auth context needs options { storage }, a KeyValueStorage (getItem, setItem and removeItem functions).',
      'Pass { storage: createCookieStorage(jar) } or another KeyValueStorage.',
    );
  const unknown = Object.keys(options).filter((key) => key !== 'storage');
  if (unknown.length > 0)
    throw new InvalidParameterException(
      `An auth context has no option ${JSON.stringify(unknown[0])}.`,
      'The only option is `storage`.',
    );
  return storage as KeyValueStorage;
}

/**
 * Creates an isolated auth context (Node only), configured from the process's current auth
 * configuration. The caller ends it with `dispose()`. Before `Amplify.configure`: `InvalidStateException`.
 */
export function createAuthContext(options: AuthContextOptions): DisposableAuthContext {
  const storage = checkOptions(options);
  if (!CONTEXTS_SUPPORTED)
    throw new InvalidStateException(
      'Server-side auth contexts need Node (node:async_hooks); this build has none.',
      'Create auth contexts on the server only; in a browser use Amplify.Auth directly.',
    );
  const config = Amplify.getConfig();
  const section = config && pluginSectionOf(config, 'auth', AWSCognitoAuthPlugin.PLUGIN_KEY);
  if (section === undefined)
    throw new InvalidStateException(
      'An auth context was created before Amplify.configure gave the Cognito auth plugin its configuration.',
      'Call Amplify.configure(config) with an awsCognitoAuthPlugin section once at startup, then create contexts per request.',
    );
  installResolver();
  // Requests of one session in this process share one refresh (see requestSessions.ts).
  const plugin = new AWSCognitoAuthPlugin({ storage: shareAcrossRequests(storage) });
  const { hub, publisher } = createScopedHub('auth');
  plugin.configure(section, { hub: publisher, logger: getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY) });
  let disposed: Promise<void> | undefined;
  return Object.freeze({
    plugin,
    hub,
    dispose: () => (disposed ??= plugin.reset()),
  });
}

/**
 * Runs `work` in a new isolated auth context (Node only): inside it (across awaits), `Amplify.Auth.*`
 * and `fromAmplifyAuth()` resolve to this context. The context is disposed when `work` settles.
 */
export async function runWithAuthContext<T>(
  options: AuthContextOptions,
  work: (context: AuthContext) => Promise<T>,
): Promise<T> {
  if (typeof work !== 'function')
    throw new InvalidParameterException(
      'runWithAuthContext: `work` must be a function.',
      'Call runWithAuthContext({ storage }, async (context) => { ... }).',
    );
  const context = createAuthContext(options);
  const { dispose, ...scoped } = context;
  const view: AuthContext = Object.freeze(scoped);
  try {
    return await runInContext(view, () => work(view));
  } finally {
    await dispose();
  }
}
