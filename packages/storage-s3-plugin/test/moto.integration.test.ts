// The S3 plugin against moto (`python3 -m moto.server`), a maintained S3 emulator started here as a child
// process on loopback, with identities federated through the real identity emulator. moto implements
// S3's protocol (path-style requests, ListObjectsV2 pagination, presigned URLs, multipart with
// ListMultipartUploads and AbortMultipartUpload) but does not check signatures against the keys Cognito
// issued: the SigV4 proof stays with storage.integration.test.ts and multipart.integration.test.ts,
// whose S3 verifies every signature. Without moto this file skips loudly; with CI=true it fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Amplify } from '@plugboard/core';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { AWSS3StoragePlugin, CanceledException, NotFoundException } from '../src';
import { rememberSecret } from './support/secrets';

const BUCKET = 'plugboard-moto';
const MiB = 1024 * 1024;
const INSTALL_HINT = "python3 -m pip install 'moto[server]'";
const inCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** moto's version when `python3 -m moto.server` can run here, else undefined. */
function motoVersion(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import moto, moto.server; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

const version = motoVersion();
if (!version) {
  if (inCi())
    throw new Error(`CI=true and no moto to run the S3 emulator tests. Install it: ${INSTALL_HINT}`);
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! MOTO S3 TESTS SKIPPED: python3 cannot import moto.server.\n` +
      `!! Install it to run them:  ${INSTALL_HINT}\n!! With CI=true these tests fail instead of skipping.\n${line}\n\n`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${stderr}`);
    const answer = await fetch(`${endpoint}/moto-api/`).catch(() => undefined);
    if (answer?.ok) return { endpoint, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto did not answer on ${endpoint} within 20 s: ${stderr}`);
}

const bytes = (size: number): Uint8Array => {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (i * 31 + (i >> 12)) % 256;
  return data;
};

(version ? describe : describe.skip)(`AWSS3StoragePlugin against moto ${version ?? ''}`, () => {
  jest.setTimeout(60_000);
  let moto: { endpoint: string; child: ChildProcess };
  let emulator: CognitoIdentityEmulator;
  let admin: S3Client;
  const openUploads = async (): Promise<number> =>
    (await admin.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length ?? 0;

  beforeAll(async () => {
    moto = await startMoto();
    // moto accepts any key; this client only sets the scene and reads the server's state.
    admin = new S3Client({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' },
    });
    await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
    emulator = await startCognitoIdentityEmulator({ port: 0 });
    const poolId = await emulator.createIdentityPool({
      allowUnauthenticatedIdentities: false,
      supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
    });
    await Amplify.reset();
    const auth = new AWSCognitoAuthPlugin();
    Amplify.addPlugin(auth);
    Amplify.addPlugin(new AWSS3StoragePlugin());
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
              },
            },
          },
        },
      },
      storage: {
        plugins: { awsS3StoragePlugin: { bucket: BUCKET, region: 'us-east-1', Endpoint: moto.endpoint } },
      },
    });
    const token = await emulator.issueProviderToken({
      providerName: 'graph.facebook.com',
      subject: 'alice',
      expiresInSeconds: 3600,
    });
    rememberSecret(token);
    const federated = await auth.federateToIdentityPool(token, AuthProvider.facebook());
    rememberSecret(federated.credentials.secretAccessKey, federated.credentials.sessionToken);
  });

  afterAll(async () => {
    await Amplify.reset();
    admin?.destroy();
    await emulator?.stop();
    if (moto && moto.child.exitCode === null) {
      const exited = new Promise((r) => moto.child.once('exit', r));
      moto.child.kill('SIGTERM');
      await exited;
    }
  });

  it('uploads 1 KB to the private path of the federated identity and reads it back', async () => {
    const data = bytes(1024);
    const up = await Amplify.Storage.uploadData({ key: 'a.bin', data, options: { accessLevel: 'private' } })
      .result;
    expect(up.size).toBe(1024);
    expect(up.path).toMatch(/^private\/us-east-1:[0-9a-f-]+\/a\.bin$/);
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'private/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([up.path]);
    const down = await Amplify.Storage.downloadData({ path: up.path }).result;
    expect(new Uint8Array(await (await down.body.blob()).arrayBuffer())).toEqual(data);
  });

  it('lists with pagination', async () => {
    for (const name of ['1', '2', '3', '4', '5'])
      await Amplify.Storage.uploadData({ path: `public/list/${name}`, data: name }).result;
    const first = await Amplify.Storage.list({ path: 'public/list/', options: { pageSize: 2 } });
    expect(first.items.map((i) => i.path)).toEqual(['public/list/1', 'public/list/2']);
    expect(first.nextToken).toBeDefined();
    const second = await Amplify.Storage.list({
      path: 'public/list/',
      options: { pageSize: 2, nextToken: first.nextToken! },
    });
    expect(second.items.map((i) => i.path)).toEqual(['public/list/3', 'public/list/4']);
    const all = await Amplify.Storage.list({ path: 'public/list/', options: { listAll: true } });
    expect(all.items.map((i) => i.path)).toHaveLength(5);
    expect(all.nextToken).toBeUndefined();
  });

  it('presigns a URL that plain fetch reads', async () => {
    await Amplify.Storage.uploadData({
      path: 'public/hello.txt',
      data: 'hello',
      options: { contentType: 'text/plain' },
    }).result;
    const { url } = await Amplify.Storage.getUrl({ path: 'public/hello.txt', options: { expiresIn: 60 } });
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('hello');
  });

  it('uploads 12 MiB in parts, pausing with the upload open on the server, and resumes', async () => {
    const data = bytes(12 * MiB);
    let task!: ReturnType<typeof Amplify.Storage.uploadData>;
    let pausedOnce = false;
    const paused = new Promise<void>((resolve) => {
      task = Amplify.Storage.uploadData({
        path: 'public/big.bin',
        data,
        options: {
          onProgress: () => {
            if (!pausedOnce) {
              pausedOnce = true;
              task.pause();
              resolve();
            }
          },
        },
      });
    });
    await paused;
    expect(task.state).toBe('PAUSED');
    expect(await openUploads()).toBe(1);
    task.resume();
    const result = await task.result;
    expect(task.state).toBe('SUCCESS');
    expect(result.size).toBe(12 * MiB);
    expect(await openUploads()).toBe(0);
    const props = await Amplify.Storage.getProperties({ path: 'public/big.bin' });
    expect(props.eTag).toMatch(/-3"?$/);
    const down = await Amplify.Storage.downloadData({ path: 'public/big.bin' }).result;
    const stored = Buffer.from(await (await down.body.blob()).arrayBuffer());
    expect(Buffer.compare(stored, Buffer.from(data))).toBe(0);
  });

  it('cancels a multipart upload: CanceledException, and moto lists no open upload', async () => {
    const task: ReturnType<typeof Amplify.Storage.uploadData> = Amplify.Storage.uploadData({
      path: 'public/canceled.bin',
      data: bytes(12 * MiB),
      options: { onProgress: () => task.cancel() },
    });
    const error = await task.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanceledException);
    expect(task.state).toBe('CANCELED');
    // Parts in flight when the abort went out may still land; the upload itself must be gone.
    await new Promise((r) => setTimeout(r, 300));
    expect(await openUploads()).toBe(0);
    await expect(Amplify.Storage.getProperties({ path: 'public/canceled.bin' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('removes an object', async () => {
    await Amplify.Storage.uploadData({ path: 'public/gone.txt', data: 'bye' }).result;
    await Amplify.Storage.remove({ path: 'public/gone.txt' });
    await expect(Amplify.Storage.getProperties({ path: 'public/gone.txt' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'public/gone' }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });
});
