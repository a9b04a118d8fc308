/** Dispatches a JSON 1.1 request to its operation: target, signature presence, body, handler. */
import type { IncomingHttpHeaders } from 'node:http';
import {
  incompleteSignature,
  missingAuthentication,
  serializationError,
  unknownOperation,
} from './errors.js';
import type { OperationContext, OperationSpec } from './operations/context.js';
import { controlPlaneOperations } from './operations/controlPlane.js';
import { dataPlaneOperations } from './operations/dataPlane.js';
import { signedDataPlaneOperations } from './operations/signedDataPlane.js';
import type { Input } from './validation.js';

const TARGET_PREFIX = 'AWSCognitoIdentityService.';

const OPERATIONS: ReadonlyMap<string, OperationSpec> = new Map(
  Object.entries({ ...dataPlaneOperations, ...signedDataPlaneOperations, ...controlPlaneOperations }),
);

export const SUPPORTED_OPERATIONS: readonly string[] = [...OPERATIONS.keys()];

/** The operation named by `X-Amz-Target`, reduced to a safe label for the request log. */
export function operationOf(headers: IncomingHttpHeaders): string {
  const target = headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return '(none)';
  const name = target.slice(TARGET_PREFIX.length);
  return /^[A-Za-z0-9]{1,64}$/.test(name) ? name : '(invalid)';
}

/** AWS only checks that a SigV4 `Authorization` header is present and complete here; the signature is not verified. */
function checkSignature(headers: IncomingHttpHeaders): void {
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') throw missingAuthentication();
  if (
    !authorization.startsWith('AWS4-HMAC-SHA256 ') ||
    !authorization.includes('Credential=') ||
    !authorization.includes('SignedHeaders=') ||
    !authorization.includes('Signature=')
  ) {
    throw incompleteSignature();
  }
}

function parseBody(body: Buffer): Input {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw serializationError('The request body must be a JSON object.');
  }
  return value as Input;
}

export async function dispatch(
  operation: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  ctx: OperationContext,
): Promise<object> {
  const spec = OPERATIONS.get(operation);
  if (!spec) throw unknownOperation();
  if (spec.signed) checkSignature(headers);
  return spec.handler(parseBody(body), ctx);
}
