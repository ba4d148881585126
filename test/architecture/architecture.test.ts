import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floor plan of docs/architecture.md, checked: every table has one module that writes it, and
 * the dependency rules (.dependency-cruiser.cjs, run by `npm run check`) really refuse what they say.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Table → the one module allowed to write it (db/locks.ts is the capacity helper they share). */
const OWNERS: Record<string, string> = {
  users: 'domain/users',
  sessions: 'domain/users',
  userTokens: 'domain/users',
  loginFailures: 'domain/users',
  signupRequests: 'domain/users',
  customers: 'domain/customers',
  customerInterests: 'domain/customers',
  companies: 'domain/customers',
  interests: 'domain/customers',
  interactions: 'domain/customers',
  workshops: 'domain/workshops',
  waitlistEntries: 'domain/capacity',
  enrollments: 'domain/enrollments',
  payments: 'domain/payments',
  products: 'domain/products',
  cartItems: 'domain/cart',
  sales: 'domain/sales',
  saleLines: 'domain/sales',
  emailOutbox: 'domain/email',
  emailLog: 'domain/email',
  auditLog: 'domain/audit',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.includes('.test.') ? [full] : [];
  });
}

/** The module of a file: domain/<name>, surfaces/<name>, or the top folder (db, http …). */
function moduleOf(file: string): string {
  const parts = path.relative(path.join(ROOT, 'src'), file).split(path.sep);
  return parts[0] === 'domain' || parts[0] === 'surfaces' ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

describe('the floor plan', () => {
  it('lets only the owning module write each table', () => {
    const wrong: string[] = [];
    // Seeds and migrations load fixtures and reshape data as SQL: they are not application code.
    const files = sourceFiles(path.join(ROOT, 'src')).filter(
      (f) => !f.includes(`${path.sep}migrations${path.sep}`) && !f.includes(`${path.sep}seed${path.sep}`),
    );
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\.(insertInto|updateTable|deleteFrom)\(\s*([^)]*?)\s*\)/g)) {
        const literal = /^'(\w+)(?: as \w+)?'$/.exec(m[2]!);
        const where = `${path.relative(ROOT, file)}: ${m[1]}(${m[2]})`;
        if (!literal) {
          wrong.push(`${where} — the table must be named, so its owner can be checked`);
          continue;
        }
        const table = literal[1]!;
        const owner = OWNERS[table];
        const module = moduleOf(file);
        const lockHelper = path.relative(ROOT, file) === path.join('src', 'db', 'locks.ts');
        if (!owner) wrong.push(`${where} — table ${table} has no owner in this test`);
        else if (module !== owner && !lockHelper) wrong.push(`${where} — ${table} belongs to ${owner}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps SQL out of routes, pages and the HTTP layer: they call the domain', () => {
    const withSql = ['surfaces', 'http', 'ui']
      .flatMap((dir) => sourceFiles(path.join(ROOT, 'src', dir)))
      .filter((file) =>
        /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(ROOT, file));
    expect(withSql).toEqual([]);
  });

  it('refuses, in npm run check, a surface that reaches into a domain module’s queries', () => {
    const probe = path.join(ROOT, 'src', 'surfaces', 'public', 'architecture-probe.ts');
    writeFileSync(probe, "export { findUserByLogin } from '../../domain/users/auth.queries';\n");
    try {
      let output = '';
      try {
        execFileSync(
          path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
          [
            'src/surfaces/public/architecture-probe.ts',
            '--config',
            '.dependency-cruiser.cjs',
            '--output-type',
            'err',
          ],
          { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
        );
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      expect(output).toContain('domain-only-through-index');
    } finally {
      rmSync(probe, { force: true });
    }
  });
});
