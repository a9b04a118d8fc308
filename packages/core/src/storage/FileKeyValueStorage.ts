import { brandClass, processSingleton } from '../brand.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import type { Logger } from '../logger/Logger.js';
import { getLogger } from '../logger/getLogger.js';
import { readJsonObject, writeFileAtomically } from './fileOperations.js';
import type { KeyValueStorage } from './KeyValueStorage.js';

/** Per file path, the tail of its operation queue: shared by every instance and copy of core. */
const fileQueues = processSingleton('storage.fileQueues.v1', () => new Map<string, Promise<unknown>>());

export interface FileKeyValueStorageOptions {
  /** Receives the warning about a corrupt or unreadable file; defaults to the `FileKeyValueStorage` logger. */
  readonly logger?: Logger;
}

/**
 * Persists items as one JSON object in a file (Node only). Every write replaces the file atomically
 * (temporary file, then rename) with mode 0600, and operations on one path run one at a time, so
 * concurrent `setItem` calls never lose updates. A corrupt or unreadable file reads as empty and logs
 * a warning. Node modules load lazily, on first use; browser bundlers swap in a stub (the package's
 * `browser` field) whose operations reject with a `ConfigurationException`.
 */
export class FileKeyValueStorage implements KeyValueStorage {
  readonly filePath: string;
  private readonly logger: Logger;

  constructor(filePath: string, options: FileKeyValueStorageOptions = {}) {
    if (typeof filePath !== 'string' || filePath === '') {
      throw new ConfigurationException(
        'FileKeyValueStorage needs a file path.',
        "Pass the path of the file to keep items in, e.g. join(homedir(), '.myapp', 'session.json').",
      );
    }
    this.filePath = filePath;
    this.logger = options.logger ?? getLogger('FileKeyValueStorage');
  }

  getItem(key: string): Promise<string | null> {
    return this.enqueue(async () => {
      const value = (await this.read())[key];
      return typeof value === 'string' ? value : null;
    });
  }

  setItem(key: string, value: string): Promise<void> {
    return this.enqueue(async () => {
      const items = await this.read();
      items[key] = String(value);
      await writeFileAtomically(this.filePath, JSON.stringify(items));
    });
  }

  removeItem(key: string): Promise<void> {
    return this.enqueue(async () => {
      const items = await this.read();
      if (!Object.hasOwn(items, key)) return;
      delete items[key];
      await writeFileAtomically(this.filePath, JSON.stringify(items));
    });
  }

  private async read(): Promise<Record<string, unknown>> {
    const { items, problem } = await readJsonObject(this.filePath);
    if (problem !== undefined) {
      this.logger.warn(`Ignoring the contents of ${this.filePath}: ${problem} Starting empty.`);
    }
    return items;
  }

  /** Runs `operation` after every earlier operation on the same path has settled. */
  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const previous = fileQueues.get(this.filePath) ?? Promise.resolve();
    const result = previous.then(operation, operation);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    fileQueues.set(this.filePath, tail);
    void tail.then(() => {
      if (fileQueues.get(this.filePath) === tail) fileQueues.delete(this.filePath);
    });
    return result;
  }
}
brandClass(FileKeyValueStorage, 'FileKeyValueStorage');
