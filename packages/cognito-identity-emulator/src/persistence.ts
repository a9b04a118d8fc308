/** Optional persistence: the whole state as one JSON file, replaced atomically (temp file + rename). */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoredSigningKey } from './signingKey.js';
import type { StoreSnapshot } from './store.js';

export interface PersistedState extends StoreSnapshot {
  version: 1;
  signingKey: StoredSigningKey;
  /** Endpoints this state was served from, so tokens minted before a restart still verify. */
  endpoints: string[];
}

export async function readState(file: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const state = JSON.parse(text) as Partial<PersistedState>;
  if (
    state.version !== 1 ||
    !state.signingKey ||
    !Array.isArray(state.pools) ||
    !Array.isArray(state.identities)
  ) {
    throw new Error(`Unrecognised Cognito Identity emulator state file: ${file}`);
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
    await mkdir(dirname(this.file), { recursive: true });
    try {
      await writeFile(temp, data, { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
