/**
 * Remembers tokens that already passed signature verification, keyed by a SHA-256 of the scope and
 * the token (never the token itself), until they expire. Keeps hot paths such as
 * GetCredentialsForIdentity from re-running RSA verification for every request.
 */
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Clock } from './types.js';

const MAX_ENTRIES = 10000;

interface Entry {
  readonly payload: JWTPayload;
  readonly expiresAtMs: number;
}

export class VerificationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: Clock) {}

  static keyOf(scope: string, token: string): string {
    return createHash('sha256').update(scope).update('\0').update(token).digest('base64url');
  }

  /** The cached payload; `'expired'` when it was valid once but its `exp` has passed. */
  get(key: string): JWTPayload | 'expired' | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(key);
      return 'expired';
    }
    return entry.payload;
  }

  set(key: string, payload: JWTPayload): void {
    if (typeof payload.exp !== 'number') return; // tokens without exp are verified every time
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { payload, expiresAtMs: payload.exp * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }
}
