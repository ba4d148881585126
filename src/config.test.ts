import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/tmm-config-test' };

describe('configuration', () => {
  it('has working defaults: port 8000 on 127.0.0.1 with SQLite under DATA_DIR', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(8000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/tmp/tmm-config-test/tmm.sqlite' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8000');
  });

  it('selects PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgres://u:p@db:5432/tmm' });
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/tmm' });
  });

  it('stops with one clear line naming a bad value', () => {
    expect(() => loadConfig({ ...base, PORT: 'ochenta' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'ochenta' })).toThrow(/^Configuración inválida: PORT="ochenta"/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
  });

  it('requires SESSION_SECRET in production, and a long one', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/SESSION_SECRET es obligatorio/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', SESSION_SECRET: 'corto' })).toThrow(
      /SESSION_SECRET/,
    );
    const config = loadConfig({ ...base, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    expect(config.sessionSecret).toBe('x'.repeat(40));
    expect(config.seedDemo).toBe(false);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...base, PORT: '', DATABASE_URL: '' }).port).toBe(8000);
  });
});
