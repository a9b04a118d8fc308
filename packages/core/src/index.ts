export { brandClass, processSingleton } from './brand.js';
export {
  AmplifyException,
  ConfigurationException,
  PluginNotFoundException,
  DuplicatePluginException,
  HubException,
} from './errors/AmplifyException.js';
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
} from './errors/AuthException.js';
export type { NamedAuthException, NamedAuthExceptionClass } from './errors/AuthException.js';
export { HubChannel } from './hub/HubChannel.js';
export type {
  HubEvent,
  AuthHubEventDataMap,
  AuthHubEvent,
  SessionExpiredReason,
  HubChannelEventMap,
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
} from './categories/Plugin.js';
export type { LogLevel, LogEntry, LogSink, Logger } from './logger/Logger.js';
export type { KeyValueStorage } from './storage/KeyValueStorage.js';
export type * from './config/types.js';
