import type { AuthEffect, AuthEvent, AuthState, PersistedSession, Transition } from './AuthState.js';
import { followedEvents } from './followed.js';

const EMPTY_GUEST = { identityId: undefined, credentials: undefined } as const;
const SIGNED_OUT: AuthState = { kind: 'signedOut', guest: EMPTY_GUEST };

function persist(persisted: PersistedSession): AuthEffect {
  return { type: 'persist', persisted };
}

/** A change of state that needs nothing stored or published (or no change at all). */
function withoutEffects(state: AuthState): Transition {
  return { state, effects: [] };
}

/** Thrown when an event arrives in a state that cannot receive it: a bug in the plugin, never user input. */
export class IllegalTransitionError extends Error {
  constructor(state: AuthState, event: AuthEvent) {
    super(`Auth event '${event.type}' cannot happen in state '${state.kind}'.`);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * The auth state machine: the next state and the effects to run, computed without running anything.
 * User-facing refusals (e.g. federating while signed in) are checked before an operation starts, by
 * `guards.ts`; an event this function does not accept is a programming error.
 */
export function transition(state: AuthState, event: AuthEvent): Transition {
  if (event.type === 'reset') return { state: { kind: 'unconfigured' }, effects: [] };
  // Another context's stored session, taken over as it is: no persist (it is what is stored). Adopted:
  // no event; followed: the events of the change another context made (none for the same subject).
  if (
    (event.type === 'adopted' || event.type === 'followed') &&
    state.kind !== 'unconfigured' &&
    state.kind !== 'restoring'
  ) {
    let next = restored(event.persisted).state;
    // A sign-in challenge waiting in memory survives another context's guest refresh.
    if (state.kind === 'signedOut' && state.challenge && next.kind === 'signedOut')
      next = { ...next, challenge: state.challenge };
    if (event.type === 'adopted') return withoutEffects(next);
    const events = followedEvents(state, event.persisted);
    return { state: next, effects: events.map((e) => ({ type: 'publish', event: e })) };
  }
  switch (state.kind) {
    case 'unconfigured':
      if (event.type === 'configured') return withoutEffects({ kind: 'restoring' });
      break;
    case 'restoring':
      if (event.type === 'restored') return restored(event.persisted);
      break;
    case 'signedOut':
      return fromSignedOut(state, event);
    case 'federated':
      return fromFederated(state, event);
    case 'signedIn':
      return fromSignedIn(state, event);
  }
  throw new IllegalTransitionError(state, event);
}

function restored(persisted: PersistedSession | null): Transition {
  if (persisted === null) return withoutEffects(SIGNED_OUT);
  if (persisted.kind === 'guest') return withoutEffects({ kind: 'signedOut', guest: persisted.guest });
  return withoutEffects(persisted);
}

function federated(event: Extract<AuthEvent, { type: 'federated' }>): Transition {
  const { session } = event;
  return {
    state: { kind: 'federated', session },
    effects: [
      persist({ kind: 'federated', session }),
      {
        type: 'publish',
        event: {
          name: 'FEDERATED_TO_IDENTITY_POOL',
          data: { identityId: session.identityId, providerName: session.providerName },
        },
      },
    ],
  };
}

function signedIn(event: Extract<AuthEvent, { type: 'signedIn' }>): Transition {
  const { session } = event;
  return {
    state: { kind: 'signedIn', session },
    effects: [
      persist({ kind: 'signedIn', session }),
      {
        type: 'publish',
        event: { name: 'SIGNED_IN', data: { username: session.username, userId: session.userId } },
      },
    ],
  };
}

function fromSignedOut(state: Extract<AuthState, { kind: 'signedOut' }>, event: AuthEvent): Transition {
  switch (event.type) {
    case 'federated':
      return federated(event);
    case 'signedIn':
      return signedIn(event);
    case 'guestCredentialsObtained': {
      const guest = {
        identityId: event.identityId,
        credentials: event.credentials,
        credentialsIssuedAt: event.issuedAt,
      };
      return { state: { ...state, guest }, effects: [persist({ kind: 'guest', guest })] };
    }
    case 'guestAccessRefused': {
      // The refusal answers until asked again. Credentials still valid stay usable until they expire
      // (BEHAVIOUR 8: a failed refresh keeps the stored session); after that the refusal answers.
      const identityId = event.identityId ?? state.guest.identityId;
      return withoutEffects({ ...state, guest: { ...state.guest, identityId, refusal: event.error } });
    }
    case 'signInChallenged':
      // The challenge session is short-lived and secret: memory only.
      return withoutEffects({ kind: 'signedOut', guest: state.guest, challenge: event.challenge });
  }
  throw new IllegalTransitionError(state, event);
}

function fromFederated(state: Extract<AuthState, { kind: 'federated' }>, event: AuthEvent): Transition {
  const { session } = state;
  switch (event.type) {
    case 'federated':
      return federated(event);
    case 'federationCleared':
      return {
        state: SIGNED_OUT,
        effects: [
          { type: 'erase' },
          { type: 'publish', event: { name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED' } },
        ],
      };
    case 'federatedCredentialsRefreshed': {
      const next = {
        ...session,
        providerToken: event.providerToken ?? session.providerToken,
        identityId: event.identityId ?? session.identityId,
        credentials: event.credentials,
        credentialsIssuedAt: event.issuedAt,
        tokenRejected: false,
      };
      return {
        state: { kind: 'federated', session: next },
        effects: [persist({ kind: 'federated', session: next })],
      };
    }
    case 'federatedTokenRejected': {
      if (session.tokenRejected) return withoutEffects(state);
      const next = { ...session, credentials: undefined, tokenRejected: true };
      return {
        state: { kind: 'federated', session: next },
        effects: [
          persist({ kind: 'federated', session: next }),
          {
            type: 'publish',
            event: {
              name: 'SESSION_EXPIRED',
              data: { reason: 'federatedTokenRejected', providerName: session.providerName },
            },
          },
        ],
      };
    }
  }
  throw new IllegalTransitionError(state, event);
}

function fromSignedIn(state: Extract<AuthState, { kind: 'signedIn' }>, event: AuthEvent): Transition {
  const { session } = state;
  switch (event.type) {
    case 'userPoolTokensRefreshed': {
      const next = { ...session, tokens: event.tokens };
      return {
        state: { kind: 'signedIn', session: next },
        effects: [persist({ kind: 'signedIn', session: next })],
      };
    }
    case 'userPoolCredentialsObtained': {
      const next = {
        ...session,
        identityId: event.identityId,
        credentials: event.credentials,
        credentialsIssuedAt: event.issuedAt,
      };
      return {
        state: { kind: 'signedIn', session: next },
        effects: [persist({ kind: 'signedIn', session: next })],
      };
    }
    case 'refreshTokenRejected':
      return {
        state: SIGNED_OUT,
        effects: [
          { type: 'erase' },
          { type: 'publish', event: { name: 'SESSION_EXPIRED', data: { reason: 'refreshTokenRejected' } } },
        ],
      };
    case 'signedOut':
      return {
        state: SIGNED_OUT,
        effects: [{ type: 'erase' }, { type: 'publish', event: { name: 'SIGNED_OUT' } }],
      };
    case 'userDeleted':
      return {
        state: SIGNED_OUT,
        effects: [{ type: 'erase' }, { type: 'publish', event: { name: 'USER_DELETED' } }],
      };
  }
  throw new IllegalTransitionError(state, event);
}
