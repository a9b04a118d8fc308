// Every secret the tests see (issued secret keys, session tokens, provider tokens) and everything the
// plugin writes out (log entries, Hub events, error texts), for the after-file leak scan.
import { inspect } from 'node:util';

const secrets = new Set<string>();
const written: string[] = [];

export function rememberSecret(...values: (string | undefined)[]): void {
  for (const value of values) if (value) secrets.add(value);
}

export function recordWritten(value: unknown): void {
  written.push(typeof value === 'string' ? value : inspect(value, { depth: 8, showHidden: true }));
}

/** The remembered secrets found in anything written (secret keys are reported by their first characters). */
export function leakedSecrets(): string[] {
  const text = written.join('\n');
  return [...secrets].filter((s) => text.includes(s)).map((s) => `${s.slice(0, 4)}...`);
}

export const secretCount = (): number => secrets.size;
export const writtenCount = (): number => written.length;
