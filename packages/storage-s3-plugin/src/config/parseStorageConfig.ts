import { isAllowedEndpoint, isValidRegion } from '@plugboard/core/internals';
import { ValidationException } from '../errors.js';
import type { ResolvedBucket, ResolvedStorageConfig } from './StorageConfig.js';

const ACCESS_LEVELS = ['guest', 'protected', 'private'];
/** S3's bucket naming rules (3-63 characters, lower case, digits, dots, hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SECTION = 'storage.plugins.awsS3StoragePlugin';

function invalid(field: string, what: string, fix: string): ValidationException {
  return new ValidationException(`Invalid storage configuration at ${field}: ${what}.`, fix);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function bucketOf(name: unknown, region: unknown, at: { bucket: string; region: string }): ResolvedBucket {
  if (typeof name !== 'string' || !BUCKET.test(name))
    throw invalid(
      at.bucket,
      'not an S3 bucket name',
      'Give the bucket name: 3-63 lower-case letters, digits, dots or hyphens.',
    );
  if (!isValidRegion(region))
    throw invalid(at.region, 'not an AWS region', "Give the bucket's region, e.g. 'us-east-1'.");
  return { bucket: name, region };
}

function endpointOf(
  value: unknown,
  allowInsecure: unknown,
  field: string,
  optIn: string,
): string | undefined {
  if (allowInsecure !== undefined && typeof allowInsecure !== 'boolean')
    throw invalid(optIn, 'not a boolean', `Set ${optIn} to true or leave it out.`);
  if (value === undefined) return undefined;
  if (!isAllowedEndpoint(value, { allowInsecure: allowInsecure === true }))
    throw invalid(
      field,
      'not an https:// URL or an http:// URL on a loopback host',
      `Use https://, or http:// on 127.0.0.1/localhost; for another plain-http host set ${optIn}.`,
    );
  return value.replace(/\/+$/, '');
}

/**
 * Validates the plugin's section: amplifyconfiguration.json's `{ bucket, region, ... }` or, as core
 * hands it over from amplify_outputs.json, `{ bucket_name, aws_region, buckets?, ... }`. Errors name
 * the fields as written in the file.
 */
export function parseStorageConfig(section: unknown): ResolvedStorageConfig {
  if (section === undefined)
    throw new ValidationException(
      'The storage category has no configuration: no bucket is configured.',
      `Add ${SECTION} { bucket, region } to amplifyconfiguration.json, or storage { bucket_name, aws_region } to amplify_outputs.json.`,
    );
  if (!isRecord(section)) throw invalid(SECTION, 'not an object', 'Give an object with bucket and region.');
  if ('bucket_name' in section || 'aws_region' in section) return parseOutputs(section);
  const level = section.defaultAccessLevel;
  if (level !== undefined && !ACCESS_LEVELS.includes(level as string))
    throw invalid(
      `${SECTION}.defaultAccessLevel`,
      'not guest, protected or private',
      'Use guest, protected or private.',
    );
  const endpoint = endpointOf(
    section.Endpoint,
    section.allowInsecureEndpoint,
    `${SECTION}.Endpoint`,
    `${SECTION}.allowInsecureEndpoint`,
  );
  const first = bucketOf(section.bucket, section.region, {
    bucket: `${SECTION}.bucket`,
    region: `${SECTION}.region`,
  });
  return {
    default: first,
    buckets: new Map([[first.bucket, first]]),
    defaultAccessLevel: (level as ResolvedStorageConfig['defaultAccessLevel'] | undefined) ?? 'guest',
    ...(endpoint ? { endpoint } : {}),
  };
}

function parseOutputs(section: Record<string, unknown>): ResolvedStorageConfig {
  const first = bucketOf(section.bucket_name, section.aws_region, {
    bucket: 'storage.bucket_name',
    region: 'storage.aws_region',
  });
  const buckets = new Map<string, ResolvedBucket>([[first.bucket, first]]);
  if (section.buckets !== undefined) {
    if (!Array.isArray(section.buckets))
      throw invalid('storage.buckets', 'not an array', 'Give a list of buckets.');
    section.buckets.forEach((entry: unknown, i) => {
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '')
        throw invalid(`storage.buckets[${i}].name`, 'missing', 'Give each bucket a friendly name.');
      const at = { bucket: `storage.buckets[${i}].bucket_name`, region: `storage.buckets[${i}].aws_region` };
      buckets.set(entry.name, bucketOf(entry.bucket_name, entry.aws_region, at));
    });
  }
  const endpoint = endpointOf(
    section.endpoint,
    section.allow_insecure_endpoint,
    'storage.endpoint',
    'storage.allow_insecure_endpoint',
  );
  return { default: first, buckets, defaultAccessLevel: 'guest', ...(endpoint ? { endpoint } : {}) };
}
