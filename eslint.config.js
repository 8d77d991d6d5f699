// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { adapterBoundaries } from './tools/eslint-adapter-boundaries.js';
import { featureBoundaries } from './tools/eslint-feature-boundaries.js';

// Import boundaries from ARCHITECTURE.md: the domain speaks only to its ports, shared/ stays
// portable, server adapters do not reach into one another (channels use http's and realtime's
// kits only), and a console feature never reaches into another (app/ composes them).
const TRANSPORTS_AND_DATABASES = ['express', 'socket.io', 'socket.io-client', 'better-sqlite3', 'mongoose', 'mongodb', 'ioredis', '@socket.io/redis-adapter'];

// One plugin object for the project's own rules: flat config refuses two different objects under one name.
const guichet = { rules: { 'adapter-boundaries': adapterBoundaries, 'feature-boundaries': featureBoundaries } };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.cache/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    ignores: ['server/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: TRANSPORTS_AND_DATABASES.map((name) => ({ name, message: 'domain/ talks to ports (domain/ports.ts), not to transports or databases' })),
          patterns: [{ group: ['**/http/**', '**/realtime/**', '**/store/**', '**/channels/**'], message: 'domain/ must not depend on adapters' }],
        },
      ],
    },
  },
  {
    files: ['server/channels/**/*.ts', 'server/store/**/*.ts'],
    // Tests build real adapters around the one under test, and a *-cli.ts script is an entry
    // point that composes adapters as main.ts does.
    ignores: ['server/**/*.test.ts', 'server/**/*-cli.ts'],
    plugins: { guichet },
    rules: { 'guichet/adapter-boundaries': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: TRANSPORTS_AND_DATABASES.map((name) => ({ name, message: 'shared/ is used by both sides and must stay free of transports' })),
          patterns: [{ group: ['**/server/**', '**/client/**', 'react', 'node:*'], message: 'shared/ depends on nothing of either side' }],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { guichet },
    rules: {
      'guichet/feature-boundaries': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'the console reaches the server only over HTTP and the socket' }] },
      ],
    },
  },
);
