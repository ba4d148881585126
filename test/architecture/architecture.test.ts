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
  paymentDays: 'domain/payments',
  paymentAttempts: 'domain/payments',
  paymentProviderSettings: 'domain/payments',
  products: 'domain/products',
  cartItems: 'domain/cart',
  sales: 'domain/sales',
  saleLines: 'domain/sales',
  shippingRates: 'domain/shipping',
  emailOutbox: 'domain/email',
  emailLog: 'domain/email',
  auditLog: 'domain/audit',
  series: 'domain/series',
  seriesSessions: 'domain/series',
  seriesBookings: 'domain/series',
  seriesBookingEnrollments: 'domain/series',
  facilitators: 'domain/facilitators',
  payRules: 'domain/facilitator-pay',
  payPeriods: 'domain/facilitator-pay',
  payLines: 'domain/facilitator-pay',
  payrollSettings: 'domain/facilitator-pay',
  ticketKeys: 'domain/tickets',
  attendanceSettings: 'domain/attendance-policy',
  workshopAttendancePolicies: 'domain/attendance-policy',
  packProducts: 'domain/packs',
  packProductCategories: 'domain/packs',
  packProductWorkshops: 'domain/packs',
  packs: 'domain/packs',
  packCreditEntries: 'domain/packs',
  discountCodes: 'domain/discounts',
  discountCodeItems: 'domain/discounts',
  discountCodeCustomers: 'domain/discounts',
  discountRedemptions: 'domain/discounts',
  apiKeys: 'domain/api-keys',
  apiIdempotencyKeys: 'domain/api-keys',
  webhookEndpoints: 'domain/webhooks',
  webhookDeliveries: 'domain/webhooks',
  webhookAttempts: 'domain/webhooks',
  widgetOrigins: 'domain/widget',
  locations: 'domain/locations',
  userLocations: 'domain/locations',
  certificates: 'domain/certificates',
  enrollmentCompanions: 'domain/enrollments',
  giftCards: 'domain/gift-cards',
  giftCardEntries: 'domain/gift-cards',
  paymentAttemptEnrollments: 'domain/payments',
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

  it('is the map docs/architecture.md draws: every domain module, and every table under its owner', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const section = (title: string) => doc.split(`## ${title}`)[1]!.split(/\n##? /)[0]!;
    // The owner table's rows: | `module` | `table`, `table` … | what it defines |
    const rows = new Map(
      [...section('Who owns which table').matchAll(/^\| `([\w-]+)` \| ([^|]*) \|/gm)].map(
        (m) => [m[1]!, m[2]!] as const,
      ),
    );
    const modules = readdirSync(path.join(ROOT, 'src', 'domain'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(modules.filter((m) => !rows.has(m))).toEqual([]);
    expect([...rows.keys()].filter((m) => !modules.includes(m))).toEqual([]);
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const misplaced = Object.entries(OWNERS)
      .filter(([table, owner]) => !rows.get(owner.replace('domain/', ''))?.includes(`\`${snake(table)}\``))
      .map(([table, owner]) => `${snake(table)} should be listed under ${owner}`);
    expect(misplaced).toEqual([]);
    // And the rules table names every rule .dependency-cruiser.cjs enforces.
    const config = readFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), 'utf8');
    const rules = [...config.matchAll(/name: '([\w-]+)'/g)].map((m) => m[1]!);
    expect(rules.filter((rule) => !section('The layers').includes(`| \`${rule}\` |`))).toEqual([]);
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
