import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const benchDir = join(__dirname, '..');
const repoRoot = join(benchDir, '..');
const GROUPS = [
  'hubPublish',
  'hubSubscribe',
  'hubHeap',
  'warmFetch',
  'wireRequests',
  'importCost',
  'bundleSize',
  'browserBytes',
  'srpCompute',
  's3Upload',
  'storageBundle',
  'serverContext',
  'serverRequests',
  'tabRequests',
];

interface ResultRow {
  group: string;
  name: string;
  plugboard: unknown;
  peer: string;
  peerValue: unknown;
  unit: string;
  spread: { q1: number; q3: number; rounds: number } | null;
  ratio: unknown;
  target: unknown;
  met: unknown;
}

describe('npm run bench', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'plugboard-bench-smoke-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('runs every measurement with tiny counts, prints the table and writes the JSON', async () => {
    for (const pkg of ['core', 'auth-cognito-plugin', 'cognito-identity-emulator']) {
      const built = join(repoRoot, 'packages', pkg, 'dist', 'esm', 'index.js');
      if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
    }
    const jsonPath = join(workDir, 'results.json');

    // execFile rejects on a non-zero exit, so reaching the assertions means exit code 0.
    const { stdout } = await run(process.execPath, [join(benchDir, 'run.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_SMOKE: '1', BENCH_JSON: jsonPath },
      timeout: 170_000,
      maxBuffer: 16 << 20,
    });

    const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      machine: Record<string, unknown>;
      versions: Record<string, string>;
      results: ResultRow[];
    };
    expect(report.machine.cores).toEqual(expect.any(Number));
    expect(report.versions['aws-amplify']).toMatch(/^6\./);
    expect([...new Set(report.results.map((r) => r.group))]).toEqual(GROUPS);
    for (const result of report.results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(['name', 'plugboard', 'peer', 'peerValue', 'unit', 'ratio', 'target', 'met']),
      );
      expect(Number.isFinite(result.plugboard)).toBe(true);
      expect(stdout).toContain(result.name);
    }
    expect(stdout).toMatch(
      /measurement\s+plugboard\s+peer\s+peer value\s+unit\s+ratio\s+IQR\s+target\s+result/,
    );

    // Publish is compared with every peer at every listener count, each row from interleaved rounds.
    const publish = report.results.filter((r) => r.group === 'hubPublish');
    expect(new Set(publish.map((r) => r.peer))).toEqual(
      new Set(['node:events', 'aws-amplify', 'mitt', 'nanoevents']),
    );
    // 3 listener counts x 4 peers, plus the two-channel row against node:events.
    expect(publish).toHaveLength(13);
    for (const r of publish) {
      expect(r.spread).toEqual({
        q1: expect.any(Number),
        q3: expect.any(Number),
        rounds: expect.any(Number),
      });
      expect(r.spread!.q1).toBeLessThanOrEqual(r.ratio as number);
      expect(r.spread!.q3).toBeGreaterThanOrEqual(r.ratio as number);
    }
    expect(publish.filter((r) => r.peer === 'node:events').map((r) => r.target)).toEqual([
      '>= 1x node:events',
      '>= 1x node:events',
      '>= 1x node:events',
      '>= 1x node:events',
    ]);
    // The headline size row counts the lazily loaded identity client on top of the initial chunk.
    const sizes = Object.fromEntries(
      report.results.filter((r) => r.group === 'bundleSize').map((r) => [r.name, r.plugboard as number]),
    );
    expect(sizes['bundle: federation download, initial + lazy fetched']).toBeGreaterThan(
      sizes['bundle: configure+federate+fetchAuthSession, initial']!,
    );
  }, 180_000);
});
