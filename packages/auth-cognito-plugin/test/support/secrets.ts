import { inspect } from 'node:util';
import type { AWSCognitoAuthSession } from '../../src';

/**
 * The secrets seen by the plugin's tests (provider tokens, secret keys, session tokens), shared by every
 * test file in the worker, and everything the library wrote (log entries, Hub events) to scan for them.
 */
interface SecretScan {
  readonly secrets: Set<string>;
  readonly written: string[];
}

const key = Symbol.for('plugboard.test.secretScan');
const holder = globalThis as unknown as Record<symbol, SecretScan | undefined>;

export function secretScan(): SecretScan {
  return (holder[key] ??= { secrets: new Set(), written: [] });
}

/** Remembers values that must never appear in logs, errors, events or inspect output. */
export function rememberSecrets(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 8) secretScan().secrets.add(value);
}

/** Remembers the secret key and session token of a session's AWS credentials, when it has them. */
export function rememberSessionSecrets(session: AWSCognitoAuthSession): void {
  const result = session.awsCredentialsResult;
  if (result.type === 'SUCCESS') rememberSecrets(result.value.secretAccessKey, result.value.sessionToken);
}

/** Records a value as the library wrote it, in the form a person would read it. */
export function recordWritten(value: unknown): void {
  secretScan().written.push(typeof value === 'string' ? value : inspect(value, { depth: 8 }));
}

/** Secrets found in `text` (whole or as a recognisable prefix). */
export function leakedSecrets(text: string): string[] {
  return [...secretScan().secrets].filter(
    (secret) => text.includes(secret) || text.includes(secret.slice(0, 24)),
  );
}

/** JWT-shaped strings in `text`. */
export function jwtsIn(text: string): string[] {
  return text.match(/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g) ?? [];
}
