/**
 * Reads the claims of a JWT without verifying it. The plugin receives user-pool tokens over TLS straight
 * from the service and only needs their subject, username and expiry; the services that accept them
 * verify the signature.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  // Three parts: header.payload.signature
  const start = token.indexOf('.') + 1;
  const end = start > 0 ? token.indexOf('.', start) : -1;
  if (end <= start || token.indexOf('.', end + 1) >= 0) return undefined;
  const payload = token.slice(start, end);
  try {
    const claims: unknown = JSON.parse(payloadText(payload));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Node's Buffer where there is one: it decodes a token's payload about ten times faster than atob. */
const nodeBuffer = (globalThis as { Buffer?: { from(t: string, e: 'base64url'): { toString(): string } } })
  .Buffer;

/** The UTF-8 text of a base64url JWT part. */
function payloadText(payload: string): string {
  if (nodeBuffer) return nodeBuffer.from(payload, 'base64url').toString();
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = globalThis.atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The earliest `exp` of the tokens, in epoch milliseconds; 0 when any is unreadable (forces a refresh). */
export function earliestExpiry(...tokens: string[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const token of tokens) {
    const exp = decodeJwtClaims(token)?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return 0;
    earliest = Math.min(earliest, exp * 1000);
  }
  return Number.isFinite(earliest) ? earliest : 0;
}
