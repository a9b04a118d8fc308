import type { StorageException } from '@plugboard/core';

// The public input and output types of the S3 storage plugin (aws-amplify v6's vocabulary).

/** A path as a string (used as is) or built from the caller's identity id. */
export type StoragePath = string | ((parts: { readonly identityId?: string }) => string);

/** Amplify's legacy access levels: `guest` → `public/`, `protected` → `protected/{identityId}/`, `private` → `private/{identityId}/`. */
export type StorageAccessLevel = 'guest' | 'protected' | 'private';

/** Where an object is: v6's `path`, or a `key` under an access level (`options.accessLevel`). */
export type StorageLocation =
  { readonly path: StoragePath; readonly key?: never } | { readonly key: string; readonly path?: never };

/** Options every operation takes. */
export interface StorageCommonOptions {
  /** A bucket of `buckets` in amplify_outputs.json (by name), or the bucket name itself. Default: the configured bucket. */
  readonly bucket?: string;
  /** With `key`: the access level (default: the configured `defaultAccessLevel`, else `guest`). */
  readonly accessLevel?: StorageAccessLevel;
  /** With `key` and `protected`: read another identity's protected object. */
  readonly targetIdentityId?: string;
}

/** Transfer progress. */
export interface TransferProgressEvent {
  /** Bytes moved so far in this transfer. */
  readonly transferredBytes: number;
  /** The transfer's size in bytes, when known (not for an upload from a stream; for a download, S3's `Content-Length`). */
  readonly totalBytes?: number;
}

/**
 * Where a transfer stands: `IN_PROGRESS` until it ends in `SUCCESS`, `ERROR` or `CANCELED`; `PAUSED`
 * between `pause()` and `resume()` of a multipart upload.
 */
export type TransferState = 'IN_PROGRESS' | 'PAUSED' | 'SUCCESS' | 'CANCELED' | 'ERROR';

/** What can be uploaded. */
export type StorageUploadDataPayload =
  Blob | ArrayBuffer | ArrayBufferView | string | ReadableStream<Uint8Array>;

/** Options of `uploadData` and `uploadFile`. */
export interface UploadDataOptions extends StorageCommonOptions {
  /** The object's MIME type (a non-empty string). Default: a `Blob`'s own `type`, else none (S3 stores its default). */
  readonly contentType?: string;
  /** User metadata stored with the object, name to string value. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Called after each request that moved bytes (the whole body, or each part); a callback that throws is logged and ignored. */
  readonly onProgress?: (event: TransferProgressEvent) => void;
}

/**
 * Input of `uploadData`: where to store the object and its bytes. Up to 5 MiB goes in one `PutObject`;
 * more (or a stream longer than 5 MiB) in a multipart upload.
 */
export type UploadDataInput = StorageLocation & {
  /** The bytes to store; a string is stored as UTF-8. */
  readonly data: StorageUploadDataPayload;
  /** Content type, metadata, progress and the common options. */
  readonly options?: UploadDataOptions;
};

/** What a finished upload answers. */
export interface UploadDataResult {
  /** The object's full S3 key (with the access level's prefix when the input gave a `key`). */
  readonly path: string;
  /** The ETag S3 answered, as S3 wrote it (in double quotes). */
  readonly eTag?: string;
  /** Bytes uploaded. */
  readonly size?: number;
  /** The content type sent with the object, if any. */
  readonly contentType?: string;
}

/** A running upload: its result, and pause / resume / cancel (pause and resume apply to multipart uploads). */
export interface UploadTask {
  /**
   * Settles when the upload ends: the result, or a `StorageException` (`ValidationException` for bad
   * input, `AccessDeniedException`, `NotFoundException`, `CanceledException`, `StorageServiceException`).
   */
  readonly result: Promise<UploadDataResult>;
  /** Pauses a multipart upload (parts in flight are aborted and sent again on resume); does nothing otherwise. */
  pause(): void;
  /** Resumes a paused upload; does nothing unless it is `PAUSED`. */
  resume(): void;
  /** Cancels the upload: `result` rejects with `CanceledException` and a multipart upload is aborted on S3. Does nothing once it has ended. */
  cancel(): void;
  /** The upload's current state. */
  readonly state: TransferState;
}

/** Options of `downloadData`. */
export interface DownloadDataOptions extends StorageCommonOptions {
  /** Called for each chunk of the body as it arrives; a callback that throws is logged and ignored. */
  readonly onProgress?: (event: TransferProgressEvent) => void;
  /** Only these bytes: whole offsets, `0 <= start <= end`, both inclusive (an HTTP `Range`). */
  readonly bytesRange?: { readonly start: number; readonly end: number };
}

/** Input of `downloadData`: the object to read into memory. */
export type DownloadDataInput = StorageLocation & { readonly options?: DownloadDataOptions };

/** A downloaded body, held in memory; each method reads it in one form. */
export interface StorageDownloadBody {
  /** The bytes as a `Blob` typed with the object's content type. */
  blob(): Promise<Blob>;
  /** The bytes decoded as UTF-8. */
  text(): Promise<string>;
  /** The bytes decoded as UTF-8 and parsed as JSON; fails with a `SyntaxError` when they are not JSON. */
  json(): Promise<unknown>;
}

/** An object in the bucket, as `list` and the other operations describe it. */
export interface StorageItem {
  /** The object's full S3 key. */
  readonly path: string;
  /** Size in bytes. */
  readonly size?: number;
  /** The ETag S3 answered, as S3 wrote it (in double quotes). */
  readonly eTag?: string;
  /** When S3 last stored the object. */
  readonly lastModified?: Date;
}

