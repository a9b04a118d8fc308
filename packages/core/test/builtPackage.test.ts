import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// These tests run the BUILT package (dist/) in child processes, so they see real module loading and
// a real heap. `npm test` at the root builds first; alone, run `npm run build` before jest.
const packageDir = join(__dirname, '..');
const cjsIndex = join(packageDir, 'dist', 'cjs', 'index.js');
const esmIndex = join(packageDir, 'dist', 'esm', 'index.js');
const fixtures = join(__dirname, 'fixtures');

function runNode(args: string[]): unknown {
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(output);
}

beforeAll(() => {
  if (!existsSync(cjsIndex) || !existsSync(esmIndex)) {
    throw new Error(`@plugboard/core is not built (${cjsIndex} missing): run \`npm run build\` first.`);
  }
});

const expectedSharing = {
  sameAmplify: true,
  sameHub: true,
  protectedRefusalIsHubException: true,
  pluginSeenEverywhere: true,
  missingIsPluginNotFound: true,
  duplicateIsDuplicatePlugin: true,
  errorsCrossCopies: true,
  brandsStayDistinct: true,
  classesCrossCopies: true,
  sharedLogLevel: true,
  resetSeenEverywhere: true,
  authHeard: ['SIGNED_OUT'],
  order: ['outer', 'outer-done', 'queued-by-other-copy'],
};

describe('@plugboard/core built output', () => {
  describe('loaded with require and import in one process', () => {
    it('has one Amplify, one Hub, shared plugins and logging, and cross-module instanceof', () => {
      const result = runNode([join(fixtures, 'loadTwice.mjs'), cjsIndex, esmIndex]) as Record<
        string,
        unknown
      >;
      expect(result).toMatchObject({ ...expectedSharing, copies: 2, distinctClasses: 2 });
      expect(result.heard).toEqual(['0:from-0', '1:from-0', '0:from-1', '1:from-1']);
    });
  });

  describe('installed twice (two copies in node_modules)', () => {
    let copyDir: string;
    beforeAll(() => {
      copyDir = mkdtempSync(join(tmpdir(), 'plugboard-core-copy-'));
      const target = join(copyDir, 'node_modules', '@plugboard', 'core');
      cpSync(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
      cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
    });
    afterAll(() => rmSync(copyDir, { recursive: true, force: true }));

    it('shares everything across both copies and both module systems', () => {
      const copy = join(copyDir, 'node_modules', '@plugboard', 'core', 'dist');
      const result = runNode([
        join(fixtures, 'loadTwice.mjs'),
        cjsIndex,
        esmIndex,
        join(copy, 'cjs', 'index.js'),
        join(copy, 'esm', 'index.js'),
      ]) as Record<string, unknown>;
      expect(result).toMatchObject({ ...expectedSharing, copies: 4, distinctClasses: 4 });
      expect(result.heard).toHaveLength(16);
    });
  });

  describe('Hub memory', () => {
    it('stays flat over 1e6 subscribe/unsubscribe cycles on fresh channel names', () => {
      const result = runNode([
        '--expose-gc',
        join(fixtures, 'hubHeap.cjs'),
        join(packageDir, 'dist', 'cjs'),
        '1000000',
      ]) as {
        growth: number;
        channels: number;
      };
      expect(result.channels).toBe(0);
      // One retained channel entry costs well over 100 bytes; a leak of 1e6 would be > 100 MB.
      expect(result.growth).toBeLessThan(2 * 1024 * 1024);
    });
  });
});
