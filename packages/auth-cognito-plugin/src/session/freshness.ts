import type { AWSTemporaryCredentials } from '../model/types.js';
import type { AuthState } from './AuthState.js';

/**
 * How usable something that expires is: `fresh` (expires after the refresh margin), `stale` (still
 * valid, but inside the margin: refresh it, and use it meanwhile), `expired` (missing or past expiry).
 */
export type Level = 'fresh' | 'stale' | 'expired';

/** What the freshness policy needs besides the state. */
export interface Margin {
  /** The configured refresh margin, in milliseconds. */
  readonly ms: number;
  /** Whether an identity pool is configured (else there are no credentials to keep fresh). */
  readonly hasIdentityPool: boolean;
}

/** The freshness of each part of a state's session; `marginCapped` when the margin had to be shortened. */
export interface Freshness {
  readonly tokens: Level | undefined;
  readonly credentials: Level | undefined;
  /** The whole session: the least fresh part. */
  readonly session: Level;
  readonly marginCapped: boolean;
  /** Until when (epoch ms, exclusive) the whole session stays fresh, the state unchanged. */
  readonly freshUntil: number;
  /** Until when (epoch ms, exclusive) every level stays as judged, the state unchanged. */
  readonly validUntil: number;
}

/**
 * Judges a state with the one policy. A fetch keeps its judgement while the state is unchanged and the
 * judgement still holds (`validUntil`): one expired fetch judges once.
 */
export type Judge = (state: AuthState) => Freshness;

const ORDER: readonly Level[] = ['expired', 'stale', 'fresh'];

/** The level of something expiring at `expiresAt` (epoch ms), with `marginMs` of refresh margin. */
export function level(expiresAt: number | undefined, now: number, marginMs: number): Level {
  if (expiresAt === undefined || expiresAt <= now) return 'expired';
  return expiresAt - now <= marginMs ? 'stale' : 'fresh';
}

/** Credentials a session holds, with when this runtime received them (unknown after a restore). */
export interface HeldCredentials {
  readonly credentials: AWSTemporaryCredentials | undefined;
  readonly credentialsIssuedAt?: number | undefined;
}

/** The credentials part of a state (undefined: it holds none). */
export function heldCredentials(state: AuthState): HeldCredentials | undefined {
  if (state.kind === 'federated' || state.kind === 'signedIn') return state.session;
  return state.kind === 'signedOut' ? state.guest : undefined;
}

/** The refresh margin of credentials: the configured one, capped at half their lifetime when known. */
function credentialsMarginMs(expiresAt: number, issued: number | undefined, margin: Margin): number {
  return issued !== undefined && margin.ms >= expiresAt - issued ? (expiresAt - issued) / 2 : margin.ms;
}

/**
 * When the policy stops calling the held credentials fresh (epoch ms; undefined without credentials):
 * from then on a fetch refreshes them. `fromAmplifyAuth` tells the AWS SDK to ask again at that moment.
 */
export function credentialsRefreshAt(held: HeldCredentials | undefined, margin: Margin): number | undefined {
  if (!held?.credentials) return undefined;
  const expiresAt = held.credentials.expiration.getTime();
  return expiresAt - credentialsMarginMs(expiresAt, held.credentialsIssuedAt, margin);
}

/**
 * The one freshness policy: the cache answers from memory while the session is `fresh`, and every
 * refresh renews the parts that are not. A margin at least as long as the credentials' lifetime would
 * make every call a refresh, so it is capped at half their lifetime.
 */
export function freshness(state: AuthState, now: number, margin: Margin): Freshness {
  let marginCapped = false;
  let freshUntil = Number.POSITIVE_INFINITY;
  let validUntil = Number.POSITIVE_INFINITY;
  const graded = (expiresAt: number, ms: number): Level => {
    freshUntil = Math.min(freshUntil, expiresAt - ms);
    const graded = level(expiresAt, now, ms);
    if (graded !== 'expired')
      validUntil = Math.min(validUntil, graded === 'fresh' ? expiresAt - ms : expiresAt);
    return graded;
  };
  const ofCredentials = ({ credentials, credentialsIssuedAt }: HeldCredentials): Level => {
    if (!credentials) return 'expired';
    const expiresAt = credentials.expiration.getTime();
    const ms = credentialsMarginMs(expiresAt, credentialsIssuedAt, margin);
    if (ms !== margin.ms) marginCapped = true;
    return graded(expiresAt, ms);
  };
  let tokens: Level | undefined;
  let credentials: Level | undefined;
  if (state.kind === 'unconfigured' || state.kind === 'restoring') {
    return { tokens, credentials, session: 'expired', marginCapped, freshUntil: now, validUntil };
  }
  if (state.kind === 'federated') {
    credentials = state.session.tokenRejected ? 'expired' : ofCredentials(state.session);
  } else if (state.kind === 'signedIn') {
    tokens = graded(state.session.tokens.expiresAt, margin.ms);
    credentials = margin.hasIdentityPool ? ofCredentials(state.session) : undefined;
  } else if (state.kind === 'signedOut') {
    const { guest } = state;
    credentials = margin.hasIdentityPool && guest.refusal === undefined ? ofCredentials(guest) : undefined;
  }
  const levels = [tokens, credentials].filter((l): l is Level => l !== undefined);
  const session = levels.reduce<Level>((a, b) => (ORDER.indexOf(a) < ORDER.indexOf(b) ? a : b), 'fresh');
  const until = session === 'fresh' ? freshUntil : now;
  return { tokens, credentials, session, marginCapped, freshUntil: until, validUntil };
}