/** What `getProperties` answers: the item plus its content type and user metadata. */
export interface GetPropertiesResult extends StorageItem {
  /** The object's MIME type, when S3 has one. */
  readonly contentType?: string;
  /** The user metadata stored with the object (S3 answers the names in lower case). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What a finished `downloadData` answers: the object's properties and its body. */
export interface DownloadDataResult extends GetPropertiesResult {
  /** The downloaded bytes. */
  readonly body: StorageDownloadBody;
}

/** A running download: its result and `cancel` (downloads do not pause). */
export interface DownloadTask<R = DownloadDataResult> {
  /**
   * Settles when the download ends: the result, or a `StorageException` (`ValidationException`,
   * `NotFoundException`, `AccessDeniedException`, `CanceledException`, `StorageServiceException`).
   */
  readonly result: Promise<R>;
  /** Cancels the download: `result` rejects with `CanceledException`. Does nothing once it has ended. */
  cancel(): void;
  /** The download's current state. */
  readonly state: TransferState;
}

/** Input of `uploadFile` (Node only): a local file to upload, read from disk a part at a time. */
export type UploadFileInput = StorageLocation & {
  /** Path of a regular file; `NotFoundException` when it cannot be read, `ValidationException` when it is not a file. */
  readonly localFile: string;
  /** As for `uploadData`. */
  readonly options?: UploadDataOptions;
};

/** Input of `downloadFile` (Node only): the object and the local file to write it to. */
export type DownloadFileInput = StorageLocation & {
  /** Path to write to; an existing file is replaced only when the whole object has arrived. */
  readonly localFile: string;
  /** As for `downloadData`, without a byte range. */
  readonly options?: Omit<DownloadDataOptions, 'bytesRange'>;
};

/** What a finished `downloadFile` answers: the object's properties and where it was written. */
export interface DownloadFileResult extends GetPropertiesResult {
  /** The path written, as given in the input. */
  readonly localFile: string;
}

/** Options of `getUrl`. */
export interface GetUrlOptions extends StorageCommonOptions {
  /** Seconds the URL stays valid: 1 to 604800 (7 days, S3's limit). Default 900. */
  readonly expiresIn?: number;
  /** Check that the object exists (a HEAD request) before signing; `NotFoundException` otherwise. */
  readonly validateObjectExistence?: boolean;
}

/** Input of `getUrl`: the object to sign a GET URL for. */
export type GetUrlInput = StorageLocation & { readonly options?: GetUrlOptions };

/** A presigned URL and when it stops working. */
export interface GetUrlResult {
  /** A GET URL signed with the caller's credentials; anyone holding it can read the object until `expiresAt`. */
  readonly url: URL;
  /** When the URL expires: `expiresIn` after signing, or earlier when the signing credentials expire first. */
  readonly expiresAt: Date;
}

/** Input of `getProperties`: the object to describe (one HEAD request). */
export type GetPropertiesInput = StorageLocation & { readonly options?: StorageCommonOptions };

/** Whether `list` answers objects in sub-paths (`include`, the default) or groups them by `delimiter` (default `/`) and leaves them out. */
export type ListSubpathStrategy =
  { readonly strategy: 'include' } | { readonly strategy: 'exclude'; readonly delimiter?: string };

/** Options of `list`. */
export interface ListOptions extends StorageCommonOptions {
  /** Items per page, 1 to 1000. Default 1000. */
  readonly pageSize?: number;
  /** The `nextToken` of the previous page, to get the next one. */
  readonly nextToken?: string;
  /** Follow every page and answer all items (no `nextToken`). */
  readonly listAll?: boolean;
  /** Sub-paths included (default) or left out; see {@link ListSubpathStrategy}. */
  readonly subpathStrategy?: ListSubpathStrategy;
}

/** Input of `list`: the path prefix to list under. */
export type ListInput = StorageLocation & { readonly options?: ListOptions };

/** One page of `list` (or all of them with `listAll`). */
export interface ListResult {
  /** The objects whose keys start with the prefix, in S3's (lexicographic) order. */
  readonly items: StorageItem[];
  /** With `subpathStrategy: exclude`: the sub-paths (ending with the delimiter) left out. */
  readonly excludedSubpaths?: string[];
  /** Present when more pages follow: pass it as `options.nextToken`. */
  readonly nextToken?: string;
}

/** Input of `remove`: the object to delete. */
export type RemoveInput = StorageLocation & { readonly options?: StorageCommonOptions };
/** What `remove` answers (also when the object did not exist: S3 answers success). */
export interface RemoveResult {
  /** The full S3 key removed. */
  readonly path: string;
}

/** Input of `copy`: source and destination, in one region (one `CopyObject`: objects up to 5 GB). */
export interface CopyInput {
  /** The object to copy; with `key`, `accessLevel` and (for `protected`) another identity's `identityId`. */
  readonly source: StorageLocation & {
    readonly bucket?: string;
    readonly accessLevel?: StorageAccessLevel;
    readonly identityId?: string;
  };
  /** Where to write the copy; an existing object there is replaced. */
  readonly destination: StorageLocation & {
    readonly bucket?: string;
    readonly accessLevel?: StorageAccessLevel;
  };
}
/** What `copy` answers. */
export interface CopyResult {
  /** The destination's full S3 key. */
  readonly path: string;
}

/** The error callback of the callback form. */
export type StorageErrorCallback = (error: StorageException) => void;
