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

  it('has the demo centre’s contact details by default, and validates the ones given', () => {
    expect(loadConfig(base).centre).toEqual({
      address: 'Almirante Montt 123, Cerro Alegre, Valparaíso',
      pickupHours: 'Martes a sábado, de 11:00 a 19:00 hrs',
      whatsapp: '+56 9 1234 5678',
      instagram: 'tmmbienestaryconexion',
      email: 'tmmbienestaryconexion@gmail.com',
    });
    const given = loadConfig({
      ...base,
      CENTRE_ADDRESS: 'Templeman 520, Valparaíso',
      CENTRE_PICKUP_HOURS: 'Lunes a viernes, 10 a 18 hrs',
      CENTRE_WHATSAPP: '+56  9 8765 4321',
      CENTRE_INSTAGRAM: '@tmm.valpo',
      CENTRE_EMAIL: 'hola@tmm.cl',
    }).centre;
    expect(given).toEqual({
      address: 'Templeman 520, Valparaíso',
      pickupHours: 'Lunes a viernes, 10 a 18 hrs',
      whatsapp: '+56 9 8765 4321',
      instagram: 'tmm.valpo',
      email: 'hola@tmm.cl',
    });
    expect(() => loadConfig({ ...base, CENTRE_WHATSAPP: '9 8765 4321' })).toThrow(
      /^Configuración inválida: CENTRE_WHATSAPP=.*número internacional/,
    );
    expect(() => loadConfig({ ...base, CENTRE_INSTAGRAM: 'https://instagram.com/tmm' })).toThrow(
      /CENTRE_INSTAGRAM/,
    );
    expect(() => loadConfig({ ...base, CENTRE_EMAIL: 'hola' })).toThrow(/CENTRE_EMAIL/);
    expect(() => loadConfig({ ...base, CENTRE_ADDRESS: 'x' })).toThrow(/CENTRE_ADDRESS/);
    expect(() => loadConfig({ ...base, CENTRE_PICKUP_HOURS: 'x' })).toThrow(/CENTRE_PICKUP_HOURS/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...base, PORT: '', DATABASE_URL: '' }).port).toBe(8000);
  });

  it('configures no payment provider unless told: the simulated page is then the only one', () => {
    expect(loadConfig(base).payments).toEqual({ webpay: null, mercadoPago: null, timeoutMs: 20_000 });
  });

  it('uses Transbank’s public integration credentials for WEBPAY_ENVIRONMENT=integration', () => {
    expect(loadConfig({ ...base, WEBPAY_ENVIRONMENT: 'integration' }).payments.webpay).toEqual({
      environment: 'integration',
      commerceCode: '597055555532',
      apiKey: '579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C',
      baseUrl: 'https://webpay3gint.transbank.cl',
    });
    const live = loadConfig({
      ...base,
      WEBPAY_ENVIRONMENT: 'production',
      WEBPAY_COMMERCE_CODE: '597012345678',
      WEBPAY_API_KEY: 'una-llave-secreta-de-transbank',
      WEBPAY_BASE_URL: 'http://127.0.0.1:9999/',
    }).payments.webpay;
    expect(live).toMatchObject({ commerceCode: '597012345678', baseUrl: 'http://127.0.0.1:9999' });
  });

  it('refuses half a provider configuration with one line naming what is missing', () => {
    expect(() => loadConfig({ ...base, WEBPAY_ENVIRONMENT: 'production' })).toThrow(
      /WEBPAY_ENVIRONMENT=production necesita WEBPAY_COMMERCE_CODE y WEBPAY_API_KEY/,
    );
    expect(() => loadConfig({ ...base, WEBPAY_COMMERCE_CODE: '597012345678' })).toThrow(/WEBPAY_ENVIRONMENT/);
    expect(() => loadConfig({ ...base, WEBPAY_ENVIRONMENT: 'sandbox' })).toThrow(/WEBPAY_ENVIRONMENT/);
    expect(() => loadConfig({ ...base, MERCADOPAGO_ACCESS_TOKEN: 'TEST-123-abc' })).toThrow(
      /MERCADOPAGO_WEBHOOK_SECRET/,
    );
    expect(() => loadConfig({ ...base, MERCADOPAGO_BASE_URL: 'ftp://x' })).toThrow(/MERCADOPAGO_BASE_URL/);
    const mp = loadConfig({
      ...base,
      MERCADOPAGO_ACCESS_TOKEN: 'APP_USR-123-abc',
      MERCADOPAGO_WEBHOOK_SECRET: 'secreto-de-webhooks-123',
    }).payments.mercadoPago;
    expect(mp).toEqual({
      accessToken: 'APP_USR-123-abc',
      webhookSecret: 'secreto-de-webhooks-123',
      baseUrl: null,
    });
  });
});
