import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decideBuild, writeBuildStamp } from './build-stamp.js';

// `npm start` runs this first: the console is built (`npm run build`, ~13 s) only when its sources
// changed since the last build, or dist/ is missing, so a plain restart starts the server at once.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => console.log(`[guichet] ${line}`);

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run build ${signal ? `stopped by ${signal}` : `exited with ${code}`}`))));
  });
}

const decision = await decideBuild(ROOT);
const short = decision.inputs.slice(0, 12);
if (!decision.build) {
  say(`console build up to date (hash ${short}), skipped`);
} else {
  say(`${decision.reason}: building the console (hash ${short})`);
  const started = performance.now();
  try {
    await runBuild();
  } catch (err) {
    console.error(`[guichet] console build failed: ${(err as Error).message}`);
    process.exit(1);
  }
  await writeBuildStamp(ROOT, decision.inputs);
  say(`console built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
