import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type { GetPropertiesInput, GetPropertiesResult } from '../types.js';
import { checkInput } from './checkInput.js';

/** The object's size, type, ETag, date and metadata (a HEAD request). */
export async function getProperties(
  context: StorageContext,
  raw: GetPropertiesInput,
): Promise<GetPropertiesResult> {
  const input = checkInput<GetPropertiesInput>(raw, 'getProperties');
  const { bucket, key, client } = await resolveTarget(context, input, 'read');
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket.bucket, Key: key }));
    return {
      path: key,
      ...(head.ContentLength !== undefined ? { size: head.ContentLength } : {}),
      ...(head.ContentType ? { contentType: head.ContentType } : {}),
      ...(head.ETag ? { eTag: head.ETag } : {}),
      ...(head.LastModified ? { lastModified: head.LastModified } : {}),
      ...(head.Metadata ? { metadata: head.Metadata } : {}),
    };
  } catch (error) {
    throw mapS3Error(error, 'getProperties', key);
  }
}
