/** What a benchmark module reports: one table, printed by `npm run bench`. Never asserted. */
export interface BenchTable {
  title: string;
  /** Column order is the key order of the first row. */
  rows: Record<string, string | number>[];
  /** Anything a reader needs to interpret the numbers. */
  notes?: string[];
}

/** Each `bench/*.bench.ts` module exports `run`, executed in headless Chromium. */
export type Benchmark = () => Promise<BenchTable[]>;
