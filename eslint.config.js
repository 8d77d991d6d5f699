// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { featureBoundaries } from './tools/eslint-feature-boundaries.js';

// Import boundaries from ARCHITECTURE.md: the domain speaks only to its ports, shared/ stays
// portable, and a console feature never reaches into another (app/ composes them).
const TRANSPORTS_AND_DATABASES = ['express', 'socket.io', 'socket.io-client', 'better-sqlite3', 'mongoose', 'mongodb', 'ioredis', '@socket.io/redis-adapter'];

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
    plugins: { guichet: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      'guichet/feature-boundaries': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'the console reaches the server only over HTTP and the socket' }] },
      ],
    },
  },
);
