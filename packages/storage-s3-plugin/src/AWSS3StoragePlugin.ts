import type { S3Client } from '@aws-sdk/client-s3';
import { getLogger, type Logger, type PluginContext, type StoragePlugin } from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';
import { deliver, requireCallbacks } from './api/callbacks.js';
import { parseStorageConfig } from './config/parseStorageConfig.js';
import { ValidationException } from './errors.js';
import type { StorageHubEvent } from './events.js';
import { copy } from './operations/copy.js';
import { downloadData } from './operations/downloadData.js';
import { getProperties } from './operations/getProperties.js';
import { getUrl } from './operations/getUrl.js';
import { list } from './operations/list.js';
import { remove } from './operations/remove.js';
import { downloadFile, uploadFile } from './operations/transferFiles.js';
import { TransferControl } from './operations/TransferControl.js';
import { taskOf, uploadData } from './operations/uploadData.js';
import {
  defaultS3ClientFactory,
  identityIdFromAmplifyAuth,
  type IdentityIdSource,
  type S3ClientFactory,
  type StorageContext,
} from './s3/StorageContext.js';
import type {
  CopyInput,
  CopyResult,
  DownloadDataInput,
  DownloadDataResult,
  DownloadFileInput,
  DownloadFileResult,
  DownloadTask,
  GetPropertiesInput,
  GetPropertiesResult,
  GetUrlInput,
  GetUrlResult,
  ListInput,
  ListResult,
  RemoveInput,
  RemoveResult,
  StorageErrorCallback,
  UploadDataInput,
  UploadDataResult,
  UploadFileInput,
  UploadTask,
} from './types.js';
import { VERSION } from './version.js';

/** Options of {@link AWSS3StoragePlugin}; for tests and special set-ups (the defaults use the Auth category). */
export interface AWSS3StoragePluginOptions {
  /** Builds the S3 client of each operation. Default: the SDK's S3Client signed by `fromAmplifyAuth()`. */
  readonly clientFactory?: S3ClientFactory;
  /** Answers the caller's identity id. Default: the Auth category's session. */
  readonly identityId?: IdentityIdSource;
}

/**
 * The Storage category's S3 plugin: `Amplify.addPlugin(new AWSS3StoragePlugin())`, then
 * `Amplify.Storage.uploadData(...)`. Every request is signed with the Auth category's credentials
 * (`fromAmplifyAuth()`), fetched for each operation, so a sign-in, a federation or a sign-out applies
 * to the next one. Each method has a promise form and Android's callback form.
 */
export class AWSS3StoragePlugin implements StoragePlugin {
  #context: StorageContext | undefined;
  #logger: Logger = getLogger('awsS3StoragePlugin');
  readonly #clientFor: S3ClientFactory;
  readonly #identityId: IdentityIdSource;

  constructor(options: AWSS3StoragePluginOptions = {}) {
    this.#clientFor = options.clientFactory ?? defaultS3ClientFactory;
    this.#identityId = options.identityId ?? identityIdFromAmplifyAuth;
  }

  /** The plugin's key, `awsS3StoragePlugin`: the name of its section under `storage.plugins`. */
  getPluginKey(): 'awsS3StoragePlugin' {
    return 'awsS3StoragePlugin';
  }

  /** The category the plugin serves: `storage`. */
  getCategoryType(): 'storage' {
    return 'storage';
  }

  /** The package version. */
  getVersion(): string {
    return VERSION;
  }

