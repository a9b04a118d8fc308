import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
    front = await startSigV4Front(dynamo.endpoint, ['profiles']);
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
      {
        service: 'dynamodb',
        operation: 'PutItem',
        accessKeyId: KEY.accessKeyId,
        verified: true,
        status: 200,
      },
      {
        service: 'dynamodb',
        operation: 'GetItem',
        accessKeyId: KEY.accessKeyId,
        verified: true,
        status: 200,
      },
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

  it('verifies S3 requests too (path-style PutObject and GetObject with a real S3 client)', async () => {
    front.trust(KEY);
    const s3 = (credentials: typeof KEY) =>
      new S3Client({
        region: 'us-east-1',
        endpoint: front.endpoint,
        forcePathStyle: true,
        credentials,
        maxAttempts: 1,
      });
    const good = s3(KEY);
    const Key = 'players/us-east-1:1234/profile.json';
    await good.send(
      new PutObjectCommand({
        Bucket: 'profiles',
        Key,
        Body: '{"name":"Ada"}',
        ContentType: 'application/json',
      }),
    );
    const got = await good.send(new GetObjectCommand({ Bucket: 'profiles', Key }));
    expect(await got.Body?.transformToString()).toBe('{"name":"Ada"}');
    expect(got.ContentType).toBe('application/json');
    await expect(
      good.send(new GetObjectCommand({ Bucket: 'profiles', Key: 'absent' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    const bad = s3({ ...KEY, secretAccessKey: KEY.secretAccessKey.replace('a', 'b') });
    await expect(
      bad.send(new PutObjectCommand({ Bucket: 'profiles', Key, Body: 'overwritten' })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const after = await good.send(new GetObjectCommand({ Bucket: 'profiles', Key }));
    expect(await after.Body?.transformToString()).toBe('{"name":"Ada"}');
    expect(front.records().map((r) => [r.service, r.operation, r.verified, r.status])).toEqual([
      ['s3', 'PutObject', true, 200],
      ['s3', 'GetObject', true, 200],
      ['s3', 'GetObject', true, 404],
      ['s3', 'PutObject', false, 403],
      ['s3', 'GetObject', true, 200],
    ]);
    good.destroy();
    bad.destroy();
  });
});
