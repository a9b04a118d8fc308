// A user-pool call that runs out of its call deadline ends its request in flight: the deadline's signal
// reaches the SDK client's `send` (as the identity calls' signal reaches theirs), so the hung endpoint's
// socket is closed then, not when the much later attempt timer fires.
import { NetworkException } from '@plugboard/core';
import { withDeadlines } from '../src/clients/deadline';
import { SdkUserPoolService } from '../src/clients/userPool/UserPoolService';
import { startSilentServer, type SilentServer } from './support/silentNetwork';

/** The attempt timer of the SDK transport: far beyond the test (it must not be what closes the socket). */
const ATTEMPT_MS = 60_000;
const DEADLINE_MS = 300;

let silent: SilentServer;
beforeEach(async () => {
  silent = await startSilentServer();
});
afterEach(async () => {
  await silent.stop();
});

function service(): SdkUserPoolService {
  const config = {
    PoolId: 'us-east-1_abcdefghi',
    AppClientId: 'client',
    Region: 'us-east-1',
    Endpoint: silent.endpoint,
  };
  return withDeadlines(new SdkUserPoolService(config, ATTEMPT_MS), DEADLINE_MS, 'The user pool');
}

/** Waits (bounded) until `check` holds; answers whether it did. */
async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

describe('user-pool calls end their request when the call deadline passes', () => {
  it.each([
    ['a session call (password sign-in)', (s: SdkUserPoolService) => s.signIn('user', 'Passw0rd!')],
    ['a call of `calls` (password reset)', (s: SdkUserPoolService) => s.calls.forgotPassword('user', {})],
    ['a device call', (s: SdkUserPoolService) => s.devices.listDevices('access-token')],
  ])('%s: NetworkException at the deadline, and the socket is closed', async (_name, call) => {
    const pending = call(service());
    pending.catch(() => undefined);
    expect(await eventually(() => silent.open() === 1)).toBe(true); // the request is on the wire
    await expect(pending).rejects.toBeInstanceOf(NetworkException);
    expect(await eventually(() => silent.open() === 0)).toBe(true);
    expect(silent.accepted()).toBe(1); // aborted, not retried
  });
});
