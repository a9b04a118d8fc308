import { InvalidStateException } from '@plugboard/core';
import { refusal, type GuardedOperation } from '../src/session/guards';
import type { AuthState } from '../src/session/AuthState';

const signedOut: AuthState = { kind: 'signedOut', guest: { identityId: undefined, credentials: undefined } };
const federated = {
  kind: 'federated',
  session: {
    providerName: 'p',
    providerToken: 't',
    identityId: 'us-east-1:1',
    credentials: undefined,
    tokenRejected: false,
  },
} as const satisfies AuthState;
const signedIn = {
  kind: 'signedIn',
  session: {
    username: 'u',
    userId: 'id',
    tokens: { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: 0 },
    identityId: undefined,
    credentials: undefined,
  },
} as const satisfies AuthState;

const table: [AuthState, GuardedOperation, string | undefined][] = [
  [signedOut, 'federate', undefined],
  [signedOut, 'clearFederation', 'Clearing of federation failed.'],
  [signedOut, 'signIn', undefined],
  [signedOut, 'signOut', undefined],
  [signedIn, 'federate', 'Federation could not be completed.'],
  [signedIn, 'clearFederation', 'Clearing of federation failed.'],
  [signedIn, 'signIn', 'There is already a user signed in.'],
  [signedIn, 'signOut', undefined],
  [federated, 'federate', undefined],
  [federated, 'clearFederation', undefined],
  [federated, 'signIn', 'Sign-in could not be started: the session is federated to an identity pool.'],
  [federated, 'signOut', 'Sign-out is not possible: currently federated to identity pool.'],
];

describe('refusal', () => {
  it.each(table)('in %j, %s is refused with %p', (state, operation, message) => {
    const error = refusal(state, operation);
    if (message === undefined) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(InvalidStateException);
      expect(error?.message).toBe(message);
      expect(error?.recoverySuggestion.length).toBeGreaterThan(10);
    }
  });

  it('tells how to sign out first when federating while signed in', () => {
    expect(refusal(signedIn, 'federate')?.recoverySuggestion).toMatch(/Sign out first/);
  });

  it('points a federated sign-out to clearFederationToIdentityPool', () => {
    expect(refusal(federated, 'signOut')?.recoverySuggestion).toMatch(/clearFederationToIdentityPool/);
  });

  it('refuses everything before configure', () => {
    expect(refusal({ kind: 'unconfigured' }, 'federate')?.message).toMatch(/not configured/);
  });
});
