import type { AWSCognitoAuthSession } from '../../model/types.js';
import { delay } from '../../clients/deadline.js';
import { fetchSession } from './fetchSession.js';
import { refreshShared } from './sharedRefresh.js';
import type { SessionStore } from '../../session/SessionStore.js';
import type { PluginRuntime } from '../PluginRuntime.js';
import { isAbandonment, type AuthMachine } from '../../session/AuthMachine.js';
import type { AuthState } from '../../session/AuthState.js';
import { buildSession, type SessionFailures } from '../../session/buildSession.js';
import {
  credentialsRefreshAt,
  freshness,
  heldCredentials,
  type Freshness,
  type Judge,
} from '../../session/freshness.js';

/** What one shared refresh ended with: the state after it and what it could not renew. */
interface Outcome {
  readonly state: AuthState;
  readonly failures: SessionFailures;
  readonly now: number;
}

/** A session and when its credentials stop being fresh (see `SessionFetcher.fetchForSdk`). */
export interface SessionForSdk {
  readonly session: AWSCognitoAuthSession;
  readonly refreshAt: number | undefined;
}

/** One queued refresh that later callers may join. */
class PendingFetch {
  force: boolean;
  readonly started: Promise<void>;
  markStarted!: () => void;
  outcome!: Promise<Outcome>;
  constructor(force: boolean) {
    this.force = force;
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }
}

/**
 * Answers `fetchAuthSession`, in the manner of a memoized credentials provider: from memory while the
 * session is fresh (the same object while the state is unchanged), else through one queued refresh
 * shared by every caller that can join it without breaking call order. A plain fetch whose credentials
 * are still valid (inside the refresh margin) waits for that refresh at most `requestTimeoutMs`, then
 * answers with what it has while the refresh goes on.
 */
export class SessionFetcher {
  readonly #answered = new WeakMap<AuthState, { session: AWSCognitoAuthSession; freshUntil: number }>();
  readonly #built = new WeakMap<Outcome, AWSCognitoAuthSession>();
  #warnedCap = false;

  constructor(
    private readonly machine: AuthMachine,
    private readonly runtime: Omit<PluginRuntime, 'machine'>,
    /** The session store: when its storage is shared, refreshes go through {@link refreshShared}. */
    private readonly store?: SessionStore,
  ) {}

  fetch(force: boolean): Promise<AWSCognitoAuthSession> {
    // The one judgement of this fetch: asked again only if the state changed before the refresh ran.
    let judged: { state: AuthState; levels: Freshness } | undefined;
    const judge: Judge = (state) => {
      const now = this.runtime.now();
      if (judged?.state !== state || now >= judged.levels.validUntil)
        judged = { state, levels: freshness(state, now, this.runtime.margin) };
      return judged.levels;
    };
    if (!force) {
      const cached = this.machine.whenIdle((state) => this.#cached(state, judge));
      if (cached) return Promise.resolve(cached);
    }
    const joined = this.machine.joinLast(
      (tag, started) => tag instanceof PendingFetch && (!started || !force),
    )?.tag as PendingFetch | undefined;
    if (joined) joined.force ||= force;
    const pending = joined ?? this.#enqueue(force, judge);
    const answer = pending.outcome.then((outcome) => this.#session(outcome, force));
    const stillValid = !force && judge(this.machine.state).session !== 'expired';
    let settled = answer;
    if (stillValid) {
      // The fallback's timer lives exactly as long as the answer is awaited.
      const done = new AbortController();
      const fallback = this.#validAfterDeadline(pending, answer, done.signal);
      fallback.catch(() => undefined);
      settled = Promise.race([answer, fallback]).finally(() => done.abort());
    }
    // A local operation abandoned the refresh: ask again, ordered after it.
    return settled.catch((error: unknown) =>
      isAbandonment(error) ? this.fetch(force) : Promise.reject(error),
    );
  }

  /**
   * The session for an AWS SDK credentials provider, with when the policy stops calling its credentials
   * fresh (epoch ms; undefined without credentials): the SDK should ask again exactly then.
   */
  async fetchForSdk(force: boolean): Promise<SessionForSdk> {
    const session = await this.fetch(force);
    const result = session.awsCredentialsResult;
    if (result.type !== 'SUCCESS') return { session, refreshAt: undefined };
    const held = heldCredentials(this.machine.state);
    // The state may have moved on since the session was built: then only the expiry is known.
    const same = held?.credentials === result.value ? held : { credentials: result.value };
    return { session, refreshAt: credentialsRefreshAt(same, this.runtime.margin) };
  }

  #enqueue(force: boolean, judge: Judge): PendingFetch {
    const pending = new PendingFetch(force);
    pending.outcome = this.machine.run(async (machine) => {
      pending.markStarted();
      const runtime = { ...this.runtime, machine };
      const failures = this.store?.shared
        ? await refreshShared(runtime, this.store, pending.force, judge)
        : await fetchSession(runtime, pending.force, judge);
      return { state: machine.state, failures, now: this.runtime.now() };
    }, pending);
    return pending;
  }

  /** After the refresh started and `requestTimeoutMs` passed: the session, if its credentials are still valid. */
  async #validAfterDeadline(
    pending: PendingFetch,
    answer: Promise<AWSCognitoAuthSession>,
    signal: AbortSignal,
  ): Promise<AWSCognitoAuthSession> {
    await pending.started;
    await delay(this.runtime.requestTimeoutMs, signal);
    const state = this.machine.state;
    const now = this.runtime.now();
    if (freshness(state, now, this.runtime.margin).session === 'expired') return answer;
    return buildSession(state, now, this.runtime.margin.hasIdentityPool);
  }

  #session(outcome: Outcome, force: boolean): AWSCognitoAuthSession {
    const failed = Object.keys(outcome.failures).length > 0;
    if (force && failed) {
      return buildSession(
        outcome.state,
        outcome.now,
        this.runtime.margin.hasIdentityPool,
        outcome.failures,
        true,
      );
    }
    let session = this.#built.get(outcome);
    if (!session) {
      session = buildSession(
        outcome.state,
        outcome.now,
        this.runtime.margin.hasIdentityPool,
        outcome.failures,
      );
      this.#built.set(outcome, session);
    }
    return session;
  }

  /** The session from memory when the state is fresh, else undefined. Synchronous, no I/O. */
  #cached(state: AuthState, judge: Judge): AWSCognitoAuthSession | undefined {
    const now = this.runtime.now();
    // States are immutable, so while a state stays fresh its session is the same object: the warm path
    // builds nothing (no error objects, no stack traces) and grades nothing.
    const known = this.#answered.get(state);
    if (known && now < known.freshUntil) return known.session;
    const levels = judge(state);
    if (levels.marginCapped && !this.#warnedCap) {
      this.#warnedCap = true;
      this.runtime.logger.warn(
        'credentialsRefreshMarginSeconds is at least as long as the credentials last; using half their lifetime instead.',
      );
    }
    if (levels.session !== 'fresh') return undefined;
    const session = known?.session ?? buildSession(state, now, this.runtime.margin.hasIdentityPool);
    this.#answered.set(state, { session, freshUntil: levels.freshUntil });
    return session;
  }
}
