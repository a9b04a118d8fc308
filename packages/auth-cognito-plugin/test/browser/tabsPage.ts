// The page of the several-tabs Chromium test (issue 23), bundled with esbuild from the built packages.
// Several pages of one origin load it: each runs its own plugin on the default browser storage
// (WebKeyValueStorage on localStorage, shared by the tabs) with a clock the test moves forward.
// Query: `margin` (credentialsRefreshMarginSeconds), `timeout` (requestTimeoutMs), `plain=1` (the same
// localStorage behind an app storage without the lock and change methods: each tab on its own).
import { Amplify, Hub, HubChannel, Logging, type AmplifyConfiguration } from '@plugboard/core';
import { AWSCognitoAuthPlugin, AuthProvider } from '@plugboard/auth-cognito-plugin';

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/** What a fetchAuthSession gave, as plain JSON. */
interface Fetched {
  isSignedIn: boolean;
  identityId?: string;
  accessKeyId?: string;
  credentialsError?: string;
  idToken?: string;
  accessToken?: string;
  refreshToken?: string;
  tokensError?: string;
  /** Page time (Date.now) when the fetch settled. */
  settledAt: number;
}

const query = new URLSearchParams(location.search);
const number = (name: string): number | undefined => (query.has(name) ? Number(query.get(name)) : undefined);
const page = window as unknown as { plugboardConfig: AmplifyConfiguration; tabs: unknown };

let offset = 0;
const printed: string[] = [];
const warnings: string[] = [];
const events: { name: string; data: unknown; at: number }[] = [];
Logging.setLevel('VERBOSE');
Logging.setSink((entry) => {
  printed.push(JSON.stringify({ message: entry.message, details: entry.details.map(String) }));
  if (entry.level === 'WARN' || entry.level === 'ERROR') warnings.push(entry.message);
});
Hub.subscribe(HubChannel.AUTH, (event) => {
  events.push({ name: event.name, data: event.data ?? null, at: Date.now() });
  printed.push(JSON.stringify(event));
});

const plain = query.get('plain') === '1';
const margin = number('margin');
const timeout = number('timeout');
const plugin = new AWSCognitoAuthPlugin({
  clock: () => Date.now() + offset,
  ...(margin === undefined ? {} : { credentialsRefreshMarginSeconds: margin }),
  ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }),
  ...(plain
    ? {
        storage: {
          getItem: async (key: string) => localStorage.getItem(key),
          setItem: async (key: string, value: string) => localStorage.setItem(key, value),
          removeItem: async (key: string) => localStorage.removeItem(key),
        },
      }
    : {}),
});
Amplify.addPlugin(plugin);
Amplify.configure(page.plugboardConfig);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function fetched(): Promise<Fetched> {
  try {
    const session = await plugin.fetchAuthSession();
    const out: Fetched = { isSignedIn: session.isSignedIn, settledAt: Date.now() };
    if (session.identityIdResult.type === 'SUCCESS') out.identityId = session.identityIdResult.value;
    const credentials = session.awsCredentialsResult;
    if (credentials.type === 'SUCCESS') out.accessKeyId = credentials.value.accessKeyId;
    else out.credentialsError = credentials.error.name;
    const tokens = session.userPoolTokensResult;
    if (tokens.type === 'SUCCESS') {
      out.idToken = tokens.value.idToken;
      out.accessToken = tokens.value.accessToken;
      out.refreshToken = tokens.value.refreshToken;
    } else out.tokensError = tokens.error.name;
    return out;
  } catch (error) {
    return { isSignedIn: false, credentialsError: `thrown ${(error as Error).name}`, settledAt: Date.now() };
  }
}

page.tabs = {
  /** The plugin's clock: the page's Date.now plus `ms`. */
  setOffset(ms: number): void {
    offset = ms;
  },
  /** Calls a plugin method; the answer (or the error's name and message) comes back as JSON. */
  async call(method: string, ...args: unknown[]): Promise<Outcome> {
    try {
      const fn = (plugin as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      const value = await fn.apply(plugin, args);
      return { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) as unknown };
    } catch (error) {
      return { ok: false, name: (error as Error).name, message: (error as Error).message };
    }
  },
  federate: async (token: string): Promise<Outcome> => {
    try {
      const result = await plugin.federateToIdentityPool(token, AuthProvider.facebook());
      return { ok: true, value: { identityId: result.identityId } };
    } catch (error) {
      return { ok: false, name: (error as Error).name, message: (error as Error).message };
    }
  },
  /** fetchAuthSession at page time `startAt` (epoch ms): several tabs given one time fetch together. */
  async fetchAt(startAt: number): Promise<Fetched> {
    await sleep(Math.max(0, startAt - Date.now()));
    return fetched();
  },
  /** Starts a fetch and keeps it running; `pending()` reads its outcome later (undefined until settled). */
  startFetch(): void {
    pendingFetch = undefined;
    void fetched().then((f) => (pendingFetch = f));
  },
  pending: (): Fetched | undefined => pendingFetch,
  /** Names of the Web Locks held and waited for in this origin. */
  async locks(): Promise<{ held: string[]; pending: string[] }> {
    const snapshot = await navigator.locks.query();
    return {
      held: (snapshot.held ?? []).map((l) => l.name ?? ''),
      pending: (snapshot.pending ?? []).map((l) => l.name ?? ''),
    };
  },
  /** Takes the Web Lock `name` and never lets go (a hung tab); resolves once it is held. */
  hold(name: string): Promise<void> {
    return new Promise((granted) => {
      void navigator.locks.request(name, () => {
        granted();
        return new Promise<void>(() => undefined);
      });
    });
  },
  /** The localStorage key of the stored auth session (undefined when none is stored). */
  sessionKey: (): string | undefined =>
    Object.keys(localStorage).find((key) => /^plugboard\.auth\..*\.session$/.test(key)),
  events: () => [...events],
  warnings: () => [...warnings],
  printed: () => [...printed],
};
let pendingFetch: Fetched | undefined;
document.body.dataset.ready = 'true';
