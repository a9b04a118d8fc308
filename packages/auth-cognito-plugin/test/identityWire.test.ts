// The small Cognito Identity client in isolation: request shape, error parsing and the retry policy,
// with an injected fetch (the integration and conformance tests run it against the emulator).
import {
  InvalidParameterException,
  NetworkException,
  NotAuthorizedException,
  ServiceException,
  TooManyRequestsException,
} from '@plugboard/core';
import { FetchIdentityPoolService } from '../src/clients/identityPool/FetchIdentityPoolService';
import { serviceErrorName } from '../src/clients/identityPool/identityWire';
import {
  backoffMs,
  QUOTA_CAPACITY,
  RetryQuota,
  retryKind,
  TRANSIENT_RETRY_COST,
  withRetries,
} from '../src/clients/retryPolicy';

const POOL = 'us-east-1:11111111-1111-4111-8111-111111111111';
const IDENTITY = 'us-east-1:22222222-2222-4222-8222-222222222222';

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Answer = Response | Error | 'hang';

/** A fetch answering from `answers` in order (the last one repeats), recording what was sent. */
function scriptedFetch(answers: Answer[]) {
  const sent: Sent[] = [];
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    sent.push({
      url,
      headers: init.headers as Record<string, string>,
      body: JSON.parse(init.body as string) as unknown,
    });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    if (answer === 'hang') {
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('This operation was aborted', 'AbortError')),
        ),
      );
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone());
  };
  return { fetch, sent };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
  });
}

function service(answers: Answer[], options: { requestTimeoutMs?: number; endpoint?: string } = {}) {
  const script = scriptedFetch(answers);
  const delays: number[] = [];
  const svc = new FetchIdentityPoolService(
    { PoolId: POOL, Region: 'us-east-1', ...(options.endpoint ? { Endpoint: options.endpoint } : {}) },
    options.requestTimeoutMs ?? 1000,
    {
      fetch: script.fetch,
      random: () => 0.5,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    },
  );
  return { svc, sent: script.sent, delays };
}

const credentialsAnswer = {
  IdentityId: IDENTITY,
  Credentials: {
    AccessKeyId: 'ASIAUNITTEST',
    SecretKey: 'unit-secret-key-value',
    SessionToken: 'unit-session-token-value',
    Expiration: 1_900_000_000.25,
  },
};

