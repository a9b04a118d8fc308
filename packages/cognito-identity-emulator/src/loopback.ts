/**
 * Loopback checks for the bind address, for callers of the test-IdP HTTP endpoint and for CORS
 * origins. The rule itself is Plugboard's one loopback rule, from core.
 */
import { isLoopbackHost } from '@plugboard/core/internals';

export { isLoopbackHost };

/** Whether a socket's peer address (`::ffff:127.0.0.1` on a dual-stack socket) is loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && isLoopbackHost(address);
}

/** Host part of a URL: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
