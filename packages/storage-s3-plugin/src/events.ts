import type { HubEvent } from '@plugboard/core';

/** Events the S3 plugin publishes on the `storage` Hub channel: name -> data. Data never holds a secret. */
export interface StorageHubEventDataMap {
  /** An upload finished; the object is stored. */
  UPLOAD_SUCCEEDED: { readonly path: string; readonly size?: number; readonly bucket: string };
  /** An upload failed (a multipart upload was aborted on the server). */
  UPLOAD_FAILED: { readonly path: string; readonly bucket: string; readonly errorName: string };
  /**
   * A multipart upload paused itself: a part could not reach S3 after the SDK's retries. The upload and
   * its stored parts stay open on the server; call `resume()` on the task when the network is back.
   */
  UPLOAD_PAUSED: { readonly path: string; readonly bucket: string; readonly reason: 'network' };
  /** An upload was canceled (a multipart upload was aborted on the server). */
  UPLOAD_CANCELED: { readonly path: string; readonly bucket: string };
  /** A download's body arrived. */
  DOWNLOAD_SUCCEEDED: { readonly path: string; readonly size?: number; readonly bucket: string };
  /** A download failed; `errorName` is the name of the error its `result` rejected with. */
  DOWNLOAD_FAILED: { readonly path: string; readonly bucket: string; readonly errorName: string };
  /** A download was canceled by the app. */
  DOWNLOAD_CANCELED: { readonly path: string; readonly bucket: string };
  /** An object was removed. */
  REMOVED: { readonly path: string; readonly bucket: string };
  /** An object was copied to `path`. */
  COPIED: { readonly path: string; readonly sourcePath: string; readonly bucket: string };
}

/** The union of events on the `storage` channel, one variant per name. */
export type StorageHubEvent = {
  [Name in keyof StorageHubEventDataMap]: HubEvent<Name, StorageHubEventDataMap[Name]> & {
    readonly data: StorageHubEventDataMap[Name];
  };
}[keyof StorageHubEventDataMap];

/** The event names, each equal to its value. */
export const StorageChannelEventName = {
  UPLOAD_SUCCEEDED: 'UPLOAD_SUCCEEDED',
  UPLOAD_FAILED: 'UPLOAD_FAILED',
  UPLOAD_PAUSED: 'UPLOAD_PAUSED',
  UPLOAD_CANCELED: 'UPLOAD_CANCELED',
  DOWNLOAD_SUCCEEDED: 'DOWNLOAD_SUCCEEDED',
  DOWNLOAD_FAILED: 'DOWNLOAD_FAILED',
  DOWNLOAD_CANCELED: 'DOWNLOAD_CANCELED',
  REMOVED: 'REMOVED',
  COPIED: 'COPIED',
} as const satisfies { [Name in keyof StorageHubEventDataMap]: Name };

declare module '@plugboard/core' {
  interface HubChannelEventMap {
    storage: StorageHubEvent;
  }
}
