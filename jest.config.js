// One Jest project per package. Tests run from TypeScript sources (transpile only: `npm run typecheck`
// does the type checking); workspace packages resolve to their sources so no build is needed for unit
// tests. Tests that need the built output (module-system and packaging tests) build first via `npm test`.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const workspaceRoots = ['packages', 'examples'];
const packageMapper = {
  '^@plugboard/(core|auth-cognito-plugin|cognito-identity-emulator)$':
    '<rootDir>/../../packages/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const projects = workspaceRoots.flatMap((parent) =>
  existsSync(join(__dirname, parent))
    ? readdirSync(join(__dirname, parent))
        .filter((name) => existsSync(join(__dirname, parent, name, 'test')))
        .map((name) => ({
          displayName: name,
          rootDir: join(__dirname, parent, name),
          testEnvironment: 'node',
          testMatch: ['<rootDir>/test/**/*.test.ts'],
          moduleNameMapper: packageMapper,
          setupFilesAfterEnv: existsSync(join(__dirname, parent, name, 'test', 'setup.ts'))
            ? ['<rootDir>/test/setup.ts']
            : [],
          transform: {
            '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.test.json') }],
          },
        }))
    : [],
);

/** @type {import('jest').Config} */
module.exports = { projects, testTimeout: 30000 };
