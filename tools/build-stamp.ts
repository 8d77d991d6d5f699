import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether the built console and widget (dist/) are those of the sources on disk. The stamp holds a
 * hash of everything the build reads and a hash of what it wrote: a changed source, or a dist/
 * rebuilt by another command (`npm run build`, `npx vite build`) since, both mean "build again".
 */

/** What the builds read: sources, the Vite configs and their plugin, the locked dependencies. */
export const BUILD_INPUTS = [
  'client',
  'shared',
  'vite.config.ts',
  'vite.widget.config.ts',
  'tools/vite-precompress.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
] as const;

/** What the builds write and the server needs; their content says which build is in dist/. */
export const BUILD_OUTPUTS = ['dist/client/index.html', 'dist/widget/guichet-widget.js'] as const;

export const STAMP_FILE = 'dist/build-stamp.json';

interface Stamp {
  inputs: string;
  outputs: string;
}

export type BuildDecision = { build: false; inputs: string } | { build: true; inputs: string; reason: string };

// Tests are never bundled: editing one must not cost a rebuild.
const NOT_BUILT = /\.test\.tsx?$/;

async function filesUnder(root: string, entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  try {
    const children = await readdir(full, { withFileTypes: true });
    const nested = await Promise.all(
      children.map((child) => (child.isDirectory() ? filesUnder(root, path.posix.join(entry, child.name)) : Promise.resolve([path.posix.join(entry, child.name)]))),
    );
    return nested.flat();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return [entry];
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** One hash over the paths and contents of every build input, in a fixed order. */
export async function hashBuildInputs(root: string, inputs: readonly string[] = BUILD_INPUTS): Promise<string> {
  const files = (await Promise.all(inputs.map((entry) => filesUnder(root, entry)))).flat().filter((f) => !NOT_BUILT.test(f));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = await readFile(path.join(root, file));
    // Path and length delimit each file, so moving bytes between files changes the hash.
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** A hash of the outputs, or null when one is missing. */
async function hashOutputs(root: string): Promise<string | null> {
  const hash = createHash('sha256');
  for (const file of BUILD_OUTPUTS) {
    try {
      hash.update(await readFile(path.join(root, file)));
    } catch {
      return null;
    }
  }
  return hash.digest('hex');
}

async function readStamp(root: string): Promise<Stamp | null> {
  try {
    const stamp = JSON.parse(await readFile(path.join(root, STAMP_FILE), 'utf8')) as Partial<Stamp>;
    return typeof stamp.inputs === 'string' && typeof stamp.outputs === 'string' ? { inputs: stamp.inputs, outputs: stamp.outputs } : null;
  } catch {
    return null;
  }
}

export async function decideBuild(root: string): Promise<BuildDecision> {
  const inputs = await hashBuildInputs(root);
  const outputs = await hashOutputs(root);
  if (outputs === null) return { build: true, inputs, reason: 'dist/ missing' };
  const stamp = await readStamp(root);
  if (!stamp) return { build: true, inputs, reason: 'no build stamp' };
  if (stamp.inputs !== inputs) return { build: true, inputs, reason: 'sources changed' };
  if (stamp.outputs !== outputs) return { build: true, inputs, reason: 'dist/ rebuilt by another command' };
  return { build: false, inputs };
}

/**
 * Records a finished build. `inputs` is the hash taken before it started: a source edited while
 * it ran then differs at the next start, which builds again rather than trust a mixed build.
 */
export async function writeBuildStamp(root: string, inputs: string): Promise<void> {
  const outputs = await hashOutputs(root);
  if (outputs === null) throw new Error(`the build did not write ${BUILD_OUTPUTS.join(' and ')}`);
  const stamp: Stamp = { inputs, outputs };
  await writeFile(path.join(root, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}
