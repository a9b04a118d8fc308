// The page of the hosted-UI Chromium test, bundled with esbuild. It configures the plugin on every load
// (which completes a sign-in when the page is loaded with ?code=&state=) and offers the test a few calls.
import { Amplify, Hub, HubChannel, Logging, type AmplifyConfiguration } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

interface PageApi {
  signIn(): Promise<unknown>;
  signInSocial(): Promise<unknown>;
  signOut(): Promise<unknown>;
  status(): Promise<{ isSignedIn: boolean; userId?: string; events: string[]; warnings: string[] }>;
}

const page = window as unknown as { plugboardConfig: AmplifyConfiguration; page: PageApi };
const remembered = (key: string): string[] => JSON.parse(sessionStorage.getItem(key) ?? '[]') as string[];
const remember = (key: string, value: string): void =>
  sessionStorage.setItem(key, JSON.stringify([...remembered(key), value]));

Logging.setLevel('WARN');
Logging.setSink((entry) =>
  remember('warnings', `${entry.message} ${(entry.details[0] as { name?: string } | undefined)?.name ?? ''}`),
);
Hub.subscribe(HubChannel.AUTH, (event) => remember('events', event.name));
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure(page.plugboardConfig);

page.page = {
  signIn: () => plugin.signInWithWebUI(),
  signInSocial: () => plugin.signInWithSocialWebUI(AuthProvider.google()),
  signOut: () => plugin.signOut(),
  async status() {
    const session = await plugin.fetchAuthSession();
    const user = session.isSignedIn ? await plugin.getCurrentUser() : undefined;
    return {
      isSignedIn: session.isSignedIn,
      ...(user ? { userId: user.userId } : {}),
      events: remembered('events'),
      warnings: remembered('warnings'),
    };
  },
};
document.body.dataset.ready = 'true';
