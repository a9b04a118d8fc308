/**
 * Server-provided text never carries what the plugin sent: a server (or a proxy) that echoes the request
 * in its error message would otherwise put a password, a provider token or a code into the plugin's
 * error. {@link sentSecrets} collects the values of a request worth hiding; {@link maskSent} replaces
 * them in a text taken from the answer.
 */

/** Request fields that name things rather than carry secrets; their values stay readable. */
const PLAIN_KEYS = new Set([
  'ClientId',
  'AuthFlow',
  'ChallengeName',
  'UserPoolId',
  'IdentityPoolId',
  'IdentityId',
  'USERNAME',
  'Username',
  'grant_type',
  'client_id',
  'redirect_uri',
]);

/** Shorter values are not masked: they would mask ordinary words of a message. */
const MIN_SECRET_LENGTH = 6;

/** The string values of `input` (nested objects and arrays included, names in {@link PLAIN_KEYS} left out). */
export function sentSecrets(input: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [input];
  let budget = 10_000;
  while (stack.length > 0 && budget-- > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length >= MIN_SECRET_LENGTH) found.add(value);
    } else if (value instanceof URLSearchParams) {
      for (const [key, item] of value) if (!PLAIN_KEYS.has(key)) stack.push(item);
    } else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
      for (const key of Object.keys(value)) {
        if (!PLAIN_KEYS.has(key)) stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of a sent secret replaced by `[masked]`. */
export function maskSent(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[masked]');
  return out;
}

/**
 * Masks the sent secrets in the text of an error thrown by a transport (in place: `message` and every
 * other own string field, since the AWS SDK copies unknown fields of an error body onto the error),
 * and returns it.
 */
export function maskSentInError(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || typeof error !== 'object' || error === null) return error;
  const fields = error as Record<string, unknown>;
  for (const key of ['message', ...Object.keys(fields)]) {
    const value = fields[key];
    if (typeof value !== 'string') continue;
    try {
      fields[key] = maskSent(value, secrets);
    } catch {
      // A frozen error keeps its text; mapServiceError's own mask still applies.
    }
  }
  return error;
}
