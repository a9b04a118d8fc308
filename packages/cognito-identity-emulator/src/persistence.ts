/** Optional persistence: the whole state as one JSON file, replaced atomically (temp file + rename). */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoredSigningKey } from './signingKey.js';
import type { StoreSnapshot } from './store.js';

export interface PersistedState extends StoreSnapshot {
  version: 1;
  /** Region of the pool and identity ids (absent in files written before it was stored). */
  region?: string;
  signingKey: StoredSigningKey;
  /** Endpoints this state was served from, so tokens minted before a restart still verify. */
  endpoints: string[];
}

/** A state file that cannot be used: names the file and what to do. */
export class StateFileError extends Error {
  /** The state file's path. */
  readonly file: string;
  /** What to do about it, in a sentence. */
  readonly recoverySuggestion: string;

  constructor(file: string, problem: string, recoverySuggestion?: string) {
    const suggestion =
      recoverySuggestion ??
      `Restore ${file} from a backup, or delete it (or pass another state file) to start with an empty state.`;
    super(`The emulator state file ${file} ${problem}. ${suggestion}`);
    this.name = 'StateFileError';
    this.file = file;
    this.recoverySuggestion = suggestion;
  }
}

/**
 * A file-system error on the state file as a StateFileError naming the path, what is wrong and the
 * fix; errors it does not know stay as they are.
 */
export function stateFileProblem(file: string, error: unknown, doing: 'read' | 'written'): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const dir = dirname(file);
  switch (code) {
    case 'EISDIR':
      return new StateFileError(
        file,
        'is a directory',
        `Pass the path of a file (it is created if missing), for example ${join(file, 'emulator-state.json')}.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new StateFileError(
        file,
        'cannot be used: a part of its path is a file, not a directory',
        'Pass a path whose folders are folders (missing ones are created).',
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StateFileError(
        file,
        `cannot be ${doing}: permission denied (${code}) on the file or its folder ${dir}`,
        `Give this user read and write access to ${dir}, or pass a state file in a folder it may write.`,
      );
    default:
      return error;
  }
}

export async function readState(file: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw stateFileProblem(file, error, 'read');
  }
  let state: Partial<PersistedState>;
  try {
    state = JSON.parse(text) as Partial<PersistedState>;
  } catch (error) {
    throw new StateFileError(
      file,
      `is not valid JSON (${(error as Error).message}); it may have been truncated or edited`,
    );
  }
  if (
    typeof state !== 'object' ||
    state === null ||
    state.version !== 1 ||
    !state.signingKey ||
    !Array.isArray(state.pools) ||
    !Array.isArray(state.identities)
  ) {
    throw new StateFileError(file, 'is not a Cognito Identity emulator state file');
  }
  return { ...state, endpoints: state.endpoints ?? [] } as PersistedState;
}

/** Coalesces saves: many changes in one tick give one write; writes never overlap. */
export class StateWriter {
  private pending = false;
  private chain: Promise<void> = Promise.resolve();
  private lastError: unknown;

  constructor(
    private readonly file: string,
    private readonly collect: () => PersistedState,
  ) {}

  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.chain = this.chain.then(async () => {
      this.pending = false;
      await this.write().catch((error: unknown) => {
        this.lastError = error;
      });
    });
  }

  /** Waits for every scheduled write; rejects with the last write error, if any. */
  async flush(): Promise<void> {
    await this.chain;
    const error = this.lastError;
    this.lastError = undefined;
    if (error) throw error;
  }

  private async write(): Promise<void> {
    const data = JSON.stringify(this.collect());
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
    } catch (error) {
      throw stateFileProblem(this.file, error, 'written');
    }
    try {
      await writeFile(temp, data, { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true, recursive: true });
      throw stateFileProblem(this.file, error, 'written');
    }
  }
}
