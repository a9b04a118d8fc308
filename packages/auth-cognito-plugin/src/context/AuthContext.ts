import {
  Amplify,
  getLogger,
  InvalidParameterException,
  InvalidStateException,
  type AuthException,
  type HubCategory,
} from '@plugboard/core';
import { createScopedHub, pluginSectionOf, setAuthPluginResolver } from '@plugboard/core/internals';
import { AWSCognitoAuthPlugin, guardPlugin, refusalOf } from '../AWSCognitoAuthPlugin.js';
import { keepShape } from '../model/keepShape.js';
import { contextBeforeConfigure, contextEnded, usedInAnotherContext } from './contextErrors.js';
import { contextPluginOptions, type AuthContextOptions } from './contextOptions.js';
import { CONTEXTS_SUPPORTED, currentContext, runInContext } from './currentContext.js';
import { shareAcrossRequests } from './requestSessions.js';

export type { AuthContextOptions } from './contextOptions.js';

/**
 * An isolated auth context: one user's session on a server that acts for many. Its plugin has its own
 * storage, session state machine, serial queue, refresh and events; it shares the process's validated
 * auth configuration (the same pools) and the plugin's constructor options other than `storage`.
 */
export interface AuthContext {
  /** The context's own plugin: `federateToIdentityPool`, `fetchAuthSession`, `signIn`..., `clearFederationToIdentityPool`, `signOut`. */
  readonly plugin: AWSCognitoAuthPlugin;
  /** This context's auth events only (not delivered to the process Hub, nor to another context's hub). */
  readonly hub: HubCategory;
}

/** An {@link AuthContext} the caller owns: `dispose()` ends it. */
export interface DisposableAuthContext extends AuthContext {
  /** Ends the context: abandons its queued operations and forgets its in-memory session (the storage keeps it); later calls reject. */
  dispose(): Promise<void>;
}

/**
 * What `runWithAuthContext` puts in the async-local store: a holder, emptied (pointed at the ended
 * context) when the work settles. Async resources made during the work (a pooled socket, a timer the
 * app left) keep this small holder alive, never the context's plugin and its session.
 */
interface Scope {
  context: AuthContext;
}

let resolverInstalled = false;
let endedScope: AuthContext | undefined;

/** Makes `Amplify.Auth.*` consult the current context first (once per loaded copy of this package). */
function installResolver(): void {
  if (resolverInstalled) return;
  resolverInstalled = true;
  setAuthPluginResolver(() => currentAuthContext()?.plugin);
}

/** The context of the running `runWithAuthContext`, or undefined outside one. */
export function currentAuthContext(): AuthContext | undefined {
  return currentContext<Scope>()?.context;
}

/**
 * Why `plugin` (a context's) refuses to be used here and now, or undefined. Kept by the plugin itself: a
 * process-wide WeakMap from plugins would make every context outlive young-generation collections.
 */
export { refusalOf };

/**
 * A context as its work sees it, and as its caller owns it. Every one is made here, the ended context's
 * too, so they share the shapes the ended context (kept for the process's life) keeps: `keepShape.ts`.
 */
const viewOf = (plugin: AWSCognitoAuthPlugin, hub: HubCategory): AuthContext =>
  Object.freeze({ plugin, hub });
const disposableOf = (
  plugin: AWSCognitoAuthPlugin,
  hub: HubCategory,
  dispose: () => Promise<void>,
): DisposableAuthContext => Object.freeze({ plugin, hub, dispose });

/** What code still running in an ended `runWithAuthContext` finds: a plugin refusing every call. */
function endedContext(): AuthContext {
  if (!endedScope) {
    const plugin = new AWSCognitoAuthPlugin();
    guardPlugin(plugin, contextEnded);
    endedScope = viewOf(plugin, createScopedHub('auth').hub);
    keepShape(disposableOf(plugin, endedScope.hub, () => plugin.reset()));
  }
  return endedScope;
}

/**
 * Creates an isolated auth context (Node only) from the process's current auth configuration (checked
 * once, by `Amplify.configure`) and the process plugin's options; `storage`, and any other plugin option
 * given here, replace them. The caller ends it with `dispose()`. Before `Amplify.configure`:
 * `InvalidStateException`; bad options: `InvalidParameterException`.
 */
export function createAuthContext(options: AuthContextOptions): DisposableAuthContext {
  const pluginOptions = contextPluginOptions(options);
  if (!CONTEXTS_SUPPORTED)
    throw new InvalidStateException(
      'Server-side auth contexts need Node (node:async_hooks); this build has none.',
      'Create auth contexts on the server only; in a browser use Amplify.Auth directly.',
    );
  const config = Amplify.getConfig();
  const section = config && pluginSectionOf(config, 'auth', AWSCognitoAuthPlugin.PLUGIN_KEY);
  if (section === undefined) throw contextBeforeConfigure();
  installResolver();
  // Requests of one session in this process share one refresh (see requestSessions.ts).
  const plugin = new AWSCognitoAuthPlugin({
    ...pluginOptions,
    storage: shareAcrossRequests(pluginOptions.storage),
  });
  const { hub, publisher } = createScopedHub('auth');
  plugin.configure(section, { hub: publisher, logger: getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY) });
  let ended = false;
  const refusal = (): AuthException | undefined => {
    if (ended) return contextEnded();
    const current = currentAuthContext();
    return current !== undefined && current.plugin !== plugin ? usedInAnotherContext() : undefined;
  };
  guardPlugin(plugin, refusal);
  let disposed: Promise<void> | undefined;
  return disposableOf(plugin, hub, () => {
    ended = true;
    return (disposed ??= plugin.reset());
  });
}

/**
 * Runs `work` in a new isolated auth context (Node only): inside it (across awaits), `Amplify.Auth.*`
 * and `fromAmplifyAuth()` resolve to this context. The context is disposed when `work` settles; code
 * the work left running (a timer, a kept client) then gets `InvalidStateException` from it.
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
  const view = viewOf(context.plugin, context.hub);
  const scope: Scope = { context: view };
  try {
    return await runInContext(scope, () => work(view));
  } finally {
    scope.context = endedContext();
    await context.dispose();
  }
}
