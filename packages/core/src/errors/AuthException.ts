import { brandClass } from '../brand.js';
import { AmplifyException, type AmplifyExceptionOptions } from './AmplifyException.js';

/** Base of every auth failure. */
export class AuthException extends AmplifyException {
  constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
    super(message, recoverySuggestion, options);
    this.name = 'AuthException';
  }
}
brandClass(AuthException, 'AuthException');

/** An auth exception whose `name` is the literal `N`, so `switch (error.name)` narrows. */
export type NamedAuthException<N extends string> = AuthException & { readonly name: N };

/** The constructor of a {@link NamedAuthException}; `instanceof` works across package copies. */
export interface NamedAuthExceptionClass<N extends string> {
  /** Creates the exception; `recoverySuggestion` says what to do about it. */
  new (message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions): NamedAuthException<N>;
  /** The prototype of its instances. */
  readonly prototype: NamedAuthException<N>;
}

export function defineAuthException<N extends string>(name: N): NamedAuthExceptionClass<N> {
  const Subclass = class extends AuthException {
    constructor(message: string, recoverySuggestion: string, options?: AmplifyExceptionOptions) {
      super(message, recoverySuggestion, options);
      this.name = name;
    }
  };
  Object.defineProperty(Subclass, 'name', { value: name });
  brandClass(Subclass, name);
  return Subclass as unknown as NamedAuthExceptionClass<N>;
}

// `@__PURE__`: each class below is created by a call, which bundlers keep unless told it has no side
// effects; with the annotation an app's bundle holds only the exception classes it uses.

/** The operation is not allowed in the current auth state (e.g. federating while signed in). */
export const InvalidStateException = /* @__PURE__ */ defineAuthException('InvalidStateException');
/** An instance of `InvalidStateException`. */
export type InvalidStateException = NamedAuthException<'InvalidStateException'>;
/** An argument or option is missing, of the wrong type or out of range. Nothing was sent. */
export const InvalidParameterException = /* @__PURE__ */ defineAuthException('InvalidParameterException');
/** An instance of `InvalidParameterException`. */
export type InvalidParameterException = NamedAuthException<'InvalidParameterException'>;
/** The service refused the credentials or token presented. */
export const NotAuthorizedException = /* @__PURE__ */ defineAuthException('NotAuthorizedException');
/** An instance of `NotAuthorizedException`. */
export type NotAuthorizedException = NamedAuthException<'NotAuthorizedException'>;
/** The session can no longer be refreshed; sign in or federate again. */
export const SessionExpiredException = /* @__PURE__ */ defineAuthException('SessionExpiredException');
/** An instance of `SessionExpiredException`. */
export type SessionExpiredException = NamedAuthException<'SessionExpiredException'>;
/** The operation needs a signed-in user and there is none. */
export const SignedOutException = /* @__PURE__ */ defineAuthException('SignedOutException');
/** An instance of `SignedOutException`. */
export type SignedOutException = NamedAuthException<'SignedOutException'>;
/** The service throttled the request and retries did not get through. */
export const TooManyRequestsException = /* @__PURE__ */ defineAuthException('TooManyRequestsException');
/** An instance of `TooManyRequestsException`. */
export type TooManyRequestsException = NamedAuthException<'TooManyRequestsException'>;
/** The service could not be reached. */
export const NetworkException = /* @__PURE__ */ defineAuthException('NetworkException');
/** An instance of `NetworkException`. */
export type NetworkException = NamedAuthException<'NetworkException'>;
/** The service answered with an error not covered by a more specific exception. */
export const ServiceException = /* @__PURE__ */ defineAuthException('ServiceException');
/** An instance of `ServiceException`. */
export type ServiceException = NamedAuthException<'ServiceException'>;
/** Something failed that Plugboard could not classify. */
export const UnknownException = /* @__PURE__ */ defineAuthException('UnknownException');
/** An instance of `UnknownException`. */
export type UnknownException = NamedAuthException<'UnknownException'>;
/** The user left the sign-in (closed the hosted UI, declined, or it timed out) before it completed. */
export const UserCancelledException = /* @__PURE__ */ defineAuthException('UserCancelledException');
/** An instance of `UserCancelledException`. */
export type UserCancelledException = NamedAuthException<'UserCancelledException'>;
