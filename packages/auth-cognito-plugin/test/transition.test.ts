import { NotAuthorizedException } from '@plugboard/core';
import { IllegalTransitionError, transition } from '../src/session/transition';
import type { AuthEvent, AuthState, FederatedSession, SignedInSession } from '../src/session/AuthState';
import { buildSession } from '../src/session/buildSession';
import { makeCredentials } from '../src/model/credentials';

const credentials = makeCredentials({
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'session',
  expiration: 1_700_000_000_000,
});
const fed: FederatedSession = {
  providerName: 'graph.facebook.com',
  providerToken: 'provider-token',
  identityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
  credentials,
  tokenRejected: false,
};
const user: SignedInSession = {
  username: 'alice@example.com',
  userId: 'sub-1',
  tokens: { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: 1 },
  identityId: undefined,
  credentials: undefined,
};

const states: Record<AuthState['kind'], AuthState> = {
  unconfigured: { kind: 'unconfigured' },
  restoring: { kind: 'restoring' },
  signedOut: { kind: 'signedOut', guest: { identityId: undefined, credentials: undefined } },
  federated: { kind: 'federated', session: fed },
  signedIn: { kind: 'signedIn', session: user },
};

const events: Record<AuthEvent['type'], AuthEvent> = {
  configured: { type: 'configured' },
  restored: { type: 'restored', persisted: null },
  adopted: { type: 'adopted', persisted: null },
  followed: { type: 'followed', persisted: null },
  federated: { type: 'federated', session: fed },
  federationCleared: { type: 'federationCleared' },
  federatedCredentialsRefreshed: { type: 'federatedCredentialsRefreshed', credentials },
  federatedTokenRejected: { type: 'federatedTokenRejected' },
  guestCredentialsObtained: { type: 'guestCredentialsObtained', identityId: fed.identityId, credentials },
  guestAccessRefused: {
    type: 'guestAccessRefused',
    error: new NotAuthorizedException('Unauthenticated access is not supported.', 'Sign in.'),
  },
  signInChallenged: {
    type: 'signInChallenged',
    challenge: { username: 'alice@example.com', session: 'challenge' },
  },
  signedIn: { type: 'signedIn', session: user },
  userPoolTokensRefreshed: { type: 'userPoolTokensRefreshed', tokens: user.tokens },
  userPoolCredentialsObtained: {
    type: 'userPoolCredentialsObtained',
    identityId: fed.identityId,
    credentials,
  },
  refreshTokenRejected: { type: 'refreshTokenRejected' },
  signedOut: { type: 'signedOut' },
  userDeleted: { type: 'userDeleted' },
  reset: { type: 'reset' },
};

/** state kind -> event type -> next state kind; every pair not listed must be refused. */
const allowed: Record<AuthState['kind'], Partial<Record<AuthEvent['type'], AuthState['kind']>>> = {
  unconfigured: { configured: 'restoring', reset: 'unconfigured' },
  restoring: { restored: 'signedOut', reset: 'unconfigured' },
  signedOut: {
    federated: 'federated',
    signedIn: 'signedIn',
    guestCredentialsObtained: 'signedOut',
    guestAccessRefused: 'signedOut',
    signInChallenged: 'signedOut',
    adopted: 'signedOut',
    followed: 'signedOut',
    reset: 'unconfigured',
  },
  federated: {
    federated: 'federated',
    federationCleared: 'signedOut',
    adopted: 'signedOut',
    followed: 'signedOut',
    federatedCredentialsRefreshed: 'federated',
    federatedTokenRejected: 'federated',
    reset: 'unconfigured',
  },
  signedIn: {
    userPoolTokensRefreshed: 'signedIn',
    userPoolCredentialsObtained: 'signedIn',
    refreshTokenRejected: 'signedOut',
    signedOut: 'signedOut',
    userDeleted: 'signedOut',
    adopted: 'signedOut',
    followed: 'signedOut',
    reset: 'unconfigured',
  },
};