describe('FetchIdentityPoolService', () => {
  describe('requests', () => {
    it('posts JSON 1.1 with the operation in X-Amz-Target to the regional endpoint by default', async () => {
      const { svc, sent } = service([json(200, { IdentityId: IDENTITY })]);
      await expect(svc.getId(POOL, { 'graph.facebook.com': 'token-abc' })).resolves.toBe(IDENTITY);
      expect(sent).toEqual([
        {
          url: 'https://cognito-identity.us-east-1.amazonaws.com/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSCognitoIdentityService.GetId',
          },
          body: { IdentityPoolId: POOL, Logins: { 'graph.facebook.com': 'token-abc' } },
        },
      ]);
    });

    it('uses the configured Endpoint and leaves Logins out when there are none', async () => {
      const { svc, sent } = service([json(200, credentialsAnswer)], { endpoint: 'http://127.0.0.1:9/' });
      await svc.getCredentialsForIdentity(IDENTITY, undefined);
      expect(sent[0]!.url).toBe('http://127.0.0.1:9/');
      expect(sent[0]!.headers['x-amz-target']).toBe('AWSCognitoIdentityService.GetCredentialsForIdentity');
      expect(sent[0]!.body).toEqual({ IdentityId: IDENTITY });
    });

    it('turns Expiration (epoch seconds) into a Date and keeps the identity id answered', async () => {
      const merged = { ...credentialsAnswer, IdentityId: 'us-east-1:33333333-3333-4333-8333-333333333333' };
      const { svc } = service([json(200, merged)]);
      const { identityId, credentials } = await svc.getCredentialsForIdentity(IDENTITY, undefined);
      expect(credentials.expiration).toEqual(new Date(1_900_000_000_250));
      expect(credentials.accessKeyId).toBe('ASIAUNITTEST');
      expect(identityId).toBe(merged.IdentityId);
    });

    it('refuses an answer without complete credentials', async () => {
      const { svc } = service([json(200, { IdentityId: IDENTITY, Credentials: { AccessKeyId: 'A' } })]);
      const error = await svc.getCredentialsForIdentity(IDENTITY, undefined).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/without complete credentials/);
    });
  });

  describe('errors', () => {
    it('takes the name from x-amzn-ErrorType (without its :suffix) over the body, and keeps status and request id', async () => {
      const { svc } = service([
        json(
          400,
          { __type: 'com.amazonaws.cognito.identity#ResourceNotFoundException', message: 'Token expired' },
          {
            'x-amzn-errortype': 'NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws/',
            'x-amzn-requestid': 'req-123',
          },
        ),
      ]);
      const error = await svc.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotAuthorizedException);
      expect((error as NotAuthorizedException).message).toBe(
        'Getting an identity id failed: NotAuthorizedException: Token expired',
      );
      expect((error as NotAuthorizedException).metadata).toEqual({
        serviceErrorName: 'NotAuthorizedException',
        httpStatusCode: 400,
        requestId: 'req-123',
      });
    });

    it('falls back to __type in the body (without its namespace#) and reads Message', async () => {
      const { svc } = service([
        json(400, { __type: 'com.amazonaws.cognito.identity#InvalidParameterException', Message: 'bad' }),
      ]);
      const error = await svc.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect((error as InvalidParameterException).metadata).toEqual({
        serviceErrorName: 'InvalidParameterException',
        httpStatusCode: 400,
      });
    });

    it.each([
      [null, { __type: 'a.b.c#Name' }, 'Name'],
      ['Name:http://x/y', {}, 'Name'],
      ['ns#Name:', undefined, 'Name'],
      [null, { code: 'Coded' }, 'Coded'],
      ['', { __type: 'Typed' }, 'Typed'],
      [null, {}, undefined],
      [null, undefined, undefined],
    ])('serviceErrorName(%p, %p) is %p', (header, body, name) => {
      expect(serviceErrorName(header, body)).toBe(name);
    });

    it('maps a non-JSON error answer to a ServiceException with its status', async () => {
      const { svc } = service([new Response('<html>Bad gateway</html>', { status: 501 })]);
      const error = await svc.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceException);
      expect((error as ServiceException).metadata).toMatchObject({
        serviceErrorName: 'UnknownError',
        httpStatusCode: 501,
      });
    });

    it("maps a browser's Failed to fetch to NetworkException with the CORS hint, after retrying", async () => {
      const { svc, sent } = service([new TypeError('Failed to fetch')]);
      const error = await svc.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkException);
      expect((error as NetworkException).recoverySuggestion).toMatch(/CORS/);
      expect(sent).toHaveLength(3);
    });

    it("maps Node's fetch failed (socket closed) to NetworkException naming ECONNRESET", async () => {
      const closed = new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
      const { svc, sent } = service([closed]);
      const error = await svc.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkException);
      expect((error as Error).message).toContain('(ECONNRESET)');
      expect(sent).toHaveLength(3);
    });

    it('ends an attempt at requestTimeoutMs with a retryable TimeoutError', async () => {
      const { svc, sent } = service(['hang', 'hang', json(200, { IdentityId: IDENTITY })], {
        requestTimeoutMs: 20,
      });
      await expect(svc.getId(POOL, undefined)).resolves.toBe(IDENTITY);
      expect(sent).toHaveLength(3);
      const { svc: stuck } = service(['hang'], { requestTimeoutMs: 20 });
      const error = await stuck.getId(POOL, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkException);
      expect((error as NetworkException).metadata?.serviceErrorName).toBe('TimeoutError');
    });
  });

  describe('retries', () => {
    it('retries throttling with the throttling back-off and succeeds', async () => {
      const throttled = json(400, { __type: 'TooManyRequestsException', message: 'slow down' });
      const { svc, sent, delays } = service([throttled, throttled, json(200, { IdentityId: IDENTITY })]);
      await expect(svc.getId(POOL, undefined)).resolves.toBe(IDENTITY);
      expect(sent).toHaveLength(3);
      expect(delays).toEqual([500, 1000]); // random 0.5 × 1000 ms × 2^retry
    });

    it('gives up after three attempts with the typed error', async () => {
      const throttled = json(400, { __type: 'TooManyRequestsException', message: 'slow down' });
      const { svc, sent } = service([throttled]);
      await expect(svc.getId(POOL, undefined)).rejects.toBeInstanceOf(TooManyRequestsException);
      expect(sent).toHaveLength(3);
    });

    it.each([
      [500, 3],
      [502, 3],
      [503, 3],
      [504, 3],
      [501, 1],
      [400, 1],
    ])('an HTTP %i answer is sent %i time(s)', async (status, attempts) => {
      const { svc, sent, delays } = service([json(status, { __type: 'SomeException', message: 'no' })]);
      await expect(svc.getId(POOL, undefined)).rejects.toBeInstanceOf(ServiceException);
      expect(sent).toHaveLength(attempts);
      expect(delays).toEqual(attempts === 3 ? [25, 50] : []); // 0.5 × 50 ms × 2^retry
    });

    it('does not retry NotAuthorizedException', async () => {
      const { svc, sent } = service([json(400, { __type: 'NotAuthorizedException', message: 'no' })]);
      await expect(svc.getId(POOL, undefined)).rejects.toBeInstanceOf(NotAuthorizedException);
      expect(sent).toHaveLength(1);
    });
  });
});

