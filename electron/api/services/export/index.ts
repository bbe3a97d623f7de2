// Exporting a round's ranking (CSV, XLSX, PDF) and its score sheets (PDF), cut by a shortlist
// rule, each export recorded with the file's SHA-256 and the digest of the data it was computed
// from; and checking later whether a file still matches the data.
export { exportHistory } from './history';
export type { ExportControl, ExportSpec } from './plan';
export { previewExport } from './preview';
export { verifyExport } from './verify';
export { exportRanking, type ExportTarget } from './write';
