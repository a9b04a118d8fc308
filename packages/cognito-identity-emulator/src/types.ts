/** Public option and result types of the emulator. */

/** Milliseconds since the epoch; inject one to control token and credential expiry in tests. */
export type Clock = () => number;

export interface StartCognitoIdentityEmulatorOptions {
  /** TCP port; 0 (the default) picks any free port. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. A non-loopback host needs `allowRemote`. */
  host?: string;
  /** Allow binding a non-loopback host (the emulator hands out credentials to anyone who asks). */
  allowRemote?: boolean;
  /** Lifetime of the temporary AWS credentials handed out; default 3600. */
  credentialsLifetimeSeconds?: number;
  /** When set, pools, identities and the signing key are kept in this JSON file across restarts. */
  stateFile?: string;
  /**
   * Region used in identity pool and identity ids. Default: the state file's region, else `us-east-1`.
   * A region other than the state file's is refused (`StateFileError`): its ids name their region.
   */
  region?: string;
  /** Clock used for token expiry and credential expiration; default `Date.now`. */
  now?: Clock;
  /** Largest accepted request body in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /** Serve `GET /test-idp/token` to loopback callers; default true. */
  testIdpHttpEndpoint?: boolean;
  /**
   * The IAM access key and secret that signed (SigV4) operations must be signed with; default
   * `DEFAULT_CONTROL_PLANE_CREDENTIALS` (`AKIDPLUGBOARDEMULATOR` / `plugboard-emulator-secret-access-key`).
   */
  controlPlaneCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Largest accepted request header section in bytes; larger ones get HTTP 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  /**
   * Host names served besides loopback ones (`127.0.0.1`, `localhost`, `[::1]`, any port), for container
   * setups that reach the emulator by a service name; `'*'` accepts any. Requests whose `Host` header
   * (or browser `Origin`) names another host get HTTP 403. Default: none.
   */
  allowedHosts?: readonly string[];
  /** How many requests `requests()` keeps; the oldest are dropped first. Default 10000; 0 keeps none. */
  maxRecordedRequests?: number;
  /**
   * Called once per request when it is over (answered or dropped): time, operation, status, duration.
   * Never bodies, headers or tokens. The command line prints these as its request log.
   */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** One finished request, as `onRequest` sees it. */
export interface RequestLogEntry {
  /** When the request arrived. */
  readonly at: Date;
  /**
   * The Cognito operation (`GetId`, `(none)` without a target), or the method and path of the other
   * routes (`GET /health`, `OPTIONS (preflight)`); never a query string.
   */
  readonly operation: string;
  /** HTTP status answered; absent when the connection was dropped before an answer. */
  readonly status?: number;
  /** From arrival to the end of the answer, in milliseconds. */
  readonly durationMs: number;
  /** The error name of an error answer (`NotAuthorizedException`). */
  readonly errorType?: string;
}

/** A role mapping in the SetIdentityPoolRoles `RoleMappings` shape. */
export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: {
    Rules: {
      Claim: string;
      MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
      Value: string;
      RoleARN: string;
    }[];
  };
}

/** An OpenID Connect provider trusted by a pool: tokens are verified against its JWKS. */
export interface OpenIdConnectProviderConfig {
  /** The key used in `Logins`, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_abc` or `login.example.com`. */
  providerName: string;
  /** Required `iss` claim. */
  issuer: string;
  /** Where the provider's signing keys are published. */
  jwksUri: string;
  /** When given, the token's `aud` (or `client_id`) must be one of these. */
  audiences?: string[];
}

/** A user pool trusted through `CognitoIdentityProviders` (tokens come from the test IdP). */
export interface CognitoIdentityProviderConfig {
  providerName: string;
  clientId?: string;
  serverSideTokenCheck?: boolean;
}

