import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');
const repoRoot = join(packageDir, '..', '..');
export const cliPath = join(packageDir, 'dist', 'cjs', 'cli.js');

/** Builds the CommonJS output the CLI runs from. */
export function buildCli(): void {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-b', join(packageDir, 'tsconfig.cjs.json')], { cwd: repoRoot });
  writeFileSync(join(packageDir, 'dist', 'cjs', 'package.json'), '{"type":"commonjs"}\n');
}

/** Runs the CLI as a child process, collecting stdout and stderr together. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '', HOST: '', STATE_FILE: '', LOG_LEVEL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 400; i++) {
      const match = output.match(pattern);
      if (match) return match;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`CLI never printed ${pattern}: ${output}`);
  };
  return { child, exited, waitFor, output: () => output };
}
