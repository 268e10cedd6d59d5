/** Figures of the live re-scoring benchmark: percentiles and the table it prints. */

export const median = (xs: number[]) => percentile(xs, 50);

export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const mib = (bytes: number) => (bytes / 1048576).toFixed(0);

/** Rows of measure, result and notes: echoed to stderr as they come, printed as a table at the end. */
export class FigureTable {
  private readonly rows: Array<[string, string, string]> = [];

  row(measure: string, result: string, notes = '') {
    this.rows.push([measure, result, notes]);
    console.error(`${measure}: ${result} ${notes}`);
  }

  print() {
    console.log('| measure | result | notes |');
    console.log('| --- | --- | --- |');
    for (const r of this.rows) console.log(`| ${r.join(' | ')} |`);
  }
}
