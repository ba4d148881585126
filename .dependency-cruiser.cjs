/**
 * The architecture's rules, checked on every `npm run check` (docs/architecture.md draws them):
 * surfaces → domain → db/lib, one way; a domain module is used only through its index.ts; no cycles.
 * Test files (*.test.ts) may reach into anything: they test internals on purpose.
 */
const notTests = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which module depends on which; break them by moving the shared piece down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-only-through-index',
      severity: 'error',
      comment:
        "Another module's files (queries above all) are its own business: use what its index.ts exports.",
      from: { path: '^src/', pathNot: ['^src/domain/([^/]+)/', notTests] },
      to: { path: '^src/domain/([^/]+)/', pathNot: '^src/domain/[^/]+/index\\.ts$' },
    },
    {
      name: 'domain-modules-through-index',
      severity: 'error',
      comment: 'Between domain modules too: only the other module\'s index.ts.',
      from: { path: '^src/domain/([^/]+)/', pathNot: notTests },
      to: { path: '^src/domain/', pathNot: ['^src/domain/$1/', '^src/domain/[^/]+/index\\.ts$', '^src/domain/[^/]+\\.ts$'] },
    },
    {
      name: 'domain-does-not-know-the-web',
      severity: 'error',
      comment: 'Rules never touch requests, pages or the UI: the domain is called by surfaces, not the other way.',
      from: { path: '^src/domain/', pathNot: notTests },
      to: { path: ['^src/surfaces/', '^src/http/', '^src/ui/', '^src/app\\.ts$', '^src/server\\.ts$'] },
    },
    {
      name: 'surfaces-do-not-import-each-other',
      severity: 'error',
      comment: 'Public pages, the account, the back office and the API share through domain, http and ui only.',
      from: { path: '^src/surfaces/([^/]+)/' },
      to: { path: '^src/surfaces/', pathNot: '^src/surfaces/$1/' },
    },
    {
      name: 'lib-and-db-stay-below',
      severity: 'error',
      comment: 'Pure helpers and the database layer know nothing of the application above them.',
      from: { path: ['^src/lib/', '^src/db/'], pathNot: notTests },
      to: { path: ['^src/domain/', '^src/surfaces/', '^src/http/', '^src/ui/', '^src/seed/'] },
    },
    {
      name: 'ui-only-formats',
      severity: 'error',
      comment: 'Layouts and components format what they are given; they read no database and know no route.',
      from: { path: '^src/ui/' },
      to: { path: ['^src/domain/(?!vocabulary\\.ts$)', '^src/surfaces/', '^src/db/database', '^src/db/transaction'] },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'Test-only code lives under test/; the application never imports it.',
      from: { path: '^src/', pathNot: notTests },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    exclude: { path: ['^src/static/'] },
  },
};
