import type { KeyValueStorage } from '@plugboard/core';
import type { HostedUiConfig } from './hostedUiConfig.js';

/** A sign-in waiting for its redirect: what the completion needs to check and redeem it. */
export interface PendingSignIn {
  readonly state: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

/** Where the pending sign-in waits: the tab's sessionStorage in a page (it survives the redirect), else memory. */
export class PendingSignInStore {
  #memory: string | null = null;
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  #session(): Storage | undefined {
    try {
      return typeof window === 'undefined' ? undefined : window.sessionStorage;
    } catch {
      return undefined;
    }
  }

  async save(pending: PendingSignIn): Promise<void> {
    const text = JSON.stringify(pending);
    const session = this.#session();
    if (session) session.setItem(this.#key, text);
    else this.#memory = text;
  }

  /** The pending sign-in, forgotten as it is read (one redirect, one use). */
  async take(): Promise<PendingSignIn | undefined> {
    const session = this.#session();
    const text = session ? session.getItem(this.#key) : this.#memory;
    if (session) session.removeItem(this.#key);
    this.#memory = null;
    if (!text) return undefined;
    try {
      const value = JSON.parse(text) as Partial<PendingSignIn>;
      return typeof value.state === 'string' &&
        typeof value.verifier === 'string' &&
        typeof value.redirectUri === 'string'
        ? { state: value.state, verifier: value.verifier, redirectUri: value.redirectUri }
        : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The hosted UI as configured for one plugin runtime. */
export class HostedUiRuntime {
  readonly pending: PendingSignInStore;
  readonly #storage: KeyValueStorage;
  readonly #markerKey: string;

  constructor(
    readonly config: HostedUiConfig,
    storage: KeyValueStorage,
    readonly requestTimeoutMs: number,
  ) {
    this.#storage = storage;
    this.#markerKey = `plugboard.auth.hostedUi.${config.clientId}.signedIn`;
    this.pending = new PendingSignInStore(`plugboard.auth.hostedUi.${config.clientId}.pending`);
  }

  /** Remembers (in the plugin's storage) that the session came from the hosted UI, for sign-out. */
  async markSignedIn(signedIn: boolean): Promise<void> {
    if (signedIn) await this.#storage.setItem(this.#markerKey, '1');
    else await this.#storage.removeItem(this.#markerKey);
  }

  async wasSignedIn(): Promise<boolean> {
    return (await this.#storage.getItem(this.#markerKey)) === '1';
  }
}
