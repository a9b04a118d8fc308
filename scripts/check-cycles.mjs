#!/usr/bin/env node
// Fails when the relative imports of any package's src/ form a cycle, or run up the package's declared
// layers (LAYERS below), type-only imports and re-exports included. Uses the TypeScript compiler's own import scanner, so every form of import is seen.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names (`./x.js` is written for `./x.ts`), or undefined. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every import, export-from, dynamic import and `import('...')` type of a file. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const targets = importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean);
  // `import('x')` in type positions is not always reported by preProcessFile: scan the AST for it.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      const target = resolveImport(file, node.argument.literal.text);
      if (target) targets.push(target);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(targets)];
}

/** The cycles of a graph, one per strongly connected component with more than one file (or a self-import). */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (v) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indices.get(w)));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

const packagesDir = join(root, 'packages');
const graph = new Map();
for (const pkg of readdirSync(packagesDir)) {
  const src = join(packagesDir, pkg, 'src');
  if (!existsSync(src)) continue;
  for (const file of sourceFiles(src)) graph.set(file, importsOf(file));
}
const found = cycles(graph);
if (found.length > 0) {
  console.error(`Import cycles (type-only imports included) in ${found.length} place(s):`);
  for (const component of found)
    console.error(
      `  ${component
        .map((f) => relative(root, f))
        .sort()
        .join(' <-> ')}`,
    );
  process.exit(1);
}

// Layers: each package lists its layers from the top down; an import may stay in its layer or point down,
// never up. An entry is a folder (`facade/`), a file (`model.ts`) or `*` (every file no other entry names),
// relative to the package's src/; a file belongs to the layer of its longest matching entry.
const LAYERS = {
  'auth-cognito-plugin': [
    // the public entry, and the internal subpath of transport seams
    ['index.ts', 'internal.ts'],
    ['fromAmplifyAuth.ts', 'events.ts'],
    // server-side auth contexts (issue 24): a plugin per context, AsyncLocalStorage (Node only)
    ['context/'],
    ['AWSCognitoAuthPlugin.ts'],
    // the facade: callback style, the one method table, argument checks
    ['facade/'],
    // the runtime: the one load boundary, building the runtime, options and configuration
    ['runtime/', 'types.ts'],
    ['operations/'],
    ['hostedUi/'],
    // the session: AuthState, transition, AuthMachine, SerialQueue, guards, store, freshness policy
    ['session/'],
    // the clients of the Cognito services and the one table of service errors
    ['clients/'],
    ['srp/', 'webauthn/'],
    ['server/'], // the cookie storage and its cookie jars (issue 24): core and model types only
    // types, credentials, redaction, JWT, identity id, AuthProvider, options, errors
    ['model/'],
  ],
  core: [
    ['index.ts', 'internals.ts'],
    ['amplify/'],
    ['categories/', 'hub/', 'storage/'],
    ['auth/', 'config/'],
    ['logger/'],
    ['errors/'],
    ['brand.ts'],
  ],
  'cognito-identity-emulator': [
    ['index.ts', 'cli.ts'],
    ['emulator.ts', 'httpServer.ts', 'router.ts', 'protocolEndpoint.ts', 'userPoolSrp/'],
    ['operations/'],
    ['model/'],
    ['*'],
  ],
  'aws-amplify-bridge': [['*']],
  'storage-s3-plugin': [
    ['index.ts'],
    ['AWSS3StoragePlugin.ts'],
    ['api/'],
    // the operations, with the Node file streams they use (node/ shares their PayloadSource type)
    ['operations/', 'node/'],
    ['paths/', 's3/', 'config/'],
    ['*'],
  ],
};

/** The layer index of `file` in its package (undefined: the package declares no layers). */
function layerOf(file) {
  const [, pkg, path] = relative(root, file).match(/^packages\/([^/]+)\/src\/(.*)$/) ?? [];
  const layers = LAYERS[pkg];
  if (!layers) return undefined;
  let best;
  layers.forEach((entries, index) => {
    for (const entry of entries) {
      const length = entry === '*' ? 0 : entry.endsWith('/') ? entry.length : entry.length + 1;
      const matches = entry === '*' || (entry.endsWith('/') ? path.startsWith(entry) : path === entry);
      if (matches && (!best || length > best.length)) best = { index, length };
    }
  });
  return best ? { pkg, index: best.index } : { pkg, index: -1 };
}

const unplaced = [];
const violations = [];
for (const [file, targets] of graph) {
  const from = layerOf(file);
  if (from?.index === -1) unplaced.push(`  ${relative(root, file)}`);
  for (const target of targets) {
    const to = layerOf(target);
    if (from && to && from.index >= 0 && to.index >= 0 && to.index < from.index)
      violations.push(`  ${relative(root, file)} -> ${relative(root, target)}`);
  }
}
for (const pkg of readdirSync(packagesDir))
  if (existsSync(join(packagesDir, pkg, 'src')) && !LAYERS[pkg])
    unplaced.push(`  packages/${pkg}: declares no layers (add it to LAYERS in scripts/check-cycles.mjs)`);
if (unplaced.length > 0) {
  console.error('Source files in no declared layer:');
  for (const line of unplaced) console.error(line);
  process.exit(1);
}
if (violations.length > 0) {
  console.error('Imports from a lower layer back up to a higher one:');
  for (const line of violations) console.error(line);
  process.exit(1);
}
console.log(`No import cycle among ${graph.size} source files, and no import up a layer.`);
