// 8. Bundle cost of the aws-amplify bridge itself: esbuild (minified, browser, ESM) with its peers
// (aws-amplify, @aws-amplify/*, @plugboard/core, @plugboard/auth-cognito-plugin) left external, since an
// app that uses the bridge has them already; gzip level 9. Two entries: the whole public API, and
// `plugboardAuthProviders` alone (what `Amplify.configure(config, { Auth: ... })` needs).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir } from '../lib/child.mjs';
import { row } from '../lib/row.mjs';

const PEERS = [
  'aws-amplify',
  'aws-amplify/*',
  '@aws-amplify/*',
  '@plugboard/core',
  '@plugboard/auth-cognito-plugin',
];

/** Minified and gzip bytes of a bundle of `source` (an ES module importing the bridge). */
export async function bridgeBundleBytes(source = "export * from '@plugboard/aws-amplify-bridge';") {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: benchDir, loader: 'js' },
    absWorkingDir: benchDir,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    tsconfigRaw: '{}',
    external: PEERS,
  });
  const code = outputFiles.map((file) => file.contents);
  return {
    minified: code.reduce((total, c) => total + c.length, 0),
    gzip: code.reduce((total, c) => total + gzipSync(c, { level: 9 }).length, 0),
  };
}

export async function measure() {
  const whole = await bridgeBundleBytes();
  const providers = await bridgeBundleBytes(
    "export { plugboardAuthProviders } from '@plugboard/aws-amplify-bridge';",
  );
  return [
    row({
      group: 'bundleSize',
      name: 'bundle: aws-amplify bridge, whole API',
      plugboard: whole.gzip,
      awsAmplify: null,
      unit: 'B gzip',
      target: { kind: 'below', value: 1024 },
      note: `${whole.minified} B minified; peers (aws-amplify, Plugboard core and plugin) not counted.`,
    }),
    row({
      group: 'bundleSize',
      name: 'bundle: aws-amplify bridge, plugboardAuthProviders alone',
      plugboard: providers.gzip,
      awsAmplify: null,
      unit: 'B gzip',
      note: `${providers.minified} B minified.`,
    }),
  ];
}
