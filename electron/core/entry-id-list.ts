// A list of entry ids as organisers paste or save it: one id per line (or several separated by
// commas, 、 or spaces), or a CSV whose header names the id column (entry_id, 项目编号 …).
const ID_HEADERS = ['entry_id', 'id', '项目编号', '参赛编号', '候选编号', '编号'];

/** Splits one CSV line into cells; quotes may wrap a cell and "" is a quote inside one. */
function csvCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/** The ids in `text`, in order, each once. */
export function parseEntryIdList(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .filter((line) => line.trim() !== '');
  const first = lines[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : ',';
  const header = csvCells(first, delimiter).map((cell) => cell.toLowerCase());
  const column = header.findIndex((cell) => ID_HEADERS.includes(cell));
  const ids =
    column >= 0
      ? lines.slice(1).map((line) => csvCells(line, delimiter)[column] ?? '')
      : lines.flatMap((line) => line.split(/[,，、;；\s]+/));
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
}
