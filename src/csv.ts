import { stringify } from 'csv-stringify/sync';

/** A leading character that makes a spreadsheet read the cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field a spreadsheet would run is written with a leading `'`, which shows it as text. */
export function neutralizeFormula(field: string): string {
  return FORMULA_START.test(field) ? `'${field}` : field;
}

/**
 * CSV as design/api.md specifies it: RFC 4180 with CRLF record ends and quotes doubled; any
 * field holding a quote, comma or line break (a lone \n or \r too, not only CRLF) is quoted; no
 * byte order mark; and no field a spreadsheet would run as a formula.
 */
export function csvLines(records: readonly (readonly (string | null)[])[]): string {
  return stringify(
    records.map((record) => record.map((field) => neutralizeFormula(field ?? ''))),
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}
