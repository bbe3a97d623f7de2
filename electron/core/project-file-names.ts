// A project file's name: the extension every new project gets, in the window's dialogs (native
// or the browser's path prompt) alike. The CLI keeps the name a script gives.
export const PROJECT_EXTENSION = '.sailreview';

/** The path with the project extension added when it was typed without it. */
export function withProjectExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(PROJECT_EXTENSION)
    ? filePath
    : `${filePath}${PROJECT_EXTENSION}`;
}
