/** Writing JSON 1.1 responses: every one carries `x-amzn-RequestId`; errors carry `x-amzn-ErrorType`. */
import type { ServerResponse } from 'node:http';
import type { CognitoServiceError } from './errors.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function sendJson(
  res: ServerResponse,
  requestId: string,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
    ...extraHeaders,
  });
  res.end(payload);
}

/** Header values must be printable ASCII; anything else becomes `?`. */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);

/**
 * Errors carry `x-amzn-ErrorType: <Name>:` (the service appends a type URI after the colon, which
 * clients strip) and `x-amzn-ErrorMessage`, besides the `{ __type, message }` body.
 */
export function sendError(res: ServerResponse, requestId: string, error: CognitoServiceError): void {
  sendJson(
    res,
    requestId,
    error.status,
    { __type: error.name, message: error.message },
    { 'x-amzn-errortype': `${error.name}:`, 'x-amzn-errormessage': headerSafe(error.message) },
  );
}
