import type { S3Client } from '@aws-sdk/client-s3';
import { getLogger, type Logger, type PluginContext, type StoragePlugin } from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';
import { deliver } from './api/callbacks.js';
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
import type * as T from './types.js';
import { VERSION } from './version.js';

/** Options of {@link AWSS3StoragePlugin}; for tests and special set-ups (the defaults use the Auth category). */
export interface AWSS3StoragePluginOptions {
  /** Builds the S3 client of each operation. Default: the SDK's S3Client signed by `fromAmplifyAuth()`. */
  readonly clientFactory?: S3ClientFactory;
  /** Answers the caller's identity id. Default: the Auth category's session. */
  readonly identityId?: IdentityIdSource;
}

type Callbacks<R> = [onSuccess: (result: R) => void, onError: T.StorageErrorCallback];

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

  getPluginKey(): 'awsS3StoragePlugin' {
    return 'awsS3StoragePlugin';
  }

  getCategoryType(): 'storage' {
    return 'storage';
  }

  getVersion(): string {
    return VERSION;
  }

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

  async reset(): Promise<void> {
    this.#context = undefined;
  }

  /** An S3 client for the default bucket, signed by `fromAmplifyAuth()` (it caches credentials: see the README). */
  getEscapeHatch(): { s3Client: S3Client } {
    const context = this.#require();
    return { s3Client: context.clientFor(context.config.default, context.config.endpoint) };
  }

  uploadData(input: T.UploadDataInput): T.UploadTask;
  uploadData(input: T.UploadDataInput, ...callbacks: Callbacks<T.UploadDataResult>): T.UploadTask;
  uploadData(input: T.UploadDataInput, ...callbacks: unknown[]): T.UploadTask {
    return this.#task((c) => uploadData(c, input), callbacks, 'uploadData');
  }

  uploadFile(input: T.UploadFileInput): T.UploadTask;
  uploadFile(input: T.UploadFileInput, ...callbacks: Callbacks<T.UploadDataResult>): T.UploadTask;
  uploadFile(input: T.UploadFileInput, ...callbacks: unknown[]): T.UploadTask {
    return this.#task((c) => uploadFile(c, input), callbacks, 'uploadFile');
  }

  downloadData(input: T.DownloadDataInput): T.DownloadTask;
  downloadData(input: T.DownloadDataInput, ...callbacks: Callbacks<T.DownloadDataResult>): T.DownloadTask;
  downloadData(input: T.DownloadDataInput, ...callbacks: unknown[]): T.DownloadTask {
    return this.#task((c) => downloadData(c, input), callbacks, 'downloadData');
  }

  downloadFile(input: T.DownloadFileInput): T.DownloadTask<T.DownloadFileResult>;
  downloadFile(
    input: T.DownloadFileInput,
    ...callbacks: Callbacks<T.DownloadFileResult>
  ): T.DownloadTask<T.DownloadFileResult>;
  downloadFile(input: T.DownloadFileInput, ...callbacks: unknown[]): T.DownloadTask<T.DownloadFileResult> {
    return this.#task((c) => downloadFile(c, input), callbacks, 'downloadFile');
  }

  getUrl(input: T.GetUrlInput): Promise<T.GetUrlResult>;
  getUrl(input: T.GetUrlInput, ...callbacks: Callbacks<T.GetUrlResult>): void;
  getUrl(input: T.GetUrlInput, ...callbacks: unknown[]): Promise<T.GetUrlResult> | void {
    return this.#call((c) => getUrl(c, input), callbacks, 'getUrl');
  }

  getProperties(input: T.GetPropertiesInput): Promise<T.GetPropertiesResult>;
  getProperties(input: T.GetPropertiesInput, ...callbacks: Callbacks<T.GetPropertiesResult>): void;
  getProperties(input: T.GetPropertiesInput, ...callbacks: unknown[]): Promise<T.GetPropertiesResult> | void {
    return this.#call((c) => getProperties(c, input), callbacks, 'getProperties');
  }

  list(input: T.ListInput): Promise<T.ListResult>;
  list(input: T.ListInput, ...callbacks: Callbacks<T.ListResult>): void;
  list(input: T.ListInput, ...callbacks: unknown[]): Promise<T.ListResult> | void {
    return this.#call((c) => list(c, input), callbacks, 'list');
  }

  remove(input: T.RemoveInput): Promise<T.RemoveResult>;
  remove(input: T.RemoveInput, ...callbacks: Callbacks<T.RemoveResult>): void;
  remove(input: T.RemoveInput, ...callbacks: unknown[]): Promise<T.RemoveResult> | void {
    return this.#call((c) => remove(c, input), callbacks, 'remove');
  }

  copy(input: T.CopyInput): Promise<T.CopyResult>;
  copy(input: T.CopyInput, ...callbacks: Callbacks<T.CopyResult>): void;
  copy(input: T.CopyInput, ...callbacks: unknown[]): Promise<T.CopyResult> | void {
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
    deliver(run(), callbacks[0], callbacks[1], method, this.#logger);
  }

  #task<K extends { result: Promise<R> }, R>(
    start: (context: StorageContext) => K,
    callbacks: unknown[],
    method: string,
  ): K {
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
