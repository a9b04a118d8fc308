// The header work both cookie jars share: reading a `Cookie` header and keeping a response's
// `Set-Cookie` list to one line per cookie.

/** The cookies of a `Cookie` header (or several joined), first occurrence of a name winning. */
export function parseCookieHeader(
  header: string | readonly string[] | undefined | null,
): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = typeof header === 'string' ? header : (header ?? []).join('; ');
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // The most specific path comes first (RFC 6265 5.4), so the first of a name is the one that applies.
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Which cookie a `Set-Cookie` line sets: its name, path and domain. */
function identityOf(line: string): string {
  const [pair = '', ...attributes] = line.split(';');
  const name = pair.slice(0, Math.max(pair.indexOf('='), 0)).trim();
  let path = '';
  let domain = '';
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=', 2).map((part) => part.trim());
    if (key.toLowerCase() === 'path') path = value;
    else if (key.toLowerCase() === 'domain') domain = value.toLowerCase().replace(/^\./, '');
  }
  return `${name}\n${path}\n${domain}`;
}

/**
 * `existing` with `line` added, after dropping an earlier line for the same cookie (name, path and
 * domain): the response then carries each cookie once, with its last value, and every other cookie stays.
 * Returns undefined when nothing needs dropping, so the caller can simply append.
 */
export function replaceSetCookie(existing: readonly string[], line: string): string[] | undefined {
  const identity = identityOf(line);
  const kept = existing.filter((other) => identityOf(other) !== identity);
  return kept.length === existing.length ? undefined : [...kept, line];
}
