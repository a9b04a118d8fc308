import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ValidationException } from '../errors.js';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type { GetUrlInput, GetUrlResult } from '../types.js';
import { checkInput } from './checkInput.js';
import { getProperties } from './getProperties.js';

const DEFAULT_EXPIRES_IN = 900;
/** SigV4 presigned URLs live at most 7 days; never longer than the credentials that sign them. */
const MAX_EXPIRES_IN = 7 * 24 * 3600;

/** A presigned GET URL for the object, valid for `expiresIn` seconds (capped by the credentials' expiry). */
export async function getUrl(context: StorageContext, raw: GetUrlInput): Promise<GetUrlResult> {
  const input = checkInput<GetUrlInput>(raw, 'getUrl');
  const expiresIn = input.options?.expiresIn ?? DEFAULT_EXPIRES_IN;
  if (
    typeof expiresIn !== 'number' ||
    !Number.isInteger(expiresIn) ||
    expiresIn < 1 ||
    expiresIn > MAX_EXPIRES_IN
  )
    throw new ValidationException(
      `getUrl: expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN}.`,
      'Leave it out for 900 seconds (15 minutes).',
    );
  const validate = input.options?.validateObjectExistence;
  if (validate !== undefined && typeof validate !== 'boolean')
    throw new ValidationException(
      'getUrl: validateObjectExistence must be a boolean.',
      'Use true to check that the object exists first.',
    );
  const { bucket, key, client } = await resolveTarget(context, input, 'read');
  if (validate === true) await getProperties(context, input);
  try {
    const credentials = await client.config.credentials();
    const lifetime = credentials.expiration
      ? Math.min(expiresIn, Math.floor((credentials.expiration.getTime() - Date.now()) / 1000))
      : expiresIn;
    const signingDate = new Date(Date.now());
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket.bucket, Key: key }), {
      expiresIn: Math.max(1, lifetime),
      signingDate,
    });
    return {
      url: new URL(url),
      expiresAt: new Date(
        signingDate.getTime() - (signingDate.getTime() % 1000) + Math.max(1, lifetime) * 1000,
      ),
    };
  } catch (error) {
    throw mapS3Error(error, 'getUrl', key);
  }
}
