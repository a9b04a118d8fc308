import { Amplify, InvalidParameterException, type KeyValueStorage } from '@plugboard/core';
import { AWSCognitoAuthPlugin, optionsOf } from '../AWSCognitoAuthPlugin.js';
import type { InternalPluginOptions } from '../runtime/internalOptions.js';
import type { AWSCognitoAuthPluginOptions } from '../runtime/options.js';

/**
 * Options of `createAuthContext` and `runWithAuthContext`: the context's `storage`, and any constructor
 * option of the plugin other than `storage` to use instead of the process plugin's (which the context
 * takes otherwise): `federatedTokenRefresher`, `credentialsRefreshMarginSeconds`, `requestTimeoutMs`,
 * `federatedTokenRefresherTimeoutMs`, `clock`.
 */
export interface AuthContextOptions extends Omit<AWSCognitoAuthPluginOptions, 'storage'> {
  /** Where this context's session is kept: typically `createCookieStorage(...)` over the request and response. */
  readonly storage: KeyValueStorage;
}

/**
 * The constructor options a context's plugin takes from the process plugin (the one added with
 * `Amplify.addPlugin`), unless the context's options give their own: everything but `storage`.
 */
export const INHERITED_OPTIONS = [
  'federatedTokenRefresher',
  'credentialsRefreshMarginSeconds',
  'requestTimeoutMs',
  'federatedTokenRefresherTimeoutMs',
  'clock',
] as const;

const badStorage = () =>
  new InvalidParameterException(
    'An auth context needs options { storage }, a KeyValueStorage (getItem, setItem and removeItem functions).',
    'Pass { storage: createCookieStorage(jar) } or another KeyValueStorage.',
  );

/**
 * The plugin options of a new context: the process plugin's (its transport seams included, so a context
 * talks to the same endpoints the same way), its own storage, and the overrides it names. Checks the
 * shape here and each value as the plugin's constructor does (InvalidParameterException, nothing run).
 */
export function contextPluginOptions(
  options: unknown,
): InternalPluginOptions & { readonly storage: KeyValueStorage } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw badStorage();
  const given = options as Partial<AuthContextOptions>;
  const storage = given.storage as Partial<KeyValueStorage> | undefined;
  if (
    typeof storage?.getItem !== 'function' ||
    typeof storage.setItem !== 'function' ||
    typeof storage.removeItem !== 'function'
  )
    throw badStorage();
  const allowed: readonly string[] = INHERITED_OPTIONS;
  const unknown = Object.keys(given).find((key) => key !== 'storage' && !allowed.includes(key));
  if (unknown !== undefined)
    throw new InvalidParameterException(
      `An auth context has no option ${JSON.stringify(unknown)}.`,
      `The options are storage and, to differ from the process plugin, ${INHERITED_OPTIONS.join(', ')}.`,
    );
  const own: Record<string, unknown> = {};
  for (const key of INHERITED_OPTIONS) if (given[key] !== undefined) own[key] = given[key];
  const plugin = processPlugin();
  const { storage: _processStorage, ...inherited } = plugin ? optionsOf(plugin) : {};
  return { ...inherited, ...own, storage: storage as KeyValueStorage };
}

/** The plugin added to Amplify (the process-wide one), if any. */
function processPlugin(): AWSCognitoAuthPlugin | undefined {
  try {
    const plugin = Amplify.Auth.getPlugin(AWSCognitoAuthPlugin.PLUGIN_KEY);
    return plugin instanceof AWSCognitoAuthPlugin ? plugin : undefined;
  } catch {
    return undefined;
  }
}
