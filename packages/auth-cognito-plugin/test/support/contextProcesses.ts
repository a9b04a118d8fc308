import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Node processes running the BUILT packages (run `npm run build` first), each one context on a shared
 * FileKeyValueStorage, driven by the test over IPC: each records its AUTH events (with the time they
 * arrived) and its warnings, and runs plugin calls on request.
 */
const packageDir = join(__dirname, '..', '..');
const pluginEntry = join(packageDir, 'dist', 'esm', 'index.js');
const coreEntry = join(packageDir, '..', 'core', 'dist', 'esm', 'index.js');

const CHILD = `
import { createHash } from 'node:crypto';
import { Amplify, FileKeyValueStorage, Hub, HubChannel, Logging } from ${JSON.stringify(coreEntry)};
import { AWSCognitoAuthPlugin, AuthProvider } from ${JSON.stringify(pluginEntry)};
let offset = Number(process.env.PLUGBOARD_OFFSET);
const events = [];
const warnings = [];
Logging.setLevel(process.env.PLUGBOARD_DEBUG ? 'DEBUG' : 'WARN');
Logging.setSink((entry) => {
  if (process.env.PLUGBOARD_DEBUG) console.error(process.pid, entry.level, entry.message);
  if (entry.level === 'WARN' || entry.level === 'ERROR') warnings.push(entry.message);
});
Hub.subscribe(HubChannel.AUTH, (event) => void events.push({ name: event.name, data: event.data, at: Date.now() }));
const plugin = new AWSCognitoAuthPlugin({
  storage: new FileKeyValueStorage(process.env.PLUGBOARD_FILE),
  clock: () => Date.now() + offset,
  ...(process.env.PLUGBOARD_MARGIN ? { credentialsRefreshMarginSeconds: Number(process.env.PLUGBOARD_MARGIN) } : {}),
});
Amplify.addPlugin(plugin);
Amplify.configure(JSON.parse(process.env.PLUGBOARD_CONFIG));
const summary = (s) => ({
  isSignedIn: s.isSignedIn,
  identityId: s.identityIdResult.type === 'SUCCESS' ? s.identityIdResult.value : undefined,
  accessKeyId: s.awsCredentialsResult.type === 'SUCCESS' ? s.awsCredentialsResult.value.accessKeyId : undefined,
  credentialsError: s.awsCredentialsResult.type === 'FAILURE' ? s.awsCredentialsResult.error.name : undefined,
  tokens: s.userPoolTokensResult.type,
  // Which tokens (a digest: the tokens themselves never leave the process).
  accessToken: s.userPoolTokensResult.type === 'SUCCESS'
    ? createHash('sha256').update(s.userPoolTokensResult.value.accessToken).digest('hex').slice(0, 16)
    : undefined,
  // When the access token expires (its exp claim, epoch ms): not a secret.
  tokensExpireAt: s.userPoolTokensResult.type === 'SUCCESS'
    ? 1000 * JSON.parse(Buffer.from(s.userPoolTokensResult.value.accessToken.split('.')[1], 'base64url')).exp
    : undefined,
});
const ops = {
  ready: async () => (await plugin.fetchAuthSession(), 'ready'),
  fetch: async () => summary(await plugin.fetchAuthSession()),
  fetchAt: async ({ at }) => {
    await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
    return summary(await plugin.fetchAuthSession());
  },
  setOffset: async ({ ms }) => void (offset = ms),
  federate: async ({ token }) => (await plugin.federateToIdentityPool(token, AuthProvider.facebook())).identityId,
  clear: async () => plugin.clearFederationToIdentityPool(),
  signIn: async ({ username, password }) => (await plugin.signIn(username, password)).isSignedIn,
  signOut: async () => void (await plugin.signOut()),
  user: async () => (await plugin.getCurrentUser()).username,
  events: async () => events,
  warnings: async () => warnings,
  exit: async () => {
    await Amplify.reset();
    process.disconnect(); // nothing else keeps the process alive: it ends by itself
  },
};
process.on('message', ({ id, op, args }) => {
  Promise.resolve()
    .then(() => ops[op](args ?? {}))
    .then(
      (value) => process.connected && process.send({ id, value }),
      (error) => process.connected && process.send({ id, error: String(error && error.name) + ': ' + String(error && error.message) }),
    );
});
`;

export interface ContextEvent {
  readonly name: string;
  readonly data?: Record<string, unknown>;
  readonly at: number;
}

export interface ContextProcess {
  ask<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** Ends the process through `exit` (Amplify.reset) and waits until it has exited by itself. */
  end(): Promise<number | null>;
  readonly child: ChildProcess;
}

export function startContextProcesses(
  dir: string,
  count: number,
  env: { file: string; config: unknown; offset: number; marginSeconds?: number },
): ContextProcess[] {
  const script = join(dir, 'context.mjs');
  writeFileSync(script, CHILD);
  return Array.from({ length: count }, () => {
    const child = fork(script, [], {
      cwd: dir,
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        PLUGBOARD_FILE: env.file,
        PLUGBOARD_CONFIG: JSON.stringify(env.config),
        PLUGBOARD_OFFSET: String(env.offset),
        ...(env.marginSeconds !== undefined ? { PLUGBOARD_MARGIN: String(env.marginSeconds) } : {}),
      },
    });
    let next = 0;
    const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    child.on('message', (message: { id: number; value?: unknown; error?: string }) => {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new Error(message.error));
      else w?.resolve(message.value);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('exit', () => {
      for (const w of waiting.values()) w.reject(new Error('the context process exited'));
    });
    return {
      child,
      ask: <T>(op: string, args?: Record<string, unknown>) =>
        new Promise<T>((resolve, reject) => {
          const id = next++;
          waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
          child.send({ id, op, args });
        }),
      async end() {
        if (child.connected)
          await new Promise<unknown>((r) => {
            const id = next++;
            waiting.set(id, { resolve: r, reject: r });
            child.send({ id, op: 'exit' });
            child.once('disconnect', r);
          });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  });
}

/** Polls `read` until `done` accepts its value (at most `ms`), returning the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 5_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
