import type { KeyValueStorage, Logger } from '@plugboard/core';
import { redacted } from '../model/redact.js';
import { SessionStorageException } from '../model/SessionStorageException.js';

const FORMAT_VERSION = 1;

/**
 * A device the user pool issued to a user and the plugin confirmed: its key, its group key and the
 * secret it proves with device SRP. All three are secrets: printing or serializing the record shows `***`.
 */
export interface DeviceRecord {
  readonly deviceKey: string;
  readonly groupKey: string;
  readonly secret: string;
}

/** A record whose `inspect`, `toString` and `JSON.stringify` mask every field. */
export function deviceRecord(deviceKey: string, groupKey: string, secret: string): DeviceRecord {
  return redacted({ deviceKey, groupKey, secret }, ['deviceKey', 'groupKey', 'secret'], 'DeviceRecord');
}

/**
 * Keeps each user's remembered device apart from the session (one key per user of the pool), so signing
 * out keeps it and the next sign-in of that user proves the device instead of answering MFA.
 */
export class DeviceStore {
  readonly #prefix: string;

  constructor(
    private readonly storage: KeyValueStorage,
    userPoolId: string,
    private readonly logger: Logger,
  ) {
    this.#prefix = `plugboard.auth.${userPoolId}.device.`;
  }

  /**
   * The user's device, or undefined (with a warning when the stored value is unreadable). `username`
   * may be a sign-in name recorded with {@link alias}: its pool username's device is returned.
   */
  async load(username: string): Promise<DeviceRecord | undefined> {
    const stored = await this.#read(username);
    if (stored === undefined || !('alias' in stored)) return stored;
    const record = await this.#read(stored.alias);
    return record && 'alias' in record ? undefined : record;
  }

  /** Records that `signInName` (an e-mail, a phone number) signs in as `username`, where they differ. */
  async alias(signInName: string, username: string): Promise<void> {
    if (signInName === username) return;
    const text = JSON.stringify({ v: FORMAT_VERSION, alias: username });
    if ((await this.#raw(signInName)) === text) return;
    await this.#write('store', () => this.storage.setItem(this.#prefix + signInName, text));
  }

  async #raw(name: string): Promise<unknown> {
    try {
      return await this.storage.getItem(this.#prefix + name);
    } catch (error) {
      this.logger.warn('Could not read the remembered device; signing in without it.', error);
      return undefined;
    }
  }

  async #read(name: string): Promise<DeviceRecord | { alias: string } | undefined> {
    const text = await this.#raw(name);
    if (text === null || text === undefined) return undefined;
    const record = typeof text === 'string' ? parse(text) : undefined;
    if (!record) this.logger.warn('The stored device record is unreadable; signing in without it.');
    return record;
  }

  async save(username: string, record: DeviceRecord): Promise<void> {
    const text = JSON.stringify({
      v: FORMAT_VERSION,
      deviceKey: record.deviceKey,
      groupKey: record.groupKey,
      secret: record.secret,
    });
    await this.#write('store', () => this.storage.setItem(this.#prefix + username, text));
  }

  /** Removes the user's device (through an alias: the device it names, then the alias). */
  async erase(username: string): Promise<void> {
    const stored = await this.#read(username);
    if (stored && 'alias' in stored && !('alias' in ((await this.#read(stored.alias)) ?? {}))) {
      await this.#write('remove', () => this.storage.removeItem(this.#prefix + stored.alias));
    }
    await this.#write('remove', () => this.storage.removeItem(this.#prefix + username));
  }

  async #write(verb: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      throw new SessionStorageException(
        `Could not ${verb} the device record: the storage refused the write.`,
        'Check the storage (free space, permissions), then repeat the call.',
        { cause: error },
      );
    }
  }

  /** Never shows the records' keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'DeviceStore {}';
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024;

function parse(text: string): DeviceRecord | { alias: string } | undefined {
  try {
    const raw = JSON.parse(text) as Record<string, unknown> | null;
    if (!raw || raw.v !== FORMAT_VERSION) return undefined;
    if (isText(raw.alias)) return { alias: raw.alias };
    if (!isText(raw.deviceKey) || !isText(raw.groupKey) || !isText(raw.secret)) return undefined;
    return deviceRecord(raw.deviceKey, raw.groupKey, raw.secret);
  } catch {
    return undefined;
  }
}
