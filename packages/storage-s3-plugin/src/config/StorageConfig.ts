import type { StorageAccessLevel } from '../types.js';

/** The `awsS3StoragePlugin` section of amplifyconfiguration.json. */
export interface AWSS3StoragePluginConfig {
  /** The S3 bucket name (3-63 lower-case letters, digits, dots or hyphens). */
  readonly bucket: string;
  /** The bucket's AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /** The access level of a `key` when an operation gives none. Default `guest`. */
  readonly defaultAccessLevel?: StorageAccessLevel;
  /** An S3-compatible server (path-style addressing): `https://`, or `http://` on a loopback host. */
  readonly Endpoint?: string;
  /** Lets `Endpoint` be plain `http://` on a host that is not loopback (containers). */
  readonly allowInsecureEndpoint?: boolean;
}

/** The `storage` section of amplify_outputs.json. */
export interface AmplifyOutputsStorage {
  /** The default bucket's S3 name. */
  readonly bucket_name: string;
  /** The default bucket's AWS region. */
  readonly aws_region: string;
  /** More buckets, which an operation picks with `options.bucket` set to the friendly `name` or the S3 name. */
  readonly buckets?: readonly {
    readonly name: string;
    readonly bucket_name: string;
    readonly aws_region: string;
  }[];
  /** Plugboard extension, as `auth.identity_pool_endpoint`: an S3-compatible server. */
  readonly endpoint?: string;
  /** Lets `endpoint` be plain `http://` on a host that is not loopback (containers). */
  readonly allow_insecure_endpoint?: boolean;
}

/** One bucket the plugin may use. */
export interface ResolvedBucket {
  /** The S3 bucket name. */
  readonly bucket: string;
  /** Its AWS region. */
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
