#!/usr/bin/env node
// Installed entry point for `tmm`: loads the TypeScript CLI in this same process through tsx's
// loader (no build step, and signals reach the server directly — a child process would not get them).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv.slice(2));
process.exit(code);
