import type { Db, Tx } from '../../db/database';
import {
  ONLINE_PROVIDERS,
  type OnlineProvider,
  PAYMENT_PROVIDERS,
  type PaymentProvider,
} from '../../db/schema';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { PaymentGateways } from './gateways/registry';
import { LastProviderError, ProviderNotConfiguredError } from './online-payments.errors';
import { listProviderSettings, updateProviderSetting } from './online-payments.queries';

/** What a payment page offers: the real providers, and whether the simulated page is on. */
export type PaymentChoice = { online: OnlineProvider[]; simulated: boolean };

/**
 * The providers customers see: those staff turned on that this installation has credentials for.
 * The simulated page needs none; with nothing configured it is the only one, as in development,
 * demos and tests.
 */
export async function offeredProviders(db: Db | Tx, gateways: PaymentGateways): Promise<PaymentChoice> {
  const enabled = new Set(
    (await listProviderSettings(db)).filter((row) => row.isEnabled).map((row) => row.provider),
  );
  return {
    online: ONLINE_PROVIDERS.filter((p) => enabled.has(p) && gateways[p] !== undefined),
    simulated: enabled.has('simulated'),
  };
}

export type ProviderSettingView = {
  provider: PaymentProvider;
  enabled: boolean;
  /** Credentials present (always, for the simulated page). */
  configured: boolean;
  /** The provider's environment as staff read it, when configured. */
  environment: string | null;
  /** Turned on and usable: what customers see. */
  offered: boolean;
  updatedAt: string | null;
};

/** The staff page's view of each provider: on or off, configured or not, and what customers see. */
export async function providerSettings(db: Db, gateways: PaymentGateways): Promise<ProviderSettingView[]> {
  const rows = new Map((await listProviderSettings(db)).map((row) => [row.provider, row]));
  return PAYMENT_PROVIDERS.map((provider) => {
    const row = rows.get(provider);
    const gateway = provider === 'simulated' ? null : gateways[provider];
    const configured = provider === 'simulated' || gateway !== undefined;
    const enabled = row?.isEnabled ?? false;
    return {
      provider,
      enabled,
      configured,
      environment: gateway?.environment ?? null,
      offered: enabled && configured,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/**
 * Staff turn a provider on or off for customers. A provider without credentials cannot be turned on
 * (ProviderNotConfiguredError), and the last one offered cannot be turned off (LastProviderError).
 * Audited.
 */
export async function setProviderEnabled(
  trx: Tx,
  input: { provider: PaymentProvider; enabled: boolean },
  gateways: PaymentGateways,
  ctx: ServiceContext,
): Promise<void> {
  if (input.enabled && input.provider !== 'simulated' && gateways[input.provider] === undefined)
    throw new ProviderNotConfiguredError(input.provider);
  const wasEnabled = (await listProviderSettings(trx)).some(
    (r) => r.provider === input.provider && r.isEnabled,
  );
  const before = await offeredProviders(trx, gateways);
  const offeredBefore = [...before.online, ...(before.simulated ? ['simulated' as const] : [])];
  if (!input.enabled && offeredBefore.length === 1 && offeredBefore[0] === input.provider)
    throw new LastProviderError();
  await updateProviderSetting(trx, {
    provider: input.provider,
    isEnabled: input.enabled,
    userId: ctx.actor?.userId ?? null,
    now: ctx.now,
  });
  await recordAudit(
    trx,
    {
      entityType: 'payment_provider',
      entityId: PAYMENT_PROVIDERS.indexOf(input.provider) + 1,
      action: 'update',
      before: { provider: input.provider, enabled: wasEnabled },
      after: { provider: input.provider, enabled: input.enabled },
    },
    ctx,
  );
}
