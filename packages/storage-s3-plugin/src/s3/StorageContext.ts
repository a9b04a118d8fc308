import { S3Client } from '@aws-sdk/client-s3';
import { Amplify, AmplifyException, type Logger } from '@plugboard/core';
import { fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import type { ResolvedBucket, ResolvedStorageConfig } from '../config/StorageConfig.js';
import { AccessDeniedException, ValidationException } from '../errors.js';
import {
  needsIdentity,
  resolveStorageKey,
  type AccessMode,
  type LocationInput,
  type LocationOptions,
} from '../paths/resolveStorageKey.js';
import type { StorageHubEvent } from '../events.js';

/** Answers the caller's identity id (undefined when it has none); injectable for unit tests. */
export type IdentityIdSource = () => Promise<string | undefined>;

/** Builds an S3 client for one bucket; the default signs with the Auth category's credentials. */
export type S3ClientFactory = (bucket: ResolvedBucket, endpoint: string | undefined) => S3Client;

/** The identity id of the Auth category's current session, if it has one. */
export const identityIdFromAmplifyAuth: IdentityIdSource = async () => {
  const session = (await Amplify.Auth.fetchAuthSession()) as {
    identityIdResult?: { type: string; value?: unknown };
  };
  const result = session.identityIdResult;
  return result?.type === 'SUCCESS' && typeof result.value === 'string' ? result.value : undefined;
};

/**
 * A new client per operation, credentials from `fromAmplifyAuth()`: the SDK caches what a provider
 * answers for the life of a client, so a client per operation is what makes a sign-out or a new
 * federation take effect on the next operation. Construction costs about half a millisecond.
 */
export const defaultS3ClientFactory: S3ClientFactory = (bucket, endpoint) =>
  new S3Client({
    region: bucket.region,
    credentials: fromAmplifyAuth(),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // Checksums only where S3 requires them: S3-compatible servers differ on the optional ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

/** What an operation needs: the configuration, the bucket, the key, a client, the Hub and a logger. */
export interface StorageContext {
  readonly config: ResolvedStorageConfig;
  readonly logger: Logger;
  publish(event: StorageHubEvent): void;
  readonly identityId: IdentityIdSource;
  readonly clientFor: S3ClientFactory;
}

export interface ResolvedTarget {
  readonly bucket: ResolvedBucket;
  readonly key: string;
  readonly client: S3Client;
}

/** The configured bucket named by `bucket` (friendly name or bucket name), or the default one. */
export function bucketOf(config: ResolvedStorageConfig, bucket: unknown): ResolvedBucket {
  if (bucket === undefined) return config.default;
  const found =
    typeof bucket === 'string'
      ? (config.buckets.get(bucket) ?? [...config.buckets.values()].find((b) => b.bucket === bucket))
      : undefined;
  if (!found)
    throw new ValidationException(
      `The bucket ${JSON.stringify(String(bucket))} is not configured.`,
      `Use one of: ${[...config.buckets.keys()].join(', ')} (storage.buckets in amplify_outputs.json), or leave options.bucket out.`,
    );
  return found;
}

/** Resolves the location to a key (fetching the identity id only when the location needs it). */
export async function resolveKey(
  context: StorageContext,
  input: LocationInput,
  options: LocationOptions | undefined,
  mode: AccessMode,
  what?: string,
): Promise<string> {
  const defaultAccessLevel = context.config.defaultAccessLevel;
  const identityId = needsIdentity(input, options, defaultAccessLevel)
    ? await identityOf(context)
    : undefined;
  return resolveStorageKey(input, options, { identityId, defaultAccessLevel, mode }, what);
}

/** The caller's identity id; the Auth category's failure (no auth plugin, not configured) as AccessDeniedException. */
async function identityOf(context: StorageContext): Promise<string | undefined> {
  try {
    return await context.identityId();
  } catch (error) {
    const cause = error instanceof AmplifyException ? error : undefined;
    throw new AccessDeniedException(
      `The caller's identity id is not available${cause ? `: ${cause.message}` : '.'}`,
      cause?.recoverySuggestion ??
        'Add and configure the auth plugin (AWSCognitoAuthPlugin) beside the storage plugin.',
      cause ? { cause } : {},
    );
  }
}

/** Bucket, key and a client for one operation. */
export async function resolveTarget(
  context: StorageContext,
  input: LocationInput & { readonly options?: LocationOptions & { readonly bucket?: unknown } },
  mode: AccessMode,
): Promise<ResolvedTarget> {
  const bucket = bucketOf(context.config, input.options?.bucket);
  const key = await resolveKey(context, input, input.options, mode);
  return { bucket, key, client: context.clientFor(bucket, context.config.endpoint) };
}
