// What the game server talks to, all in this process on 127.0.0.1: the Cognito Identity emulator (its
// test IdP mints the players' tokens), the federation demo's credentials tap and SigV4-verifying
// DynamoDB endpoint over dynalite (imported from the demo, not copied), and the scores table.
import type { AmplifyConfiguration } from '@plugboard/core';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';
import { startCredentialsTap } from '../../federation-demo/src/game/credentialsTap';
import {
  createScoresTable,
  PARTITION_KEY,
  REGION,
  SCORES_TABLE,
} from '../../federation-demo/src/game/gameBackend';
import { startSignedDynamoDB, type SignedDynamoDB } from '../../federation-demo/src/game/signedDynamoDB';

export { PARTITION_KEY, REGION, SCORES_TABLE };

/** How long the emulator's credentials live (the demo moves its clock past this to show a refresh). */
export const CREDENTIALS_LIFETIME_SECONDS = 3600;

export interface GameBackend {
  readonly config: AmplifyConfiguration;
  /** The SigV4-verifying DynamoDB endpoint the players' clients use. */
  readonly dynamoEndpoint: string;
  /** dynalite itself, for the operator (tests read the table through it). */
  readonly dynaliteEndpoint: string;
  /** Requests that passed (or failed) the signature check, in order. */
  readonly dynamo: Pick<SignedDynamoDB, 'accepted' | 'rejected'>;
  /** A Facebook-style token for `player` from the emulator's test identity provider. */
  token(player: string): Promise<string>;
  /** How many GetCredentialsForIdentity the emulator answered since it started (or `forgetRequests`). */
  credentialsCalls(): number;
  /** Identity ids of the credentials the emulator issued, one entry per issue, in order. */
  issuedTo(): readonly string[];
  /** Empties the request records (the emulator's log, the signature check's lists, the issue list). */
  forgetRequests(): void;
  stop(): Promise<void>;
}

/** Starts the backend on the given clock (the emulator and the signature check share it with the plugin). */
export async function startGameBackend(now: () => number): Promise<GameBackend> {
  const emulator = await startCognitoIdentityEmulator({
    port: 0,
    now,
    credentialsLifetimeSeconds: CREDENTIALS_LIFETIME_SECONDS,
  });
  const stops: (() => Promise<void>)[] = [() => emulator.stop()];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s();
  };
  const issuedTo: string[] = [];
  try {
    const poolId = await emulator.createIdentityPool({
      identityPoolName: 'server-game',
      supportedLoginProviders: { 'graph.facebook.com': 'server-game-facebook-app-id' },
      allowUnauthenticatedIdentities: false,
    });
    const tap = await startCredentialsTap(emulator.endpoint, (issued) => {
      if (issued.identityId) issuedTo.push(issued.identityId);
    });
    stops.push(() => tap.stop());
    const dynamo = await startSignedDynamoDB({ lookup: tap.lookup, now, ownPartitionKey: PARTITION_KEY });
    stops.push(() => dynamo.stop());
    await createScoresTable(dynamo.dynaliteEndpoint);
    return {
      config: {
        auth: {
          plugins: {
            awsCognitoAuthPlugin: {
              CredentialsProvider: {
                CognitoIdentity: { Default: { PoolId: poolId, Region: REGION, Endpoint: tap.endpoint } },
              },
            },
          },
        },
      },
      dynamoEndpoint: dynamo.endpoint,
      dynaliteEndpoint: dynamo.dynaliteEndpoint,
      dynamo,
      token: (player) =>
        emulator.issueProviderToken({
          providerName: 'graph.facebook.com',
          subject: player,
          expiresInSeconds: 86_400,
        }),
      credentialsCalls: () =>
        emulator.requests().filter((r) => r.operation === 'GetCredentialsForIdentity' && r.status === 200)
          .length,
      issuedTo: () => [...issuedTo],
      forgetRequests: () => {
        emulator.resetRequests();
        dynamo.accepted.length = 0;
        dynamo.rejected.length = 0;
        issuedTo.length = 0;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
