import type { AuthHubEventDataMap } from './types.js';

/** The auth events core defines (plugins add their own); each value equals its name. */
export const AuthChannelEventName = {
  /** A user-pool sign-in completed and the session is stored. Data: `{ username, userId }`. */
  SIGNED_IN: 'SIGNED_IN',
  /** A sign-out completed. No data; `{ source: 'another-context' }` when another tab or process signed out. */
  SIGNED_OUT: 'SIGNED_OUT',
  /** The session can no longer be refreshed. Data: `{ reason, providerName? }`. */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The user was deleted. No data. */
  USER_DELETED: 'USER_DELETED',
} as const satisfies { [Name in keyof AuthHubEventDataMap]?: Name };

/** The name of one of core's auth events. */
export type AuthChannelEventName = (typeof AuthChannelEventName)[keyof typeof AuthChannelEventName];
