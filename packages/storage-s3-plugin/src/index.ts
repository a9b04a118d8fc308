/** `@plugboard/storage-s3-plugin`: the Storage category's S3 plugin (see the package README). */
export { AWSS3StoragePlugin } from './AWSS3StoragePlugin.js';
export type { AWSS3StoragePluginOptions } from './AWSS3StoragePlugin.js';
export {
  NotFoundException,
  AccessDeniedException,
  ValidationException,
  CanceledException,
  StorageServiceException,
} from './errors.js';
export { StorageChannelEventName } from './events.js';
export type { StorageHubEvent, StorageHubEventDataMap } from './events.js';
export type { AWSS3StoragePluginConfig, AmplifyOutputsStorage } from './config/StorageConfig.js';
export type { IdentityIdSource, S3ClientFactory } from './s3/StorageContext.js';
export type { ResolvedBucket } from './config/StorageConfig.js';
export type * from './types.js';
