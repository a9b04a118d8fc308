import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AmplifyConfiguration } from '@plugboard/core';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';
import { startCredentialsTap } from './credentialsTap';
import { startSignedDynamoDB, type SignedDynamoDB } from './signedDynamoDB';

export const REGION = 'us-east-1';
export const SCORES_TABLE = 'GameScores';
/** The partition key: the player's Cognito identity id (the identity-pool fine-grained access pattern). */
export const PARTITION_KEY = 'identityId';
/** Short-lived credentials, so the demo can show them expire and refresh under the SDK. */
export const CREDENTIALS_LIFETIME_SECONDS = 15 * 60;

/** What the game runs against: its identity pool and its DynamoDB, both local, on the demo's clock. */
export interface GameBackend {
  readonly config: AmplifyConfiguration;
  readonly poolId: string;
  readonly dynamo: SignedDynamoDB;
  /** A Facebook-style token for `player` from the emulator's test identity provider. */
  token(player: string): Promise<string>;
  /** Names of the Cognito operations since `mark()`. */
  requestsSince(mark: number): string[];
  mark(): number;
  stop(): Promise<void>;
}

/** The game's operator creates the table directly on dynalite, as an administrator would on AWS. */
export async function createScoresTable(dynaliteEndpoint: string): Promise<void> {
  const admin = new DynamoDBClient({
    region: REGION,
    endpoint: dynaliteEndpoint,
    credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' },
  });
  try {
    await admin.send(
      new CreateTableCommand({
        TableName: SCORES_TABLE,
        KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: PARTITION_KEY, AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    admin.destroy();
  }
}

/**
 * A second Cognito Identity emulator (its credentials live 15 minutes; the walk-through's live an hour),
 * reached through a tap that tells the DynamoDB check which secret key belongs to each access key id it
 * issued, and dynalite behind that check with the game's table.
 */
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
  try {
    const poolId = await emulator.createIdentityPool({
      identityPoolName: 'federation-demo-game',
      supportedLoginProviders: { 'graph.facebook.com': 'demo-facebook-app-id' },
      allowUnauthenticatedIdentities: false,
    });
    const tap = await startCredentialsTap(emulator.endpoint);
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
      poolId,
      dynamo,
      token: (player) =>
        emulator.issueProviderToken({
          providerName: 'graph.facebook.com',
          subject: player,
          expiresInSeconds: 86_400,
        }),
      mark: () => emulator.requests().length,
      requestsSince: (mark) =>
        emulator
          .requests()
          .slice(mark)
          .map((r) => r.operation),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
