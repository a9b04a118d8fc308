/** Well-known Hub channels. Any other string is a custom channel. */
export enum HubChannel {
  /** Auth events (`SIGNED_IN`, `SIGNED_OUT`, ...); protected: only the auth plugin publishes here. */
  AUTH = 'auth',
  /** Storage category events; protected. */
  STORAGE = 'storage',
  /** API category events; protected. */
  API = 'api',
  /** Analytics category events; protected. */
  ANALYTICS = 'analytics',
  /** DataStore category events; protected. */
  DATASTORE = 'datastore',
  /** Events about the Hub itself; protected. */
  HUB = 'hub',
  /** Logging events; protected. */
  LOGGING = 'logging',
  /** Interactions category events; protected. */
  INTERACTIONS = 'interactions',
  /** PubSub category events; protected. */
  PUBSUB = 'pubsub',
  /** Predictions category events; protected. */
  PREDICTIONS = 'predictions',
  /** Notifications category events; protected. */
  NOTIFICATIONS = 'notifications',
}
