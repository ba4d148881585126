import type { ImportKind, ImportReport } from '../../../../domain/customers';
import { plural } from '../../../../domain/vocabulary';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  kind: ImportKind;
  report: ImportReport | null;
  /** The CSV text of the preview, posted back by "Confirmar importación". */
  text: string;
  error: string | null;
};

const COPY = {
  customers: {
    title: 'Importar clientes',
    list: '/gestion/clientes/',
    listLabel: 'Clientes',
    segment: 'clientes',
    columns:
      'nombre, email, telefono, comuna, tipo (B2C o B2B), empresa, rut, fecha_nacimiento, intereses, observaciones',
    match:
      'Si el correo ya existe, se actualiza ese cliente (las celdas vacías no borran lo que ya sabemos).',
    example:
      'nombre;email;telefono;comuna;tipo;empresa\nJosé Pérez;jose@ejemplo.cl;+56 9 1234 5678;Valparaíso;B2C;',
  },
  companies: {
    title: 'Importar empresas',
    list: '/gestion/empresas/',
    listLabel: 'Empresas',
    segment: 'empresas',
    columns: 'razon_social, rut, direccion, telefono',
    match: 'Si el RUT ya existe (o, sin RUT, la misma razón social), se actualiza esa empresa.',
    example:
      'razon_social;rut;direccion;telefono\nCafé del Cerro SpA;76.123.456-0;Almirante Montt 45, Valparaíso;+56 32 123 4567',
  },
} as const;

export function ImportPage({ ctx, kind, report, text, error }: Props) {
  const c = COPY[kind];
  const action = `/gestion/${c.segment}/importar/`;
  const ok = report && report.fileErrors.length === 0 && report.invalid === 0 && report.rows.length > 0;
  return (
    <StaffLayout
      ctx={ctx}
      title={c.title}
      crumbs={[['Gestión', '/gestion/'], [c.listLabel, c.list], ['Importar']]}
    >
      <h1>{c.title}</h1>
      {error && (
        <p class="flash flash-error" role="alert" data-test="import-error">
          {error}
        </p>
      )}
      {report && (
        <section class="panel" aria-labelledby="revision" data-test="import-report">
          <h2 id="revision">Revisión del archivo</h2>
          {report.fileErrors.map((e) => (
            <p class="error">{e}</p>
          ))}
          {report.rows.length > 0 && (
            <p>
              {plural(report.rows.length, 'fila', 'filas')}: {report.creates} para crear, {report.updates}{' '}
              para actualizar
              {report.invalid > 0 && (
                <>
                  , <strong class="error">{report.invalid} con errores</strong>
                </>
              )}
              .
            </p>
          )}
          {report.ignoredColumns.length > 0 && (
            <p class="meta">Columnas que no se usan (se ignoran): {report.ignoredColumns.join(', ')}.</p>
          )}
          {!ok && report.rows.length > 0 && (
            <p class="error">
              No se importará nada mientras haya filas con errores. Corrige el archivo y vuelve a subirlo.
            </p>
          )}
          {report.rows.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Fila</th>
                    <th scope="col">Registro</th>
                    <th scope="col">Acción</th>
                    <th scope="col">Resultado</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr
                      class={r.errors.length ? 'row-invalid' : undefined}
                      data-test={`import-row-${r.line}`}
                    >
                      <td>{r.line}</td>
                      <td>{r.label}</td>
                      <td>{r.action === 'create' ? 'Crear' : 'Actualizar'}</td>
                      <td>
                        {r.errors.length === 0 ? (
                          <span class="seats-ok">Correcta</span>
                        ) : (
                          <ul class="error">
                            {r.errors.map((e) => (
                              <li>{e}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {ok && (
            <form method="post" action={`${action}confirmar/`} class="import-confirm">
              <CsrfField token={ctx.csrfToken} />
              <details>
                <summary>Contenido que se importará</summary>
                <label for="f-contenido-confirmar" class="visually-hidden">
                  Contenido del archivo
                </label>
                <textarea id="f-contenido-confirmar" name="contenido" rows={8} readOnly>
                  {text}
                </textarea>
              </details>
              <button type="submit" class="button" data-test="import-confirm">
                Confirmar importación
              </button>{' '}
              <a href={action}>Cancelar</a>
            </form>
          )}
        </section>
      )}
      <form method="post" action={action} enctype="multipart/form-data" class="panel" data-test="import-form">
        <CsrfField token={ctx.csrfToken} />
        <h2>{report ? 'Subir otro archivo' : 'Subir un archivo CSV'}</h2>
        <p class="meta">
          La primera fila debe tener los títulos de las columnas. Se aceptan archivos separados por punto y
          coma (Excel) o por comas. Columnas: {c.columns}. {c.match}
        </p>
        <div class="field">
          <label for="f-archivo">Archivo CSV</label>
          <input id="f-archivo" name="archivo" type="file" accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label for="f-contenido">…o pega aquí el contenido</label>
          <textarea id="f-contenido" name="contenido" rows={6} placeholder={c.example} />
        </div>
        <button type="submit" class="button">
          Revisar archivo
        </button>
      </form>
    </StaffLayout>
  );
}
