import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine runs where the tests run, so the deployment files are checked for what
 * `docker compose up --build` relies on: structure, images, ports, health checks, start order.
 */
type Service = {
  profiles?: string[];
  image?: string;
  build?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('defines web, db, worker, mail and locust', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['web', 'db', 'worker', 'mail', 'locust']),
    );
  });

  it('runs PostgreSQL 17 with a named volume and a health check', () => {
    const db = compose.services.db!;
    expect(db.image).toMatch(/^postgres:17/);
    expect(db.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('pgdata');
    expect(db.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it('serves web on port 8000 on PostgreSQL, after the database is healthy, with demo data', () => {
    const web = compose.services.web!;
    expect(web.build).toBe('.');
    expect(web.ports).toContain('8000:8000');
    expect(web.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
    expect(web.environment?.SEED_DEMO).toBe('true');
    expect(web.environment?.SMTP_URL).toBe('smtp://mail:1025');
    expect(web.depends_on?.db?.condition).toBe('service_healthy');
    expect(web.healthcheck?.test.join(' ')).toContain('/healthz');
    expect(web.command?.slice(0, 3)).toEqual(['node', 'dist/cli.js', 'serve']);
  });

  it('runs the e-mail worker from the same image, and web leaves background jobs to it', () => {
    expect(compose.services.worker!.image).toBe(compose.services.web!.image);
    expect(compose.services.worker!.command).toEqual(['node', 'dist/cli.js', 'worker']);
    expect(compose.services.web!.environment?.IN_PROCESS_WORKER).toBe('false');
  });

  it('exposes the mail catcher UI on 8025 and Locust on 8089 pointed at web', () => {
    expect(compose.services.mail!.ports).toContain('8025:8025');
    const locust = compose.services.locust!;
    expect(locust.ports).toContain('8089:8089');
    expect(locust.command?.join(' ')).toContain('--host http://web:8000');
    expect(locust.volumes).toContain('./locustfile.py:/mnt/tmm/locustfile.py:ro');
    expect(locust.image).not.toMatch(/^tmm|crm_tmm/);
  });
});

describe('docker-compose.yml production defaults', () => {
  const raw = readFileSync('docker-compose.yml', 'utf8');

  it('has no built-in SESSION_SECRET: compose refuses to start without one', () => {
    const value = compose.services.web!.environment?.SESSION_SECRET ?? '';
    expect(value).toMatch(/^\$\{SESSION_SECRET:\?/);
    expect(raw).not.toMatch(/SESSION_SECRET:-/);
  });

  it('creates load-test accounts only in the loadtest profile', () => {
    expect(compose.services['loadtest-users']!.profiles).toEqual(['loadtest']);
    expect(compose.services.locust!.profiles).toEqual(['loadtest']);
    for (const name of ['web', 'db', 'worker', 'mail'])
      expect(compose.services[name]!.profiles).toBeUndefined();
  });

  it('runs production, where the demo data gets a generated password instead of the published one', () => {
    expect(compose.services.web!.environment?.NODE_ENV).toBe('production');
    expect(raw).not.toContain('tmm-demo-2026');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const instructions = dockerfile
    .split('\n')
    .filter((l) => /^[A-Z]+\s/.test(l))
    .map((l) => l.split(/\s+/)[0]);

  it('is multi-stage and installs production dependencies only', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
  });

  it('runs as a non-root user with a health check on /healthz', () => {
    const lastUser = dockerfile
      .split('\n')
      .filter((l) => l.startsWith('USER '))
      .pop();
    expect(lastUser).toBe('USER node');
    expect(instructions).toContain('HEALTHCHECK');
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(instructions.at(-1)).toBe('CMD');
  });

  it('copies everything the CMD needs', () => {
    for (const path of ['src', 'package.json']) expect(dockerfile).toMatch(new RegExp(`COPY ${path} `));
    expect(dockerfile).toContain('RUN node scripts/build.mjs');
    expect(dockerfile).toContain('COPY --from=deps /app/dist ./dist');
  });
});
