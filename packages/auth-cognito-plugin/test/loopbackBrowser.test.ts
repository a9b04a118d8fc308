import { createServer } from 'node:net';
import { LoopbackWebUIBrowser } from '../src';

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('LoopbackWebUIBrowser (class 7: the loopback listener)', () => {
  it('turns an openUrl that throws synchronously into a rejection, not a crash', async () => {
    const redirect = `http://127.0.0.1:${await freePort()}/callback`;
    const browser = new LoopbackWebUIBrowser({
      openUrl: () => {
        throw new Error('no browser here');
      },
      timeoutMs: 5000,
    });
    await expect(browser.open('https://idp.example/authorize?state=abc', redirect)).rejects.toThrow(
      'no browser here',
    );
  });

  it('answers a stray request with a wrong state 400, ignores it and keeps waiting for the real redirect', async () => {
    const redirect = `http://127.0.0.1:${await freePort()}/callback`;
    const statuses: number[] = [];
    let last: Promise<Response> | undefined;
    const browser = new LoopbackWebUIBrowser({
      openUrl: async () => {
        statuses.push((await fetch(`${redirect}?code=forged&state=other`)).status);
        statuses.push((await fetch(`${redirect}?error=access_denied`)).status);
        statuses.push((await fetch(`${redirect.replace('/callback', '/elsewhere')}?state=s1`)).status);
        last = fetch(`${redirect}?code=real&state=s1`);
      },
      timeoutMs: 5000,
    });
    const landed = await browser.open('https://idp.example/authorize?state=s1', redirect);
    expect(new URL(landed).searchParams.get('code')).toBe('real');
    expect(statuses).toEqual([400, 400, 404]);
    expect((await last)?.status).toBe(200);
  });

  it('still ends at its deadline when only stray requests arrive', async () => {
    const redirect = `http://127.0.0.1:${await freePort()}/callback`;
    const browser = new LoopbackWebUIBrowser({
      openUrl: async () => {
        expect((await fetch(`${redirect}?code=x&state=wrong`)).status).toBe(400);
      },
      timeoutMs: 300,
    });
    await expect(browser.open('https://idp.example/authorize?state=s1', redirect)).rejects.toThrow(
      'No redirect arrived in time.',
    );
  });
});