describe('retryPolicy', () => {
  it('classifies failures', () => {
    expect(retryKind({ name: 'ThrottlingException' })).toBe('throttling');
    expect(retryKind({ name: 'X', $metadata: { httpStatusCode: 429 } })).toBe('throttling');
    expect(retryKind({ name: 'TimeoutError' })).toBe('transient');
    expect(retryKind({ name: 'Error', $network: true })).toBe('transient');
    expect(retryKind({ name: 'X', $metadata: { httpStatusCode: 503 } })).toBe('transient');
    expect(retryKind({ name: 'X', $metadata: { httpStatusCode: 501 } })).toBe('final');
    expect(retryKind(new Error('plain'))).toBe('final');
    expect(retryKind(undefined)).toBe('final');
  });

  it('backs off with full jitter, doubling per retry up to 20 s', () => {
    expect(backoffMs('transient', 0, () => 0.999)).toBe(49);
    expect(backoffMs('transient', 3, () => 0.999)).toBe(399);
    expect(backoffMs('throttling', 1, () => 0.999)).toBe(1998);
    expect(backoffMs('throttling', 30, () => 0.999)).toBe(19_980);
    expect(backoffMs('throttling', 2, () => 0)).toBe(0);
  });

  it('stops retrying when the quota is spent, and successes refill it', async () => {
    const quota = new RetryQuota();
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      return Promise.reject(Object.assign(new Error('down'), { $metadata: { httpStatusCode: 503 } }));
    };
    const options = { quota, maxAttempts: 3, sleep: () => Promise.resolve() };
    const calls = Math.ceil(QUOTA_CAPACITY / TRANSIENT_RETRY_COST); // enough to spend the quota
    for (let i = 0; i < calls; i += 1) await withRetries(failing, options).catch(() => undefined);
    expect(quota.tokens).toBeLessThan(TRANSIENT_RETRY_COST);
    attempts = 0;
    await withRetries(failing, options).catch(() => undefined);
    expect(attempts).toBe(1); // no retry left
    const before = quota.tokens;
    await withRetries(() => Promise.resolve('ok'), options);
    expect(quota.tokens).toBe(before + 1);
  });
});
