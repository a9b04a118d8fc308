import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { ValidationException } from '../errors.js';
import { mapS3Error } from '../s3/mapS3Error.js';
import { bucketOf, resolveKey, type StorageContext } from '../s3/StorageContext.js';
import type { CopyInput, CopyResult } from '../types.js';
import { checkInput } from './checkInput.js';

type Side = { path?: unknown; key?: unknown; bucket?: unknown; accessLevel?: unknown; identityId?: unknown };

function sideOf(input: Record<string, unknown>, name: 'source' | 'destination'): Side {
  const side = input[name];
  if (typeof side !== 'object' || side === null || Array.isArray(side))
    throw new ValidationException(
      `copy needs ${name} as an object.`,
      `Call copy({ source: { path }, destination: { path } }).`,
    );
  return side as Side;
}

/** Copies an object within S3 (a single CopyObject: objects up to 5 GB). */
export async function copy(context: StorageContext, raw: CopyInput): Promise<CopyResult> {
  const input = checkInput<Record<string, unknown>>(raw, 'copy');
  const source = sideOf(input, 'source');
  const destination = sideOf(input, 'destination');
  const sourceBucket = bucketOf(context.config, source.bucket);
  const destinationBucket = bucketOf(context.config, destination.bucket);
  if (sourceBucket.region !== destinationBucket.region)
    throw new ValidationException(
      'copy between buckets of different regions is not supported.',
      'Copy within one region.',
    );
  const level = (side: Side) => ({
    accessLevel: side.accessLevel,
    ...(side.identityId !== undefined ? { targetIdentityId: side.identityId } : {}),
  });
  const sourceKey = await resolveKey(context, source, level(source), 'read', 'source');
  const key = await resolveKey(context, destination, level(destination), 'write', 'destination');
  const client = context.clientFor(destinationBucket, context.config.endpoint);
  try {
    await client.send(
      new CopyObjectCommand({
        Bucket: destinationBucket.bucket,
        Key: key,
        // The copy source is `bucket/key`, URL-encoded (slashes kept).
        CopySource: `${sourceBucket.bucket}/${encodeURIComponent(sourceKey).replace(/%2F/g, '/')}`,
      }),
    );
  } catch (error) {
    throw mapS3Error(error, 'copy', sourceKey);
  }
  context.publish({
    name: 'COPIED',
    data: { path: key, sourcePath: sourceKey, bucket: destinationBucket.bucket },
  });
  return { path: key };
}
