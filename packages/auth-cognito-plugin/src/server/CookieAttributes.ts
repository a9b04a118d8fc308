import { InvalidParameterException } from '@plugboard/core';

/** The attributes of a `Set-Cookie` header, as the cookie storage writes them. */
export interface CookieAttributes {
  /** Hidden from page scripts (`HttpOnly`). Default `true`. */
  readonly httpOnly: boolean;
  /** Sent over HTTPS only (`Secure`). Default `true` (browsers accept it from loopback http too). */
  readonly secure: boolean;
  /** Cross-site sending (`SameSite`). Default `'Lax'`; `'None'` requires `secure`. */
  readonly sameSite: 'Strict' | 'Lax' | 'None';
  /** `Path`. Default `'/'`. */
  readonly path: string;
  /** `Domain`; unset (the default) means the request's host only. */
  readonly domain?: string;
  /** `Max-Age` in whole seconds; unset (the default) makes a browser-session cookie. */
  readonly maxAge?: number;
  /** `Expires`; unset by default. */
  readonly expires?: Date;
}

/** HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, a browser-session cookie. */
export const DEFAULT_COOKIE_ATTRIBUTES: CookieAttributes = Object.freeze({
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path: '/',
});

/** Cookie-name characters (an RFC 6265 token). */
export const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const invalid = (what: string, fix: string): never => {
  throw new InvalidParameterException(`Invalid cookie storage option: ${what}.`, fix);
};

/** The defaults with `overrides` applied, checked; throws `InvalidParameterException` on a bad value. */
export function resolveCookieAttributes(
  overrides: Partial<CookieAttributes> | undefined,
  prefix: string,
): CookieAttributes {
  // The defaults need no check (a `__` prefix does: see the end).
  if (overrides === undefined && !prefix.startsWith('__')) return DEFAULT_COOKIE_ATTRIBUTES;
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null))
    invalid('attributes is not an object', 'Pass an object such as { maxAge: 3600 }, or leave it out.');
  const a = { ...DEFAULT_COOKIE_ATTRIBUTES };
  for (const [name, value] of Object.entries(overrides ?? {}))
    if (value !== undefined) Object.assign(a, { [name]: value });
  if (typeof a.httpOnly !== 'boolean' || typeof a.secure !== 'boolean')
    invalid('httpOnly and secure must be booleans', 'Pass true or false.');
  if (!['Strict', 'Lax', 'None'].includes(a.sameSite))
    invalid('sameSite must be Strict, Lax or None', "Pass 'Lax' (the default), 'Strict' or 'None'.");
  if (a.sameSite === 'None' && !a.secure)
    invalid(
      'sameSite None needs secure',
      "Browsers refuse SameSite=None without Secure: keep secure: true or use 'Lax'.",
    );
  if (typeof a.path !== 'string' || !/^\/[\x21-\x3a\x3c-\x7e]*$/.test(a.path))
    invalid(
      'path must start with "/" and hold no ";", space or control character',
      "Pass a path such as '/'.",
    );
  if (
    a.domain !== undefined &&
    (typeof a.domain !== 'string' || !/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(a.domain))
  )
    invalid('domain is not a host name', "Pass an ASCII host name such as 'example.com', or leave it out.");
  if (a.maxAge !== undefined && !(Number.isSafeInteger(a.maxAge) && a.maxAge >= 1))
    invalid(
      'maxAge must be a whole number of seconds, 1 or more',
      'Pass seconds, such as 2592000 for 30 days.',
    );
  if (a.expires !== undefined && !(a.expires instanceof Date && !Number.isNaN(a.expires.getTime())))
    invalid('expires is not a valid Date', 'Pass a Date, or use maxAge.');
  // Browsers enforce the name prefixes: a cookie that breaks their rule is dropped without a word.
  if (/^__(Secure|Host)-/.test(prefix) && !a.secure)
    invalid(`the prefix "${prefix}" needs secure`, 'Keep secure: true, or choose another prefix.');
  if (prefix.startsWith('__Host-') && (a.path !== '/' || a.domain !== undefined))
    invalid(
      'the __Host- prefix needs path "/" and no domain',
      "Use path: '/' and no domain, or another prefix.",
    );
  return Object.freeze(a);
}

/** RFC 6265 cookie-octets: no space, `"`, `,`, `;`, `\\`, control or non-ASCII character. */
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/**
 * The `Set-Cookie` header value for `name=value` with `attributes`. Throws `InvalidParameterException`
 * when the name is not a token or the value holds a character a cookie cannot carry (so no header can be
 * injected); the cookie storage encodes its names and values so that they always pass.
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value))
    invalid(
      'a cookie name or value holds a character a cookie cannot carry',
      "Encode the value first (base64url or percent-encoding); names are letters, digits and !#$%&'*+.^_`|~-.",
    );
  let line = `${name}=${value}`;
  if (attributes.maxAge !== undefined) line += `; Max-Age=${attributes.maxAge}`;
  if (attributes.expires !== undefined) line += `; Expires=${attributes.expires.toUTCString()}`;
  if (attributes.domain !== undefined) line += `; Domain=${attributes.domain}`;
  line += `; Path=${attributes.path}`;
  if (attributes.secure) line += '; Secure';
  if (attributes.httpOnly) line += '; HttpOnly';
  return `${line}; SameSite=${attributes.sameSite}`;
}

/** The attributes that delete a cookie set with `attributes` (same path and domain, expired). */
export function expiredAttributes(attributes: CookieAttributes): CookieAttributes {
  return { ...attributes, maxAge: 0, expires: new Date(0) };
}
