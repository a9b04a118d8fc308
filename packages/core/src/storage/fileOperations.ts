/** Node file helpers for FileKeyValueStorage. `node:*` modules and the lock library load lazily, on first use. */
import { errorCode } from './storageErrors.js';

export interface ReadResult {
  /** The stored object; empty when the file is missing, corrupt or unreadable. */
  readonly items: Record<string, unknown>;
  /** Why the contents were ignored (no contents are quoted); undefined when all is well. */
  readonly problem?: string;
}

/** How long a lock may go without a heartbeat before another process takes it over (a crashed holder). */
export const LOCK_STALE_MS = 10_000;

/** How long a write waits for a lock that another process holds before it fails with ELOCKED. */
export const LOCK_WAIT_MS = 24_000;

/** Reads `filePath` as a JSON object. A missing file is simply empty. */
export async function readJsonObject(filePath: string): Promise<ReadResult> {
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { items: {} };
    return { items: {}, problem: `the file cannot be read (${errorCode(error) ?? 'unknown error'}).` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { items: {}, problem: 'the file is not valid JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { items: {}, problem: 'the file does not hold a JSON object.' };
  }
  return { items: parsed as Record<string, unknown> };
}

/**
 * Runs `action` holding the cross-process lock of `filePath` (a `<file>.lock` folder, kept fresh while
 * held; a holder that crashed loses it after 10 s). Every process that writes the file through
 * FileKeyValueStorage takes it around its read-modify-write, so no process overwrites another's
 * change with an older copy. `onCompromised` hears of a lock taken over while still held.
 */
export async function withFileLock<T>(
  filePath: string,
  action: () => Promise<T>,
  onCompromised: (error: Error) => void,
): Promise<T> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  // Past the wait, the busy lock's own ELOCKED error is what the caller sees.
  return underLock(filePath, Date.now() + LOCK_WAIT_MS, action, onCompromised, (busy) => busy);
}

/**
 * Removes temporary files of `filePath` left behind by a process that died mid-write. Call it holding
 * the lock: then no temporary file of this path belongs to a live write.
 */
export async function removeLeftoverTemporaries(filePath: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const folder = path.dirname(filePath);
  const prefix = `${path.basename(filePath)}.`;
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  const leftovers = names.filter(
    (name) => name.startsWith(prefix) && /^\.[\w-]+\.tmp$/.test(name.slice(prefix.length - 1)),
  );
  await Promise.all(
    leftovers.map((name) => fs.rm(path.join(folder, name), { force: true }).catch(() => undefined)),
  );
}

/**
 * Replaces `filePath` with `contents` atomically: writes a temporary file with mode 0600 next to it,
 * flushes it, then renames it over the target. Readers see the old or the new file, never a mix; a
 * failed write removes its temporary file and leaves the target as it was.
 */
export async function writeFileAtomically(filePath: string, contents: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const suffix = `${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const temporary = `${filePath}.${suffix}.tmp`;
  try {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temporary, 0o600);
    await fs.rename(temporary, filePath);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Thrown by {@link withNamedFileLock} when the wait ran out. */
export class LockWaitExpired extends Error {}

/**
 * Runs `action` holding the cross-process lock `name` of `filePath` (a `<file>.x-<name>-<hash>.lock` folder,
 * separate from the lock each write takes, so `action` may read and write the file). Waits until
 * `deadline` (a `Date.now()` value), then throws {@link LockWaitExpired}. A holder that was killed
 * loses the lock once its folder has gone `LOCK_STALE_MS` without a heartbeat.
 */
export async function withNamedFileLock<T>(
  filePath: string,
  name: string,
  deadline: number,
  action: () => Promise<T>,
  onCompromised: (error: Error) => void,
): Promise<T> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { createHash } = await import('node:crypto');
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  // A readable part of the name plus a hash of all of it: any name becomes a safe, distinct file name.
  const tag = `${name.replace(/[^\w-]/g, '_').slice(0, 40)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  return underLock(`${filePath}.x-${tag}`, deadline, action, onCompromised, () => new LockWaitExpired());
}

/**
 * Runs `action` holding the proper-lockfile lock of `target`. Only a busy lock (ELOCKED) is worth waiting
 * for, until `deadline` (a `Date.now()` value), then `expired(busyError)` is thrown; any other error (a name
 * too long, no permission, a file in the way) is permanent and thrown at once.
 */
async function underLock<T>(
  target: string,
  deadline: number,
  action: () => Promise<T>,
  onCompromised: (error: Error) => void,
  expired: (busy: unknown) => unknown,
): Promise<T> {
  // A CommonJS module: its exports are the namespace's default in both builds.
  const lockfile = (await import('proper-lockfile')).default;
  let delay = 5;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale: LOCK_STALE_MS,
        retries: 0,
        onCompromised,
      });
      break;
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw expired(error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
      delay = Math.min(delay * 1.5, 100);
    }
  }
  try {
    return await action();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Calls `onEvent` (with no details) whenever the file at `filePath` may have changed: it watches the
 * folder, since every write replaces the file by a rename. Where the platform cannot watch a folder,
 * falls back to polling the file once a second. Neither keeps the process alive. Returns the stop
 * function.
 */
export async function watchFileChanges(
  filePath: string,
  onEvent: () => void,
  onProblem: (message: string, error: unknown) => void,
): Promise<() => void> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const folder = path.dirname(filePath);
  const base = path.basename(filePath);
  await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    const watcher = fs.watch(folder, { persistent: false }, (_event, name) => {
      if (name === null || String(name) === base) onEvent();
    });
    watcher.on('error', (error) =>
      onProblem(`Stopped watching ${folder} for changes by other processes.`, error),
    );
    return () => watcher.close();
  } catch (error) {
    onProblem(`Cannot watch ${folder}; polling ${filePath} once a second instead.`, error);
    const listener = (): void => onEvent();
    fs.watchFile(filePath, { persistent: false, interval: 1000 }, listener);
    return () => fs.unwatchFile(filePath, listener);
  }
}
