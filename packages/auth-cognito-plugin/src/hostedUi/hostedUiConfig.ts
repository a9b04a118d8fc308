import { ConfigurationException } from '@plugboard/core';
import { isLoopbackHost } from '@plugboard/core/internals';

/** The hosted UI of a user pool, as the plugin uses it. */
export interface HostedUiConfig {
  /** `https://<WebDomain>`, or `http://` for a loopback host. */
  readonly domainUrl: string;
  readonly clientId: string;
  readonly signInRedirectUris: readonly string[];
  readonly signOutRedirectUris: readonly string[];
  readonly scopes: readonly string[];
}

const AT = 'auth.plugins.awsCognitoAuthPlugin.Auth.Default.OAuth';
function fail(field: string, expected: string): never {
  throw new ConfigurationException(
    `Invalid configuration at ${AT}.${field}: expected ${expected}.`,
    `Fix ${field} in the OAuth section (amplify_outputs.json: auth.oauth), as the Cognito console shows it.`,
  );
}

function uriList(value: unknown, field: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!list) return fail(field, 'a URI or a comma-separated list of URIs');
  const uris = list.map((uri: unknown) => (typeof uri === 'string' ? uri.trim() : '')).filter(Boolean);
  if (required && uris.length === 0) fail(field, 'at least one redirect URI');
  for (const uri of uris) {
    try {
      new URL(uri);
    } catch {
      fail(field, `absolute URIs (${JSON.stringify(uri.slice(0, 80))} is not one)`);
    }
  }
  return uris;
}

/** `WebDomain` is a host (and port) without a scheme; loopback hosts may use plain http. */
function domainUrl(webDomain: unknown): string {
  if (typeof webDomain !== 'string' || webDomain.length === 0 || webDomain.length > 253)
    fail('WebDomain', 'a host name such as "myapp.auth.us-east-1.amazoncognito.com"');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(webDomain))
    fail('WebDomain', 'a host without a scheme (remove "https://"; Cognito gives the domain without one)');
  let url: URL;
  try {
    url = new URL(`https://${webDomain}`);
  } catch {
    return fail('WebDomain', 'a host name, optionally with a port');
  }
  if (url.pathname !== '/' || url.search || url.username)
    fail('WebDomain', 'a host (and port) with no path, query or user');
  return `${isLoopbackHost(url.hostname) ? 'http' : 'https'}://${url.host}`;
}

/**
 * Reads `Auth.Default.OAuth` of the plugin section (`WebDomain`, `AppClientId`, `SignInRedirectURI`,
 * `SignOutRedirectURI`, `Scopes`), or undefined when the section has none. `AppClientId` defaults to the
 * user pool's app client.
 */
export function readHostedUiConfig(
  section: unknown,
  userPoolClientId: string | undefined,
): HostedUiConfig | undefined {
  const auth = (section as { Auth?: { Default?: { OAuth?: unknown } } } | undefined)?.Auth;
  const oauth = auth?.Default?.OAuth;
  if (oauth === undefined) return undefined;
  if (typeof oauth !== 'object' || oauth === null || Array.isArray(oauth)) fail('(section)', 'an object');
  const o = oauth as Record<string, unknown>;
  const clientId = o.AppClientId ?? userPoolClientId;
  if (typeof clientId !== 'string' || clientId.length === 0)
    fail('AppClientId', 'the app client id (or a CognitoUserPool.Default.AppClientId to default to)');
  const scopes = o.Scopes ?? ['openid', 'email', 'profile'];
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || !/^[\x21-\x7e]+$/.test(s)))
    fail('Scopes', 'an array of scope names such as ["openid", "email"]');
  return Object.freeze({
    domainUrl: domainUrl(o.WebDomain),
    clientId,
    signInRedirectUris: Object.freeze(uriList(o.SignInRedirectURI, 'SignInRedirectURI', true)),
    signOutRedirectUris: Object.freeze(uriList(o.SignOutRedirectURI, 'SignOutRedirectURI', false)),
    scopes: Object.freeze([...(scopes as string[])]),
  });
}
