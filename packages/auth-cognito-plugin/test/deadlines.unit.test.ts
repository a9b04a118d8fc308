import { NetworkException } from '@plugboard/core';
import { delay, withDeadlines } from '../src/clients/deadline';

/** Issue 22 class 1: the call deadline covers the user-pool service's `calls` too; back-offs end when abandoned. */
describe('withDeadlines', () => {
  it('bounds the methods of the nested calls object (SRP, sign-up...) with the same deadline', async () => {
    const never = () => new Promise<never>(() => undefined);
    const service = withDeadlines({ signIn: never, calls: { signUp: never } }, 50, 'The user pool');
    await expect(service.signIn()).rejects.toBeInstanceOf(NetworkException);
    await expect(service.calls.signUp()).rejects.toBeInstanceOf(NetworkException);
  });

  it('ends a call at once when its AbortSignal argument aborts', async () => {
    const controller = new AbortController();
    const service = withDeadlines(
      { get: (_signal: AbortSignal) => new Promise<never>(() => undefined) },
      60_000,
      'x',
    );
    const call = service.get(controller.signal);
    controller.abort(new Error('abandoned'));
    await expect(call).rejects.toThrow('abandoned');
  });
});

describe('delay (the retry back-off)', () => {
  it('rejects at once when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = delay(60_000, controller.signal);
    controller.abort(new Error('cleared'));
    await expect(waiting).rejects.toThrow('cleared');
  });
});
