export interface ImportProgress {
  phase: 'read' | 'write';
  done: number;
  total: number | null;
}
