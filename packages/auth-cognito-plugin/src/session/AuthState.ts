import type { AuthException, AuthHubEvent } from '@plugboard/core';
import type { AWSTemporaryCredentials, UserPoolTokenSet } from '../model/types.js';

export type { UserPoolTokenSet } from '../model/types.js';

/** A session federated from a third-party provider token. */
export interface FederatedSession {
  readonly providerName: string;
  readonly providerToken: string;
  readonly identityId: string;
  readonly credentials: AWSTemporaryCredentials | undefined;
  /** When this runtime received `credentials` (epoch ms); unknown after a restore. */
  readonly credentialsIssuedAt?: number;
  /** Cognito rejected `providerToken`; SESSION_EXPIRED was published for it. */
  readonly tokenRejected: boolean;
}

/** A user signed in with the user pool, and the identity-pool credentials federated from its id token. */
export interface SignedInSession {
  readonly username: string;
  readonly userId: string;
  readonly tokens: UserPoolTokenSet;
  readonly identityId: string | undefined;
  readonly credentials: AWSTemporaryCredentials | undefined;
  /** When this runtime received `credentials` (epoch ms); unknown after a restore. */
  readonly credentialsIssuedAt?: number;
}

/** The unauthenticated (guest) identity, when the identity pool allows one. */
export interface GuestSession {
  readonly identityId: string | undefined;
  readonly credentials: AWSTemporaryCredentials | undefined;
  /** When this runtime received `credentials` (epoch ms); unknown after a restore. */
  readonly credentialsIssuedAt?: number;
  /**
   * Why the pool refused guest access (NotAuthorizedException: no unauthenticated identities;
   * InvalidIdentityPoolConfigurationException: no usable guest role), so later fetches answer from memory
   * instead of asking again; a forced fetch asks again. Memory only.
   */
  readonly refusal?: AuthException;
}

/** A sign-in waiting for the user to answer a challenge (held in memory only). */
export interface SignInChallenge {
  readonly username: string;
  readonly session: string;
  /** Cognito's ChallengeName; absent means NEW_PASSWORD_REQUIRED. */
  readonly name?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly clientMetadata?: Readonly<Record<string, string>>;
}

/** Every state the plugin can be in. */
export type AuthState =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'restoring' }
  | { readonly kind: 'signedOut'; readonly guest: GuestSession; readonly challenge?: SignInChallenge }
  | { readonly kind: 'federated'; readonly session: FederatedSession }
  | { readonly kind: 'signedIn'; readonly session: SignedInSession };

/** A session as kept in storage: exactly the states worth restoring. */
export type PersistedSession =
  | { readonly kind: 'guest'; readonly guest: GuestSession }
  | { readonly kind: 'federated'; readonly session: FederatedSession }
  | { readonly kind: 'signedIn'; readonly session: SignedInSession };

/** What happened; the input of {@link transition}. */
export type AuthEvent =
  | { readonly type: 'configured' }
  | { readonly type: 'restored'; readonly persisted: PersistedSession | null }
  /** What another context stored (read under the shared storage's lock): taken over, nothing written. */
  | { readonly type: 'adopted'; readonly persisted: PersistedSession | null }
  /** What another context changed in storage (heard through the storage's onChange): taken over, its events published. */
  | { readonly type: 'followed'; readonly persisted: PersistedSession | null }
  | { readonly type: 'federated'; readonly session: FederatedSession }
  | { readonly type: 'federationCleared' }
  | {
      readonly type: 'federatedCredentialsRefreshed';
      readonly credentials: AWSTemporaryCredentials;
      readonly issuedAt?: number;
      /** The identity id the service answered: a different one after it merged identities. */
      readonly identityId?: string;
      readonly providerToken?: string;
    }
  | { readonly type: 'federatedTokenRejected' }
  | {
      readonly type: 'guestCredentialsObtained';
      readonly identityId: string;
      readonly credentials: AWSTemporaryCredentials;
      readonly issuedAt?: number;
    }
  | {
      readonly type: 'guestAccessRefused';
      readonly error: AuthException;
      /** The guest identity id GetId gave before the credentials were refused, if any. */
      readonly identityId?: string | undefined;
    }
  | { readonly type: 'signInChallenged'; readonly challenge: SignInChallenge }
  | { readonly type: 'signedIn'; readonly session: SignedInSession }
  | { readonly type: 'userPoolTokensRefreshed'; readonly tokens: UserPoolTokenSet }
  | {
      readonly type: 'userPoolCredentialsObtained';
      readonly identityId: string;
      readonly credentials: AWSTemporaryCredentials;
      readonly issuedAt?: number;
    }
  | { readonly type: 'refreshTokenRejected' }
  | { readonly type: 'signedOut' }
  | { readonly type: 'userDeleted' }
  | { readonly type: 'reset' };

/** What to do because of a transition; run by the session runtime, storage writes first, events last. */
export type AuthEffect =
  | { readonly type: 'persist'; readonly persisted: PersistedSession }
  | { readonly type: 'erase' }
  | { readonly type: 'publish'; readonly event: AuthHubEvent };

export interface Transition {
  readonly state: AuthState;
  readonly effects: readonly AuthEffect[];
}
