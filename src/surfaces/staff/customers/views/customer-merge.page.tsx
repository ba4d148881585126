import type { CustomerListRow, CustomerRecord } from '../../../../domain/customers';
import { LIFECYCLE_LABELS } from '../../../../domain/vocabulary';
import { formatDateShort } from '../../../../lib/dates';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Summary = { enrollments: number; orders: number; interactions: number };

type Props = {
  ctx: PageContext;
  customer: CustomerRecord;
  other: CustomerRecord | null;
  q: string;
  candidates: CustomerListRow[];
  customerSummary: Summary;
  otherSummary: Summary | null;
};

function Card({ c, summary, title }: { c: CustomerRecord; summary: Summary; title: string }) {
  return (
    <div class="panel">
      <h2>{title}</h2>
      <dl class="profile-data">
        <dt>Nombre</dt>
        <dd>
          <a href={`/gestion/clientes/${c.id}/`}>{c.fullName}</a>
        </dd>
        <dt>Correo</dt>
        <dd>{c.email}</dd>
        <dt>Teléfono</dt>
        <dd>{c.phone ?? '—'}</dd>
        <dt>Empresa</dt>
        <dd>{c.companyName ?? '—'}</dd>
        <dt>Etapa</dt>
        <dd>{LIFECYCLE_LABELS[c.lifecycleStage]}</dd>
        <dt>Cuenta en el sitio</dt>
        <dd>{c.userId ? 'Sí' : 'No'}</dd>
        <dt>Registro</dt>
        <dd>{formatDateShort(c.createdAt)}</dd>
        <dt>Historial</dt>
        <dd>
          {summary.enrollments} inscripciones, {summary.orders} pedidos, {summary.interactions} contactos
        </dd>
      </dl>
    </div>
  );
}

export function CustomerMergePage({
  ctx,
  customer,
  other,
  q,
  candidates,
  customerSummary,
  otherSummary,
}: Props) {
  const base = `/gestion/clientes/${customer.id}/fusionar/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={`Fusionar ${customer.fullName}`}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Clientes', '/gestion/clientes/'],
        [customer.fullName, `/gestion/clientes/${customer.id}/`],
        ['Fusionar'],
      ]}
    >
      <h1>Fusionar fichas duplicadas</h1>
      <p class="meta">
        Las inscripciones, pedidos (con sus pagos), contactos, intereses y correos de la ficha que se elimina
        pasan a la que se conserva. Los datos vacíos de la ficha conservada se completan con los de la otra.
      </p>
      {!other && (
        <form method="get" action={base} class="filters" aria-label="Buscar y filtrar">
          <div class="field">
            <label for="f-q">Buscar la ficha duplicada</label>
            <input id="f-q" name="q" type="search" value={q} placeholder="Nombre, correo o teléfono" />
          </div>
          <button type="submit" class="button button-small">
            Buscar
          </button>
        </form>
      )}
      {!other && q && (
        <section class="panel">
          {candidates.length === 0 ? (
            <p class="meta">No encontramos otros clientes con "{q}".</p>
          ) : (
            <ul class="candidate-list">
              {candidates.map((c) => (
                <li>
                  <a href={`${base}?otro=${c.id}`} data-test={`merge-candidate-${c.id}`}>
                    {c.fullName}
                  </a>{' '}
                  <span class="meta">
                    {c.email} · registrado el {formatDateShort(c.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {other && otherSummary && (
        <form
          method="post"
          action={base}
          data-confirm="¿Fusionar estas dos fichas? La ficha que no se conserva se eliminará."
        >
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="otro" value={String(other.id)} />
          <div class="merge-grid">
            <Card c={customer} summary={customerSummary} title="Ficha A" />
            <Card c={other} summary={otherSummary} title="Ficha B" />
          </div>
          <fieldset class="panel">
            <legend>¿Qué ficha se conserva?</legend>
            <label>
              <input type="radio" name="conservar" value="este" checked /> Conservar la ficha A (
              {customer.email})
            </label>
            <br />
            <label>
              <input type="radio" name="conservar" value="otro" /> Conservar la ficha B ({other.email})
            </label>
          </fieldset>
          <button type="submit" class="button button-danger">
            Fusionar y eliminar la otra ficha
          </button>{' '}
          <a href={base}>Elegir otra ficha</a>
        </form>
      )}
    </StaffLayout>
  );
}
