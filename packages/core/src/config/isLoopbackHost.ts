/**
 * The one loopback rule of every Plugboard package: true for `localhost` (any case, with or without
 * a trailing dot), any IPv4 address in 127.0.0.0/8, and `::1`; IPv6 forms with or without brackets,
 * IPv4 loopback also as an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, the form Node gives for the
 * peer of a dual-stack socket).
 *
 * Used for the endpoints `Amplify.configure` accepts over plain `http:`, the hosted UI's redirect
 * URIs, and the emulator's bind address, callers and CORS origins.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .toLowerCase()
    .replace(/^\[(.*:.*)\]$/, '$1')
    .replace(/\.$/, '')
    .replace(/^::ffff:(?=\d+\.)/, '');
  if (bare === 'localhost' || bare === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
