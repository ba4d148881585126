// `npm run build`: bundles the application (src/cli.ts and everything it imports) into dist/cli.js
// with esbuild, and copies the static files beside it. Production runs this plain JavaScript:
// compiling TypeScript in the process with tsx costs ~90 MB of memory per process.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outfile: path.join(root, 'dist', 'cli.js'),
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
cpSync(path.join(root, 'src', 'static'), path.join(root, 'dist', 'static'), { recursive: true });
console.log('dist/cli.js listo');
