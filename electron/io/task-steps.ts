// Progress and cancellation shared by the imports and exports: the caller's signal is checked
// between rows, and nothing is written once it has fired.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SailError } from '../core/errors';
import type { TaskControl } from './import-types';
import type { SourceRow, SourceTable, TableReadOptions } from './table';

export function importCancelled(): SailError {
  return new SailError(
    'cancelled',
    '导入已取消，未写入任何数据。',
    'Import cancelled; nothing was written.',
  );
}

export function exportCancelled(): SailError {
  return new SailError(
    'cancelled',
    '导出已取消，未写入文件。',
    'Export cancelled; no file was written.',
  );
}

/**
 * Rows between turns given back to the event loop. XLSX and JSON rows come from memory without
 * waiting on I/O, so without these turns a progress poll or a cancel request (IPC or HTTP) would
 * only be served after the whole file had been read.
 */
const ROWS_PER_TURN = 1000;

/** The read phase of one import, reported as progress and stopped by the caller's signal. */
export class ImportSteps {
  private rowsRead = 0;
  private unit: 'bytes' | 'rows' = 'bytes';

  constructor(private readonly control: TaskControl) {}

  /** Throws the import's own `cancelled` error once the signal has fired. */
  check(): void {
    if (this.control.signal?.aborted) throw importCancelled();
  }

  /** Opens the table with progress and the signal wired in. */
  async open(
    open: (options: Pick<TableReadOptions, 'signal' | 'onProgress'>) => Promise<SourceTable>,
  ): Promise<SourceTable> {
    const table = await this.mapCancel(() =>
      open({
        ...(this.control.signal ? { signal: this.control.signal } : {}),
        onProgress: (done, total) =>
          this.control.onProgress?.({
            phase: 'read',
            done,
            total,
            unit: this.unit,
            rows: this.rowsRead,
          }),
      }),
    );
    // The CSV reader counts bytes of the file; XLSX and JSON count rows.
    this.unit = table.format === 'csv' ? 'bytes' : 'rows';
    return table;
  }

  /** The table's rows, counted, with a cancel check between rows. */
  async *rows(table: SourceTable): AsyncGenerator<SourceRow> {
    try {
      for await (const row of table.rows) {
        this.check();
        this.rowsRead += 1;
        if (this.rowsRead % ROWS_PER_TURN === 0) await nextTurn();
        yield row;
      }
    } catch (error) {
      this.check();
      throw error;
    }
    this.check();
  }

  /** Reports the write phase; called right before and after the one write transaction. */
  writing(done: number, total: number): void {
    this.control.onProgress?.({ phase: 'write', done, total });
  }

  /** A reader stopped by the signal reports "reading cancelled"; the import says more. */
  private async mapCancel<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      this.check();
      throw error;
    }
  }
}
