import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './database';
import * as m0001 from './migrations/0001_initial';
import * as m0600 from './migrations/0600_backoffice';
import * as m0700 from './migrations/0700_reports_indexes';
import * as m0800 from './migrations/0800_security';
import * as m0900 from './migrations/0900_search_text';
import * as m1000 from './migrations/1000_marketing_consent';
import * as m1010 from './migrations/1010_workshop_details';
import * as m1200 from './migrations/1200_payment_days';
import * as m1210 from './migrations/1210_sale_lines_cover';
import * as m1400 from './migrations/1400_calendar_feed';
import * as m1500 from './migrations/1500_online_payments';
import * as m1600 from './migrations/1600_kit_fulfilment';
import * as m1700 from './migrations/1700_class_packs';
import * as m1750 from './migrations/1750_discount_codes';
import * as m1751 from './migrations/1751_early_bird';
import * as m1800 from './migrations/1800_checkin';
import * as m1810 from './migrations/1810_attendance_policy';
import * as m1820 from './migrations/1820_certificates';
import * as m1900 from './migrations/1900_series';
import * as m1910 from './migrations/1910_locations';
import * as m1920 from './migrations/1920_series_certificates';
import * as m1950 from './migrations/1950_facilitators';
import * as m1960 from './migrations/1960_facilitator_pay';
import * as m2000 from './migrations/2000_api_keys';
import * as m2050 from './migrations/2050_webhooks';
import * as m2100 from './migrations/2100_gift_cards';
import * as m2200 from './migrations/2200_enrollment_companions';
import * as m2300 from './migrations/2300_pay_rules_series';
import * as m2301 from './migrations/2301_attempt_enrollments';
import * as m2400 from './migrations/2400_sale_gift_card_holds';
import * as m2401 from './migrations/2401_series_facilitator';

/**
 * Migrations are listed here explicitly (not discovered on disk) so they run the same under
 * tsx, vitest and a bundled build. Add new ones at the end; never edit an applied one.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0600_backoffice': m0600,
  '0700_reports_indexes': m0700,
  '0800_security': m0800,
  '0900_search_text': m0900,
  '1000_marketing_consent': m1000,
  '1200_payment_days': m1200,
  '1210_sale_lines_cover': m1210,
  '1400_calendar_feed': m1400,
  '1010_workshop_details': m1010,
  '1500_online_payments': m1500,
  '1600_kit_fulfilment': m1600,
  '1900_series': m1900,
  '1950_facilitators': m1950,
  '1960_facilitator_pay': m1960,
  '1800_checkin': m1800,
  '1810_attendance_policy': m1810,
  '1700_class_packs': m1700,
  '1750_discount_codes': m1750,
  '1751_early_bird': m1751,
  '2000_api_keys': m2000,
  '2050_webhooks': m2050,
  '2200_enrollment_companions': m2200,
  '1910_locations': m1910,
  '1820_certificates': m1820,
  '1920_series_certificates': m1920,
  '2100_gift_cards': m2100,
  '2300_pay_rules_series': m2300,
  '2301_attempt_enrollments': m2301,
  '2400_sale_gift_card_holds': m2400,
  '2401_series_facilitator': m2401,
};

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

export class MigrationError extends Error {}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`La migración ${failed?.migrationName ?? '?'} falló: ${cause}`);
  }
  return result;
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return check(await createMigrator(db).migrateToLatest());
}

export async function migrateDown(db: Db): Promise<MigrationResultSet> {
  return check(await createMigrator(db).migrateDown());
}

export async function migrationStatus(db: Db) {
  return createMigrator(db).getMigrations();
}
