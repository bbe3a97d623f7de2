// A project file's name: the extension every new project gets, in the window's dialogs (native
// or the browser's path prompt) alike. The CLI keeps the name a script gives. And what a file
// dropped on the window is, by its name.
export const PROJECT_EXTENSION = '.sailreview';
/** A panel package: a project file of one expert's part of a round. */
export const PANEL_EXTENSION = '.sailpanel';
/** A score packet: opening or dropping one imports it into the open project. */
export const SCORE_PACKET_EXTENSION = '.sailscores';
/** Files of entries the import takes (io/table; an old .xls gets its own clear refusal there). */
export const DATA_EXTENSIONS = ['.csv', '.txt', '.tsv', '.xlsx', '.xlsm', '.xls', '.json'] as const;

/** The path with the project extension added when it was typed without it. */
export function withProjectExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(PROJECT_EXTENSION)
    ? filePath
    : `${filePath}${PROJECT_EXTENSION}`;
}

/** What a dropped file is: a project (or package) to open, a packet or entries to import. */
export type DroppedFileKind = 'project' | 'packet' | 'data';

export function droppedFileKind(name: string): DroppedFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(PROJECT_EXTENSION) || lower.endsWith(PANEL_EXTENSION)) return 'project';
  if (lower.endsWith(SCORE_PACKET_EXTENSION)) return 'packet';
  return DATA_EXTENSIONS.some((extension) => lower.endsWith(extension)) ? 'data' : null;
}
