/** Well-known Hub channels. Any other string is a custom channel. */
export enum HubChannel {
  AUTH = 'auth',
  STORAGE = 'storage',
  API = 'api',
  ANALYTICS = 'analytics',
  DATASTORE = 'datastore',
  HUB = 'hub',
  LOGGING = 'logging',
  INTERACTIONS = 'interactions',
  PUBSUB = 'pubsub',
  PREDICTIONS = 'predictions',
  NOTIFICATIONS = 'notifications',
}
