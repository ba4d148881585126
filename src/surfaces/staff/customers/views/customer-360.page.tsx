import { INTERACTION_KINDS } from '../../../../db/schema';
import type {
  CustomerRecord,
  InteractionRow,
  listCustomerEmails,
  listCustomerEnrollments,
  listCustomerOrders,
  listCustomerPayments,
} from '../../../../domain/customers';
import type { CustomerGiftCards } from '../../../../domain/gift-cards';
import type { listPacksOfCustomer } from '../../../../domain/packs';
import {
  CUSTOMER_TYPE_LABELS,
  ENROLLMENT_STATUS_LABELS,
  INTERACTION_LABELS,
  LIFECYCLE_LABELS,
  PACK_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
} from '../../../../domain/vocabulary';
import { formatCalendarDate, formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { formatRut } from '../../../../lib/rut';
import { CsrfField, Field, SelectField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';
import { CustomerGiftCardsSection } from './customer-gift-cards';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

type Props = {
  ctx: PageContext;
  customer: CustomerRecord;
  interests: string[];
  enrollments: Rows<typeof listCustomerEnrollments>;
  orders: Rows<typeof listCustomerOrders>;
  payments: Rows<typeof listCustomerPayments>;
  emails: Rows<typeof listCustomerEmails>;
  interactions: InteractionRow[];
  audit: AuditTrailData;
  interactionValues: Record<string, string>;
  interactionErrors: Record<string, string>;
  /** Santiago calendar day, to flag follow-ups that are due. */
  today: string;
  packs: Rows<typeof listPacksOfCustomer>;
  giftCards: CustomerGiftCards;
};

export function Customer360Page(props: Props) {
  const { ctx, customer: c, enrollments, orders, payments, emails, interactions } = props;
  const owedEnrollments = enrollments.reduce((sum, e) => sum + e.owedClp, 0);
  const owedOrders = orders.filter((o) => o.status === 'PENDIENTE').reduce((sum, o) => sum + o.totalClp, 0);
  const owed = owedEnrollments + owedOrders;
  const base = `/gestion/clientes/${c.id}/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={c.fullName}
      crumbs={[['Gestión', '/gestion/'], ['Clientes', '/gestion/clientes/'], [c.fullName]]}
    >
      <div class="section-head">
        <h1>
          {c.fullName}{' '}
          <span class={`chip stage-${c.lifecycleStage}`}>{LIFECYCLE_LABELS[c.lifecycleStage]}</span>
        </h1>
        <p>
          <a href={`${base}editar/`} class="button button-small">
            Editar
          </a>{' '}
          <a href={`${base}fusionar/`} class="button button-small button-secondary">
            Fusionar con un duplicado
          </a>
        </p>
      </div>

      <div class="summary-cards">
        <div class="panel summary-card">
          <p class="meta">Debe</p>
          <p class={`price${owed > 0 ? ' owed' : ''}`} data-test="customer-owed">
            {formatClp(owed)}
          </p>
        </div>
        <div class="panel summary-card">
          <p class="meta">Inscripciones</p>
          <p class="price">{enrollments.length}</p>
        </div>
        <div class="panel summary-card">
          <p class="meta">Pedidos</p>
          <p class="price">{orders.length}</p>
        </div>
        <div class="panel summary-card">
          <p class="meta">Cliente desde</p>
          <p class="price">{formatDateShort(c.createdAt)}</p>
        </div>
      </div>

      <div class="two-col">
        <div>
          <section class="panel" aria-labelledby="inscripciones">
            <h2 id="inscripciones">Inscripciones ({enrollments.length})</h2>
            {enrollments.length === 0 ? (
              <p class="meta">Aún no se ha inscrito en talleres.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Taller</th>
                      <th scope="col">Fecha</th>
                      <th scope="col">Estado</th>
                      <th scope="col" class="num">
                        Monto
                      </th>
                      <th scope="col" class="num">
                        Pagado
                      </th>
                      <th scope="col" class="num">
                        Debe
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {enrollments.map((e) => (
                      <tr data-test={`enrollment-${e.id}`}>
                        <td>
                          <a href={`/gestion/talleres/${e.workshopId}/`}>{e.workshopName}</a>
                          <br />
                          <span class="meta">Inscrito el {formatDateShort(e.createdAt)}</span>
                        </td>
                        <td>{formatDateTimeShort(e.startsAt)}</td>
                        <td>
                          <span class={`badge badge-${e.status}`}>{ENROLLMENT_STATUS_LABELS[e.status]}</span>
                          {e.refundDueClp > 0 && (
                            <span class="meta"> · reembolso pendiente {formatClp(e.refundDueClp)}</span>
                          )}
                        </td>
                        <td class="num">{formatClp(e.amountDueClp)}</td>
                        <td class="num">{formatClp(e.amountPaidClp)}</td>
                        <td class="num">{e.status === 'ANULADO' ? '—' : formatClp(e.owedClp)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section class="panel" aria-labelledby="pedidos">
            <h2 id="pedidos">Pedidos de kits ({orders.length})</h2>
            {orders.length === 0 ? (
              <p class="meta">Aún no ha comprado kits.</p>
            ) : (
              orders.map((o) => (
                <article class="purchase" data-test={`order-${o.id}`}>
                  <h3>
                    Pedido #{o.id} · {formatDateShort(o.createdAt)}{' '}
                    <span class={`badge badge-${o.status}`}>{ENROLLMENT_STATUS_LABELS[o.status]}</span>
                  </h3>
                  <ul>
                    {o.lines.map((l) => (
                      <li>
                        {l.quantity} × {l.productName} ({formatClp(l.unitPriceClp)} c/u)
                      </li>
                    ))}
                  </ul>
                  <p>
                    Total: <strong>{formatClp(o.totalClp)}</strong>
                  </p>
                </article>
              ))
            )}
          </section>

          <section class="panel" aria-labelledby="bonos">
            <h2 id="bonos">Bonos ({props.packs.length})</h2>
            {props.packs.length === 0 ? (
              <p class="meta">No tiene bonos.</p>
            ) : (
              <ul>
                {props.packs.map((p) => (
                  <li data-test={`customer-pack-${p.id}`}>
                    <a href={`/gestion/bonos/${p.id}/`}>{p.name}</a>: {p.balance} de {p.credits} créditos ·{' '}
                    {PACK_STATUS_LABELS[p.status]} · vence el {formatDateShort(p.expiresAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <CustomerGiftCardsSection cards={props.giftCards} />

          <section class="panel" aria-labelledby="pagos">
            <h2 id="pagos">Pagos ({payments.length})</h2>
            {payments.length === 0 ? (
              <p class="meta">No hay pagos registrados.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Fecha</th>
                      <th scope="col">Concepto</th>
                      <th scope="col">Medio</th>
                      <th scope="col" class="num">
                        Monto
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {payments.map((p) => (
                      <tr data-test={`payment-${p.id}`}>
                        <td>{formatDateTimeShort(p.paidAt)}</td>
                        <td>
                          {p.kind === 'REFUND' ? 'Reembolso · ' : ''}
                          {p.enrollmentId ? (p.workshopName ?? 'Taller') : `Pedido #${p.saleId}`}
                        </td>
                        <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                        <td class="num">{formatClp(p.kind === 'REFUND' ? -p.amountClp : p.amountClp)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section class="panel" aria-labelledby="historial-contactos">
            <h2 id="historial-contactos">Contactos y seguimiento</h2>
            <form method="post" action={`${base}interacciones/`} class="interaction-form" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <div class="bulk-row">
                <SelectField
                  name="tipo"
                  label="Tipo"
                  value={props.interactionValues.tipo ?? 'call'}
                  error={props.interactionErrors.tipo}
                  options={INTERACTION_KINDS.map((k) => ({ value: k, label: INTERACTION_LABELS[k] }))}
                />
                <Field
                  name="seguimiento"
                  label="Seguimiento (opcional)"
                  type="date"
                  value={props.interactionValues.seguimiento}
                  error={props.interactionErrors.seguimiento}
                />
              </div>
              <TextAreaField
                name="resumen"
                label="Resumen"
                rows={3}
                value={props.interactionValues.resumen}
                error={props.interactionErrors.resumen}
                required
              />
              <button type="submit" class="button button-small">
                Registrar contacto
              </button>
            </form>
            {interactions.length === 0 ? (
              <p class="meta">Aún no hay contactos registrados.</p>
            ) : (
              <ol class="timeline">
                {interactions.map((i) => (
                  <li data-test={`interaction-${i.id}`}>
                    <p class="meta">
                      <span class="chip">{INTERACTION_LABELS[i.kind]}</span>{' '}
                      {formatDateTimeShort(i.createdAt)} · {i.authorName || i.authorEmail || 'Sistema'}
                    </p>
                    <p class="prewrap">{i.summary}</p>
                    {i.followUpOn && (
                      <div
                        class={`follow-up${!i.followUpDoneAt && i.followUpOn <= props.today ? ' follow-up-due' : ''}`}
                      >
                        Seguimiento: {formatCalendarDate(i.followUpOn)}
                        {i.followUpDoneAt ? (
                          <> · hecho el {formatDateShort(i.followUpDoneAt)}</>
                        ) : (
                          <form
                            method="post"
                            action={`/gestion/clientes/interacciones/${i.id}/hecho/`}
                            class="inline-form"
                          >
                            <CsrfField token={ctx.csrfToken} />
                            <input type="hidden" name="volver" value={base} />{' '}
                            <button type="submit" class="button button-small button-secondary">
                              Marcar como hecho
                            </button>
                          </form>
                        )}
                      </div>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section class="panel" aria-labelledby="correos">
            <h2 id="correos">Correos enviados ({emails.length})</h2>
            {emails.length === 0 ? (
              <p class="meta">No se le han enviado correos.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Fecha</th>
                      <th scope="col">Asunto</th>
                      <th scope="col">Estado</th>
                    </tr>
                  </thead>
                  <tbody>
                    {emails.map((e) => (
                      <tr data-test={`email-${e.id}`}>
                        <td>{formatDateTimeShort(e.createdAt)}</td>
                        <td>{e.subject}</td>
                        <td>
                          {e.status === 'SUCCESS' ? (
                            <span class="badge badge-PAGADO">Enviado</span>
                          ) : (
                            <>
                              <span class="badge badge-PENDIENTE">Fallido</span>
                              {e.errorMessage && <span class="meta"> {e.errorMessage}</span>}
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <AuditTrail trail={props.audit} listHref={`/gestion/auditoria/?entidad=customer&q=${c.id}`} />
        </div>

        <aside>
          <section class="panel" aria-labelledby="datos">
            <h2 id="datos">Datos</h2>
            <dl class="profile-data">
              <dt>Correo</dt>
              <dd>
                <a href={`mailto:${c.email}`}>{c.email}</a>
                {c.isMarketingOptOut && <span class="chip chip-warning">No quiere novedades</span>}
              </dd>
              <dt>Teléfono</dt>
              <dd>{c.phone ?? '—'}</dd>
              <dt>RUT</dt>
              <dd>{c.rut ? formatRut(c.rut) : '—'}</dd>
              <dt>Nacimiento</dt>
              <dd>{c.birthDate ? formatCalendarDate(c.birthDate) : '—'}</dd>
              <dt>Comuna</dt>
              <dd>{c.comuna ?? '—'}</dd>
              <dt>Tipo</dt>
              <dd>{CUSTOMER_TYPE_LABELS[c.customerType]}</dd>
              <dt>Empresa</dt>
              <dd>{c.companyId ? <a href={`/gestion/empresas/${c.companyId}/`}>{c.companyName}</a> : '—'}</dd>
              <dt>Cuenta en el sitio</dt>
              <dd>{c.userId ? 'Sí' : 'No'}</dd>
              <dt>Última actividad</dt>
              <dd>{c.lastActivityAt ? formatDateShort(c.lastActivityAt) : '—'}</dd>
            </dl>
          </section>
          <section class="panel" aria-labelledby="intereses">
            <h2 id="intereses">Intereses</h2>
            {props.interests.length === 0 ? (
              <p class="meta">Sin intereses registrados.</p>
            ) : (
              <p>
                {props.interests.map((i) => (
                  <>
                    <span class="chip">{i}</span>{' '}
                  </>
                ))}
              </p>
            )}
          </section>
          <section class="panel" aria-labelledby="notas">
            <h2 id="notas">Observaciones</h2>
            <p class="prewrap">{c.notes ?? 'Sin observaciones.'}</p>
          </section>
        </aside>
      </div>
    </StaffLayout>
  );
}
