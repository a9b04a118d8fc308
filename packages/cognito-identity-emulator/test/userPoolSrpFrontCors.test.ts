// The SRP front's edge: the same loopback-only rules as the emulator (edge guard + CORS), in front of
// every answer, its own and the forwarded ones. The upstream here is a recording loopback server, so the
// tests can tell that a refused request never reached it.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorUsageError, startUserPoolSrpFront, type UserPoolSrpFront } from '../src';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const PAGE = 'http://localhost:5173';
const SDK_HEADERS = 'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent';

let upstream: Server;
let upstreamCalls: string[];
let front: UserPoolSrpFront | undefined;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    upstreamCalls.push(target);
    req.resume();
    if (target.endsWith('.DescribeUserPool')) {
      const body = JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no pool' });
      return res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(body);
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{"UserPools":[]}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));
beforeEach(() => {
  upstreamCalls = [];
});
afterEach(async () => {
  await front?.stop();
  front = undefined;
});

const startFront = async (allowedHosts?: string[]): Promise<UserPoolSrpFront> => {
  const port = (upstream.address() as AddressInfo).port;
  front = await startUserPoolSrpFront({
    upstream: `http://127.0.0.1:${port}`,
    ...(allowedHosts ? { allowedHosts } : {}),
  });
  return front;
};

/** A raw request (node:http sends any Origin and Host, as a browser or a rebinding page would). */
function send(method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(front!.endpoint, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const call = (operation: string, body: object, headers: Record<string, string> = {}): Promise<Answer> =>
  send(
    'POST',
    {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    JSON.stringify(body),
  );

const preflight = (origin: string): Promise<Answer> =>
  send('OPTIONS', {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': SDK_HEADERS,
  });

describe('the SRP front serves loopback pages only', () => {
  it('answers the AWS SDK preflight from a loopback page itself', async () => {
    await startFront();
    for (const origin of [PAGE, 'http://127.0.0.1:8080', 'http://[::1]:3000']) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      const allowed = String(res.headers['access-control-allow-headers']).split(', ');
      expect(allowed).toEqual(expect.arrayContaining(SDK_HEADERS.split(',')));
      expect(res.headers.vary).toContain('Origin');
    }
    expect(upstreamCalls).toEqual([]);
    expect(front!.received).toEqual([]);
  });

  it('puts the CORS headers on forwarded answers, forwarded errors and its own errors', async () => {
    await startFront();
    const origin = { origin: PAGE };
    const forwarded = await call('ListUserPools', { MaxResults: 1 }, origin);
    expect(forwarded.status).toBe(200);
    expect(JSON.parse(forwarded.body)).toEqual({ UserPools: [] });
    const failed = await call('DescribeUserPool', { UserPoolId: 'local_x' }, origin);
    expect(failed.status).toBe(400);
    const own = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' }, origin);
    expect(own.status).toBe(400);
    expect(upstreamCalls.map((t) => t.split('.')[1])).toEqual(['ListUserPools', 'DescribeUserPool']);
    for (const res of [forwarded, failed, own]) {
      expect(res.headers['access-control-allow-origin']).toBe(PAGE);
      const exposed = String(res.headers['access-control-expose-headers']).toLowerCase();
      expect(exposed).toContain('x-amzn-errortype');
      expect(exposed).toContain('x-amzn-requestid');
    }
    expect(own.headers['x-amzn-errortype']).toBe('InvalidParameterException');
    // Without an Origin (Node clients) nothing changes but the Vary header.
    const plain = await call('ListUserPools', { MaxResults: 1 });
    expect(plain.status).toBe(200);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a page outside loopback before reading the call: no upstream request, no CORS grant', async () => {
    await startFront();
    for (const origin of [
      'https://example.com',
      'http://127.0.0.1.example.com',
      'https://localhost:1',
      'null',
    ]) {
      const res = await call('ListUserPools', { MaxResults: 1 }, { origin });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ __type: 'AccessDeniedException' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await preflight(origin);
      expect(pre.status).toBe(403);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(upstreamCalls).toEqual([]);
    expect(front!.received).toEqual([]);
  });

  it('refuses a Host that is not loopback (DNS rebinding) unless allowedHosts names it', async () => {
    await startFront();
    const port = new URL(front!.endpoint).port;
    for (const host of [`rebound.example:${port}`, 'evil.example']) {
      const res = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' }, { host });
      expect(res.status).toBe(403);
      expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException:');
    }
    expect(upstreamCalls).toEqual([]);
    expect(front!.received).toEqual([]);
    await front!.stop();

    await startFront(['cognito-front']);
    const served = await call('ListUserPools', { MaxResults: 1 }, { host: 'cognito-front:9229' });
    expect(served.status).toBe(200);
    const page = await preflight('https://cognito-front');
    expect(page.headers['access-control-allow-origin']).toBe('https://cognito-front');
    expect((await call('ListUserPools', {}, { host: 'other.example' })).status).toBe(403);
    expect(upstreamCalls).toHaveLength(1);
  });

  it('rejects a bad allowedHosts with a usage error', async () => {
    for (const allowedHosts of ['cognito-front', ['bad host/name'], [7]]) {
      const port = (upstream.address() as AddressInfo).port;
      const error = await startUserPoolSrpFront({
        upstream: `http://127.0.0.1:${port}`,
        allowedHosts: allowedHosts as never,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EmulatorUsageError);
      expect((error as Error).message).toMatch(/allowedHosts/);
    }
  });
});
