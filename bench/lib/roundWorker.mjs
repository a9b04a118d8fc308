// Child side of lib/rounds.mjs: a long-lived process that holds one library's set-up and runs timed
// batches on request. Started as `node --expose-gc roundWorker.mjs <module url> <export> <json args>`;
// the export returns `{ [caseName]: (n) => void }`, each function performing n operations (or
// `(n) => Promise<void>` for asynchronous operations: the batch is awaited inside the timing).
const [moduleUrl, exportName, json] = process.argv.slice(2);
const module = await import(moduleUrl);
const cases = await module[exportName](JSON.parse(json));
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => undefined;

/**
 * Milliseconds of CPU time (user + system, this process) one `batch(n)` takes, after a full garbage
 * collection so no earlier garbage is paid for. CPU time, not wall time: on a shared machine the
 * process may wait for a core in the middle of a batch, and that wait is not the library's cost.
 */
async function time(batch, n) {
  collect();
  const started = process.cpuUsage();
  const done = batch(n);
  if (typeof done?.then === 'function') await done;
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** The smallest n (from 64, times 4) whose batch takes a quarter of `ms`, scaled up to about `ms`. */
async function calibrate(batch, ms) {
  for (let n = 64; ; n *= 4) {
    const elapsed = await time(batch, n);
    if (elapsed >= ms / 4 || n >= 1 << 26)
      return Math.max(1, Math.round((n * ms) / Math.max(elapsed, 0.001)));
  }
}

process.on('message', async (message) => {
  let reply;
  try {
    const batch = cases[message.case];
    if (typeof batch !== 'function') throw new Error(`no case '${message.case}'`);
    if (message.kind === 'calibrate') reply = { n: await calibrate(batch, message.ms) };
    else reply = { ms: await time(batch, message.n) };
  } catch (error) {
    reply = { error: String(error?.stack ?? error) };
  }
  process.send(reply);
});
process.send({ ready: true });
