// The code blocks of every README (the repository's README.md and each packages/*/README.md). A TypeScript
// or JavaScript block is either
//   complete:  `<!-- readme-test: NAME -->` before it; it runs as pasted (readme.test.ts runs it), and
//              each `// prints "..."` comment says a line it prints, in order;
//   a fragment: `<!-- readme-fragment: NAME -->` before it; it starts with what it assumes (`import`s
//              and `declare` lines for the app's own values) and is compiled, not run.
// Blocks in other languages (sh, json, usage synopses) are commands and data, not code to paste into a
// module, and carry no marker.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './support';

export interface ReadmeBlock {
  /** The README it comes from, relative to the repository root. */
  readonly file: string;
  readonly name: string;
  readonly kind: 'test' | 'fragment';
  readonly code: string;
  /** Each `// prints "..."` of the block, as a pattern for one line of output. */
  readonly prints: readonly RegExp[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `<uuid>`-style placeholders in a `prints` comment stand for any run of non-space characters. */
function printedLine(expected: string): RegExp {
  const pattern = expected
    .split(/(<[^>]+>)/)
    .map((part) => (/^<[^>]+>$/.test(part) ? '\\S+' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** README.md and every packages/NAME/README.md, relative to the repository root. */
export function readmeFiles(): string[] {
  const packages = readdirSync(join(repoRoot, 'packages'))
    .map((name) => join('packages', name, 'README.md'))
    .filter((file) => existsSync(join(repoRoot, file)));
  return ['README.md', ...packages];
}

export function markedBlocks(file: string): ReadmeBlock[] {
  const markdown = readFileSync(join(repoRoot, file), 'utf8');
  const pattern = /<!-- readme-(test|fragment): ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g;
  return [...markdown.matchAll(pattern)].map((m) => ({
    file,
    kind: m[1] as 'test' | 'fragment',
    name: m[2]!,
    code: `${m[3]!}\n`,
    prints: [...m[3]!.matchAll(/\/\/ prints "([^"]+)"/g)].map((p) => printedLine(p[1]!)),
  }));
}

/** TypeScript and JavaScript blocks with neither marker, as `file:line`. */
export function unmarkedCodeBlocks(file: string): string[] {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const found: string[] = [];
  let inFence = false;
  lines.forEach((line, i) => {
    if (!line.startsWith('```')) return;
    if (inFence) {
      inFence = false;
      return;
    }
    inFence = true;
    const language = line.slice(3).trim();
    if (!/^(ts|typescript|js|javascript|tsx|jsx|mts|mjs|cjs)$/.test(language)) return;
    if (language !== 'ts' || !/^<!-- readme-(test|fragment): [\w-]+ -->$/.test(lines[i - 1] ?? ''))
      found.push(`${relative(repoRoot, join(repoRoot, file))}:${i + 1}`);
  });
  return found;
}

export function allBlocks(): ReadmeBlock[] {
  return readmeFiles().flatMap(markedBlocks);
}
