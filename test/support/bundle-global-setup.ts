import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildBundle } from '../../scripts/build.mjs';

declare module 'vitest' {
  interface ProvidedContext {
    bundlePath: string;
  }
}

/**
 * Builds the production bundle (what `npm start` and the Docker image run) once per project, into a
 * directory of its own inside the checkout (packages resolve from its node_modules), so tests that
 * start `node cli.js serve` test the real artefact without touching dist/.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const parent = path.join(root, '.tmp');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(parent, { recursive: true });
  const outDir = mkdtempSync(path.join(parent, `bundle-${project.name}-`));
  project.provide('bundlePath', await buildBundle(outDir));
  return () => rmSync(outDir, { recursive: true, force: true });
}
