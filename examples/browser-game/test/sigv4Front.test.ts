import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SCORES_TABLE, startDynamo, type EmbeddedDynamo } from '../src/server/dynamo';
import { startSigV4Front, type SigV4Front } from '../src/server/sigv4Front';

const KEY = {
  accessKeyId: 'ASIAFRONTTEST0000001',
  secretAccessKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  sessionToken: 'session-token-for-the-front-test',
};

function client(front: SigV4Front, credentials: typeof KEY): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', endpoint: front.endpoint, credentials, maxAttempts: 1 });
}

describe('the SigV4-verifying DynamoDB front (real SDK client, real dynalite)', () => {
  let dynamo: EmbeddedDynamo;
  let front: SigV4Front;
  beforeEach(async () => {
    dynamo = await startDynamo();
    front = await startSigV4Front(dynamo.endpoint);
  });
  afterEach(async () => {
    await front.stop();
    await dynamo.stop();
  });

  it('forwards a request signed with a trusted key', async () => {
    front.trust(KEY);
    const sdk = client(front, KEY);
    await sdk.send(
      new PutItemCommand({ TableName: SCORES_TABLE, Item: { identityId: { S: 'p1' }, score: { N: '42' } } }),
    );
    const got = await sdk.send(
      new GetItemCommand({ TableName: SCORES_TABLE, Key: { identityId: { S: 'p1' } } }),
    );
    expect(got.Item?.score?.N).toBe('42');
    expect(front.records()).toEqual([
      { operation: 'PutItem', accessKeyId: KEY.accessKeyId, verified: true, status: 200 },
      { operation: 'GetItem', accessKeyId: KEY.accessKeyId, verified: true, status: 200 },
    ]);
    sdk.destroy();
  });

  it('refuses a wrong secret, a wrong session token and an unknown key, and forwards none of them', async () => {
    front.trust(KEY);
    const attempts: [typeof KEY, string][] = [
      [{ ...KEY, secretAccessKey: KEY.secretAccessKey.replace('a', 'b') }, 'InvalidSignatureException'],
      [{ ...KEY, sessionToken: 'another-session' }, 'InvalidSignatureException'],
      [{ ...KEY, accessKeyId: 'ASIAUNKNOWN000000000' }, 'UnrecognizedClientException'],
    ];
    for (const [credentials, errorName] of attempts) {
      const sdk = client(front, credentials);
      await expect(
        sdk.send(new PutItemCommand({ TableName: SCORES_TABLE, Item: { identityId: { S: 'p2' } } })),
      ).rejects.toMatchObject({ name: errorName, $metadata: { httpStatusCode: 403 } });
      sdk.destroy();
    }
    expect(front.records().map((r) => [r.verified, r.reason])).toEqual([
      [false, 'signature does not match'],
      [false, 'session token does not match the access key'],
      [false, 'unknown access key id'],
    ]);
    // Nothing reached dynalite: the item is absent when read with the good key.
    const sdk = client(front, KEY);
    const got = await sdk.send(
      new GetItemCommand({ TableName: SCORES_TABLE, Key: { identityId: { S: 'p2' } } }),
    );
    expect(got.Item).toBeUndefined();
    sdk.destroy();
  });
});
