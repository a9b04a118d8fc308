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
  'srpCompute',
];

interface ResultRow {
  group: string;
  name: string;
  plugboard: unknown;
  awsAmplify: unknown;
  unit: string;
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
      timeout: 80_000,
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
        expect.arrayContaining(['name', 'plugboard', 'awsAmplify', 'unit', 'ratio', 'target', 'met']),
      );
      expect(Number.isFinite(result.plugboard)).toBe(true);
      expect(stdout).toContain(result.name);
    }
    expect(stdout).toMatch(/measurement\s+plugboard\s+aws-amplify\s+unit\s+ratio\s+target\s+result/);
  }, 90_000);
});
