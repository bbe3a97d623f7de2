// One defence against formula injection (OWASP "CSV injection") for every spreadsheet we write,
// CSV and XLSX alike: text that Excel or LibreOffice would run as a formula gets a leading
// apostrophe, so it shows as the text it is.

/** Text starting like this is a formula to Excel/LibreOffice. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` made safe to put in a spreadsheet cell. Numbers never pass through here. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A cell as it was before `neutraliseFormula`. Our CSVs of rejected rows are meant to be fixed and
 * imported again; without this a phone number such as +86 10 1234 5678 would come back as '+86….
 */
export function restoreDefused(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
