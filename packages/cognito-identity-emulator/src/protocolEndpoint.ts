/** `POST /`: reads the body (capped), applies injected faults, dispatches, records the outcome. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoServiceError, statusForErrorName, toServiceError } from './errors.js';
import { CONNECTION_RESET, type FaultQueue } from './faults.js';
import { sendError, sendJson } from './httpResponses.js';
import type { RequestLog } from './requestLog.js';
import { ASSUMED_ROLE } from './operations/context.js';
import { operationOf } from './router.js';

export interface ProtocolDeps {
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly maxBodyBytes: number;
  readonly dispatch: (operation: string, req: IncomingMessage, body: Buffer) => Promise<object>;
  /** Waits `ms`, or less when the server stops. */
  readonly delay: (ms: number) => Promise<void>;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => reject(new Error('request aborted'))); // no-op once resolved
  });
}

export async function handleProtocolRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ProtocolDeps,
): Promise<void> {
  const requestId = randomUUID();
  const operation = operationOf(req.headers);
  const setStatus = deps.log.record(operation, new Date());
  const body = await readBody(req, deps.maxBodyBytes);
  if (body === 'too-large') {
    res.setHeader('connection', 'close');
    sendError(
      res,
      requestId,
      new CognitoServiceError('SerializationException', 'Request body is too large.', 413),
    );
    setStatus(413);
    return;
  }
  const fault = deps.faults.take(operation);
  if (fault && fault.latencyMs > 0) await deps.delay(fault.latencyMs);
  if (res.destroyed) return;
  if (fault?.error === CONNECTION_RESET) {
    req.socket.destroy();
    return;
  }
  if (fault?.error !== undefined) {
    const message = 'Injected fault.';
    const error = new CognitoServiceError(
      fault.error,
      message,
      fault.status ?? statusForErrorName(fault.error),
    );
    sendError(res, requestId, error);
    setStatus(error.status);
    return;
  }
  try {
    const result = await deps.dispatch(operation, req, body);
    sendJson(res, requestId, 200, result);
    setStatus(200, (result as { [ASSUMED_ROLE]?: string })[ASSUMED_ROLE]);
  } catch (error) {
    const serviceError = toServiceError(error);
    sendError(res, requestId, serviceError);
    setStatus(serviceError.status);
  }
}
