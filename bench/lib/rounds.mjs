// Interleaved timing across libraries. Each library lives in its own long-lived Node process (own heap
// and JIT state); the parent asks them for one timed batch at a time, A, B, C, A, B, C..., rotating who
// goes first every round. Machine noise (other processes, CPU frequency) then hits all contenders of a
// round alike, and the per-round ratios cancel most of it: the median of those ratios is what we report.
import { fork } from 'node:child_process';
import { fileURLToPath, URL } from 'node:url';
import { benchDir } from './child.mjs';
import { counts } from './config.mjs';
import { median, quantile } from './stats.mjs';

const workerFile = fileURLToPath(new URL('./roundWorker.mjs', import.meta.url));

/** One library's process: `ask(message)` sends a request and resolves to its reply. */
function startContender(moduleUrl, exportName, args) {
  const child = fork(workerFile, [moduleUrl, exportName, JSON.stringify(args ?? null)], {
    cwd: benchDir,
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => void (stderr += chunk));
  let pending = null;
  const failed = (why) => new Error(`${exportName}(${JSON.stringify(args)}): ${why}\n${stderr}`);
  const ready = new Promise((resolve, reject) => {
    pending = { resolve, reject };
  });
  child.on('message', (reply) => {
    const p = pending;
    pending = null;
    if (reply.error) p?.reject(failed(reply.error));
    else p?.resolve(reply);
  });
  child.on('exit', (code) => pending?.reject(failed(`exited with code ${code}`)));
  return {
    ready,
    ask(message) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(message);
      });
    },
    stop: () => child.kill(),
  };
}

/**
 * Runs `cases` (names of batch functions the module's `exportName(args)` returns) for every contender
 * in `contenders` ({ name: args }). Each contender's batch size is calibrated on its own to about
 * `roundMs` (default `counts.roundMs`), `counts.warmupRounds` rounds are run and thrown away, then
 * `rounds` (default `counts.rounds`) rounds are kept. Returns, per case, each contender's median rate (operations/s) and, for `ratiosOf(a, b)`,
 * the per-round ratios of a's rate to b's.
 *
 * `processes` (default 1, opt-in) repeats all of that with that many fresh sets of contender processes,
 * one set after another, and pools their rounds: for a case whose rate shifts from process to process
 * (JIT and garbage-collector state differ per process) the median over several processes is stable
 * where a single process's median is a draw. Each set calibrates its own batch sizes.
 */
export async function interleave(
  moduleUrl,
  exportName,
  contenders,
  cases,
  { roundMs = counts.roundMs, rounds = counts.rounds, processes = 1 } = {},
) {
  const names = Object.keys(contenders);
  const rates = Object.fromEntries(cases.map((c) => [c, Object.fromEntries(names.map((n) => [n, []]))]));
  for (let set = 0; set < processes; set++) {
    await runSet(moduleUrl, exportName, contenders, cases, rates, { roundMs, rounds });
  }
  return Object.fromEntries(
    cases.map((c) => [
      c,
      {
        rate: (name) => median(rates[c][name]),
        ratios: (a, b) => rates[c][a].map((rate, round) => rate / rates[c][b][round]),
      },
    ]),
  );
}

/** One set of contender processes: calibrates, warms up, and appends its kept rounds to `rates`. */
async function runSet(moduleUrl, exportName, contenders, cases, rates, { roundMs, rounds }) {
  const names = Object.keys(contenders);
  const workers = Object.fromEntries(
    names.map((name) => [name, startContender(moduleUrl, exportName, contenders[name])]),
  );
  try {
    await Promise.all(names.map((name) => workers[name].ready));
    const sizes = {};
    for (const c of cases) {
      sizes[c] = {};
      for (const name of names) {
        sizes[c][name] = (await workers[name].ask({ kind: 'calibrate', case: c, ms: roundMs })).n;
      }
    }
    for (let round = 0; round < counts.warmupRounds + rounds; round++) {
      for (const c of cases) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(round + i) % names.length];
          const n = sizes[c][name];
          const { ms } = await workers[name].ask({ kind: 'run', case: c, n });
          if (round >= counts.warmupRounds) rates[c][name].push(n / (ms / 1000));
        }
      }
    }
  } finally {
    for (const name of names) workers[name].stop();
  }
}

/** Median and interquartile range of per-round ratios, for a row's `ratio` and `spread`. */
export function summarize(ratios) {
  return { median: median(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75) };
}
