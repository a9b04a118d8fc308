// The plugin, the emulator behind a credentials tap, and signature-checking DynamoDB and S3 endpoints:
// everything a test needs to sign real AWS SDK requests with federated credentials.
import { CreateTableCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { AmplifyConfiguration } from '@plugboard/core';
import type { AWSCognitoAuthPlugin } from '../../src';
import { startCredentialsTap, type CredentialsTap } from './credentialsTap';
import { startHarness, type Harness, type HarnessOptions } from './harness';
import { startSignedDynamoDB, type SignedDynamoDB } from './signedDynamoDB';
import { startSignedS3, type SignedS3 } from './signedS3';

export const TABLE = 'GameScores';
export const PARTITION_KEY = 'identityId';
export const REGION = 'us-east-1';

export interface SdkWorld {
  readonly h: Harness;
  readonly plugin: AWSCognitoAuthPlugin;
  readonly tap: CredentialsTap;
  readonly dynamo: SignedDynamoDB;
  readonly s3: SignedS3;
  dynamoClient(credentials: DynamoDBClientConfig['credentials']): DynamoDBClient;
  s3Client(credentials: DynamoDBClientConfig['credentials']): S3Client;
  stop(): Promise<void>;
}

/** The harness configuration with the identity pool reached through `endpoint`. */
export function throughEndpoint(config: AmplifyConfiguration, endpoint: string): AmplifyConfiguration {
  const copy = structuredClone(config) as {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: { CredentialsProvider: { CognitoIdentity: { Default: { Endpoint: string } } } };
      };
    };
  };
  copy.auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default.Endpoint = endpoint;
  return copy as AmplifyConfiguration;
}

export async function startSdkWorld(options: HarnessOptions = {}): Promise<SdkWorld> {
  const h = await startHarness(options);
  const tap = await startCredentialsTap(h.emulator.endpoint);
  const plugin = await h.restart(undefined, throughEndpoint(h.config, tap.endpoint));
  const dynamo = await startSignedDynamoDB({ lookup: tap.lookup, ownPartitionKey: PARTITION_KEY });
  const s3 = await startSignedS3({ lookup: tap.lookup });
  const clients: { destroy(): void }[] = [];
  const admin = new DynamoDBClient({
    region: REGION,
    endpoint: dynamo.dynaliteEndpoint,
    credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
  });
  clients.push(admin);
  await admin.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: PARTITION_KEY, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return {
    h,
    plugin,
    tap,
    dynamo,
    s3,
    dynamoClient(credentials) {
      const client = new DynamoDBClient({
        region: REGION,
        endpoint: dynamo.endpoint,
        credentials,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    s3Client(credentials) {
      const client = new S3Client({
        region: REGION,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await s3.stop();
      await dynamo.stop();
      await tap.stop();
      await h.stop();
    },
  };
}
