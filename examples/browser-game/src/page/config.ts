/** What the dev server tells the page (GET /game-config.json): where the local services are. */
export interface GameConfig {
  readonly region: string;
  readonly identityPoolId: string;
  /** The Cognito Identity emulator (answers CORS for loopback pages). */
  readonly cognitoEndpoint: string;
  /** The emulator's test identity provider: `GET <url>?provider=...&sub=...` mints a token. */
  readonly testIdpTokenUrl: string;
  readonly providerName: string;
  /** DynamoDB behind the SigV4-verifying front. */
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** S3 behind the same front (path-style), and the bucket for player profiles. */
  readonly s3Endpoint: string;
  readonly profileBucket: string;
  /** The user pool (cognito-local behind the SRP front, passkeys on) and its pre-created player. */
  readonly userPool: {
    readonly poolId: string;
    readonly clientId: string;
    readonly endpoint: string;
    /** A local demo player, made up at each start of the server: shown on the page to sign in with. */
    readonly player: { readonly username: string; readonly password: string };
  };
  /**
   * Demo server only: where the page reports the access key it signs with, standing in for IAM (which
   * knows every key its token service issues) so the local front can check signatures. A real page
   * never sends its secret key anywhere.
   */
  readonly devKeyReportUrl?: string;
}

/** The config, with `?cognitoEndpoint=` from the page's URL taking precedence (to try a dead endpoint). */
export async function loadConfig(): Promise<GameConfig> {
  const response = await fetch('./game-config.json');
  const config = (await response.json()) as GameConfig;
  const override = new URLSearchParams(location.search).get('cognitoEndpoint');
  return override ? { ...config, cognitoEndpoint: override } : config;
}
