/**
 * `@plugboard/core`: the public API (see the package README). Building blocks for Plugboard's own
 * packages live in `@plugboard/core/internals`, which is not public.
 */
export { Amplify } from './amplify/Amplify.js';
export { Hub } from './hub/Hub.js';
export { AmplifyClass } from './amplify/AmplifyClass.js';
export { Category } from './categories/Category.js';
export { AuthCategory } from './categories/AuthCategory.js';
export { StorageCategory } from './categories/StorageCategory.js';
export type { StorageCategoryMethod } from './categories/StorageCategory.js';
export { AmplifyException } from './errors/AmplifyException.js';
export { ConfigurationException } from './errors/ConfigurationException.js';
export { PluginNotFoundException } from './errors/PluginNotFoundException.js';
export { DuplicatePluginException } from './errors/DuplicatePluginException.js';
export { HubException } from './errors/HubException.js';
export { CategoryNotFoundException } from './errors/CategoryNotFoundException.js';
export { StorageException } from './errors/StorageException.js';
export type { AmplifyExceptionOptions, ServiceErrorMetadata } from './errors/AmplifyException.js';
export {
  AuthException,
  InvalidStateException,
  InvalidParameterException,
  NotAuthorizedException,
  SessionExpiredException,
  SignedOutException,
  TooManyRequestsException,
  NetworkException,
  ServiceException,
  UnknownException,
  UserCancelledException,
} from './errors/AuthException.js';
export type { NamedAuthException, NamedAuthExceptionClass } from './errors/AuthException.js';
export { HubChannel } from './hub/HubChannel.js';
export { AuthChannelEventName } from './hub/AuthChannelEventName.js';
export { HubCategory } from './hub/HubCategory.js';
export type {
  HubEvent,
  AuthHubEventDataMap,
  AuthHubEventSource,
  AuthHubEvent,
  SessionExpiredReason,
  HubChannelEventMap,
  HubChannelEventMapByName,
  HubEventFor,
  HubListener,
  HubFilter,
  SubscriptionToken,
  HubPublisher,
} from './hub/types.js';
export type * from './auth/types.js';
export type {
  CategoryType,
  PluginContext,
  Plugin,
  AuthPlugin,
  AuthPluginRegistry,
  AuthSessionOf,
  RegisteredAuthSession,
  StoragePlugin,
  StoragePluginRegistry,
  RegisteredStoragePlugin,
} from './categories/Plugin.js';
export type { LogLevel, LogEntry, LogSink, Logger } from './logger/Logger.js';
export { Logging } from './logger/Logging.js';
export { getLogger } from './logger/getLogger.js';
export type { KeyValueStorage } from './storage/KeyValueStorage.js';
export { isSharedKeyValueStorage } from './storage/SharedKeyValueStorage.js';
export type { SharedKeyValueStorage, ExclusiveLockOptions } from './storage/SharedKeyValueStorage.js';
export { InMemoryKeyValueStorage } from './storage/InMemoryKeyValueStorage.js';
export { FileKeyValueStorage } from './storage/FileKeyValueStorage.js';
export type { FileKeyValueStorageOptions } from './storage/FileKeyValueStorage.js';
export { WebKeyValueStorage } from './storage/WebKeyValueStorage.js';
export type { WebStorageLike, WebKeyValueStorageOptions } from './storage/WebKeyValueStorage.js';
export type { WebLockManagerLike, StorageEventSourceLike } from './storage/webSharing.js';
export type * from './config/types.js';
