import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const demoRoot = join(__dirname, '..');

/** Builds the packages (dist/cjs, dist/esm) and the demo (dist/main.js); both are incremental. */
export function buildPackagesAndDemo(): void {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
  execFileSync(process.execPath, [tsc, '-p', join(demoRoot, 'tsconfig.json')], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
}

/** JWT-shaped strings (header.payload.signature, base64url). */
export function jwtsIn(text: string): string[] {
  return text.match(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g) ?? [];
}

/**
 * Long runs of base64 characters: secret keys (40 characters) and session tokens look like this; nothing
 * the demo prints on purpose does (identity ids are UUIDs with dashes, access key ids are shortened).
 */
export function secretLookingRuns(text: string): string[] {
  return text.match(/[A-Za-z0-9+/=]{32,}/g) ?? [];
}

/** What a run of the built demo printed, and how long it took. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export function runDemo(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(demoRoot, 'dist', 'main.js'), ...args], {
    cwd: demoRoot,
    env: { ...process.env, PLUGBOARD_DEMO_TOKEN: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
