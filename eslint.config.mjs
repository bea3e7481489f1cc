// One ESLint configuration for the whole monorepo (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import tsdoc from 'eslint-plugin-tsdoc';
import jsdoc from 'eslint-plugin-jsdoc';
import prettier from 'eslint-config-prettier';

// Layering (see ARCHITECTURE.md): which workspace packages each package may import.
const allowedImports = {
  core: [],
  metrics: [],
  samplers: ['core'],
  'memory-bank': ['core'],
  backbone: ['core'],
  datasets: ['core'],
  patchcore: ['core', 'metrics', 'samplers', 'memory-bank', 'backbone', 'datasets'],
  bench: ['core', 'metrics', 'samplers', 'memory-bank', 'backbone', 'datasets', 'patchcore'],
  cli: ['core', 'metrics', 'samplers', 'memory-bank', 'backbone', 'datasets', 'patchcore', 'bench'],
};
const packageNames = Object.keys(allowedImports);

const forbiddenGroups = (name) => {
  const group = packageNames
    .filter((other) => other !== name && !allowedImports[name].includes(other))
    .map((other) => `@patchcore/${other}`);
  const message = `packages/${name} may import only: ${allowedImports[name].join(', ') || 'no workspace package'} (see ARCHITECTURE.md)`;
  return group.length === 0 ? [] : [{ group, message }];
};

const layering = packageNames.map((name) => ({
  files: [`packages/${name}/src/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          // ESLint rejects an empty group, so a package allowed everything (cli) gets none.
          ...forbiddenGroups(name),
          {
            group: ['**/packages/*/src/**', '../../*/src/**'],
            message: 'import another package by its name, never from its src/',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '.nx/**',
      'vendor/**',
      'models/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { tsdoc, jsdoc },
    rules: {
      'tsdoc/syntax': 'warn',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'jsdoc/require-jsdoc': [
        'warn',
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true },
          contexts: ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration'],
        },
      ],
    },
  },
  ...layering,
  {
    files: ['packages/*/test/**/*.ts', 'tools/**/*.ts', 'examples/**/*.ts', '**/vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/cli/src/output/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Examples and tools are plain Node programs that print their results.
    files: ['examples/**/*.mjs', 'tools/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { 'no-console': 'off' },
  },
  prettier,
);
