import { ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { ValidationException } from '../errors.js';
import { mapS3Error } from '../s3/mapS3Error.js';
import { resolveTarget, type StorageContext } from '../s3/StorageContext.js';
import type { ListInput, ListResult, StorageItem } from '../types.js';
import { checkInput } from './checkInput.js';

const MAX_PAGE = 1000;

function delimiterOf(strategy: unknown): string | undefined {
  if (strategy === undefined) return undefined;
  const s = strategy as { strategy?: unknown; delimiter?: unknown };
  if (
    typeof strategy !== 'object' ||
    strategy === null ||
    (s.strategy !== 'include' && s.strategy !== 'exclude')
  )
    throw new ValidationException(
      "subpathStrategy must be { strategy: 'include' } or { strategy: 'exclude', delimiter? }.",
      "Use { strategy: 'exclude' } to leave out sub-paths.",
    );
  if (s.strategy === 'include') return undefined;
  if (s.delimiter !== undefined && (typeof s.delimiter !== 'string' || s.delimiter === ''))
    throw new ValidationException(
      'subpathStrategy.delimiter must be a non-empty string.',
      "Leave it out for '/'.",
    );
  return (s.delimiter as string | undefined) ?? '/';
}

/** Objects under a path prefix, a page at a time (or all pages with `listAll`). */
export async function list(context: StorageContext, raw: ListInput): Promise<ListResult> {
  const input = checkInput<ListInput>(raw, 'list');
  const options = input.options ?? {};
  const { pageSize, nextToken, listAll } = options;
  if (
    pageSize !== undefined &&
    (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > MAX_PAGE)
  )
    throw new ValidationException(
      `list: pageSize must be an integer from 1 to ${MAX_PAGE}.`,
      'Leave it out for pages of 1000.',
    );
  if (nextToken !== undefined && (typeof nextToken !== 'string' || nextToken === ''))
    throw new ValidationException(
      'list: nextToken must be the non-empty string a previous list answered.',
      'Pass the nextToken of the previous page, or leave it out.',
    );
  if (listAll !== undefined && typeof listAll !== 'boolean')
    throw new ValidationException('list: listAll must be a boolean.', 'Use listAll: true to get every page.');
  if (listAll === true && (nextToken !== undefined || pageSize !== undefined))
    throw new ValidationException(
      'list: listAll cannot be combined with pageSize or nextToken.',
      'Use listAll alone, or page with pageSize and nextToken.',
    );
  const delimiter = delimiterOf(options.subpathStrategy);
  const { bucket, key: prefix, client } = await resolveTarget(context, input, 'list');
  const items: StorageItem[] = [];
  const excluded = new Set<string>();
  let token = nextToken as string | undefined;
  try {
    do {
      const page: ListObjectsV2CommandOutput = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket.bucket,
          Prefix: prefix,
          MaxKeys: (pageSize as number | undefined) ?? MAX_PAGE,
          ...(token ? { ContinuationToken: token } : {}),
          ...(delimiter ? { Delimiter: delimiter } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        items.push({
          path: object.Key,
          ...(object.Size !== undefined ? { size: object.Size } : {}),
          ...(object.ETag ? { eTag: object.ETag } : {}),
          ...(object.LastModified ? { lastModified: object.LastModified } : {}),
        });
      }
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) excluded.add(common.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (listAll === true && token !== undefined);
  } catch (error) {
    throw mapS3Error(error, 'list', prefix);
  }
  return {
    items,
    ...(delimiter ? { excludedSubpaths: [...excluded] } : {}),
    ...(token ? { nextToken: token } : {}),
  };
}
