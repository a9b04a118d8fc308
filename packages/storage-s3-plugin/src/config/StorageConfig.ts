import type { StorageAccessLevel } from '../types.js';

/** The `awsS3StoragePlugin` section of amplifyconfiguration.json. */
export interface AWSS3StoragePluginConfig {
  readonly bucket: string;
  readonly region: string;
  readonly defaultAccessLevel?: StorageAccessLevel;
  /** An S3-compatible server (path-style addressing): `https://`, or `http://` on a loopback host. */
  readonly Endpoint?: string;
  /** Lets `Endpoint` be plain `http://` on a host that is not loopback (containers). */
  readonly allowInsecureEndpoint?: boolean;
}

/** The `storage` section of amplify_outputs.json. */
export interface AmplifyOutputsStorage {
  readonly bucket_name: string;
  readonly aws_region: string;
  readonly buckets?: readonly {
    readonly name: string;
    readonly bucket_name: string;
    readonly aws_region: string;
  }[];
  /** Plugboard extension, as `auth.identity_pool_endpoint`: an S3-compatible server. */
  readonly endpoint?: string;
  readonly allow_insecure_endpoint?: boolean;
}

/** One bucket the plugin may use. */
export interface ResolvedBucket {
  readonly bucket: string;
  readonly region: string;
}

/** The plugin's configuration, validated. */
export interface ResolvedStorageConfig {
  readonly default: ResolvedBucket;
  /** Named buckets (amplify_outputs.json `buckets`), by friendly name. */
  readonly buckets: ReadonlyMap<string, ResolvedBucket>;
  readonly defaultAccessLevel: StorageAccessLevel;
  readonly endpoint?: string;
}
