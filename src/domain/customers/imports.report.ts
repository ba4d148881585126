/** What a CSV import found, row by row: shown as the preview and when the import is refused. */
export type ImportKind = 'customers' | 'companies';

export type ImportRowReport = {
  /** Line in the file (the header is line 1). */
  line: number;
  /** What the row is about ("Ana Soto <ana@…>"), for the report. */
  label: string;
  action: 'create' | 'update';
  errors: string[];
};

export type ImportReport = {
  kind: ImportKind;
  /** Problems with the file as a whole (missing columns, empty file, too many rows). */
  fileErrors: string[];
  /** Columns we do not know; they are ignored. */
  ignoredColumns: string[];
  rows: ImportRowReport[];
  creates: number;
  updates: number;
  invalid: number;
};
