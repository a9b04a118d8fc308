/** Dispatches a JSON 1.1 request to its operation: target, signature presence, body, handler. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { serializationError, unknownOperation } from './errors.js';
import { validateInput } from './model/validate.js';
import type { OperationContext, OperationSpec } from './operations/context.js';
import { controlPlaneOperations } from './operations/controlPlane.js';
import { dataPlaneOperations } from './operations/dataPlane.js';
import { signedDataPlaneOperations } from './operations/signedDataPlane.js';
import { verifySignature, type ControlPlaneCredentials } from './sigv4.js';
import type { Input } from './validation.js';

const TARGET_PREFIX = 'AWSCognitoIdentityService.';

const OPERATIONS: ReadonlyMap<string, OperationSpec> = new Map(
  Object.entries({ ...dataPlaneOperations, ...signedDataPlaneOperations, ...controlPlaneOperations }),
);

/** The names of the Cognito Identity operations the emulator answers (`X-Amz-Target` without the prefix). */
export const SUPPORTED_OPERATIONS: readonly string[] = [...OPERATIONS.keys()];

/** The operation named by `X-Amz-Target`, reduced to a safe label for the request log. */
export function operationOf(headers: IncomingHttpHeaders): string {
  const target = headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return '(none)';
  const name = target.slice(TARGET_PREFIX.length);
  return /^[A-Za-z0-9]{1,64}$/.test(name) ? name : '(invalid)';
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

export interface SignatureCheck {
  readonly credentials: ControlPlaneCredentials;
  readonly region: string;
}

/** Target, signature (signed operations), body, constraint table, then the handler. */
export async function dispatch(
  operation: string,
  req: IncomingMessage,
  body: Buffer,
  ctx: OperationContext,
  signature: SignatureCheck,
): Promise<object> {
  const spec = OPERATIONS.get(operation);
  if (!spec) throw unknownOperation();
  if (spec.signed) verifySignature(req, body, signature.credentials, signature.region);
  const input = parseBody(body);
  validateInput(operation, input);
  return spec.handler(input, ctx);
}
