export interface ImportProgress {
  phase: 'read' | 'write';
  done: number;
  total: number | null;
  /** What `done` counts while reading: bytes of a CSV, rows of a sheet or JSON records. */
  unit?: 'bytes' | 'rows';
  /** Data rows read so far. */
  rows?: number;
}

/** How a caller follows and stops a long import or export. */
export interface TaskControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}
