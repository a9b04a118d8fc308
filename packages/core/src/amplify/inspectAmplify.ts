/** What the hook reads: `AmplifyClass#toJSON`. */
interface Summarised {
  toJSON(): { configured: boolean; plugins: Record<string, string[]> };
}

/**
 * Gives `AmplifyClass` what `util.inspect(Amplify)` / `console.log(Amplify)` shows in Node: the
 * summary of `toJSON`, never the configuration. By the hook's registered symbol, so no Node import.
 * Browsers never call the hook: the package's `browser` field maps this module to
 * `inspectAmplify.browser`, which installs nothing.
 */
export function installInspectAmplify(prototype: Summarised): void {
  Object.defineProperty(prototype, Symbol.for('nodejs.util.inspect.custom'), {
    value: function inspectAmplify(this: Summarised): string {
      const { configured, plugins } = this.toJSON();
      const list = Object.entries(plugins)
        .map(([type, keys]) => `${type}: [${keys.map((key) => `'${key}'`).join(', ')}]`)
        .join(', ');
      return `AmplifyClass { configured: ${String(configured)}, plugins: { ${list} } }`;
    },
  });
}
