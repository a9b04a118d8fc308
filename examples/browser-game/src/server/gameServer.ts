/**
 * Everything the browser game talks to, on loopback: the Cognito Identity emulator (with its test IdP),
 * a user pool (cognito-local behind the SRP front, passkeys on), dynalite behind a SigV4-verifying front,
 * and a static server for the bundled page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { buildPage } from './buildPage';
import { SCORES_TABLE, startDynamo } from './dynamo';
import { startSigV4Front, type SigV4Front } from './sigv4Front';
import { startStaticServer } from './staticServer';
import { startGameUserPool, type GameUserPool } from './userPool';

export const PROVIDER_NAME = 'graph.facebook.com';
export const PROFILE_BUCKET = 'game-profiles';

export interface GameServer {
  /** The page. */
  readonly url: string;
  readonly identityPoolId: string;
  readonly emulator: CognitoIdentityEmulator;
  readonly front: SigV4Front;
  /** The user pool whose player signs in with a password or a passkey. */
  readonly userPool: GameUserPool;
  /** Paths the static server answered, in order. */
  served(): readonly string[];
  stop(): Promise<void>;
}

export interface GameServerOptions {
  /**
   * Let the page report the key it signs with (`POST /dev/key`) so the front can verify its requests
   * without a test telling it the key. For `npm run demo:web` only.
   */
  readonly pageReportsKeys?: boolean;
  /** Port of the page (127.0.0.1); 0, the default, picks a free one. */
  readonly port?: number;
}

export async function startGameServer(options: GameServerOptions = {}): Promise<GameServer> {
  const outdir = mkdtempSync(join(tmpdir(), 'plugboard-browser-game-'));
  const stops: (() => Promise<void>)[] = [async () => rmSync(outdir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s();
  };
  try {
    await buildPage(outdir);
    const emulator = await startCognitoIdentityEmulator({ port: 0 });
    stops.push(() => emulator.stop());
    let identityPoolId = '';
    let userPool: GameUserPool | undefined = undefined; // started once the page has its origin
    const dynamo = await startDynamo();
    stops.push(() => dynamo.stop());
    const front = await startSigV4Front(dynamo.endpoint, [PROFILE_BUCKET]);
    stops.push(() => front.stop());
    const site = await startStaticServer(
      outdir,
      (origin) => ({
        region: 'us-east-1',
        identityPoolId,
        cognitoEndpoint: emulator.endpoint,
        testIdpTokenUrl: `${emulator.testIdpIssuer}/token`,
        providerName: PROVIDER_NAME,
        dynamoEndpoint: front.endpoint,
        tableName: SCORES_TABLE,
        s3Endpoint: front.endpoint,
        profileBucket: PROFILE_BUCKET,
        userPool: {
          poolId: userPool!.poolId,
          clientId: userPool!.clientId,
          endpoint: userPool!.front.endpoint,
          player: userPool!.player,
        },
        ...(options.pageReportsKeys ? { devKeyReportUrl: `${origin}/dev/key` } : {}),
      }),
      options.pageReportsKeys ? (key) => front.trust(key) : undefined,
      options.port ?? 0,
    );
    stops.push(() => site.stop());
    // The page's host and origin are the passkeys' relying party, so the pool starts after the page.
    const pool = await startGameUserPool(new URL(site.url).origin);
    userPool = pool;
    stops.push(() => pool.stop());
    identityPoolId = await emulator.createIdentityPool({
      identityPoolName: 'browser-game',
      supportedLoginProviders: { [PROVIDER_NAME]: 'browser-game-app' },
      openIdConnectProviders: [
        {
          providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`,
          issuer: pool.issuer,
          jwksUri: `${pool.issuer}/.well-known/jwks.json`,
          audiences: [pool.clientId],
        },
      ],
    });
    return {
      url: site.url,
      identityPoolId,
      emulator,
      front,
      userPool: pool,
      served: site.served,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
