import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type { RemoveInput, RemoveResult } from '../types.js';
import { checkInput } from './checkInput.js';

/** Removes the object (S3 answers success for a key that is not there, and so does this). */
export async function remove(context: StorageContext, raw: RemoveInput): Promise<RemoveResult> {
  const input = checkInput<RemoveInput>(raw, 'remove');
  const { bucket, key, client } = await resolveTarget(context, input, 'write');
  try {
    await client.send(new DeleteObjectCommand({ Bucket: bucket.bucket, Key: key }));
  } catch (error) {
    throw mapS3Error(error, 'remove', key);
  }
  context.publish({ name: 'REMOVED', data: { path: key, bucket: bucket.bucket } });
  return { path: key };
}
