import { inspect } from 'node:util';
import {
  Amplify,
  Hub,
  HubChannel,
  HubException,
  InMemoryKeyValueStorage,
  InvalidParameterException,
  InvalidStateException,
  SessionExpiredException,
  type AuthHubEvent,
} from '@plugboard/core';
import { AWSCognitoAuthPlugin, type FederateToIdentityPoolResult } from '@plugboard/auth-cognito-plugin';
import type { Backend } from './backend';
import { describeError, describeExpiry, shortKeyId, type Output } from './output';
import { clearSession } from './snippets/clearSession';
import { federateWithCustomIdentityId } from './snippets/customIdentityId';
import { federateWithCallbacks, federateWithPromise } from './snippets/federateToIdentityPool';
import type { QuickstartLog } from './snippets/log';
import { retrieveSession } from './snippets/retrieveSession';
import { runUserPoolChapter } from './userPool/userPoolChapter';

/** A check of the walk-through that did not hold: the demo stops with exit code 1. */
export class DemoCheckFailed extends Error {
  override readonly name = 'DemoCheckFailed';
}

export function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DemoCheckFailed(what);
}

const MINUTE = 60_000;

/** The seed page, step by step, against `backend`. Throws on the first step that does not behave. */
export async function runWalkthrough(backend: Backend, out: Output): Promise<void> {
  const events: AuthHubEvent[] = [];
  const eventsSince = (count: number): string[] => events.slice(count).map((e) => e.name);
  const requestsSince = (mark: number | undefined): string[] | undefined =>
    mark === undefined ? undefined : backend.requestsSince?.(mark);
  const showRequests = (ops: string[] | undefined): void => {
    if (ops) out.line(`requests to Cognito: ${ops.length === 0 ? 'none' : ops.join(', ')}`);
  };
  const log: QuickstartLog = {
    info: (message) => out.line(`AuthQuickstart: ${message}`),
    error: (message, error) => out.line(`AuthQuickstart: ${message} ${describeError(error)}`),
  };
  const callbackStyle = <T>(start: (resolve: (value: T) => void, log: QuickstartLog) => void): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      start(resolve, {
        info: log.info,
        error: (message, error) => {
          log.error(message, error);
          reject(error);
        },
      }),
    );
  // Sessions persist here, so a "restarted" plugin (step 8) finds the federated session again.
  const storage = new InMemoryKeyValueStorage();
  const configure = async (refresher?: (providerName: string) => Promise<string>): Promise<void> => {
    await Amplify.reset();
    Amplify.addPlugin(
      new AWSCognitoAuthPlugin({
        storage,
        clock: backend.now,
        ...(refresher ? { federatedTokenRefresher: refresher } : {}),
      }),
    );
    Amplify.configure(backend.config);
  };

  const subscription = Hub.subscribe(HubChannel.AUTH, (event) => {
    events.push(event);
    out.event(event.name, event.data);
  });
  try {
    out.step('Configure Amplify with the Cognito auth plugin; subscribe to auth events');
    await configure();
    out.ok(`Hub listener on '${HubChannel.AUTH}': every auth event below is printed as [hub]`);
    try {
      Hub.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
      check(false, 'Hub.publish on the AUTH channel should throw for app code');
    } catch (error) {
      check(error instanceof HubException, `expected HubException, got ${describeError(error)}`);
      out.ok('app code cannot forge auth events: Hub.publish(AUTH, ...) throws HubException');
    }

    out.step('federateToIdentityPool with a Facebook token (promise style)');
    let mark = backend.mark?.();
    let seen = events.length;
    const token = await backend.token(2 * 60 * 60); // the provider token lives 2 hours
    const first = await federateWithPromise(token, backend.provider, log);
    check(first, 'federation failed (see the AuthQuickstart line above)');
    out.ok(`identity id ${first.identityId}`);
    out.ok(
      `credentials ${shortKeyId(first.credentials.accessKeyId)}, expire ${describeExpiry(first.credentials.expiration, backend.now())}`,
    );
    showRequests(requestsSince(mark));
    check(eventsSince(seen).includes('FEDERATED_TO_IDENTITY_POOL'), 'FEDERATED_TO_IDENTITY_POOL published');

    out.step('federateToIdentityPool again, callback style as on the seed page');
    const second = await callbackStyle<FederateToIdentityPoolResult>((resolve, l) =>
      federateWithCallbacks(token, resolve, backend.provider, l),
    );
    check(second.identityId === first.identityId, 'the same provider user keeps the same identity id');
    out.ok(
      `same identity id ${second.identityId}, new credentials ${shortKeyId(second.credentials.accessKeyId)}`,
    );

    out.step('fetchAuthSession');
    const session = await retrieveSession(log);
    check(session.isSignedIn, 'isSignedIn is true while federated');
    check(
      session.identityIdResult.type === 'SUCCESS' && session.identityIdResult.value === first.identityId,
      'identityIdResult holds the federated identity id',
    );
    const creds = session.awsCredentialsResult;
    check(creds.type === 'SUCCESS', 'awsCredentialsResult succeeds');
    const printed = inspect(creds.value, { breakLength: Infinity });
    check(
      !printed.includes(creds.value.secretAccessKey) && !printed.includes(creds.value.sessionToken),
      'printing credentials masks the secrets',
    );
    out.line(`util.inspect(credentials): ${printed}`);
    out.ok('secret key and session token are masked wherever the credentials are printed');
    if (session.userSubResult.type === 'FAILURE') {
      out.expectedFailure(
        `userSubResult: FAILURE ${describeError(session.userSubResult.error)}`,
        'a federated identity has no user-pool user, so it has no user sub (step 11 signs in to a user pool)',
      );
    }
    mark = backend.mark?.();
    await Amplify.Auth.fetchAuthSession();
    if (mark !== undefined) {
      check(requestsSince(mark)?.length === 0, 'valid credentials are answered from memory');
      out.ok('a second fetchAuthSession answers from memory: no request');
    }

    out.step('Credentials expiring and refreshing');
    let current = creds.value;
    if (backend.advanceClock) {
      backend.advanceClock(current.expiration.getTime() - backend.now() - MINUTE);
      out.line('clock moved forward: the credentials expire in 1 min, inside the 2-minute refresh margin');
      mark = backend.mark?.();
      const sessions = await Promise.all(
        Array.from({ length: 5 }, () => Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession()),
      );
      const ops = requestsSince(mark);
      check(ops?.join() === 'GetCredentialsForIdentity', `one refresh request, got ${ops?.join(', ')}`);
      out.ok('5 concurrent fetchAuthSession calls shared 1 GetCredentialsForIdentity request');
      const fresh = sessions[0]!.awsCredentialsResult;
      check(fresh.type === 'SUCCESS', 'the refresh succeeds');
      check(fresh.value.accessKeyId !== current.accessKeyId, 'the refresh brings new credentials');
      current = fresh.value;
    } else {
      out.skip('moving the clock is emulator-only; forcing a refresh instead');
      const forced = (
        await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession({ forceRefresh: true })
      ).awsCredentialsResult;
      check(
        forced.type === 'SUCCESS',
        `forceRefresh succeeds (${forced.type === 'FAILURE' ? describeError(forced.error) : ''})`,
      );
      current = forced.value;
    }
    out.ok(
      `new credentials ${shortKeyId(current.accessKeyId)}, expire ${describeExpiry(current.expiration, backend.now())}`,
    );
    check(!eventsSince(seen).includes('SESSION_EXPIRED'), 'no event on a successful refresh');

    out.step('The provider token expires: SESSION_EXPIRED');
    if (backend.advanceClock) {
      seen = events.length;
      backend.advanceClock(65 * MINUTE);
      out.line('clock moved forward 65 min: the Facebook token (2 h) and the credentials have expired');
      const expired = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession();
      check(eventsSince(seen).join() === 'SESSION_EXPIRED', 'SESSION_EXPIRED published once');
      const failure = expired.awsCredentialsResult;
      check(failure.type === 'FAILURE', 'no credentials once the provider token is rejected');
      check(failure.error instanceof SessionExpiredException, 'the failure is a SessionExpiredException');
      out.expectedFailure(
        `awsCredentialsResult: FAILURE ${describeError(failure.error)}`,
        'the demo let the Facebook token expire; the plugin reports it instead of failing later',
      );
      out.line(`recovery: ${failure.error.recoverySuggestion}`);
      check(
        expired.identityIdResult.type === 'SUCCESS' && expired.identityIdResult.value === first.identityId,
        'the identity id stays available',
      );
      out.ok(`the identity id stays available: ${first.identityId}`);
    } else {
      out.skip('expiring the provider token is emulator-only');
    }

    out.step('Federate again with a fresh token and developerProvidedIdentityId (same identity id)');
    mark = backend.mark?.();
    const freshToken = await backend.token(2 * 60 * 60);
    const again = await callbackStyle<FederateToIdentityPoolResult>((resolve, l) =>
      federateWithCustomIdentityId(freshToken, first.identityId, resolve, backend.provider, l),
    );
    check(again.identityId === first.identityId, 'developerProvidedIdentityId keeps the identity id');
    out.ok(`identity id ${again.identityId} kept`);
    const ops = requestsSince(mark);
    showRequests(ops);
    if (ops) check(!ops.includes('GetId'), 'no GetId call with developerProvidedIdentityId');

    out.step('Restart with federatedTokenRefresher: the session is restored from storage');
    let refresherCalls = 0;
    await configure(async (providerName) => {
      refresherCalls += 1;
      out.line(`federatedTokenRefresher: asked for a fresh ${providerName} token`);
      return backend.token(2 * 60 * 60);
    });
    const restored = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession();
    check(
      restored.identityIdResult.type === 'SUCCESS' && restored.identityIdResult.value === first.identityId,
      'the restarted plugin restores the federated session',
    );
    out.ok(`restored identity id ${first.identityId} without federating again`);
    if (backend.advanceClock) {
      seen = events.length;
      backend.advanceClock(3 * 60 * MINUTE);
      out.line('clock moved forward 3 h: the stored provider token is rejected again');
      const renewed = (await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession())
        .awsCredentialsResult;
      check(refresherCalls === 1, 'federatedTokenRefresher was asked once');
      check(renewed.type === 'SUCCESS', 'the plugin re-federated by itself');
      check(!eventsSince(seen).includes('SESSION_EXPIRED'), 'no SESSION_EXPIRED when the refresher helps');
      out.ok(
        `the plugin re-federated by itself: credentials ${shortKeyId(renewed.value.accessKeyId)}, no SESSION_EXPIRED`,
      );
    } else {
      out.skip('expiring the provider token is emulator-only');
    }

    out.step('clearFederationToIdentityPool (callback style as on the seed page)');
    mark = backend.mark?.();
    seen = events.length;
    await new Promise<void>((resolve) => clearSession(log, resolve));
    check(eventsSince(seen).join() === 'FEDERATION_TO_IDENTITY_POOL_CLEARED', 'the clear event is published');
    if (mark !== undefined) check(requestsSince(mark)?.length === 0, 'clearing is local: no request');
    const cleared = await Amplify.Auth.fetchAuthSession();
    check(!cleared.isSignedIn, 'isSignedIn is false after clearing');
    out.ok('isSignedIn is now false; clearing made no network call');

    out.step('Guards');
    const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
    const refusal = async (what: string, action: () => Promise<unknown>): Promise<unknown> => {
      try {
        await action();
      } catch (error) {
        return error;
      }
      throw new DemoCheckFailed(`${what} should have been refused`);
    };
    let error = await refusal('clearing without a federation', () => plugin.clearFederationToIdentityPool());
    check(
      error instanceof InvalidStateException,
      `expected InvalidStateException, got ${describeError(error)}`,
    );
    out.ok(`clear while not federated: ${describeError(error)}`);
    mark = backend.mark?.();
    error = await refusal('an empty token', () => plugin.federateToIdentityPool('', backend.provider));
    check(
      error instanceof InvalidParameterException,
      `expected InvalidParameterException, got ${describeError(error)}`,
    );
    if (mark !== undefined) check(requestsSince(mark)?.length === 0, 'invalid input makes no request');
    out.ok(`empty token, refused before any request: ${describeError(error)}`);

    await plugin.federateToIdentityPool(await backend.token(2 * 60 * 60), backend.provider);
    error = await refusal('signOut while federated', () => plugin.signOut());
    check(
      error instanceof InvalidStateException,
      `expected InvalidStateException, got ${describeError(error)}`,
    );
    out.ok(`signOut while federated: ${describeError(error)}`);
    await plugin.clearFederationToIdentityPool();

    await runUserPoolChapter(backend, out, events, check);
  } finally {
    subscription.unsubscribe();
  }
}
