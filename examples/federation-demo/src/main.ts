#!/usr/bin/env node
// `npm run demo`: the seed page, run for real. See USAGE in ./options for the flags.
import { Amplify, AmplifyException } from '@plugboard/core';
import { remoteBackend, startEmulatorBackend, type Backend } from './backend';
import { parseOptions, USAGE, UsageError } from './options';
import { describeError, LEGEND, Output } from './output';

const TIMEOUT_MS = 60_000;

// The AWS SDK warns on stderr that future versions will need Node 22; that is not news for this demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`federation-demo: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const out = new Output((line) => process.stdout.write(`${line}\n`));
  let backend: Backend;
  try {
    backend = options.mode === 'emulator' ? await startEmulatorBackend() : remoteBackend(options);
  } catch (error) {
    process.stderr.write(`federation-demo: could not start the emulator: ${describeError(error)}\n`);
    return 1;
  }
  out.title(`Plugboard identity-pool federation demo`);
  out.title(`backend: ${backend.description}`);
  if (options.mode === 'remote') {
    out.title('real identity pool: the emulator-only steps (moving the clock, expiring tokens) are skipped');
  }
  out.title('');
  LEGEND.forEach((line) => out.title(line));
  try {
    const { runWalkthrough, check } = await import('./walkthrough');
    await runWalkthrough(backend, out);
    const { runGameChapter } = await import('./game/gameChapter');
    await runGameChapter(backend, out, check);
    const { runStorageChapter } = await import('./game/storageChapter');
    await runStorageChapter(backend, out, check);
    out.title('');
    out.title(`Done: ${out.steps} steps, every check passed.`);
    return 0;
  } catch (error) {
    process.stderr.write(`\nfederation-demo failed in step ${out.steps}: ${describeError(error)}\n`);
    if (error instanceof AmplifyException && error.recoverySuggestion) {
      process.stderr.write(`recovery: ${error.recoverySuggestion}\n`);
    }
    return 1;
  } finally {
    await Amplify.reset();
    await backend.stop();
  }
}

if (require.main === module) {
  const watchdog = setTimeout(() => {
    process.stderr.write(`federation-demo: no result after ${TIMEOUT_MS / 1000} s, giving up\n`);
    process.exit(1);
  }, TIMEOUT_MS);
  watchdog.unref();
  main(process.argv.slice(2), process.env).then(
    (code) => {
      clearTimeout(watchdog);
      process.exitCode = code;
      // Idle keep-alive sockets to a remote endpoint must not hold the process open.
      setTimeout(() => process.exit(code), 1000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`federation-demo: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
}