  /**
   * Called by `Amplify.configure` with the storage section (either file's form, see
   * `AWSS3StoragePluginConfig` and `AmplifyOutputsStorage`). Throws a `ValidationException`
   * naming the bad field, and keeps the previous configuration, when the section is missing or invalid.
   */
  configure(section: unknown, context: PluginContext): void {
    const config = parseStorageConfig(section);
    const logger = context.logger;
    this.#logger = logger;
    this.#context = {
      config,
      logger,
      identityId: this.#identityId,
      clientFor: this.#clientFor,
      publish: (event: StorageHubEvent) => {
        try {
          context.hub.publish('storage', event);
        } catch {
          logger.warn(`Could not publish ${event.name} on the storage channel.`);
        }
      },
    };
  }

  /** Forgets the configuration (called by `Amplify.reset`); operations then fail until the next `configure`. */
  async reset(): Promise<void> {
    this.#context = undefined;
  }

  /**
   * An S3 client for the default bucket, signed by `fromAmplifyAuth()` (it caches credentials: see the
   * README). Throws a `ValidationException` when the plugin is not configured.
   */
  getEscapeHatch(): { s3Client: S3Client } {
    const context = this.#require();
    return { s3Client: context.clientFor(context.config.default, context.config.endpoint) };
  }

  /**
   * Uploads bytes to S3: one `PutObject` up to 5 MiB, a multipart upload (pausable) above. Never throws:
   * bad input, a missing configuration or an S3 error reject the task's `result`.
   */
  uploadData(input: UploadDataInput): UploadTask;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  uploadData(
    input: UploadDataInput,
    onSuccess: (result: UploadDataResult) => void,
    onError: StorageErrorCallback,
  ): UploadTask;
  uploadData(input: UploadDataInput, ...callbacks: unknown[]): UploadTask {
    return this.#task((c) => uploadData(c, input), callbacks, 'uploadData');
  }

  /** Uploads a local file (Node only), read from disk a part at a time; otherwise as `uploadData`. */
  uploadFile(input: UploadFileInput): UploadTask;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  uploadFile(
    input: UploadFileInput,
    onSuccess: (result: UploadDataResult) => void,
    onError: StorageErrorCallback,
  ): UploadTask;
  uploadFile(input: UploadFileInput, ...callbacks: unknown[]): UploadTask {
    return this.#task((c) => uploadFile(c, input), callbacks, 'uploadFile');
  }

  /** Downloads an object into memory (one `GetObject`); errors reject the task's `result`. */
  downloadData(input: DownloadDataInput): DownloadTask;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  downloadData(
    input: DownloadDataInput,
    onSuccess: (result: DownloadDataResult) => void,
    onError: StorageErrorCallback,
  ): DownloadTask;
  downloadData(input: DownloadDataInput, ...callbacks: unknown[]): DownloadTask {
    return this.#task((c) => downloadData(c, input), callbacks, 'downloadData');
  }

  /**
   * Downloads an object into a local file (Node only), streamed through a temporary file renamed into
   * place at the end, so a failure never leaves half a file; errors reject the task's `result`.
   */
  downloadFile(input: DownloadFileInput): DownloadTask<DownloadFileResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  downloadFile(
    input: DownloadFileInput,
    onSuccess: (result: DownloadFileResult) => void,
    onError: StorageErrorCallback,
  ): DownloadTask<DownloadFileResult>;
  downloadFile(input: DownloadFileInput, ...callbacks: unknown[]): DownloadTask<DownloadFileResult> {
    return this.#task((c) => downloadFile(c, input), callbacks, 'downloadFile');
  }

  /**
   * A presigned GET URL for an object, valid `options.expiresIn` seconds (default 900, at most 604800) or
   * until the signing credentials expire. Signed locally: no S3 request unless `validateObjectExistence`.
   */
  getUrl(input: GetUrlInput): Promise<GetUrlResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  getUrl(input: GetUrlInput, onSuccess: (result: GetUrlResult) => void, onError: StorageErrorCallback): void;
  getUrl(input: GetUrlInput, ...callbacks: unknown[]): Promise<GetUrlResult> | void {
    return this.#call((c) => getUrl(c, input), callbacks, 'getUrl');
  }

  /** An object's size, content type, ETag, date and metadata (one `HeadObject`); `NotFoundException` when absent. */
  getProperties(input: GetPropertiesInput): Promise<GetPropertiesResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  getProperties(
    input: GetPropertiesInput,
    onSuccess: (result: GetPropertiesResult) => void,
    onError: StorageErrorCallback,
  ): void;
  getProperties(input: GetPropertiesInput, ...callbacks: unknown[]): Promise<GetPropertiesResult> | void {
    return this.#call((c) => getProperties(c, input), callbacks, 'getProperties');
  }

  /** The objects under a path prefix, a page at a time (`ListObjectsV2`), or every page with `listAll`. */
  list(input: ListInput): Promise<ListResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  list(input: ListInput, onSuccess: (result: ListResult) => void, onError: StorageErrorCallback): void;
  list(input: ListInput, ...callbacks: unknown[]): Promise<ListResult> | void {
    return this.#call((c) => list(c, input), callbacks, 'list');
  }

  /** Deletes an object (`DeleteObject`); succeeds also when there was none. */
  remove(input: RemoveInput): Promise<RemoveResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  remove(input: RemoveInput, onSuccess: (result: RemoveResult) => void, onError: StorageErrorCallback): void;
  remove(input: RemoveInput, ...callbacks: unknown[]): Promise<RemoveResult> | void {
    return this.#call((c) => remove(c, input), callbacks, 'remove');
  }

  /** Copies an object inside S3 (one `CopyObject`, up to 5 GB), within one region. */
  copy(input: CopyInput): Promise<CopyResult>;
  /** Callback form: the outcome goes to `onSuccess` or `onError` (a `ValidationException` is thrown at once unless both are functions). */
  copy(input: CopyInput, onSuccess: (result: CopyResult) => void, onError: StorageErrorCallback): void;
  copy(input: CopyInput, ...callbacks: unknown[]): Promise<CopyResult> | void {
    return this.#call((c) => copy(c, input), callbacks, 'copy');
  }

  #require(): StorageContext {
    if (this.#context === undefined)
      throw new ValidationException(
        'The S3 storage plugin is not configured.',
        'Add the plugin with Amplify.addPlugin and call Amplify.configure with a storage section first.',
      );
    return this.#context;
  }

  #call<R>(
    work: (context: StorageContext) => Promise<R>,
    callbacks: unknown[],
    method: string,
  ): Promise<R> | void {
    const run = async (): Promise<R> => work(this.#require());
    if (callbacks.length === 0) return run();
    requireCallbacks(callbacks[0], callbacks[1], method);
    deliver(run(), callbacks[0], callbacks[1], method, this.#logger);
  }

  #task<K extends { result: Promise<R> }, R>(
    start: (context: StorageContext) => K,
    callbacks: unknown[],
    method: string,
  ): K {
    if (callbacks.length > 0) requireCallbacks(callbacks[0], callbacks[1], method);
    let task: K;
    try {
      task = start(this.#require());
    } catch (error) {
      task = taskOf(new TransferControl(), Promise.reject(error)) as unknown as K;
    }
    if (callbacks.length > 0) deliver(task.result, callbacks[0], callbacks[1], method, this.#logger);
    return task;
  }
}
brandClass(AWSS3StoragePlugin, 'AWSS3StoragePlugin');

declare module '@plugboard/core' {
  interface StoragePluginRegistry {
    awsS3StoragePlugin: AWSS3StoragePlugin;
  }
}
