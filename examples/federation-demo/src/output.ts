import { inspect } from 'node:util';

/** Short, readable demo output. Nothing printed here ever holds a token or a secret. */
export class Output {
  #step = 0;
  constructor(private readonly write: (line: string) => void) {}

  title(text: string): void {
    this.write(text);
  }

  step(text: string): void {
    this.#step += 1;
    this.write('');
    this.write(`${this.#step}. ${text}`);
  }

  get steps(): number {
    return this.#step;
  }

  /** A line of the walk-through. */
  line(text: string): void {
    this.write(`   ${text}`);
  }

  /** Something the demo checked and found as expected. */
  ok(text: string): void {
    this.write(`   ok: ${text}`);
  }

  /** A failure the demo provokes on purpose, and why it is the right outcome. */
  expectedFailure(text: string, why: string): void {
    this.write(`   ${text}`);
    this.write(`      ^ FAILURE as expected: ${why}`);
  }

  /** A step that does not apply to this backend or build. */
  skip(text: string): void {
    this.write(`   skipped: ${text}`);
  }

  /** An auth event, as the Hub listener received it. */
  event(name: string, data: unknown): void {
    this.write(`   [hub] ${name}${data === undefined ? '' : ' ' + inspect(data, { breakLength: Infinity })}`);
  }
}

/** How to read the output, printed once before the first step. */
export const LEGEND = [
  'What this is: an app signs a Facebook-style user in to a Cognito identity pool ("federation"), gets',
  'temporary AWS credentials for them, and uses those to keep game scores in DynamoDB. Run without',
  'options, everything is local (emulators on loopback ports): no AWS account is needed.',
  '',
  'How to read this output:',
  '  N. ...                 a step; the demo checks each outcome and stops at the first surprise',
  '  ok: ...                a check that passed',
  "  [hub] ...              an auth event, as the app's Hub listener received it",
  "  AuthQuickstart: ...    what the guide's code logs. The guide this demo follows is written for",
  '                         Android, where Log.i("AuthQuickstart", ...) logs under the tag',
  '                         AuthQuickstart; its snippets run here in TypeScript and keep that tag',
  '  ^ FAILURE as expected  a failure the demo provokes on purpose, with the reason it is right',
];

/** `ASIA…` plus the last four characters: enough to tell two credentials apart. */
export function shortKeyId(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** A time on the demo's clock, relative to `now`. */
export function describeExpiry(expiration: Date, now: number): string {
  const minutes = Math.round((expiration.getTime() - now) / 60_000);
  const relative = minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  return `${expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${relative})`;
}

/** `Name: message` of an error, the way the demo shows failures. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
