// Public-API reports: API Extractor reads each package's built declarations (dist/cjs/index.d.ts) and
// writes api-reports/<package>.api.md. `--check` compares instead of writing and fails on any difference,
// so an accidental change of the public API fails `npm test`. Run `npm run build` first.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = join(root, 'api-reports');
const check = process.argv.includes('--check');
const packages = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'tsconfig.cjs.json')),
);

// Packages whose public API must be documented: every export and every member of an exported class or
// interface needs a doc comment, or `api:check` (and `api:report`) fails with API Extractor's
// ae-undocumented message naming the declaration. To require it of another package, add its folder name.
const REQUIRE_DOC_COMMENTS = new Set([
  'core',
  'cognito-identity-emulator',
  'aws-amplify-bridge',
  'storage-s3-plugin',
  'auth-cognito-plugin',
]);

const QUIET = new Set(['console-preamble', 'console-api-report-created', 'console-compiler-version-notice']);
const scratch = mkdtempSync(join(tmpdir(), 'plugboard-api-'));
const problems = [];
try {
  for (const name of packages) {
    const projectFolder = join(root, 'packages', name);
    const entry = join(projectFolder, 'dist', 'cjs', 'index.d.ts');
    if (!existsSync(entry)) {
      problems.push(`${name}: ${entry} is missing; run npm run build first.`);
      continue;
    }
    const config = ExtractorConfig.prepare({
      configObjectFullPath: join(root, 'scripts', 'api-extractor.json'),
      packageJsonFullPath: join(projectFolder, 'package.json'),
      configObject: {
        projectFolder,
        mainEntryPointFilePath: entry,
        compiler: {
          // Only the declarations are analysed; the build has type-checked the sources already.
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2022',
              lib: ['ES2022', 'DOM'],
              module: 'Node16',
              moduleResolution: 'Node16',
              types: ['node'],
              skipLibCheck: true,
              strict: true,
            },
            files: [entry],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: `${name}.api.md`,
          reportFolder: scratch,
          reportTempFolder: join(scratch, 'temp'),
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            default: { logLevel: 'warning' },
            // Plugboard does not tag exports @public/@beta; every export is public.
            'ae-missing-release-tag': { logLevel: 'none' },
            'ae-undocumented': { logLevel: REQUIRE_DOC_COMMENTS.has(name) ? 'warning' : 'none' },
            // Kept in the report instead, where a reviewer sees them.
            'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
            'ae-unresolved-link': { logLevel: 'none', addToApiReportFile: true },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
    });
    const complaints = [];
    const result = Extractor.invoke(config, {
      localBuild: true,
      // Its own compiler engine (bundled), but the lib typings of the project's TypeScript.
      typescriptCompilerFolder: join(root, 'node_modules', 'typescript'),
      messageCallback: (message) => {
        // The report is always "new" in the scratch folder; the compiler version notices are no news.
        if (QUIET.has(message.messageId)) message.handled = true;
        else if (message.logLevel === 'error' || message.logLevel === 'warning') {
          complaints.push(message.formatMessageWithLocation(projectFolder));
          message.handled = true;
        }
      },
    });
    if (!result.succeeded || complaints.length > 0) {
      problems.push(`${name}: API Extractor complained:\n  ${complaints.join('\n  ')}`);
      continue;
    }
    const fresh = readFileSync(join(scratch, `${name}.api.md`), 'utf8');
    const committedPath = join(reportsDir, `${name}.api.md`);
    const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : undefined;
    if (!check) {
      if (committed !== fresh) writeFileSync(committedPath, fresh);
      console.log(`${committed === fresh ? 'unchanged' : 'written  '} api-reports/${name}.api.md`);
    } else if (committed !== fresh) {
      problems.push(
        `${name}: the public API differs from api-reports/${name}.api.md` +
          (committed === undefined ? ' (no committed report).' : '.') +
          ' If the change is intended, run `npm run api:report` and commit the report.\n' +
          firstDifference(committed ?? '', fresh),
      );
    } else {
      console.log(`api ok    ${name}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

/** The first differing line, with its neighbours, to show what changed. */
function firstDifference(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (lines, sign) =>
    lines
      .slice(i, i + 3)
      .map((line) => `  ${sign} ${line}`)
      .join('\n');
  return `  first difference at line ${i + 1}:\n${show(a, '-')}\n${show(b, '+')}`;
}
