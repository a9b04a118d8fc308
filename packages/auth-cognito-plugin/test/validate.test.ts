import { InvalidParameterException } from '@plugboard/core';
import {
  MAX_TOKEN_LENGTH,
  validateFederateOptions,
  validateFetchOptions,
  validateProvider,
  validateToken,
} from '../src/model/validate';
import { AuthProvider } from '../src/model/AuthProvider';
import { FederateToIdentityPoolOptions } from '../src/model/FederateToIdentityPoolOptions';

const ID = 'us-east-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('validateToken', () => {
  it.each([[''], ['   '], [42], [null], [undefined], [{}], ['x'.repeat(MAX_TOKEN_LENGTH + 1)]])(
    'rejects %p with InvalidParameterException',
    (token) => {
      expect(() => validateToken(token)).toThrow(InvalidParameterException);
    },
  );

  it('accepts a token of exactly the maximum length', () => {
    expect(validateToken('y'.repeat(MAX_TOKEN_LENGTH))).toHaveLength(MAX_TOKEN_LENGTH);
  });

  it('never puts the token in the message', () => {
    const token = 'z'.repeat(MAX_TOKEN_LENGTH + 1);
    try {
      validateToken(token);
      throw new Error('not thrown');
    } catch (error) {
      expect((error as Error).message).not.toContain('zzzz');
      expect((error as Error).message).toContain(String(MAX_TOKEN_LENGTH));
    }
  });
});

describe('validateProvider', () => {
  it('accepts factory providers', () => {
    expect(validateProvider(AuthProvider.google()).providerName).toBe('accounts.google.com');
  });

  it.each([['graph.facebook.com'], [{ providerName: 'graph.facebook.com' }], [null], [undefined]])(
    'rejects %p, which is not an AuthProvider',
    (provider) => {
      expect(() => validateProvider(provider)).toThrow(/AuthProvider/);
    },
  );
});

describe('validateFederateOptions', () => {
  it('accepts the builder and the plain object form', () => {
    const built = FederateToIdentityPoolOptions.builder().developerProvidedIdentityId(ID).build();
    expect(validateFederateOptions(built)).toEqual({ developerProvidedIdentityId: ID });
    expect(validateFederateOptions({ developerProvidedIdentityId: ID })).toEqual({
      developerProvidedIdentityId: ID,
    });
    expect(validateFederateOptions(undefined)).toEqual({});
    expect(validateFederateOptions({})).toEqual({});
  });

  it.each([
    ['a string', 'options'],
    [{ developerProvidedIdentityId: 42 }, 'developerProvidedIdentityId'],
    [{ developerProvidedIdentityId: 'not an id' }, 'developerProvidedIdentityId'],
    [{ developerProvidedIdentityID: ID }, 'developerProvidedIdentityID'],
    [[ID], 'options'],
  ])('rejects %p naming %s', (options, named) => {
    expect(() => validateFederateOptions(options)).toThrow(named);
  });
});

describe('validateFetchOptions', () => {
  it('reads forceRefresh', () => {
    expect(validateFetchOptions({ forceRefresh: true })).toEqual({ forceRefresh: true });
    expect(validateFetchOptions(undefined)).toEqual({ forceRefresh: false });
  });

  it.each([[{ forceRefresh: 'yes' }], ['force'], [null]])('rejects %p', (options) => {
    expect(() => validateFetchOptions(options)).toThrow(InvalidParameterException);
  });
});

describe('AuthProvider', () => {
  it.each([
    [AuthProvider.amazon(), 'www.amazon.com'],
    [AuthProvider.facebook(), 'graph.facebook.com'],
    [AuthProvider.google(), 'accounts.google.com'],
    [AuthProvider.apple(), 'appleid.apple.com'],
    [AuthProvider.twitter(), 'api.twitter.com'],
    [AuthProvider.developer(), 'cognito-identity.amazonaws.com'],
    [AuthProvider.oidc('login.example.com'), 'login.example.com'],
    [
      AuthProvider.saml('arn:aws:iam::123456789012:saml-provider/Corp'),
      'arn:aws:iam::123456789012:saml-provider/Corp',
    ],
    [AuthProvider.custom('my.provider'), 'my.provider'],
  ])('%s has provider name %s', (provider, name) => {
    expect(provider.providerName).toBe(name);
  });

  it.each([
    () => AuthProvider.oidc(''),
    () => AuthProvider.oidc('x'.repeat(129)),
    () => AuthProvider.custom(7 as unknown as string),
    () => AuthProvider.saml('not-an-arn'),
  ])('rejects a malformed name (%#)', (make) => {
    expect(make).toThrow(InvalidParameterException);
  });
});
