import { InvalidParameterException } from '@plugboard/core';
import { describe } from '../../../model/validate.js';

/** `forgetDevice`'s argument: left out (the current device) or `{ id }` with a device key. */
export function validateDeviceArgument(device: unknown): string | undefined {
  if (device === undefined) return undefined;
  const id = typeof device === 'object' && device !== null ? (device as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.trim() === '' || id.length > 55) {
    throw new InvalidParameterException(
      `forgetDevice takes { id } with the device key (1 to 55 characters), got ${describe(device)}${
        typeof device === 'object' && device !== null ? ` whose id is ${describe(id)}` : ''
      }.`,
      'Pass one of the ids fetchDevices lists, or leave the argument out to forget the current device.',
    );
  }
  return id;
}
