/**
 * News of changes that OTHER processes make to a FileKeyValueStorage file. One watch per file path in
 * this process (shared by every instance and copy of core): it keeps the items as last seen, and on
 * each (debounced) event from the folder re-reads the file and reports the keys whose values differ.
 * Writes made in this process update the last-seen values of their own keys first, so this process
 * never hears its own writes, while another process's change to other keys is still reported.
 */
import { processSingleton } from '../brand.js';
import type { Logger } from '../logger/Logger.js';
import { readJsonObject, watchFileChanges } from './fileOperations.js';

/** How long the watch waits after an event (gathering the events that follow) before reading the file. */
const DEBOUNCE_MS = 25;

interface FileWatch {
  readonly listeners: Set<(key: string) => void>;
  /** The string items as last seen; undefined until the first read. */
  seen: Map<string, string> | undefined;
  /** Own writes made before the first read finished, applied to it. */
  readonly early: Map<string, string | null>;
  /** Reads happen one after another. */
  reading: Promise<void>;
  timer: ReturnType<typeof setTimeout> | undefined;
  stop: (() => void) | undefined;
  closed: boolean;
}

const watches = processSingleton('storage.fileWatches.v1', () => new Map<string, FileWatch>());

/** The file's string items, or undefined (with a warning) when the file is corrupt or unreadable. */
async function stringItems(filePath: string, logger: Logger): Promise<Map<string, string> | undefined> {
  const { items, problem } = await readJsonObject(filePath);
  if (problem !== undefined) {
    logger.warn(`Ignoring a change to ${filePath} that cannot be used: ${problem}`);
    return undefined;
  }
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(items)) if (typeof value === 'string') result.set(key, value);
  return result;
}

function compare(filePath: string, watch: FileWatch, logger: Logger): void {
  watch.reading = watch.reading
    .then(async () => {
      if (watch.closed) return;
      const now = await stringItems(filePath, logger);
      if (now === undefined) return; // keep the last good contents: a later good write is compared with them
      const before = watch.seen ?? now;
      watch.seen = now;
      const changed = new Set<string>();
      for (const [key, value] of now) if (before.get(key) !== value) changed.add(key);
      for (const key of before.keys()) if (!now.has(key)) changed.add(key);
      for (const key of changed) {
        for (const listener of [...watch.listeners]) {
          try {
            listener(key);
          } catch (error) {
            logger.warn(`A change listener of ${filePath} threw; the other listeners still run.`, error);
          }
        }
      }
    })
    .catch((error: unknown) =>
      logger.warn(`Could not compare ${filePath} with its last seen contents.`, error),
    );
}

/** Starts listening for changes by other processes to `filePath`; returns the function that stops. */
export function listenForFileChanges(
  filePath: string,
  listener: (key: string) => void,
  logger: Logger,
): () => void {
  let watch = watches.get(filePath);
  if (watch === undefined) {
    const created: FileWatch = {
      listeners: new Set(),
      seen: undefined,
      early: new Map(),
      reading: Promise.resolve(),
      timer: undefined,
      stop: undefined,
      closed: false,
    };
    watch = created;
    watches.set(filePath, created);
    created.reading = stringItems(filePath, logger)
      .then((read) => {
        const items = read ?? new Map<string, string>();
        for (const [key, value] of created.early) {
          if (value === null) items.delete(key);
          else items.set(key, value);
        }
        created.early.clear();
        created.seen = items;
      })
      .catch((error: unknown) => logger.warn(`Could not read ${filePath} to watch it.`, error));
    const onEvent = (): void => {
      // The read happens after every event that came before it: one timer at a time bounds the delay.
      if (created.timer !== undefined) return;
      created.timer = setTimeout(() => {
        created.timer = undefined;
        compare(filePath, created, logger);
      }, DEBOUNCE_MS);
      created.timer.unref?.();
    };
    watchFileChanges(filePath, onEvent, (message, error) => logger.warn(message, error)).then(
      (stop) => {
        if (created.closed) stop();
        else created.stop = stop;
      },
      (error) => logger.warn(`Cannot hear changes other processes make to ${filePath}.`, error),
    );
  }
  const active = watch;
  const own = (key: string): void => listener(key);
  active.listeners.add(own);
  return () => {
    if (!active.listeners.delete(own) || active.listeners.size > 0) return;
    active.closed = true;
    clearTimeout(active.timer);
    active.stop?.();
    if (watches.get(filePath) === active) watches.delete(filePath);
  };
}

/** Records a write this process made (`value` null: removed), so that the watch does not report it. */
export function noteOwnWrite(filePath: string, key: string, value: string | null): void {
  const watch = watches.get(filePath);
  if (watch === undefined) return;
  const seen = watch.seen;
  if (seen === undefined) watch.early.set(key, value);
  else if (value === null) seen.delete(key);
  else seen.set(key, value);
}
