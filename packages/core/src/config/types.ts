/** An identity pool as given in `amplifyconfiguration.json`. */
export interface CognitoIdentityPoolConfig {
  /** The identity pool id, `<region>:<uuid>`. */
  readonly PoolId: string;
  /** The pool's AWS region, such as `us-east-1`. */
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
  /** The user pool id, `<region>_<id>`. */
  readonly PoolId: string;
  /** The app client id. */
  readonly AppClientId: string;
  /** The app client's secret, for clients that have one (server apps); masked when printed. */
  readonly AppClientSecret?: string;
  /** The pool's AWS region, such as `us-east-1`. */
  readonly Region: string;
  /** Loopback `http://` or any `https://` URL (local emulators, proxies); the region's AWS endpoint when absent. */
  readonly Endpoint?: string;
  /** Lets `Endpoint` be plain `http://` on a host that is not loopback (containers); logs a warning once. */
  readonly allowInsecureEndpoint?: boolean;
}

/** The `awsCognitoAuthPlugin` section. Either pool may be absent, not both. */
export interface AWSCognitoAuthPluginConfig {
  /** The identity pool: `CredentialsProvider.CognitoIdentity.Default`. */
  readonly CredentialsProvider?: {
    readonly CognitoIdentity?: { readonly Default?: CognitoIdentityPoolConfig };
  };
  /** The user pool: `CognitoUserPool.Default`. */
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
  /** Where the hosted UI's `/logout` sends the browser back; one URI or a comma-separated list. */
  readonly SignOutRedirectURI?: string;
  /** Default `['openid', 'email', 'profile']`. */
  readonly Scopes?: readonly string[];
}

/** The `amplifyconfiguration.json` shape: per category, per plugin key, that plugin's section. */
export interface AmplifyConfiguration {
  /** The Auth category: `auth.plugins.awsCognitoAuthPlugin` for the Cognito plugin. */
  readonly auth?: {
    readonly plugins?: { readonly awsCognitoAuthPlugin?: AWSCognitoAuthPluginConfig } & Readonly<
      Record<string, unknown>
    >;
  };
  /** Other categories, each with its plugins' sections. */
  readonly [category: string]: { readonly plugins?: Readonly<Record<string, unknown>> } | undefined;
}

/** The Gen 2 `amplify_outputs.json` shape (the parts Plugboard reads). */
export interface AmplifyOutputs {
  /** The outputs format version (`'1'`, `'1.4'`, ...). */
  readonly version?: string;
  /** The Auth section: the region and the pools' ids. */
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
  /** Other sections; logged once and ignored. */
  readonly [key: string]: unknown;
}
