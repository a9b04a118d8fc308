import type { AuthException } from '@plugboard/core';
import { mapServiceError } from '../mapServiceError.js';
import { serviceErrorRule } from '../serviceErrors.js';

/**
 * A user-pool failure as a typed AuthException that keeps the service's error name (on the class, or in
 * `metadata.serviceErrorName` and `cause`): `fromUserPool` of the one table in `serviceErrors.ts`.
 * Messages never carry the request's values.
 */
export function mapUserPoolError(error: unknown, action: string): AuthException {
  const mapped = mapServiceError(error, action);
  const name = mapped.metadata?.serviceErrorName;
  const dedicated = name ? serviceErrorRule(name)?.fromUserPool : undefined;
  if (!dedicated || mapped.name === name) return mapped;
  const [Exception, recovery] = dedicated;
  return new Exception(`${action} failed: ${name}.`, recovery, { cause: error, metadata: mapped.metadata });
}
