// Paths: v6's path form and Amplify's access levels, with their access rules checked before any request.
import { AccessDeniedException, ValidationException } from '../src';
import { resolveStorageKey, type AccessMode } from '../src/paths/resolveStorageKey';

const ME = 'us-east-1:11111111-1111-1111-1111-111111111111';
const OTHER = 'us-east-1:22222222-2222-2222-2222-222222222222';
const key = (input: object, options?: object, mode: AccessMode = 'read', identityId: string | null = ME) =>
  resolveStorageKey(input, options, {
    identityId: identityId ?? undefined,
    defaultAccessLevel: 'guest',
    mode,
  });

describe('resolveStorageKey', () => {
  it('maps access levels to prefixes', () => {
    expect(key({ key: 'a.jpg' })).toBe('public/a.jpg');
    expect(key({ key: 'a.jpg' }, { accessLevel: 'protected' })).toBe(`protected/${ME}/a.jpg`);
    expect(key({ key: 'a.jpg' }, { accessLevel: 'private' })).toBe(`private/${ME}/a.jpg`);
    expect(key({ key: 'a.jpg' }, { accessLevel: 'protected', targetIdentityId: OTHER })).toBe(
      `protected/${OTHER}/a.jpg`,
    );
  });

  it('builds a path from the identity id', () => {
    expect(key({ path: ({ identityId }: { identityId?: string }) => `private/${identityId}/x` })).toBe(
      `private/${ME}/x`,
    );
  });

  it.each([
    [{ path: `private/${OTHER}/x` }, 'read'],
    [{ path: `protected/${OTHER}/x` }, 'write'],
    [{ path: 'private/' }, 'list'],
    [{ path: 'protected/' }, 'list'],
  ] as const)('refuses %j for %s', (input, mode) => {
    expect(() => key(input, undefined, mode)).toThrow(AccessDeniedException);
  });

  it("lets anyone read another identity's protected objects", () => {
    expect(key({ path: `protected/${OTHER}/x` })).toBe(`protected/${OTHER}/x`);
  });

  it('refuses private and protected levels without an identity', () => {
    expect(() => key({ key: 'a' }, { accessLevel: 'private' }, 'read', null)).toThrow(AccessDeniedException);
    expect(() =>
      key(
        { path: ({ identityId }: { identityId?: string }) => `private/${identityId}/a` },
        undefined,
        'read',
        null,
      ),
    ).toThrow(AccessDeniedException);
  });

  it.each([
    [{ path: '' }],
    [{ path: '/abs' }],
    [{ path: 'a\u0000b' }],
    [{ path: 'x'.repeat(1025) }],
    [{ path: 'a', key: 'b' }],
    [{}],
    [{ path: 42 }],
  ])('refuses %j as a ValidationException', (input) => {
    expect(() => key(input, undefined, 'write')).toThrow(ValidationException);
  });

  it('refuses targetIdentityId outside the protected level', () => {
    expect(() => key({ key: 'a' }, { accessLevel: 'private', targetIdentityId: OTHER })).toThrow(
      ValidationException,
    );
  });
});
