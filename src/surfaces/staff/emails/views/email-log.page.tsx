import type { LogFilter } from '../../../../domain/email';
import type { ListDataOf } from '../../../../http/staff-list';
import { Field, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { EMAIL_LIST } from '../emails.list';

const LIST = EMAIL_LIST.path;

const FILTER_OPTIONS: { value: LogFilter; label: string }[] = [
  { value: 'pendiente', label: 'Pendientes' },
  { value: 'reintentando', label: 'Reintentando' },
  { value: 'enviado', label: 'Enviados' },
  { value: 'fallido', label: 'Fallidos' },
];

type Props = ListDataOf<typeof EMAIL_LIST> & { ctx: PageContext };

export function EmailLogPage({ ctx, query, page }: Props) {
  return (
    <StaffLayout ctx={ctx} title="Registro de correos">
      <h1>Registro de correos</h1>
      <p class="meta">
        Cada correo que TMM envía o intenta enviar, el más reciente primero. Los fallidos se reintentan solos
        varias veces; con «Reenviar» se pone en cola una copia nueva.
      </p>
      <form method="get" action={LIST} class="filters">
        <SelectField
          name="estado"
          label="Estado"
          options={FILTER_OPTIONS}
          value={query.filters.estado ?? ''}
          emptyLabel="Todos"
        />
        <Field name="q" label="Destinatario" type="search" value={query.q} placeholder="correo@ejemplo.cl" />
        <button type="submit" class="button">
          Filtrar
        </button>
      </form>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Registro de correos"
        empty="No hay correos que coincidan con el filtro."
        rowId={EMAIL_LIST.rowId}
        rowTest={() => 'email-row'}
        columns={EMAIL_LIST.columns}
        view={{ ctx }}
      />
    </StaffLayout>
  );
}
