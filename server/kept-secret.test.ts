import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptSecret } from './kept-secret.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-secret-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const options = (fromEnv?: string) => ({ dataDir: path.join(dir, 'data'), fileName: 'a-secret', fromEnv, bytes: 24, minLength: 16 });

describe('keptSecret', () => {
  it('generates once into DATA_DIR, owner-only, and reads the same value back on the next start', async () => {
    const first = await keptSecret(options());
    expect(first.generated).toBe(true);
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 bytes, base64url
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect((await readFile(first.file, 'utf8')).trim()).toBe(first.value);
    const second = await keptSecret(options());
    expect(second).toEqual({ ...first, generated: false });
  });

  it('takes the environment’s value without writing a file', async () => {
    const fromEnv = await keptSecret(options('set-by-the-operator'));
    expect(fromEnv).toMatchObject({ value: 'set-by-the-operator', generated: false });
    await expect(stat(fromEnv.file)).rejects.toThrow();
  });

  it('replaces a kept value shorter than the minimum, and makes the replacement owner-only', async () => {
    const first = await keptSecret(options());
    await writeFile(first.file, 'short\n', { mode: 0o644 });
    const replaced = await keptSecret(options());
    expect(replaced.generated).toBe(true);
    expect(replaced.value).not.toBe('short');
    expect((await stat(replaced.file)).mode & 0o777).toBe(0o600);
  });
});
