/**
 * `npm run bench`: every benchmark group, in order. Each prints `name: value unit` lines as it measures.
 * Add a group by exporting a Benchmark from bench/<area>.bench.ts and listing it here.
 */
import { engineBenchmark } from './engine.bench';
import { schedulerBenchmark } from './scheduler.bench';
import { ioBenchmark } from './io.bench';
import { controllersBenchmark } from './controllers.bench';
import { browserBenchmark, browserIoBenchmark } from './browser.bench';
import { networkBenchmark } from './network.bench';
import { clusterBenchmark } from './cluster.bench';
import { kubeletBenchmark } from './kubelet.bench';
import type { BenchOptions, Benchmark, Figure } from './types';

const BENCHMARKS: Benchmark[] = [
  engineBenchmark,
  schedulerBenchmark,
  ioBenchmark,
  controllersBenchmark,
  networkBenchmark,
  clusterBenchmark,
  kubeletBenchmark,
  // browser figures last: they build the app
  browserBenchmark,
  browserIoBenchmark,
];

export async function runBenchmarks(options: BenchOptions, onFigure: (f: Figure) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const b of BENCHMARKS) {
    if (options.only && !options.only.some((o) => b.name === o || b.name.startsWith(`${o}.`))) continue;
    await b.run(options, (f) => {
      figures.push(f);
      onFigure(f);
    });
  }
  return figures;
}

export type { Figure, BenchOptions, Benchmark };
