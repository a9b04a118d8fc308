import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolSdkCall } from './sdkShapes.js';

/** A device as ListDevices describes it. */
export interface PoolDevice {
  readonly deviceKey: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly createDate?: Date;
  readonly lastAuthenticatedDate?: Date;
  readonly lastModifiedDate?: Date;
}

/** What ConfirmDevice sends besides the access token. */
export interface DeviceConfirmation {
  readonly deviceKey: string;
  readonly salt: string;
  readonly verifier: string;
  readonly deviceName?: string;
}

/** The user-pool device calls (device tracking), all authorized by the user's access token. */
export interface DeviceCalls {
  /** Registers the device's SRP verifier; true when the pool waits for the user to remember it. */
  confirmDevice(
    accessToken: string,
    device: DeviceConfirmation,
  ): Promise<{ userConfirmationNecessary: boolean }>;
  updateDeviceStatus(accessToken: string, deviceKey: string, remembered: boolean): Promise<void>;
  forgetDevice(accessToken: string, deviceKey: string): Promise<void>;
  /** Every device of the user (all pages). */
  listDevices(accessToken: string): Promise<readonly PoolDevice[]>;
}

/** At most this many ListDevices pages are read (60 devices each, the service's maximum). */
const MAX_PAGES = 20;

/**
 * {@link DeviceCalls} of the one user-pool wrapper: each goes through its call path (`call`: the same
 * lazily loaded SDK client with the bounded transport, the same error mapping).
 */
export class SdkDeviceCalls implements DeviceCalls {
  readonly #call: UserPoolSdkCall;

  constructor(call: UserPoolSdkCall) {
    this.#call = call;
  }

  confirmDevice(accessToken: string, device: DeviceConfirmation) {
    return this.#call('Confirming the device', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.ConfirmDeviceCommand({
          AccessToken: accessToken,
          DeviceKey: device.deviceKey,
          DeviceSecretVerifierConfig: { Salt: device.salt, PasswordVerifier: device.verifier },
          ...(device.deviceName ? { DeviceName: device.deviceName } : {}),
        }),
      );
      return { userConfirmationNecessary: out.UserConfirmationNecessary === true };
    });
  }

  updateDeviceStatus(accessToken: string, deviceKey: string, remembered: boolean) {
    return this.#call('Remembering the device', async ({ sdk, client }) => {
      await client.send(
        new sdk.UpdateDeviceStatusCommand({
          AccessToken: accessToken,
          DeviceKey: deviceKey,
          DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
        }),
      );
    });
  }

  forgetDevice(accessToken: string, deviceKey: string) {
    return this.#call('Forgetting the device', async ({ sdk, client }) => {
      await client.send(new sdk.ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }));
    });
  }

  listDevices(accessToken: string) {
    return this.#call('Listing the devices', async ({ sdk, client }) => {
      const devices: PoolDevice[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await client.send(
          new sdk.ListDevicesCommand({
            AccessToken: accessToken,
            Limit: 60,
            ...(token ? { PaginationToken: token } : {}),
          }),
        );
        devices.push(...(out.Devices ?? []).flatMap(poolDevice));
        token = out.PaginationToken;
        if (!token) break;
      }
      return devices;
    });
  }
}

function poolDevice(device: DeviceType): PoolDevice[] {
  if (!device.DeviceKey) return [];
  const date = (d: Date | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined);
  const dates = {
    createDate: date(device.DeviceCreateDate),
    lastAuthenticatedDate: date(device.DeviceLastAuthenticatedDate),
    lastModifiedDate: date(device.DeviceLastModifiedDate),
  };
  return [
    {
      deviceKey: device.DeviceKey,
      attributes: Object.fromEntries(
        (device.DeviceAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']),
      ),
      ...Object.fromEntries(Object.entries(dates).filter(([, d]) => d !== undefined)),
    },
  ];
}
