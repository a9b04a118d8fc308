/** An identity pool as given in `amplifyconfiguration.json`. */
export interface CognitoIdentityPoolConfig {
  readonly PoolId: string;
  readonly Region: string;
  /** Loopback `http://` or any `https://` URL; the region's AWS endpoint when absent. */
  readonly Endpoint?: string;
  /** Lets `Endpoint` be plain `http://` on a host that is not loopback (containers); logs a warning once. */
  readonly allowInsecureEndpoint?: boolean;
  /**
   * `false` when the identity pool gives no guest (unauthenticated) identities, so signed-out
   * sessions need not ask for one. Absent: the plugin finds out from the pool.
   */
  readonly AllowUnauthenticatedIdentities?: boolean;
}

/** A user pool as given in `amplifyconfiguration.json`. */
export interface CognitoUserPoolConfig {
  readonly PoolId: string;
  readonly AppClientId: string;
  readonly AppClientSecret?: string;
  readonly Region: string;
  readonly Endpoint?: string;
  /** Lets `Endpoint` be plain `http://` on a host that is not loopback (containers); logs a warning once. */
  readonly allowInsecureEndpoint?: boolean;
}

/** The `awsCognitoAuthPlugin` section. Either pool may be absent, not both. */
export interface AWSCognitoAuthPluginConfig {
  readonly CredentialsProvider?: {
    readonly CognitoIdentity?: { readonly Default?: CognitoIdentityPoolConfig };
  };
  readonly CognitoUserPool?: { readonly Default?: CognitoUserPoolConfig };
  /** The hosted UI (OAuth 2.0): `Auth.Default.OAuth`, checked by the auth plugin. */
  readonly Auth?: { readonly Default?: { readonly OAuth?: OAuthConfig } };
}

/** The hosted UI of a user pool, as `amplifyconfiguration.json` gives it. */
export interface OAuthConfig {
  /** The Cognito domain without a scheme, e.g. `myapp.auth.us-east-1.amazoncognito.com`. */
  readonly WebDomain: string;
  /** Default: the user pool's `AppClientId`. */
  readonly AppClientId?: string;
  /** One URI or a comma-separated list; the plugin picks the page's origin (browser) or a loopback URI (Node). */
  readonly SignInRedirectURI: string;
  readonly SignOutRedirectURI?: string;
  /** Default `['openid', 'email', 'profile']`. */
  readonly Scopes?: readonly string[];
}

/** The `amplifyconfiguration.json` shape: per category, per plugin key, that plugin's section. */
export interface AmplifyConfiguration {
  readonly auth?: {
    readonly plugins?: { readonly awsCognitoAuthPlugin?: AWSCognitoAuthPluginConfig } & Readonly<
      Record<string, unknown>
    >;
  };
  readonly [category: string]: { readonly plugins?: Readonly<Record<string, unknown>> } | undefined;
}

/** The Gen 2 `amplify_outputs.json` shape (the parts Plugboard reads). */
export interface AmplifyOutputs {
  readonly version?: string;
  readonly auth?: {
    readonly aws_region: string;
    readonly identity_pool_id?: string;
    readonly user_pool_id?: string;
    readonly user_pool_client_id?: string;
    /** Plugboard extension: loopback or https endpoints for emulators and private deployments. */
    readonly identity_pool_endpoint?: string;
    readonly user_pool_endpoint?: string;
    /** Plugboard extension: lets the two endpoints above be plain `http://` on any host (containers). */
    readonly allow_insecure_endpoint?: boolean;
    /** `false`: the identity pool gives no guest identities (maps to `AllowUnauthenticatedIdentities`). */
    readonly unauthenticated_identities_enabled?: boolean;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}
