import { defineConfig } from 'vite';
import { precompress } from './tools/vite-precompress.js';

// The citizen web-chat widget: one self-contained script (no React, no chunks) that a town's site
// embeds with a single <script> tag. Built after the console, into dist/widget/.
export default defineConfig({
  publicDir: false,
  plugins: [precompress()],
  // Always the production builds of socket.io's packages (no `debug`), whatever NODE_ENV the
  // build runs under (the size test runs it from Vitest, where NODE_ENV is "test").
  mode: 'production',
  resolve: { conditions: ['module', 'browser', 'production'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2020',
    lib: {
      entry: 'client/widget/main.ts',
      formats: ['iife'],
      name: 'GuichetWidget',
      fileName: () => 'guichet-widget.js',
    },
  },
});
