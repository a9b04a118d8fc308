// S3 uploads of a 50 MB buffer through Amplify.Storage (the S3 plugin's multipart upload) and through
// the AWS SDK's own multipart helper (@aws-sdk/lib-storage `Upload`), both signed by the Auth category's
// federated credentials (fromAmplifyAuth), both to the same loopback S3 endpoint that discards what it
// receives, in one process, interleaved (A, B, then B, A, ...). Also the memory each holds while
// uploading, above what it held before (the 50 MB source itself is allocated once, up front).
import { setInterval, clearInterval } from 'node:timers';
import { inChild } from '../lib/child.mjs';
import { startBackend, FACEBOOK } from '../lib/auth.mjs';
import { smoke } from '../lib/config.mjs';
import { median } from '../lib/stats.mjs';
import { row } from '../lib/row.mjs';
import { startS3Sink } from '../lib/s3Sink.mjs';

const SIZE = 50 * 1024 * 1024;
const PART = 5 * 1024 * 1024;
const BUCKET = 'bench-bucket';

/** Peak of heap + array buffers above the level before `work`, in bytes, sampled every 2 ms. */
async function peakDuring(work) {
  globalThis.gc?.();
  const level = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = level();
  let peak = base;
  const timer = setInterval(() => void (peak = Math.max(peak, level())), 2);
  const started = process.hrtime.bigint();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: SIZE / 2 ** 20 / seconds, peak: Math.max(peak, level()) - base };
}

export async function sample({ rounds }) {
  const { Amplify } = await import('@plugboard/core');
  const { AWSCognitoAuthPlugin, AuthProvider, fromAmplifyAuth } =
    await import('@plugboard/auth-cognito-plugin');
  const { AWSS3StoragePlugin } = await import('@plugboard/storage-s3-plugin');
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { Upload } = await import('@aws-sdk/lib-storage');
  const { emulator, poolId } = await startBackend();
  const sink = await startS3Sink();
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
      plugins: { awsS3StoragePlugin: { bucket: BUCKET, region: 'us-east-1', Endpoint: sink.endpoint } },
    },
  });
  const token = await emulator.issueProviderToken({ providerName: FACEBOOK, subject: 'bench-user' });
  await auth.federateToIdentityPool(token, AuthProvider.facebook());
  const data = new Uint8Array(SIZE).map((_, i) => i & 0xff);
  // The SDK helper gets the same client settings as the plugin's clients (no optional checksums).
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: sink.endpoint,
    forcePathStyle: true,
    credentials: fromAmplifyAuth(),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const contenders = {
    plugboard: () => Amplify.Storage.uploadData({ path: 'public/bench.bin', data }).result,
    sdk: () =>
      new Upload({
        client,
        params: { Bucket: BUCKET, Key: 'public/bench.bin', Body: data },
        queueSize: 4,
        partSize: PART,
      }).done(),
  };
  const results = { plugboard: [], sdk: [] };
  await contenders.plugboard();
  await contenders.sdk();
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? ['plugboard', 'sdk'] : ['sdk', 'plugboard'];
    for (const name of order) results[name].push(await peakDuring(contenders[name]));
  }
  await sink.stop();
  await emulator.stop();
  return results;
}

export async function measure() {
  const rounds = smoke ? 2 : 9;
  const { plugboard, sdk } = await inChild(
    import.meta.url,
    'sample',
    { rounds },
    { execArgv: ['--expose-gc'], timeoutMs: 600_000 },
  );
  const ratios = plugboard.map((p, i) => p.rate / sdk[i].rate);
  const mb = (bytes) => bytes / 2 ** 20;
  return [
    row({
      group: 's3Upload',
      name: 'S3 upload 50 MB, multipart',
      plugboard: median(plugboard.map((p) => p.rate)),
      peer: '@aws-sdk/lib-storage Upload',
      peerValue: median(sdk.map((p) => p.rate)),
      unit: 'MB/s',
      ratios,
      target: { kind: 'ratioAtLeast', value: 0.9 },
      note: `Amplify.Storage.uploadData vs the SDK's Upload, both 5 MiB parts, 4 in flight, signed by fromAmplifyAuth(), to a loopback endpoint that discards the bytes; ${rounds} interleaved rounds.`,
    }),
    row({
      group: 's3Upload',
      name: 'S3 upload 50 MB, peak memory above start',
      plugboard: median(plugboard.map((p) => mb(p.peak))),
      peer: '@aws-sdk/lib-storage Upload',
      peerValue: median(sdk.map((p) => mb(p.peak))),
      unit: 'MB',
      target: { kind: 'ratioAtMost', value: 1.25 },
      note: 'heap + array buffers sampled every 2 ms, median of the rounds; both hold 4 parts of 5 MiB in flight (20 MiB) plus HTTP buffers, so the target is parity with the SDK helper. The 50 MB source is allocated before, not counted.',
    }),
  ];
}
