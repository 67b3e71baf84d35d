/** One measured figure, printed as `name: value unit`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchOptions {
  /** Smaller sizes, for a smoke run in tests. */
  quick: boolean;
  only?: string[];
}

/** A group of figures measured together (e.g. the scheduler's); `name` selects it with --only. */
export interface Benchmark {
  name: string;
  run(options: BenchOptions, report: (figure: Figure) => void): Promise<void>;
}
