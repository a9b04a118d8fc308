/** The embedded DynamoDB: dynalite in memory on a loopback port, with the game's table. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const SCORES_TABLE = 'GameScores';

export interface EmbeddedDynamo {
  readonly endpoint: string;
  stop(): Promise<void>;
}

type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => Server;

/** Starts dynalite on 127.0.0.1 and creates the scores table (keyed by the Cognito identity id). */
export async function startDynamo(): Promise<EmbeddedDynamo> {
  // dynalite ships no type declarations; its factory returns a node:http Server.
  const dynalite = require('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The table is made directly on dynalite by the server, which plays the account owner here.
  const admin = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDLOCALADMIN', secretAccessKey: 'local-admin-not-a-secret' },
  });
  await admin.send(
    new CreateTableCommand({
      TableName: SCORES_TABLE,
      AttributeDefinitions: [{ AttributeName: 'identityId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'identityId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  admin.destroy();
  return {
    endpoint,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
