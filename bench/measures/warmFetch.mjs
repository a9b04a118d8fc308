// 4. fetchAuthSession calls per second while the cached credentials are valid (no network).
import { inChild } from '../lib/child.mjs';
import { asyncOpsPerSecond } from '../lib/timing.mjs';
import { awsAmplifyAuth, plugboardAuth, startBackend } from '../lib/auth.mjs';
import { row } from '../lib/row.mjs';

/** Awaited calls per second, after one call that fills the cache; fails if a warm call hits the wire. */
async function warmRate(backend, auth) {
  if (!auth.credentialsOf(await auth.fetch())) throw new Error('the first fetch returned no credentials');
  backend.emulator.resetRequests();
  const rate = await asyncOpsPerSecond(auth.fetch);
  if (!auth.credentialsOf(await auth.fetch())) throw new Error('a warm fetch returned no credentials');
  if (backend.emulator.requests().length > 0) throw new Error('a warm fetch sent a request');
  return rate;
}

/** Plugboard: federated session (federate once, then fetch); aws-amplify: guest session. */
export async function sample({ library, guest = false }) {
  const backend = await startBackend();
  if (library === 'awsAmplify') return warmRate(backend, await awsAmplifyAuth(backend));
  const auth = await plugboardAuth(backend);
  if (!guest) await auth.federate();
  return warmRate(backend, auth);
}

export async function measure() {
  const plugboard = await inChild(import.meta.url, 'sample', { library: 'plugboard' });
  const plugboardGuest = await inChild(import.meta.url, 'sample', { library: 'plugboard', guest: true });
  const awsAmplify = await inChild(import.meta.url, 'sample', { library: 'awsAmplify' });
  return [
    row({
      group: 'warmFetch',
      name: 'fetchAuthSession, warm cache',
      plugboard,
      awsAmplify,
      unit: 'calls/s',
      target: { kind: 'ratioAtLeast', value: 5 },
      note:
        `Plugboard federated session vs aws-amplify guest session, both via the category facade, awaited ` +
        `one after another; Plugboard guest session: ${Math.round(plugboardGuest).toLocaleString('en-US')} calls/s.`,
    }),
  ];
}
