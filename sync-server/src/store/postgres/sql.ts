/** A schema name the store accepts: a plain lower-case identifier, so it needs no quoting in `search_path`. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Имя схемы PostgreSQL «${schema}» не подходит: нужны строчные латинские буквы, цифры и _, не длиннее 63 знаков.`);
  return schema;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A JSON value as a `$n::json` parameter: pg would send a JS array as a PostgreSQL array, not as JSON. */
export function jsonParam(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
