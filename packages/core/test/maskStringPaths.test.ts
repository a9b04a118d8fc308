import fc from 'fast-check';
import { MASK, maskSecrets, maskString } from '../src/internals.js';

const SEGMENT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_@.';
const BASE64 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/';

const segment = fc
  .string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 40 })
  .filter((s) => s !== '.' && s !== '..');
const sourceFile = fc.tuple(
  fc.string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 40 }),
  fc.constantFrom('js', 'cjs', 'mjs', 'ts', 'tsx', 'json'),
);
/** A stack-frame location: absolute, file:// or Windows path to a source file, with line and column. */
const frameLocation = fc
  .tuple(
    fc.constantFrom('/', 'file:///', 'C:\\', './'),
    fc.array(segment, { minLength: 1, maxLength: 8 }),
    sourceFile,
    fc.nat({ max: 99999 }),
    fc.nat({ max: 999 }),
  )
  .map(([root, folders, [name, ext], line, column]) => {
    const separator = root === 'C:\\' ? '\\' : '/';
    return `${root}${folders.join(separator)}${separator}${name}.${ext}:${line}:${column}`;
  });

/** A secret that the masker must catch: an AWS-style secret key (40 base64 characters, mixed case and digits). */
const secretKey = fc
  .string({ unit: fc.constantFrom(...BASE64), minLength: 40, maxLength: 40 })
  .map((s) => `Ab1${s.slice(3)}`);

describe('maskString keeps paths and masks values', () => {
  it('leaves every stack-frame location readable, whatever its folders are called', () => {
    fc.assert(
      fc.property(
        frameLocation,
        fc.string({ unit: fc.constantFrom(...SEGMENT_CHARS), maxLength: 30 }),
        (where, fn) => {
          const stack = `Error: failed\n    at ${fn || 'anonymous'} (${where})\n    at ${where}`;
          expect(maskString(stack)).toBe(stack);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the reported frame readable', () => {
    const frame = '    at SessionStore.load (/work/x/SessionStore.js:95:49)';
    const deep =
      '    at run (/home/RunnerUser/Projects/MyApp2024/node_modules/@plugboard/core/dist/cjs/hub/HubBus.js:12:3)';
    expect(maskString(frame)).toBe(frame);
    expect(maskString(deep)).toBe(deep);
  });

  it('still masks a secret key next to a stack frame, and one that contains slashes', () => {
    fc.assert(
      fc.property(
        frameLocation,
        secretKey,
        fc.constantFrom(' ', '=', ': ', ' (', '\n'),
        (where, secret, glue) => {
          const text = `at f (${where}) secretAccessKey${glue}${secret} then ${where}`;
          const masked = maskString(text);
          expect(masked).not.toContain(secret);
          expect(masked).toContain(MASK);
          expect(masked).toContain(where);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('masks errors whose stack holds both paths and a token, keeping the paths', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const error = new Error(`token ${jwt} refused`);
    error.stack = `Error: token ${jwt} refused\n    at SessionStore.load (/work/x/SessionStore.js:95:49)`;
    const masked = maskSecrets(error);
    expect(masked.stack).toBe(
      `Error: token ${MASK} refused\n    at SessionStore.load (/work/x/SessionStore.js:95:49)`,
    );
  });
});
