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
  readonly transferredBytes: number;
  readonly totalBytes?: number;
}

export type TransferState = 'IN_PROGRESS' | 'PAUSED' | 'SUCCESS' | 'CANCELED' | 'ERROR';

/** What can be uploaded. */
export type StorageUploadDataPayload =
  Blob | ArrayBuffer | ArrayBufferView | string | ReadableStream<Uint8Array>;

export interface UploadDataOptions extends StorageCommonOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly onProgress?: (event: TransferProgressEvent) => void;
}

export type UploadDataInput = StorageLocation & {
  readonly data: StorageUploadDataPayload;
  readonly options?: UploadDataOptions;
};

export interface UploadDataResult {
  readonly path: string;
  readonly eTag?: string;
  readonly size?: number;
  readonly contentType?: string;
}

/** A running upload: its result, and pause / resume / cancel (pause and resume apply to multipart uploads). */
export interface UploadTask {
  readonly result: Promise<UploadDataResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
  readonly state: TransferState;
}

export interface DownloadDataOptions extends StorageCommonOptions {
  readonly onProgress?: (event: TransferProgressEvent) => void;
  /** Inclusive byte range. */
  readonly bytesRange?: { readonly start: number; readonly end: number };
}

export type DownloadDataInput = StorageLocation & { readonly options?: DownloadDataOptions };

/** A downloaded body, readable once in the form the app wants. */
export interface StorageDownloadBody {
  blob(): Promise<Blob>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface StorageItem {
  readonly path: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly lastModified?: Date;
}

export interface GetPropertiesResult extends StorageItem {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface DownloadDataResult extends GetPropertiesResult {
  readonly body: StorageDownloadBody;
}

export interface DownloadTask<R = DownloadDataResult> {
  readonly result: Promise<R>;
  cancel(): void;
  readonly state: TransferState;
}

export type UploadFileInput = StorageLocation & {
  readonly localFile: string;
  readonly options?: UploadDataOptions;
};

export type DownloadFileInput = StorageLocation & {
  readonly localFile: string;
  readonly options?: Omit<DownloadDataOptions, 'bytesRange'>;
};

export interface DownloadFileResult extends GetPropertiesResult {
  readonly localFile: string;
}

export interface GetUrlOptions extends StorageCommonOptions {
  /** Seconds the URL stays valid: 1 to 604800 (7 days, S3's limit). Default 900. */
  readonly expiresIn?: number;
  /** Check that the object exists (a HEAD request) before signing; `NotFoundException` otherwise. */
  readonly validateObjectExistence?: boolean;
}

export type GetUrlInput = StorageLocation & { readonly options?: GetUrlOptions };

export interface GetUrlResult {
  readonly url: URL;
  readonly expiresAt: Date;
}

export type GetPropertiesInput = StorageLocation & { readonly options?: StorageCommonOptions };

export type ListSubpathStrategy =
  { readonly strategy: 'include' } | { readonly strategy: 'exclude'; readonly delimiter?: string };

export interface ListOptions extends StorageCommonOptions {
  /** Items per page, 1 to 1000. Default 1000. */
  readonly pageSize?: number;
  readonly nextToken?: string;
  /** Follow every page and answer all items (no `nextToken`). */
  readonly listAll?: boolean;
  readonly subpathStrategy?: ListSubpathStrategy;
}

export type ListInput = StorageLocation & { readonly options?: ListOptions };

export interface ListResult {
  readonly items: StorageItem[];
  /** With `subpathStrategy: exclude`: the sub-paths (ending with the delimiter) left out. */
  readonly excludedSubpaths?: string[];
  readonly nextToken?: string;
}

export type RemoveInput = StorageLocation & { readonly options?: StorageCommonOptions };
export interface RemoveResult {
  readonly path: string;
}

export interface CopyInput {
  readonly source: StorageLocation & {
    readonly bucket?: string;
    readonly accessLevel?: StorageAccessLevel;
    readonly identityId?: string;
  };
  readonly destination: StorageLocation & {
    readonly bucket?: string;
    readonly accessLevel?: StorageAccessLevel;
  };
}
export interface CopyResult {
  readonly path: string;
}

/** The error callback of the callback form. */
export type StorageErrorCallback = (error: StorageException) => void;