export interface CreateIdentityPoolOptions {
  identityPoolName?: string;
  allowUnauthenticatedIdentities?: boolean;
  allowClassicFlow?: boolean;
  /** Provider name to app id, e.g. `{ 'graph.facebook.com': '1234' }`; tokens come from the test IdP. */
  supportedLoginProviders?: Record<string, string>;
  developerProviderName?: string;
  openIdConnectProviders?: OpenIdConnectProviderConfig[];
  /** Provider names that are OIDC provider ARNs created over HTTP (tokens come from the test IdP). */
  openIdConnectProviderARNs?: string[];
  samlProviderARNs?: string[];
  cognitoIdentityProviders?: CognitoIdentityProviderConfig[];
  tags?: Record<string, string>;
  /**
   * Role ARNs for authenticated and unauthenticated identities. By default both are set (to
   * `DEFAULT_ROLES`); pass `{}` for a pool without roles, as CreateIdentityPool over HTTP makes.
   */
  roles?: { authenticated?: string; unauthenticated?: string };
  /** Provider name (or `<provider>:<client id>`) -> role mapping, as in SetIdentityPoolRoles. */
  roleMappings?: Record<string, RoleMapping>;
}

export interface IssueProviderTokenOptions {
  providerName: string;
  subject: string;
  /** Default 3600. Zero or negative values mint an already expired token (useful in tests). */
  expiresInSeconds?: number;
  audience?: string | string[];
  /**
   * Extra claims, e.g. `{ 'cognito:roles': [...] }` for role mappings. They cannot replace `iss`, `sub`,
   * `aud`, `exp`, `iat` or `provider_name`.
   */
  claims?: Record<string, unknown>;
}

export interface InjectedFault {
  /** Operation name such as `GetId`; any operation when absent. */
  operation?: string;
  /** How many matching requests it affects; default 1 (`Infinity` for all). */
  times?: number;
  /** An error name answered instead of the result, or `'ECONNRESET'` to drop the connection. */
  error?: string;
  /** Override the HTTP status answered with `error`. */
  status?: number;
  /** Delay before answering. */
  latencyMs?: number;
}

export interface RecordedRequest {
  readonly operation: string;
  readonly at: Date;
  /** HTTP status answered; absent when the connection was dropped. */
  readonly status?: number;
  /** GetCredentialsForIdentity answered with 200: the ARN of the role the credentials stand for. */
  readonly roleArn?: string;
}

export interface IdentitySummary {
  readonly identityId: string;
  readonly identityPoolId: string;
  /** Linked provider names (never tokens). */
  readonly logins: readonly string[];
  readonly creationDate: Date;
  readonly lastModifiedDate: Date;
  /** True once its last login was unlinked: the identity can no longer be used. */
  readonly disabled: boolean;
}

export interface IdentityPoolSummary {
  readonly identityPoolId: string;
  readonly identityPoolName: string;
}

export interface CognitoIdentityEmulator {
  /** `http://HOST:PORT`, the endpoint to hand to a Cognito Identity client. */
  readonly endpoint: string;
  /** The test IdP's public keys (`GET /.well-known/jwks.json`). */
  readonly jwksUri: string;
  /** `iss` of the tokens minted by `issueProviderToken`. */
  readonly testIdpIssuer: string;
  /** `iss` of the OpenID tokens answered by GetOpenIdToken and GetOpenIdTokenForDeveloperIdentity. */
  readonly openIdTokenIssuer: string;
  createIdentityPool(options: CreateIdentityPoolOptions): Promise<string>;
  issueProviderToken(options: IssueProviderTokenOptions): Promise<string>;
  requests(): readonly RecordedRequest[];
  resetRequests(): void;
  injectFault(fault: InjectedFault): void;
  clearFaults(): void;
  identityPools(): readonly IdentityPoolSummary[];
  identities(identityPoolId?: string): readonly IdentitySummary[];
  /** The access key and secret that signed operations must be signed with. */
  readonly controlPlaneCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The region of pool and identity ids (and of the SigV4 credential scope). */
  readonly region: string;
  /** Removes every pool, identity, fault and recorded request (the signing key stays). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}
