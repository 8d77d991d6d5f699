import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server-process.js';

/** Builds the console and the widget when a test runs without `npm run build` before it. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(ROOT, 'dist/client/index.html')) && existsSync(path.join(ROOT, 'dist/widget/guichet-widget.js'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  await build({ configFile: path.join(ROOT, 'vite.widget.config.ts'), logLevel: 'warn' });
}
