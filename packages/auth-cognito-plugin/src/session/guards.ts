import { InvalidStateException, type AuthException } from '@plugboard/core';
import { notConfigured } from '../model/notConfigured.js';
import type { AuthState } from './AuthState.js';

/** The user-facing operations whose permission depends on the state (BEHAVIOUR.md section 2). */
export type GuardedOperation =
  'federate' | 'clearFederation' | 'signIn' | 'signOut' | 'getCurrentUser' | 'deleteUser';

type Refusal = readonly [message: string, recovery: string] | null;

/** The one gate: for every live state, every guarded operation is listed, allowed (null) or refused. */
const REFUSALS: Record<'signedOut' | 'federated' | 'signedIn', Record<GuardedOperation, Refusal>> = {
  signedOut: {
    federate: null,
    signIn: null,
    signOut: null,
    getCurrentUser: null,
    deleteUser: null,
    clearFederation: [
      'Clearing of federation failed.',
      'There is no federation to an identity pool to clear; call federateToIdentityPool first.',
    ],
  },
  signedIn: {
    signOut: null,
    getCurrentUser: null,
    deleteUser: null,
    federate: [
      'Federation could not be completed.',
      'A user is signed in with the user pool, and its identity-pool credentials are federated automatically. Sign out first to federate with another provider token.',
    ],
    clearFederation: [
      'Clearing of federation failed.',
      'A user is signed in with the user pool; federation was not started with federateToIdentityPool. Call signOut instead.',
    ],
    signIn: ['There is already a user signed in.', 'Call signOut before signing in again.'],
  },
  federated: {
    federate: null,
    clearFederation: null,
    signIn: [
      'Sign-in could not be started: the session is federated to an identity pool.',
      'Call clearFederationToIdentityPool before signing in with the user pool.',
    ],
    signOut: [
      'Sign-out is not possible: currently federated to identity pool.',
      'Call clearFederationToIdentityPool to end a federated session.',
    ],
    getCurrentUser: [
      'Users federated to an identity pool have no user-pool user.',
      'Use a user-pool sign-in method to get a current user.',
    ],
    deleteUser: [
      'Users federated to an identity pool have no user-pool user to delete.',
      'Sign in with the user pool to delete the user.',
    ],
  },
};

/**
 * The error that refuses `operation` in `state`, or undefined when it may go ahead. Pure. Operations run
 * after the restore and a reset abandons them, so they meet a live state; anything else is refused.
 */
export function refusal(state: AuthState, operation: GuardedOperation): AuthException | undefined {
  if (state.kind === 'unconfigured' || state.kind === 'restoring') {
    return notConfigured();
  }
  const refused = REFUSALS[state.kind][operation];
  return refused ? new InvalidStateException(...refused) : undefined;
}
