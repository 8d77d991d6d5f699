import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './tools/vite-precompress.js';
import { localeSplit } from './tools/vite-locale-split.js';
import { vendorChunk } from './tools/vite-vendor-chunk.js';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const serverPort = process.env.PORT ?? '3000';

export default defineConfig({
  root: 'client',
  // French split between the first load and the pages; brotli and gzip copies of the assets, which the server picks by Accept-Encoding.
  plugins: [localeSplit(), react(), vendorChunk(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev:client` serves the console with hot reload against a server on PORT.
    proxy: {
      '/api': `http://localhost:${serverPort}`,
      '/healthz': `http://localhost:${serverPort}`,
      '/socket.io': { target: `ws://localhost:${serverPort}`, ws: true },
    },
  },
  test: {
    root: rootDir,
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'tools/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests start servers and SQLite files of their own; two cores are all we have.
    maxWorkers: 2,
  },
});
