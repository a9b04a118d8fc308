import { execFile } from 'node:child_process';
import { fileURLToPath, URL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./worker.mjs', import.meta.url));
export const benchDir = fileURLToPath(new URL('..', import.meta.url));
const MARK = 'BENCH_RESULT ';

/**
 * Runs `exportName(args)` of the module at `moduleUrl` in a fresh Node process (so each library gets
 * its own heap and JIT state) and resolves to the value it returned.
 */
export async function inChild(moduleUrl, exportName, args, { execArgv = [], timeoutMs = 120_000 } = {}) {
  let stdout;
  try {
    ({ stdout } = await run(
      process.execPath,
      [...execArgv, worker, moduleUrl, exportName, JSON.stringify(args ?? null)],
      { cwd: benchDir, maxBuffer: 16 << 20, timeout: timeoutMs },
    ));
  } catch (error) {
    throw new Error(
      `${exportName}(${JSON.stringify(args)}) failed in a child process:\n${error.stderr ?? ''}`,
      {
        cause: error,
      },
    );
  }
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`${exportName} printed no result:\n${stdout}`);
  return JSON.parse(line.slice(MARK.length));
}

/** Wall time in milliseconds of `node ...args` run to completion. */
export async function timeNode(args) {
  const started = process.hrtime.bigint();
  await run(process.execPath, args, { cwd: benchDir });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export { MARK };
