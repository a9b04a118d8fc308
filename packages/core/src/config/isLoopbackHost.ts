/** 127.0.0.0/8 written as a dotted quad. */
function isLoopbackIPv4(address: string): boolean {
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part as two
 * groups), or undefined when `address` is not one.
 */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const ipv4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (ipv4) {
    const octets = ipv4.slice(2).map(Number);
    if (octets.some((octet) => octet > 255)) return undefined;
    const hex = (high: number, low: number): string => ((high << 8) | low).toString(16);
    text = `${ipv4[1]}${hex(octets[0]!, octets[1]!)}:${hex(octets[2]!, octets[3]!)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const part = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

/** `::1`, or IPv4 loopback mapped into IPv6 (`::ffff:127.x.y.z`, also written `::ffff:7f00:1`). */
function isLoopbackIPv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (groups === undefined) return false;
  const zeros = (count: number): boolean => groups.slice(0, count).every((group) => group === 0);
  if (zeros(7) && groups[7] === 1) return true;
  return zeros(5) && groups[5] === 0xffff && groups[6]! >> 8 === 127;
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
