/** Checks the options of `startCognitoIdentityEmulator` before anything starts, and settles the region. */
import { normaliseAllowedHosts } from './edgeGuard.js';
import { isLoopbackHost } from './loopback.js';
import { StateFileError, type PersistedState } from './persistence.js';
import { DEFAULT_MAX_RECORDED_REQUESTS } from './requestLog.js';
import type { StartCognitoIdentityEmulatorOptions } from './types.js';
import { EmulatorUsageError, requireOptionsObject } from './usageError.js';

const DEFAULT_REGION = 'us-east-1';

/** Whether `value` looks like an AWS region name (`us-east-1`, `eu-west-1`, `us-gov-west-1`). */
export function isRegionName(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value);
}

export interface CheckedStartOptions {
  readonly allowedHosts: readonly string[];
  readonly maxRecordedRequests: number;
}

function fail(message: string, suggestion: string): never {
  throw new EmulatorUsageError(message, suggestion);
}

export function checkStartOptions(options: StartCognitoIdentityEmulatorOptions): CheckedStartOptions {
  requireOptionsObject(options, 'startCognitoIdentityEmulator');
  if (options.region !== undefined && !isRegionName(options.region)) {
    fail(`Not a region name: ${String(options.region)}.`, "Pass a region such as 'us-east-1'.");
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || (!isLoopbackHost(host) && !options.allowRemote)) {
    fail(
      `Refusing to bind ${String(host)}: not a loopback address.`,
      "Bind '127.0.0.1' (the default), or set allowRemote: true to expose the emulator on purpose.",
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(
      `port must be an integer from 0 to 65535, got ${String(port)}.`,
      'Pass port: 0 to take any free port.',
    );
  }
  const lifetime = options.credentialsLifetimeSeconds ?? 3600;
  if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime <= 0) {
    fail(
      `credentialsLifetimeSeconds must be a positive number, got ${String(lifetime)}.`,
      'Pass the lifetime of issued credentials in seconds, e.g. 3600.',
    );
  }
  const credentials = options.controlPlaneCredentials;
  if (
    credentials !== undefined &&
    (typeof credentials?.accessKeyId !== 'string' ||
      !/^[A-Z0-9]{16,128}$/.test(credentials.accessKeyId) ||
      typeof credentials.secretAccessKey !== 'string' ||
      credentials.secretAccessKey.length < 16)
  ) {
    fail(
      'controlPlaneCredentials needs an accessKeyId (16-128 upper-case letters and digits) and a secretAccessKey of 16 characters or more.',
      'Leave it out to use DEFAULT_CONTROL_PLANE_CREDENTIALS, or pass the key your signed clients use.',
    );
  }
  const headerBytes = options.maxHeaderBytes ?? 16 * 1024;
  if (!Number.isInteger(headerBytes) || headerBytes < 1024) {
    fail(
      `maxHeaderBytes must be an integer of 1024 or more, got ${String(headerBytes)}.`,
      'Leave it out for 16 KiB.',
    );
  }
  const allowedHosts = normaliseAllowedHosts(options.allowedHosts);
  if (allowedHosts === undefined) {
    fail(
      'allowedHosts must be an array of host names (or "*").',
      "Pass the names clients use to reach the emulator, e.g. ['cognito-emulator'].",
    );
  }
  const maxRecordedRequests = options.maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS;
  if (!Number.isInteger(maxRecordedRequests) || maxRecordedRequests < 0) {
    fail(
      `maxRecordedRequests must be an integer of 0 or more, got ${String(maxRecordedRequests)}.`,
      `Leave it out to keep the last ${DEFAULT_MAX_RECORDED_REQUESTS} requests.`,
    );
  }
  if (options.onRequest !== undefined && typeof options.onRequest !== 'function') {
    fail('onRequest must be a function.', 'Pass (entry) => { ... } or leave it out.');
  }
  return { allowedHosts, maxRecordedRequests };
}

/** The region a state file's ids carry: stored since this version, else read from its first id. */
function stateRegion(state: PersistedState): string | undefined {
  if (isRegionName(state.region)) return state.region;
  const id = state.pools[0]?.identityPoolId ?? state.identities[0]?.identityId;
  const prefix = typeof id === 'string' ? id.split(':', 1)[0] : undefined;
  return isRegionName(prefix) ? prefix : undefined;
}

/**
 * The emulator's region: the one asked for, else the state file's, else us-east-1. Asking for another
 * region than the state file's is refused: its pool and identity ids name their region, and a client
 * configured with the new region would refuse them.
 */
export function regionFor(
  file: string | undefined,
  asked: string | undefined,
  state: PersistedState | undefined,
): string {
  const stored = state ? stateRegion(state) : undefined;
  if (asked !== undefined && stored !== undefined && asked !== stored) {
    throw new StateFileError(
      file ?? '(state)',
      `holds pools and identities of region ${stored}, not ${asked}`,
      `Start with region ${stored} (--region ${stored}) to keep using it, or pass another state file (or none) for ${asked}.`,
    );
  }
  return asked ?? stored ?? DEFAULT_REGION;
}
