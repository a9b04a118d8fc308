import { randomBytes, randomUUID } from 'node:crypto';
import { EmulatorUsageError } from '../usageError.js';
import type { SrpVerifierRecord } from './srpVerifier.js';
import { FrontFailure, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * Device tracking ("remembered devices") as a user pool with a DeviceConfiguration plays it: sign-ins
 * that name no known device get NewDeviceMetadata (a device key `<region>_<uuid>` and the user's device
 * group key), ConfirmDevice stores the device's SRP salt and verifier, and the access-token calls
 * GetDevice, ListDevices, UpdateDeviceStatus and ForgetDevice work on the caller's own devices. Devices
 * are kept per user in memory, for as long as the front runs.
 */

/** The front's device configuration, with the names of the service's DeviceConfiguration. */
export interface DeviceTrackingOptions {
  /** A remembered device may sign in without the MFA code (device SRP instead). Default `false`. */
  readonly challengeRequiredOnNewDevice?: boolean;
  /** `true`: user opt-in (ConfirmDevice does not remember; UpdateDeviceStatus does). `false`: always. Default `false`. */
  readonly deviceOnlyRememberedOnUserPrompt?: boolean;
}

/** One confirmed device of a user. */
export interface TrackedDevice {
  readonly key: string;
  readonly groupKey: string;
  readonly salt: bigint;
  readonly verifier: bigint;
  readonly name?: string;
  remembered: boolean;
  readonly created: number;
  modified: number;
  lastAuthenticated?: number;
}

const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;
/** How many issued device keys and refresh-token bindings the front keeps at most. */
const KEPT = 10_000;
const notFound = (): FrontFailure => new FrontFailure('ResourceNotFoundException', 'Device does not exist.');
const seconds = (ms: number): number => Math.floor(ms / 1000);

export class DeviceTracker {
  readonly #options: Required<DeviceTrackingOptions>;
  readonly #upstream: Upstream;
  readonly #now: () => number;
  readonly #devices = new Map<string, Map<string, TrackedDevice>>(); // pool/user -> key -> device
  readonly #groupKeys = new Map<string, string>(); // pool/user -> device group key
  readonly #issued = new Map<string, string>(); // device key issued at sign-in -> pool/user
  readonly #refreshDevice = new Map<string, string>(); // refresh token -> device key it was issued with

  constructor(options: DeviceTrackingOptions, upstream: Upstream, now: () => number = Date.now) {
    this.#options = {
      challengeRequiredOnNewDevice: options.challengeRequiredOnNewDevice ?? false,
      deviceOnlyRememberedOnUserPrompt: options.deviceOnlyRememberedOnUserPrompt ?? false,
    };
    this.#upstream = upstream;
    this.#now = now;
  }

  /** The confirmed, not forgotten device `key` of the user, if any. */
  device(poolId: string, username: string, key: unknown): TrackedDevice | undefined {
    return typeof key === 'string' ? this.#devices.get(`${poolId}/${username}`)?.get(key) : undefined;
  }

  /** The user's devices, for tests: keys, names and remembered status only. */
  list(poolId: string, username: string): { key: string; name?: string; remembered: boolean }[] {
    const mine = this.#devices.get(`${poolId}/${username}`) ?? new Map<string, TrackedDevice>();
    return [...mine.values()].map(({ key, name, remembered }) => ({
      key,
      ...(name ? { name } : {}),
      remembered,
    }));
  }

  /** Whether a remembered device lets this sign-in skip the MFA code. */
  skipsMfa(device: TrackedDevice | undefined): boolean {
    return device !== undefined && device.remembered && this.#options.challengeRequiredOnNewDevice;
  }

  /** The SRP record of a device: its group key and key stand where the pool name and username stand. */
  record(device: TrackedDevice): SrpVerifierRecord {
    return { poolName: device.groupKey, userId: device.key, salt: device.salt, verifier: device.verifier };
  }

  /**
   * Tokens on their way to a client that signed in: a device verified by device SRP is noted as used;
   * otherwise a new device key and the user's group key go into NewDeviceMetadata. The refresh token
   * remembers the device key it came with.
   */
  signedIn(poolId: string, username: string, result: Json, verified: TrackedDevice | undefined): Json {
    let key = verified?.key;
    if (verified) verified.lastAuthenticated = this.#now();
    let out = result;
    if (!verified) {
      key = `${poolId.split('_')[0]}_${randomUUID()}`;
      const owner = `${poolId}/${username}`;
      let groupKey = this.#groupKeys.get(owner);
      if (!groupKey) {
        groupKey = `-${randomBytes(6).toString('base64url')}`;
        this.#groupKeys.set(owner, groupKey);
      }
      this.#issued.set(key, owner);
      if (this.#issued.size > KEPT) this.#pruneIssued();
      out = { ...result, NewDeviceMetadata: { DeviceKey: key, DeviceGroupKey: groupKey } };
    }
    if (typeof result.RefreshToken === 'string' && key) this.#refreshDevice.set(result.RefreshToken, key);
    if (this.#refreshDevice.size > KEPT) this.#refreshDevice.delete(this.#refreshDevice.keys().next().value!);
    return out;
  }

  /** Forgets the oldest issued keys nobody confirmed, so a long-running front stays small. */
  #pruneIssued(): void {
    for (const [key, owner] of this.#issued) {
      if (this.#issued.size <= KEPT / 2) return;
      if (!this.#devices.get(owner)?.has(key)) this.#issued.delete(key);
    }
  }

  /** A refresh: a token issued with a confirmed device needs that device's key. */
  checkRefresh(poolId: string, refreshToken: string, deviceKey: unknown): void {
    const key = this.#refreshDevice.get(refreshToken);
    if (key === undefined) return;
    const owner = this.#issued.get(key) ?? '';
    const confirmed = this.#devices.get(owner)?.has(key) ?? false;
    if (confirmed && owner.startsWith(`${poolId}/`) && deviceKey !== key) {
      throw new FrontFailure('NotAuthorizedException', 'Invalid Refresh Token');
    }
  }

  /** Carries a device binding over to a rotated refresh token. */
  rotated(previous: string, next: string): void {
    const key = this.#refreshDevice.get(previous);
    if (key !== undefined) this.#refreshDevice.set(next, key);
  }

  /** Answers the device calls (access-token authorized); `undefined` for other operations. */
  async answer(operation: string, body: Json): Promise<Json | undefined> {
    if (
      !['ConfirmDevice', 'GetDevice', 'ListDevices', 'UpdateDeviceStatus', 'ForgetDevice'].includes(operation)
    ) {
      return undefined;
    }
    if (body.AccessToken === undefined) {
      throw new FrontFailure('NotAuthorizedException', 'Missing Authentication Token');
    }
    const { poolId, username } = await this.#upstream.accessTokenUser(body.AccessToken);
    const owner = `${poolId}/${username}`;
    const mine = this.#devices.get(owner) ?? new Map<string, TrackedDevice>();
    const key = String(body.DeviceKey ?? '');
    if (operation === 'ListDevices') return this.#list(mine, body);
    if (operation === 'ConfirmDevice') return this.#confirm(owner, mine, key, body);
    const device = mine.get(key);
    if (!device) throw notFound();
    if (operation === 'GetDevice') return { Device: this.#describe(device) };
    if (operation === 'ForgetDevice') {
      mine.delete(key);
      for (const [token, bound] of this.#refreshDevice) if (bound === key) this.#refreshDevice.delete(token);
      return {};
    }
    const status = body.DeviceRememberedStatus;
    if (status !== undefined && status !== 'remembered' && status !== 'not_remembered') {
      throw new FrontFailure(
        'InvalidParameterException',
        `1 validation error detected: Value '${String(status)}' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]`,
      );
    }
    if (status !== undefined) device.remembered = status === 'remembered';
    device.modified = this.#now();
    return {};
  }

  #confirm(owner: string, mine: Map<string, TrackedDevice>, key: string, body: Json): Json {
    if (!DEVICE_KEY.test(key) || this.#issued.get(key) !== owner) throw notFound();
    const config = (body.DeviceSecretVerifierConfig ?? {}) as Json;
    const salt = fromBase64(config.Salt);
    const verifier = fromBase64(config.PasswordVerifier);
    if (salt === undefined || verifier === undefined) {
      throw new FrontFailure(
        'InvalidParameterException',
        'DeviceSecretVerifierConfig needs a base64 Salt and PasswordVerifier.',
      );
    }
    if (mine.has(key)) throw new FrontFailure('InvalidParameterException', 'Device already confirmed.');
    const remembered = !this.#options.deviceOnlyRememberedOnUserPrompt;
    const now = this.#now();
    mine.set(key, {
      key,
      groupKey: this.#groupKeys.get(owner)!,
      salt,
      verifier,
      ...(typeof body.DeviceName === 'string' ? { name: body.DeviceName } : {}),
      remembered,
      created: now,
      modified: now,
      lastAuthenticated: now,
    });
    this.#devices.set(owner, mine);
    return { UserConfirmationNecessary: !remembered };
  }

  #list(mine: Map<string, TrackedDevice>, body: Json): Json {
    const limit = body.Limit === undefined ? 60 : Number(body.Limit);
    if (limit < 0 || limit > 60) {
      throw new FrontFailure(
        'InvalidParameterException',
        `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
      );
    }
    const all = [...mine.values()];
    let start = 0;
    if (body.PaginationToken !== undefined) {
      const after = Buffer.from(String(body.PaginationToken), 'base64url').toString();
      start = all.findIndex((d) => d.key === after) + 1;
      if (start === 0) throw new FrontFailure('InvalidParameterException', 'Invalid pagination token.');
    }
    const page = all.slice(start, start + (limit || 60));
    const more = start + page.length < all.length && page.length > 0;
    return {
      Devices: page.map((d) => this.#describe(d)),
      ...(more ? { PaginationToken: Buffer.from(page.at(-1)!.key).toString('base64url') } : {}),
    };
  }

  #describe(d: TrackedDevice): Json {
    return {
      DeviceKey: d.key,
      DeviceAttributes: [
        { Name: 'device_status', Value: 'valid' },
        ...(d.name === undefined ? [] : [{ Name: 'device_name', Value: d.name }]),
        { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
      ],
      DeviceCreateDate: seconds(d.created),
      DeviceLastModifiedDate: seconds(d.modified),
      ...(d.lastAuthenticated === undefined
        ? {}
        : { DeviceLastAuthenticatedDate: seconds(d.lastAuthenticated) }),
    };
  }
}

function fromBase64(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const hex = Buffer.from(value, 'base64').toString('hex');
  return hex ? BigInt(`0x${hex}`) : undefined;
}

/** The tracker for the front's options, or `undefined` when device tracking is off. */
export function deviceTrackerFor(options: unknown, upstream: Upstream): DeviceTracker | undefined {
  if (options === undefined) return undefined;
  const fields = ['challengeRequiredOnNewDevice', 'deviceOnlyRememberedOnUserPrompt'];
  const bad =
    typeof options !== 'object' ||
    options === null ||
    Object.entries(options).some(
      ([k, v]) => !fields.includes(k) || (v !== undefined && typeof v !== 'boolean'),
    );
  if (bad) {
    throw new EmulatorUsageError(
      'deviceTracking must be an object with the booleans challengeRequiredOnNewDevice and deviceOnlyRememberedOnUserPrompt.',
      'Pass deviceTracking: { challengeRequiredOnNewDevice: true } for remembered devices that skip MFA, or leave it out.',
    );
  }
  return new DeviceTracker(options as DeviceTrackingOptions, upstream);
}
