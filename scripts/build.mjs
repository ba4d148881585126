// `npm run build`: bundles the application (src/cli.ts and everything it imports) into dist/cli.js
// with esbuild, and copies the static files beside it. Production runs this plain JavaScript:
// compiling TypeScript in the process with tsx costs ~90 MB of memory per process.
// Tests import buildBundle() to run the same bundle as production from a directory of their own.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes cli.js (and static/) into outDir, which must be inside the project so packages resolve. */
export async function buildBundle(outDir = path.join(root, 'dist')) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'src', 'cli.ts')],
    outfile: path.join(outDir, 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(path.join(root, 'src', 'static'), path.join(outDir, 'static'), { recursive: true });
  return path.join(outDir, 'cli.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle();
  console.log('dist/cli.js listo');
}
