#!/usr/bin/env node
// Installed entry point for `tmm`: loads the TypeScript CLI in this same process through tsx's
// loader (no build step, and signals reach the server directly — a child process would not get them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// tsx looks for tsconfig.json in the working directory; the JSX settings (Preact) live in ours,
// wherever `tmm` is started from. Cluster workers inherit the variable.
process.env.TSX_TSCONFIG_PATH ??= path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'tsconfig.json',
);
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv.slice(2));
process.exit(code);
