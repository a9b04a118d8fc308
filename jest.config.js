// One Jest project per workspace folder that has a test/ directory (packages/*, examples/*, bench).
// Tests run from TypeScript sources (transpile only: `npm run typecheck` does the type checking);
// workspace packages resolve to their sources so no build is needed for unit tests. Tests that need the
// built output (module-system, packaging and benchmark tests) rely on `npm test` building first.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

// The AWS SDK warns about Node 20 on every load; the warning is known and harmless here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const packageMapper = {
  '^@plugboard/core/internals$': join(__dirname, 'packages/core/src/internals.ts'),
  '^@plugboard/(core|auth-cognito-plugin|cognito-identity-emulator|aws-amplify-bridge|storage-s3-plugin)$':
    join(__dirname, 'packages/$1/src/index.ts'),
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const folders = [
  ...['packages', 'examples'].flatMap((parent) =>
    existsSync(join(__dirname, parent))
      ? readdirSync(join(__dirname, parent)).map((name) => join(__dirname, parent, name))
      : [],
  ),
  join(__dirname, 'bench'),
].filter((folder) => existsSync(join(folder, 'test')));

const projects = folders.map((folder) => ({
  displayName: folder.split(/[\\/]/).pop(),
  rootDir: folder,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: packageMapper,
  setupFilesAfterEnv: existsSync(join(folder, 'test', 'setup.ts')) ? ['<rootDir>/test/setup.ts'] : [],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.test.json') }],
  },
}));

/** @type {import('jest').Config} */
module.exports = { projects, testTimeout: 30000 };
