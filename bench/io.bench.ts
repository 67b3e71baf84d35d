import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/engine';
import { importManifestsWith, loadSchema } from '../src/io';
import type { Benchmark } from './types';
import { deployment, ioBenchText } from './ioText';

/** Parses, validates and applies manifest text to a fresh cluster; returns the milliseconds taken. */
async function load(text: string): Promise<number> {
  const schema = await loadSchema();
  const t0 = performance.now();
  const r = importManifestsWith(text, 'bench.yaml', schema);
  if (!r.ok) throw new Error(`bench manifest is invalid: ${r.issues[0]?.message}`);
  const sim = createCluster({ seed: 1 });
  for (const o of r.objects) sim.apply(o);
  return performance.now() - t0;
}

/** Parse and validation of the text on their own (the import worker's two phases), in ms. */
async function phases(text: string): Promise<{ parse: number; validate: number }> {
  const schema = await loadSchema();
  const t0 = performance.now();
  let parsed = 0;
  const r = importManifestsWith(text, 'bench.yaml', schema, {}, (phase) => {
    if (phase === 'validating' && parsed === 0) parsed = performance.now();
  });
  if (!r.ok) throw new Error(`bench manifest is invalid: ${r.issues[0]?.message}`);
  const end = performance.now();
  return { parse: (parsed || end) - t0, validate: end - (parsed || end) };
}

async function median(runs: number, f: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await f());
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

/** io: parse + validate + load of a 1,000-object manifest, and of a 3 MB file of 2,000 Deployments. */
export const ioBenchmark: Benchmark = {
  name: 'io',
  async run({ quick }, report) {
    const namespaces = Array.from(
      { length: 10 },
      (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`,
    );
    const thousand = ioBenchText(1000);
    await load(thousand); // warm-up: schema load and JIT
    report({
      name: 'io.parse_validate_load_1000_objects_ms',
      value: Math.round(await median(quick ? 1 : 5, () => load(thousand))),
      unit: 'ms',
    });
    // The same import by phase: reading the YAML, then validating it against the schema.
    const runs: { parse: number; validate: number }[] = [];
    for (let i = 0; i < (quick ? 1 : 5); i++) runs.push(await phases(thousand));
    for (const phase of ['parse', 'validate'] as const) {
      const sorted = runs.map((r) => r[phase]).sort((a, b) => a - b);
      report({
        name: `io.${phase}_1000_objects_ms`,
        value: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        unit: 'ms',
      });
    }
    const n = quick ? 200 : 2000;
    const big = [...namespaces, ...Array.from({ length: n }, (_, i) => deployment(i))].join('---\n');
    report({ name: `io.file_of_${n}_deployments_bytes`, value: big.length, unit: 'B' });
    report({
      name: `io.load_${quick ? '300kb_200' : '3mb_2000'}_deployments_ms`,
      value: Math.round(await median(quick ? 1 : 3, () => load(big))),
      unit: 'ms',
    });
  },
};
