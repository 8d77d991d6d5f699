import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideBuild, hashBuildInputs, writeBuildStamp } from './build-stamp.js';

// A project laid out as Guichet's, in a temp folder, "built" by writing the two outputs.

describe('build stamp', () => {
  let root: string;

  async function put(file: string, content: string): Promise<void> {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }

  /** What a build leaves in dist/, then the stamp as build-if-changed writes it. */
  async function build(release = 'v1'): Promise<void> {
    const { inputs } = await decideBuild(root);
    await put('dist/client/index.html', `<script src="/assets/index-${release}.js"></script>`);
    await put('dist/widget/guichet-widget.js', `/* widget ${release} */`);
    await writeBuildStamp(root, inputs);
  }

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'guichet-stamp-'));
    await put('client/index.html', '<div id="root"></div>');
    await put('client/app/App.tsx', 'export function App() { return null; }');
    await put('client/app/App.test.tsx', 'it("renders", () => {});');
    await put('shared/model.ts', 'export const CHANNELS = ["email"];');
    await put('server/main.ts', 'console.log("server");');
    await put('vite.config.ts', 'export default {};');
    await put('package-lock.json', '{"lockfileVersion": 3}');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('builds when dist/ is missing', async () => {
    expect(await decideBuild(root)).toMatchObject({ build: true, reason: 'dist/ missing' });
  });

  it('builds when dist/ is there but was never stamped', async () => {
    await put('dist/client/index.html', '<html></html>');
    await put('dist/widget/guichet-widget.js', '/* widget */');
    expect(await decideBuild(root)).toMatchObject({ build: true, reason: 'no build stamp' });
  });

  it('skips when nothing the build reads changed, even if files were touched or the server edited', async () => {
    await build();
    const before = await decideBuild(root);
    expect(before.build).toBe(false);
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'client/app/App.tsx'), later, later);
    await put('server/main.ts', 'console.log("server, changed");');
    await put('client/app/App.test.tsx', 'it("renders again", () => {});');
    expect(await decideBuild(root)).toEqual(before);
  });

  it.each([
    ['a console source edited', () => put('client/app/App.tsx', 'export function App() { return "x"; }')],
    ['a shared module edited', () => put('shared/model.ts', 'export const CHANNELS = ["email", "phone"];')],
    ['a source added', () => put('client/app/Reports.tsx', 'export {};')],
    ['a source deleted', () => unlink(path.join(root, 'shared/model.ts'))],
    ['the Vite config edited', () => put('vite.config.ts', 'export default { build: {} };')],
    ['the dependencies changed', () => put('package-lock.json', '{"lockfileVersion": 3, "packages": {}}')],
  ])('builds when %s', async (_what, change) => {
    await build();
    await change();
    expect(await decideBuild(root)).toMatchObject({ build: true, reason: 'sources changed' });
  });

  it('builds when dist/ was rebuilt by another command since the stamp', async () => {
    await build('v1');
    // `npx vite build` after an edit that was then undone: dist/ is not the stamped build any more.
    await put('dist/client/index.html', '<script src="/assets/index-v2.js"></script>');
    expect(await decideBuild(root)).toMatchObject({ build: true, reason: 'dist/ rebuilt by another command' });
  });

  it('builds again when dist/ is removed after a build', async () => {
    await build();
    await rm(path.join(root, 'dist/widget'), { recursive: true });
    expect(await decideBuild(root)).toMatchObject({ build: true, reason: 'dist/ missing' });
  });

  it('tells files apart by name, not only by content', async () => {
    const before = await hashBuildInputs(root);
    await unlink(path.join(root, 'shared/model.ts'));
    await put('shared/models.ts', 'export const CHANNELS = ["email"];');
    expect(await hashBuildInputs(root)).not.toBe(before);
  });

  it('refuses to stamp a build that wrote nothing', async () => {
    await expect(writeBuildStamp(root, 'abc')).rejects.toThrow(/did not write/);
  });
});
