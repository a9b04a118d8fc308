/** Public option and result types of the emulator. */

/** Milliseconds since the epoch; inject one to control token and credential expiry in tests. */
export type Clock = () => number;

/** Options of `startCognitoIdentityEmulator`; every one has a default. */
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
  /** `Token`: the role comes from the token's `cognito:preferred_role` / `cognito:roles`; `Rules`: from the first matching rule. */
  Type: 'Token' | 'Rules';
  /** When the mapping cannot decide: the authenticated role, or `NotAuthorizedException` (`Deny`). */
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  /** The rules of a `Rules` mapping, tried in order. */
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
  /** `cognito-idp.<region>.amazonaws.com/<user pool id>`. */
  providerName: string;
  /** The app client id the tokens' `aud` must equal. */
  clientId?: string;
  /** Stored and answered as the service does; not checked. */
  serverSideTokenCheck?: boolean;
}

/** Options of `createIdentityPool`, in the CreateIdentityPool shape (camel-cased). */
export interface CreateIdentityPoolOptions {
  /** The pool's name; a generated one when absent. */
  identityPoolName?: string;
  /** Whether guests (GetId without `Logins`) get identities; default false. */
  allowUnauthenticatedIdentities?: boolean;
  /** Stored and answered; the classic (basic) flow is not implemented. */
  allowClassicFlow?: boolean;
  /** Provider name to app id, e.g. `{ 'graph.facebook.com': '1234' }`; tokens come from the test IdP. */
  supportedLoginProviders?: Record<string, string>;
  /** The developer provider name, for developer-authenticated identities. */
  developerProviderName?: string;
  /** OpenID Connect providers whose real tokens are verified against their JWKS (in-process only). */
  openIdConnectProviders?: OpenIdConnectProviderConfig[];
  /** Provider names that are OIDC provider ARNs created over HTTP (tokens come from the test IdP). */
  openIdConnectProviderARNs?: string[];
  /** SAML provider ARNs; their tokens come from the test IdP. */
  samlProviderARNs?: string[];
  /** User pools trusted as providers; their tokens come from the test IdP. */
  cognitoIdentityProviders?: CognitoIdentityProviderConfig[];
  /** Tags of the pool. */
  tags?: Record<string, string>;
  /**
   * Role ARNs for authenticated and unauthenticated identities. By default both are set (to
   * `DEFAULT_ROLES`); pass `{}` for a pool without roles, as CreateIdentityPool over HTTP makes.
   */
  roles?: { authenticated?: string; unauthenticated?: string };
  /** Provider name (or `<provider>:<client id>`) -> role mapping, as in SetIdentityPoolRoles. */
  roleMappings?: Record<string, RoleMapping>;
}

/** Options of `issueProviderToken`. */
export interface IssueProviderTokenOptions {
  /** The provider the token is for, as used in `Logins` (e.g. `graph.facebook.com`). */
  providerName: string;
  /** The token's `sub`: the user at that provider. */
  subject: string;
  /** Default 3600. Zero or negative values mint an already expired token (useful in tests). */
  expiresInSeconds?: number;
  /** The token's `aud`; by default the app id the emulator's pools configure for the provider. */
  audience?: string | string[];
  /**
   * Extra claims, e.g. `{ 'cognito:roles': [...] }` for role mappings. They cannot replace `iss`, `sub`,
   * `aud`, `exp`, `iat` or `provider_name`.
   */
  claims?: Record<string, unknown>;
}

/** A fault for `injectFault`: the next matching requests fail or are slowed. */
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

/** One protocol request the emulator answered (never bodies, headers or tokens). */
export interface RecordedRequest {
  /** The operation name, such as `GetId`. */
  readonly operation: string;
  /** When it arrived. */
  readonly at: Date;
  /** HTTP status answered; absent when the connection was dropped. */
  readonly status?: number;
  /** GetCredentialsForIdentity answered with 200: the ARN of the role the credentials stand for. */
  readonly roleArn?: string;
}

/** An identity the emulator stores. */
export interface IdentitySummary {
  /** `<region>:<uuid>`. */
  readonly identityId: string;
  /** The pool it belongs to. */
  readonly identityPoolId: string;
  /** Linked provider names (never tokens). */
  readonly logins: readonly string[];
  /** When it was created. */
  readonly creationDate: Date;
  /** When its logins last changed. */
  readonly lastModifiedDate: Date;
  /** True once its last login was unlinked: the identity can no longer be used. */
  readonly disabled: boolean;
}

/** An identity pool the emulator stores. */
export interface IdentityPoolSummary {
  /** `<region>:<uuid>`. */
  readonly identityPoolId: string;
  /** The pool's name. */
  readonly identityPoolName: string;
}

/** A running emulator, as `startCognitoIdentityEmulator` resolves it. */
export interface CognitoIdentityEmulator {
  /** `http://HOST:PORT`, the endpoint to hand to a Cognito Identity client. */
  readonly endpoint: string;
  /** The test IdP's public keys (`GET /.well-known/jwks.json`). */
  readonly jwksUri: string;
  /** `iss` of the tokens minted by `issueProviderToken`. */
  readonly testIdpIssuer: string;
  /** `iss` of the OpenID tokens answered by GetOpenIdToken and GetOpenIdTokenForDeveloperIdentity. */
  readonly openIdTokenIssuer: string;
  /** Creates a pool in-process (no HTTP) and resolves its id, `<region>:<uuid>`. */
  createIdentityPool(options: CreateIdentityPoolOptions): Promise<string>;
  /** Mints a signed test-IdP token for a provider and subject. */
  issueProviderToken(options: IssueProviderTokenOptions): Promise<string>;
  /** The protocol requests answered so far, oldest first. */
  requests(): readonly RecordedRequest[];
  /** Forgets the recorded requests. */
  resetRequests(): void;
  /** Makes the next matching requests fail or wait; faults are used one per request, in order. */
  injectFault(fault: InjectedFault): void;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** The stored pools. */
  identityPools(): readonly IdentityPoolSummary[];
  /** The stored identities, of one pool or of all. */
  identities(identityPoolId?: string): readonly IdentitySummary[];
  /** The access key and secret that signed operations must be signed with. */
  readonly controlPlaneCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The region of pool and identity ids (and of the SigV4 credential scope). */
  readonly region: string;
  /** Removes every pool, identity, fault and recorded request (the signing key stays). */
  reset(): Promise<void>;
  /** Closes the server and every connection, keep-alive ones included. */
  stop(): Promise<void>;
}
