/** 127.0.0.0/8 written as a dotted quad. */
function isLoopbackIPv4(address: string): boolean {
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * `::1`, or IPv4 loopback mapped into IPv6 (`::ffff:127.x.y.z`, also written `::ffff:7f00:1`), in any
 * spelling: the URL parser brings every valid IPv6 address to one form (lower case, `::` for the longest
 * run of zeros, a dotted IPv4 part as two hex groups) and refuses malformed and zone-scoped ones.
 */
function isLoopbackIPv6(address: string): boolean {
  if (!/^[0-9a-f:.]+$/.test(address)) return false;
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname;
  } catch {
    return false;
  }
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/**
 * The one loopback rule of every Plugboard package: true for `localhost` (any case, with or without
 * a trailing dot), any IPv4 address in 127.0.0.0/8, and `::1`; IPv6 forms with or without brackets,
 * in any spelling (`0:0:0:0:0:0:0:1`), IPv4 loopback also as an IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`, the form Node gives for the peer of a dual-stack socket, or `::ffff:7f00:1`,
 * the form the URL parser gives for `http://[::ffff:127.0.0.1]/`). Nothing else: other mapped
 * addresses, IPv4-compatible (`::127.0.0.1`) and zone-scoped addresses are not loopback.
 *
 * Used for the endpoints `Amplify.configure` accepts over plain `http:`, the hosted UI's redirect
 * URIs, and the emulator's bind address, callers and CORS origins.
 */
export function isLoopbackHost(host: string): boolean {
  if (typeof host !== 'string' || host.length > 100) return false;
  const bare = host
    .toLowerCase()
    .replace(/^\[(.*:.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (bare === 'localhost') return true;
  return bare.includes(':') ? isLoopbackIPv6(bare) : isLoopbackIPv4(bare);
}
