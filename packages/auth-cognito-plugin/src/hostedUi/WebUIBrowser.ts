/**
 * Shows the hosted UI to the user. `open` sends the user to `authorizeUrl` (or the `/logout` URL) and
 * resolves with the URL the server finally redirected to, which starts with `redirectUri`. Reject (or
 * resolve with a URL that has no `code`) when the user gives up. Replace it for tests, Electron, CLIs.
 */
export interface WebUIBrowser {
  /** Shows `authorizeUrl` and resolves with the URL the user was finally redirected to. */
  open(authorizeUrl: string, redirectUri: string): Promise<string>;
}

/** Options of the hosted-UI sign-in methods. */
export interface SignInWithWebUIOptions {
  /** Ask the browser not to share cookies with other sessions, where the browser supports it. */
  readonly preferPrivateSession?: boolean;
  /** Who shows the hosted UI. Default: a page redirect in browsers, a loopback listener in Node. */
  readonly browser?: WebUIBrowser;
}
