// Issue 23: what a context publishes when it follows another context's change of the stored session
// (transition's `followed` event): the events a local change of the same kind publishes, with
// `source: 'another-context'`; nothing for the same user or identity; never a storage effect.
import { transition } from '../src/session/transition';
import type {
  AuthState,
  FederatedSession,
  PersistedSession,
  SignedInSession,
} from '../src/session/AuthState';

const source = 'another-context';
const fed: FederatedSession = {
  providerName: 'accounts.google.com',
  providerToken: 'provider-token-one',
  identityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
  credentials: undefined,
  tokenRejected: false,
};
const user: SignedInSession = {
  username: 'alice',
  userId: 'sub-alice',
  tokens: { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: 1 },
  identityId: undefined,
  credentials: undefined,
};
const guest = { identityId: undefined, credentials: undefined };
const signedOut: AuthState = { kind: 'signedOut', guest };
const federated: AuthState = { kind: 'federated', session: fed };
const signedIn: AuthState = { kind: 'signedIn', session: user };
const otherIdentity: PersistedSession = {
  kind: 'federated',
  session: { ...fed, identityId: 'us-east-1:99999999-2222-3333-4444-555555555555' },
};

const follow = (state: AuthState, persisted: PersistedSession | null) =>
  transition(state, { type: 'followed', persisted });
const published = (state: AuthState, persisted: PersistedSession | null) =>
  follow(state, persisted).effects.map((effect) => (effect.type === 'publish' ? effect.event : effect));

it.each([
  ['signedIn, removed', signedIn, null, [{ name: 'SIGNED_OUT', data: { source } }]],
  ['signedIn, guest', signedIn, { kind: 'guest', guest }, [{ name: 'SIGNED_OUT', data: { source } }]],
  [
    'signedIn, same user re-stored',
    signedIn,
    { kind: 'signedIn', session: { ...user, tokens: { ...user.tokens, refreshToken: 'r2' } } },
    [],
  ],
  [
    'signedIn, federated',
    signedIn,
    otherIdentity,
    [
      { name: 'SIGNED_OUT', data: { source } },
      {
        name: 'FEDERATED_TO_IDENTITY_POOL',
        data: { identityId: otherIdentity.session.identityId, providerName: fed.providerName, source },
      },
    ],
  ],
  [
    'federated, removed',
    federated,
    null,
    [{ name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED', data: { source } }],
  ],
  [
    'federated, same identity, new provider token',
    federated,
    { kind: 'federated', session: { ...fed, providerToken: 'provider-token-two' } },
    [],
  ],
  [
    'federated, token rejected elsewhere',
    federated,
    { kind: 'federated', session: { ...fed, tokenRejected: true } },
    [
      {
        name: 'SESSION_EXPIRED',
        data: { reason: 'federatedTokenRejected', providerName: fed.providerName, source },
      },
    ],
  ],
  [
    'federated, another identity (re-federation or merge)',
    federated,
    otherIdentity,
    [
      {
        name: 'FEDERATED_TO_IDENTITY_POOL',
        data: { identityId: otherIdentity.session.identityId, providerName: fed.providerName, source },
      },
    ],
  ],
  [
    'federated, signed in',
    federated,
    { kind: 'signedIn', session: user },
    [
      { name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED', data: { source } },
      { name: 'SIGNED_IN', data: { username: 'alice', userId: 'sub-alice', source } },
    ],
  ],
  [
    'signedOut, signed in',
    signedOut,
    { kind: 'signedIn', session: user },
    [{ name: 'SIGNED_IN', data: { username: 'alice', userId: 'sub-alice', source } }],
  ],
  ['signedOut, guest', signedOut, { kind: 'guest', guest: { ...guest, identityId: fed.identityId } }, []],
  ['signedOut, removed', signedOut, null, []],
] as [string, AuthState, PersistedSession | null, unknown[]][])('%s', (_name, state, persisted, expected) => {
  expect(published(state, persisted)).toEqual(expected);
  // What is stored becomes the state (a guest: signed out with it); nothing is written back.
  const next = follow(state, persisted).state;
  expect(next.kind).toBe(persisted === null || persisted.kind === 'guest' ? 'signedOut' : persisted.kind);
});

it('keeps a sign-in challenge waiting in memory when another context changes only the guest', () => {
  const challenge = { username: 'alice', session: 'challenge-session' };
  const waiting: AuthState = { kind: 'signedOut', guest, challenge };
  expect(follow(waiting, null)).toEqual({ state: waiting, effects: [] });
  expect(follow(waiting, { kind: 'signedIn', session: user }).state).toEqual(signedIn);
});

it('refuses before the restore (the listener only follows a restored state)', () => {
  expect(() => follow({ kind: 'restoring' }, null)).toThrow(/cannot happen/);
});
