// Type tests: compiled by `npx tsc -p tsconfig.json` at the repo root (part of `npm test`), never run.
// Each `@ts-expect-error` line must be a type error; if the types got looser, tsc reports the unused
// directive and fails.
import {
  Amplify,
  AuthCategory,
  Hub,
  HubChannel,
  InvalidStateException,
  type AuthHubEvent,
  type AuthPlugin,
  type AuthSession,
  type AuthSessionOf,
  type HubEvent,
  type HubEventFor,
  type SubscriptionToken,
} from '@plugboard/core';
import { createPluginContext } from '@plugboard/core/internals';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

/** A plugin type registered below; it has a method other auth plugins lack. */
interface TypetestAuthPlugin extends AuthPlugin {
  typetestOnly(): number;
}

interface Order {
  readonly id: string;
}

declare module '@plugboard/core' {
  interface AuthPluginRegistry {
    typetestAuthPlugin: TypetestAuthPlugin;
  }
  interface HubChannelEventMap {
    'typetest-orders': HubEvent<'placed', Order> & { readonly data: Order };
  }
}

// --- AuthCategory.getPlugin is typed by AuthPluginRegistry -----------------------------------------
const registered = Amplify.Auth.getPlugin('typetestAuthPlugin');
assertType<Equal<typeof registered, TypetestAuthPlugin>>();
registered.typetestOnly();

const unregistered = Amplify.Auth.getPlugin('someOtherKey');
assertType<Equal<typeof unregistered, AuthPlugin>>();
// @ts-expect-error an unregistered key gives a plain AuthPlugin, without the registered plugin's methods
unregistered.typetestOnly();

const viaCategory: AuthCategory = Amplify.Auth;
// @ts-expect-error keys must be strings
viaCategory.getPlugin(42);

// --- Hub events are typed per channel -----------------------------------------------------------
assertType<Equal<HubEventFor<HubChannel.AUTH>, AuthHubEvent>>();
assertType<Equal<HubEventFor<'auth'>, AuthHubEvent>>();
assertType<Equal<HubEventFor<'some-custom-channel'>, HubEvent>>();

const token: SubscriptionToken = Hub.subscribe(HubChannel.AUTH, (event) => {
  if (event.name === 'SIGNED_IN') {
    const username: string = event.data.username;
    void username;
  }
  if (event.name === 'SIGNED_OUT') {
    // @ts-expect-error SIGNED_OUT carries no data
    void event.data.username;
    // ...except where the change came from: optional, so code written before it still compiles.
    const source: 'another-context' | undefined = event.data?.source;
    void source;
    // @ts-expect-error data may be absent (a local sign-out)
    void event.data.source;
  }
  // @ts-expect-error not an auth event name
  if (event.name === 'NOT_AN_AUTH_EVENT') return;
});
token.unsubscribe();

Hub.subscribe(
  'auth',
  (event) => event.name === 'SESSION_EXPIRED',
  (event) => {
    if (event.name === 'SESSION_EXPIRED') void event.data.reason;
  },
);

Hub.subscribe('typetest-orders', (event) => {
  assertType<Equal<typeof event.name, 'placed'>>();
  const id: string = event.data.id;
  void id;
});

Hub.subscribe('some-custom-channel', (event) => {
  assertType<Equal<typeof event, HubEvent>>();
  void event.name;
});

// @ts-expect-error a listener must take the channel's event type
Hub.subscribe(HubChannel.AUTH, (event: { name: number }) => void event);

// --- Publishing is typed too ---------------------------------------------------------------------
Hub.publish('typetest-orders', { name: 'placed', data: { id: 'o-1' } });
// @ts-expect-error wrong event name for the channel
Hub.publish('typetest-orders', { name: 'shipped', data: { id: 'o-1' } });
// @ts-expect-error data of the wrong shape
Hub.publish('typetest-orders', { name: 'placed', data: { id: 1 } });

const publisher = createPluginContext('auth').hub;
publisher.publish(HubChannel.AUTH, { name: 'SIGNED_IN', data: { username: 'a', userId: 'b' } });
publisher.publish(HubChannel.AUTH, { name: 'SESSION_EXPIRED', data: { reason: 'federatedTokenRejected' } });
// @ts-expect-error SIGNED_IN needs its data
publisher.publish(HubChannel.AUTH, { name: 'SIGNED_IN' });
// @ts-expect-error not an auth event name
publisher.publish(HubChannel.AUTH, { name: 'SIGNED_IN_TWICE' });

// --- Errors ---------------------------------------------------------------------------------------
const error: unknown = new InvalidStateException('m', 'r');
if (error instanceof InvalidStateException) {
  assertType<Equal<typeof error.name, 'InvalidStateException'>>();
  const recovery: string = error.recoverySuggestion;
  void recovery;
}

// --- The session type of a plugin, through its promise overload ----------------------------------
interface RichSession extends AuthSession {
  readonly extra: number;
}
interface OverloadedAuthPlugin extends AuthPlugin {
  fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<RichSession>;
  fetchAuthSession(onSuccess: (session: RichSession) => void, onError: (error: Error) => void): void;
}
assertType<Equal<AuthSessionOf<OverloadedAuthPlugin>, RichSession>>();
assertType<Equal<AuthSessionOf<AuthPlugin>, AuthSession>>();
// @ts-expect-error the callback overload does not decide the session type
assertType<Equal<AuthSessionOf<OverloadedAuthPlugin>, void>>();

// A local sign-out keeps publishing without data; another context's carries `{ source }`.
const localSignOut: AuthHubEvent = { name: 'SIGNED_OUT' };
const followedSignOut: AuthHubEvent = { name: 'SIGNED_OUT', data: { source: 'another-context' } };
// @ts-expect-error only 'another-context' is a source
const wrongSource: AuthHubEvent = { name: 'SIGNED_OUT', data: { source: 'elsewhere' } };
void [localSignOut, followedSignOut, wrongSource];
