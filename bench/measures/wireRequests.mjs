// 5. Requests that reach the emulator when 100 callers fetch the session at once: from cold, and right
// after the credentials expire. Each library runs in its own process with a clock the benchmark moves
// forward (the emulator uses it too), so "expired" needs no real waiting.
import { inChild } from '../lib/child.mjs';
import { awsAmplifyAuth, offsetClock, plugboardAuth, requestCounts, startBackend } from '../lib/auth.mjs';
import { row } from '../lib/row.mjs';

const CALLERS = 100;

/** Fires CALLERS concurrent fetches; counts requests and callers that got missing or expired credentials. */
async function burst(backend, auth, clock) {
  backend.emulator.resetRequests();
  const sessions = await Promise.all(Array.from({ length: CALLERS }, () => auth.fetch()));
  const stale = sessions.filter((s) => {
    const c = auth.credentialsOf(s);
    return !c || new Date(c.expiration).getTime() <= clock.now();
  }).length;
  return {
    requests: backend.emulator.requests().length,
    byOperation: requestCounts(backend.emulator),
    stale,
  };
}

/**
 * Guest sessions for both libraries (aws-amplify has no identity-pool federation without a user pool).
 * Plugboard reads the clock through its `clock` option; aws-amplify reads `Date.now()`, so it is
 * replaced in this child process. The credentials live `lifetimeSeconds`; the clock then moves to
 * one minute after they expired.
 */
export async function sample({ library, lifetimeSeconds }) {
  const clock = offsetClock();
  const backend = await startBackend({ now: clock.now, credentialsLifetimeSeconds: lifetimeSeconds });
  let auth;
  if (library === 'plugboard') auth = await plugboardAuth(backend, { clock: clock.now });
  else {
    Date.now = clock.now;
    auth = await awsAmplifyAuth(backend);
  }
  const cold = await burst(backend, auth, clock);
  clock.advance((lifetimeSeconds + 60) * 1000);
  const expired = await burst(backend, auth, clock);
  return { cold, expired };
}

const describe = (r) =>
  (Object.entries(r.byOperation)
    .map(([op, n]) => `${n} ${op}`)
    .join(' + ') || 'no request') +
  (r.stale ? `, ${r.stale} of ${CALLERS} callers got expired or no credentials` : '');

export async function measure() {
  const run = (library, lifetimeSeconds) => inChild(import.meta.url, 'sample', { library, lifetimeSeconds });
  // Cognito's default lifetime (1 h) and a short one (10 min, below aws-amplify's fixed 50-min cache TTL).
  const [pbHour, awsHour, pbShort, awsShort] = [
    await run('plugboard', 3600),
    await run('awsAmplify', 3600),
    await run('plugboard', 600),
    await run('awsAmplify', 600),
  ];
  const notes = (pb, aws) => `Plugboard: ${describe(pb)}; aws-amplify: ${describe(aws)}.`;
  return [
    row({
      group: 'wireRequests',
      name: `wire: ${CALLERS} concurrent fetches, cold`,
      plugboard: pbHour.cold.requests,
      awsAmplify: awsHour.cold.requests,
      unit: 'requests',
      target: { kind: 'atMost', value: 2 },
      note: notes(pbHour.cold, awsHour.cold),
    }),
    row({
      group: 'wireRequests',
      name: `wire: ${CALLERS} concurrent fetches, 1-h creds expired`,
      plugboard: pbHour.expired.requests,
      awsAmplify: awsHour.expired.requests,
      unit: 'requests',
      target: { kind: 'atMost', value: 1 },
      note: notes(pbHour.expired, awsHour.expired),
    }),
    row({
      group: 'wireRequests',
      name: `wire: ${CALLERS} concurrent fetches, 10-min creds expired`,
      plugboard: pbShort.expired.requests,
      awsAmplify: awsShort.expired.requests,
      unit: 'requests',
      target: { kind: 'atMost', value: 1 },
      note:
        notes(pbShort.expired, awsShort.expired) +
        ' aws-amplify caches credentials for a fixed 50 min from when it fetched them and does not look at' +
        ' their Expiration, so with shorter-lived credentials it sends nothing and hands out expired ones.',
    }),
  ];
}
