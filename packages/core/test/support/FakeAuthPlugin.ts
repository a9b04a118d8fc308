import type {
  AuthPlugin,
  AuthSession,
  AuthSignInResult,
  AuthSignOutResult,
  AuthUser,
  PluginContext,
} from '../../src/index.js';

/** An auth plugin that records what core hands it. */
export class FakeAuthPlugin implements AuthPlugin {
  readonly configureCalls: { section: unknown; context: PluginContext }[] = [];
  resetCalls = 0;
  configureError: Error | undefined;
  readonly calls: string[] = [];

  constructor(private readonly key: string = 'fakeAuthPlugin') {}

  getPluginKey(): string {
    return this.key;
  }

  getCategoryType(): 'auth' {
    return 'auth';
  }

  configure(section: unknown, context: PluginContext): void {
    this.configureCalls.push({ section, context });
    if (this.configureError) throw this.configureError;
  }

  async reset(): Promise<void> {
    this.resetCalls++;
  }

  async fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<AuthSession> {
    this.calls.push(`fetchAuthSession:${String(options?.forceRefresh)}`);
    return { isSignedIn: false };
  }

  async signIn(username: string): Promise<AuthSignInResult> {
    this.calls.push(`signIn:${username}`);
    return { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
  }

  async signOut(): Promise<AuthSignOutResult> {
    this.calls.push('signOut');
    return { signedOutLocally: true };
  }

  async getCurrentUser(): Promise<AuthUser> {
    this.calls.push('getCurrentUser');
    return { username: 'alice', userId: 'sub-1' };
  }
}
