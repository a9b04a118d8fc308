// The page of the remembered-devices Chromium test, bundled with esbuild. The plugin keeps its default
// storage (localStorage in a browser); the test drives it through `window.page` and reads back what the
// page could print (log lines, Hub events, the plugin and its answers turned into text).
import { Amplify, Hub, HubChannel, Logging, type AmplifyConfiguration } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

interface PageApi {
  /** Calls a plugin method; the answer (or the error's name and message) comes back as JSON. */
  call(method: string, ...args: unknown[]): Promise<Outcome>;
  /** Everything in localStorage, key by key. */
  storage(): Record<string, string>;
  /** What the page can print: log lines, Hub events, errors, the plugin and its answers, as text. */
  printed(): string[];
}

const page = window as unknown as { plugboardConfig: AmplifyConfiguration; page: PageApi };
const printed: string[] = [];
const print = (value: unknown): void => {
  printed.push(String(value));
  try {
    printed.push(JSON.stringify(value) ?? '');
  } catch (error) {
    printed.push(`(not JSON: ${(error as Error).message})`);
  }
};

Logging.setLevel('VERBOSE');
Logging.setSink((entry) => {
  print(entry);
  console.log(entry.message, ...entry.details); // the test reads the console too
});
Hub.subscribe(HubChannel.AUTH, (event) => print(event));
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure(page.plugboardConfig);

page.page = {
  async call(method, ...args) {
    try {
      const fn = (plugin as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      const value = await fn.apply(plugin, args);
      if (method !== 'fetchDevices') print(value); // the device list names the device by design
      return { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) as unknown };
    } catch (error) {
      print(error);
      print((error as Error).stack);
      return { ok: false, name: (error as Error).name, message: (error as Error).message };
    }
  },
  storage() {
    const items: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      items[key] = localStorage.getItem(key)!;
    }
    return items;
  },
  printed() {
    print(plugin);
    return printed;
  },
};
document.body.dataset.ready = 'true';
