import { AmplifyException } from '../src/index.js';
import { MASK, isSecretKey, maskSecrets, maskString } from '../src/internals.js';
import { MAX_LOGGED_ITEMS } from '../src/logger/maskSecrets.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImFwcCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJl';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQD6Y8x+Zm0/3Cp2x8vQ3u+Q2kO9KcA1aB7jK0Nw5Dq8lAIgYb9fT2YWlU9aVmLkQ==';

describe('maskString', () => {
  it('masks a JWT inside text', () => {
    expect(maskString(`Bearer ${JWT} expired`)).toBe(`Bearer ${MASK} expired`);
  });

  it('masks an AWS secret access key', () => {
    expect(maskString(`secret ${SECRET_ACCESS_KEY}.`)).toBe(`secret ${MASK}.`);
  });

  it('masks a session token', () => {
    expect(maskString(`token=${SESSION_TOKEN}`)).toBe(`token=${MASK}`);
  });

  it('masks a long opaque dotted token that is not a JWT', () => {
    const opaque = 'AbCdEfGhIjKlMnOpQrSt1.UvWxYzAbCdEfGhIjKlMn2.OpQrStUvWxYzAbCdEfGh3';
    expect(maskString(`refresh ${opaque}`)).toBe(`refresh ${MASK}`);
  });

  it('leaves ordinary text, identity ids, UUIDs, regions, URLs and paths readable', () => {
    const text =
      'identity us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c at https://cognito-identity.us-east-1.amazonaws.com ' +
      'file /home/user/.plugboard/session-store/credentials.json';
    expect(maskString(text)).toBe(text);
  });
});

describe('isSecretKey', () => {
  it.each([
    'accessToken',
    'IdToken',
    'secretAccessKey',
    'password',
    'Credentials',
    'SessionToken',
    'Logins',
    'authorization',
  ])('flags %s', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['username', 'identityId', 'providerName', 'expiration', 'region'])('does not flag %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('maskSecrets', () => {
  it('masks values of secret-named keys at any depth, whatever their type, case-insensitively', () => {
    const input = {
      username: 'alice',
      PASSWORD: 'hunter2',
      nested: { deeper: { refreshToken: 'short', Logins: { 'accounts.google.com': 'abc' } } },
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' },
    };
    expect(maskSecrets(input)).toEqual({
      username: 'alice',
      PASSWORD: MASK,
      nested: { deeper: { refreshToken: MASK, Logins: MASK } },
      credentials: MASK,
    });
  });

  it('masks token-like strings in values under ordinary keys and inside arrays', () => {
    expect(maskSecrets({ header: `Bearer ${JWT}`, list: [SECRET_ACCESS_KEY, 'fine'] })).toEqual({
      header: `Bearer ${MASK}`,
      list: [MASK, 'fine'],
    });
  });

  it('does not modify its input', () => {
    const input = { password: 'hunter2', list: [JWT] };
    maskSecrets(input);
    expect(input).toEqual({ password: 'hunter2', list: [JWT] });
  });

  it('masks error messages, stacks, causes and own properties and keeps the error class', () => {
    const cause = new Error(`upstream said ${JWT}`);
    const error = new AmplifyException(`bad token ${JWT}`, 'Sign in again.', { cause });
    Object.assign(error, { sessionToken: SESSION_TOKEN });
    const masked = maskSecrets(error);
    expect(masked).toBeInstanceOf(AmplifyException);
    expect(masked.message).toBe(`bad token ${MASK}`);
    expect(masked.stack).not.toContain(JWT);
    expect(masked.recoverySuggestion).toBe('Sign in again.');
    expect((masked.cause as Error).message).toBe(`upstream said ${MASK}`);
    expect((masked as unknown as Record<string, unknown>).sessionToken).toBe(MASK);
    expect(error.message).toContain(JWT);
  });

  it('survives cycles', () => {
    const node: Record<string, unknown> = { name: 'a', token: 't' };
    node.self = node;
    node.list = [node];
    expect(maskSecrets(node)).toEqual({ name: 'a', token: MASK, self: '[Circular]', list: ['[Circular]'] });
  });

  it('handles primitives, dates, maps and sets', () => {
    const date = new Date(0);
    expect(maskSecrets(42)).toBe(42);
    expect(maskSecrets(null)).toBeNull();
    expect(maskSecrets(undefined)).toBeUndefined();
    expect(maskSecrets(date)).toEqual(date);
    expect(
      maskSecrets(
        new Map([
          ['idToken', 'x'],
          ['user', 'bob'],
        ]),
      ),
    ).toEqual(
      new Map([
        ['idToken', MASK],
        ['user', 'bob'],
      ]),
    );
    expect(maskSecrets(new Set([JWT]))).toEqual(new Set([MASK]));
  });

  it('shows a long array by its first items and a count, even a sparse one of length 2^32-1', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    sparse[0] = JWT;
    const shown = maskSecrets({ list: sparse }) as { list: unknown[] };
    expect(shown.list).toHaveLength(MAX_LOGGED_ITEMS + 1);
    expect(shown.list[0]).toBe(MASK);
    expect(shown.list.at(-1)).toBe(`... ${2 ** 32 - 1 - MAX_LOGGED_ITEMS} more items`);
    expect(maskSecrets(Array(MAX_LOGGED_ITEMS).fill('a'))).toEqual(Array(MAX_LOGGED_ITEMS).fill('a'));
  });
});