describe('transition', () => {
  describe('every state and event pair', () => {
    for (const [kind, state] of Object.entries(states) as [AuthState['kind'], AuthState][]) {
      for (const [type, event] of Object.entries(events) as [AuthEvent['type'], AuthEvent][]) {
        const expected = allowed[kind][type];
        it(`${kind} + ${type} -> ${expected ?? 'refused'}`, () => {
          if (expected === undefined) {
            expect(() => transition(state, event)).toThrow(IllegalTransitionError);
          } else {
            expect(transition(state, event).state.kind).toBe(expected);
          }
        });
      }
    }
  });

  describe('effects', () => {
    it('persists a new federation before publishing FEDERATED_TO_IDENTITY_POOL with no secret in it', () => {
      const { effects } = transition(states.signedOut, events.federated);
      expect(effects.map((e) => e.type)).toEqual(['persist', 'publish']);
      expect(effects[1]).toEqual({
        type: 'publish',
        event: {
          name: 'FEDERATED_TO_IDENTITY_POOL',
          data: { identityId: fed.identityId, providerName: fed.providerName },
        },
      });
    });

    it('erases the store before publishing FEDERATION_TO_IDENTITY_POOL_CLEARED, and not SIGNED_OUT', () => {
      const { state, effects } = transition(states.federated, events.federationCleared);
      expect(state).toEqual(states.signedOut);
      expect(effects).toEqual([
        { type: 'erase' },
        { type: 'publish', event: { name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED' } },
      ]);
    });

    it('publishes SESSION_EXPIRED once for a rejected provider token, dropping the credentials', () => {
      const first = transition(states.federated, events.federatedTokenRejected);
      expect(first.state).toMatchObject({
        kind: 'federated',
        session: { tokenRejected: true, credentials: undefined },
      });
      expect(first.effects[1]).toEqual({
        type: 'publish',
        event: {
          name: 'SESSION_EXPIRED',
          data: { reason: 'federatedTokenRejected', providerName: 'graph.facebook.com' },
        },
      });
      const second = transition(first.state, events.federatedTokenRejected);
      expect(second.effects).toEqual([]);
      expect(second.state).toBe(first.state);
    });

    it('a refresh with a new provider token keeps the identity id and clears the rejection', () => {
      const rejected = transition(states.federated, events.federatedTokenRejected).state;
      const { state } = transition(rejected, {
        type: 'federatedCredentialsRefreshed',
        credentials,
        providerToken: 'new-token',
      });
      expect(state).toMatchObject({
        kind: 'federated',
        session: {
          providerToken: 'new-token',
          identityId: fed.identityId,
          tokenRejected: false,
          credentials,
        },
      });
    });

    it('a refresh answered with another identity id (a merge) stores and persists that id, publishing nothing', () => {
      const survivor = 'us-east-1:99999999-8888-7777-6666-555555555555';
      const { state, effects } = transition(states.federated, {
        type: 'federatedCredentialsRefreshed',
        credentials,
        identityId: survivor,
      });
      const expected = { ...fed, identityId: survivor };
      expect(state).toEqual({ kind: 'federated', session: expected });
      expect(effects).toEqual([{ type: 'persist', persisted: { kind: 'federated', session: expected } }]);
    });

    it('a guest refusal is kept in memory with the identity id GetId gave; valid credentials answer until they expire', () => {
      const none: AuthState = { kind: 'signedOut', guest: { identityId: undefined, credentials: undefined } };
      const error = new NotAuthorizedException('No guest role.', 'Give the pool a role.');
      const { state, effects } = transition(none, {
        type: 'guestAccessRefused',
        error,
        identityId: fed.identityId,
      });
      expect(state).toEqual({
        kind: 'signedOut',
        guest: { identityId: fed.identityId, credentials: undefined, refusal: error },
      });
      expect(effects).toEqual([]);

      // A refused refresh of guest credentials still valid (BEHAVIOUR 8): a plain fetch keeps getting
      // them, a forced one gets the refusal, and once they expire the refusal answers.
      const known: AuthState = { kind: 'signedOut', guest: { identityId: fed.identityId, credentials } };
      const refused = transition(known, { type: 'guestAccessRefused', error }).state;
      expect(refused).toEqual({
        kind: 'signedOut',
        guest: { identityId: fed.identityId, credentials, refusal: error },
      });
      const valid = credentials.expiration.getTime() - 60_000;
      expect(buildSession(refused, valid, true).awsCredentialsResult).toEqual({
        type: 'SUCCESS',
        value: credentials,
      });
      expect(buildSession(refused, valid, true, {}, true).awsCredentialsResult).toEqual({
        type: 'FAILURE',
        error,
      });
      expect(buildSession(refused, credentials.expiration.getTime() + 1, true).awsCredentialsResult).toEqual({
        type: 'FAILURE',
        error,
      });
    });

    it('publishes nothing on a credentials refresh', () => {
      const { effects } = transition(states.federated, events.federatedCredentialsRefreshed);
      expect(effects.map((e) => e.type)).toEqual(['persist']);
    });

    it('deleting the user erases the session and publishes USER_DELETED, not SIGNED_OUT', () => {
      expect(transition(states.signedIn, events.userDeleted)).toEqual({
        state: states.signedOut,
        effects: [{ type: 'erase' }, { type: 'publish', event: { name: 'USER_DELETED' } }],
      });
    });

    it('a rejected refresh token signs out and publishes SESSION_EXPIRED', () => {
      const { state, effects } = transition(states.signedIn, events.refreshTokenRejected);
      expect(state.kind).toBe('signedOut');
      expect(effects).toEqual([
        { type: 'erase' },
        { type: 'publish', event: { name: 'SESSION_EXPIRED', data: { reason: 'refreshTokenRejected' } } },
      ]);
    });

    it('adopting what another context stored writes and publishes nothing, and keeps a waiting challenge', () => {
      const challenge = { username: 'alice@example.com', session: 'challenge' };
      const waiting: AuthState = { ...states.signedOut, challenge } as AuthState;
      const guest = { identityId: fed.identityId, credentials };
      const adopted = transition(waiting, { type: 'adopted', persisted: { kind: 'guest', guest } });
      expect(adopted).toEqual({ state: { kind: 'signedOut', guest, challenge }, effects: [] });
      const other = transition(states.signedIn, {
        type: 'adopted',
        persisted: { kind: 'federated', session: fed },
      });
      expect(other).toEqual({ state: { kind: 'federated', session: fed }, effects: [] });
    });

    it('never mutates the state it is given', () => {
      const before = JSON.stringify(states.federated);
      transition(states.federated, events.federatedTokenRejected);
      expect(JSON.stringify(states.federated)).toBe(before);
    });
  });
});
