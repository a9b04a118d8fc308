import { InvalidStateException } from '@plugboard/core';

/** A call to a context that has ended (its `runWithAuthContext` settled, or `dispose()` was called). */
export function contextEnded(): InvalidStateException {
  return new InvalidStateException(
    'This auth context has ended (its runWithAuthContext work settled, or dispose() was called): its plugin, and the credentials providers and SDK clients made from it, can no longer be used.',
    'Create a context for each unit of work (runWithAuthContext({ storage }, ...) per request) and create SDK clients with fromAmplifyAuth() inside it; the session stays in the storage for the next context.',
  );
}

/** A context's session used inside another context's unit of work (e.g. a client kept across requests). */
export function usedInAnotherContext(): InvalidStateException {
  return new InvalidStateException(
    "An auth context's session was used inside another auth context's runWithAuthContext: one request would act as another request's user.",
    "Inside runWithAuthContext use only that context (Amplify.Auth, fromAmplifyAuth() without options, or the context it gave you); don't keep a context, its plugin or an SDK client made from it across requests.",
  );
}

/** A context created before `Amplify.configure` gave the Cognito auth plugin its section. */
export function contextBeforeConfigure(): InvalidStateException {
  return new InvalidStateException(
    'An auth context was created before Amplify.configure gave the Cognito auth plugin its configuration.',
    'Call Amplify.configure(config) with an awsCognitoAuthPlugin section once at startup, then create contexts per request.',
  );
}
