/** bigNumber columns are a numeric plus a raw_ jsonb that Medusa reads the exact value from: the jsonb for an SQL expression. */
export function rawNumeric(expression: string): string {
  return `jsonb_build_object('value', (${expression})::text, 'precision', 20)`
}
