import type { CliIo, Verb } from '../io';
import { parseArgs } from '../io';
import {
  createCluster,
  isScenario,
  lastStepAt,
  parseDuration,
  parseScenario,
  runCommand,
  ScenarioRun,
  SIMULATED_KINDS,
  toYaml,
  type KubeObject,
  type Scenario,
  type Simulation,
  type StepResult,
} from '../../engine';
import { applyOrder, format, importManifests, parseManifests } from '../../io';

const DEFAULT_UNTIL_MS = 5 * 60_000;

type Output = 'json' | 'yaml' | 'wide' | 'table';

interface Loaded {
  objects: KubeObject[];
  scenario?: Scenario;
}

/** Reads FILE: its Kubernetes objects, and its Scenario document (with line numbers) if it has one. */
async function load(text: string, file: string, io: CliIo): Promise<Loaded | undefined> {
  const result = await importManifests(text, file);
  if (!result.ok) {
    for (const issue of result.issues) io.err(format(issue));
    return undefined;
  }
  const objects = result.objects.filter((o) => !isScenario(o));
  if (objects.length === result.objects.length) return { objects };
  const docs = parseManifests(text, file).objects.filter((p) => isScenario(p.object));
  if (docs.length > 1) {
    io.err(`${file}: more than one Scenario document`);
    return undefined;
  }
  const doc = docs[0];
  if (!doc) return { objects };
  const scenario = parseScenario(doc.object, doc.positions);
  if (!scenario.ok) {
    for (const e of scenario.errors) io.err(`${file}: ${e}`);
    return undefined;
  }
  return { objects, scenario: scenario.scenario };
}

/** Every object in the cluster, kinds in a stable order (simulated kinds first, then any other). */
function everyObject(
  sim: Simulation,
  extraKinds: readonly string[],
): { items: KubeObject[]; events: KubeObject[] } {
  const kinds = [...new Set<string>([...SIMULATED_KINDS, ...extraKinds])].filter((k) => k !== 'Event');
  const items = applyOrder(kinds.flatMap((k) => sim.store.list(k)));
  return { items, events: sim.store.list('Event') };
}

function stepLabel(r: StepResult): string {
  const where =
    r.step.line !== undefined ? `step ${r.step.index} (line ${r.step.line})` : `step ${r.step.index}`;
  return `${where} at ${r.atMs / 1000}s: $ ${r.step.run}`;
}

function printFinal(sim: Simulation, output: Output, kinds: readonly string[], io: CliIo): void {
  if (output === 'json' || output === 'yaml') {
    const doc = { time: sim.now, ...everyObject(sim, kinds) };
    io.out(output === 'json' ? JSON.stringify(doc) : toYaml(doc));
    return;
  }
  const wide = output === 'wide' ? ' -o wide' : '';
  io.out(runCommand(sim, `kubectl get nodes${wide}`).output);
  io.out('');
  io.out(runCommand(sim, `kubectl get all -A${wide}`).output);
}

function options(
  flags: Record<string, string | true>,
  io: CliIo,
): { untilMs?: number; seed?: number; output: Output } | undefined {
  const until = flags['until'];
  const untilMs = typeof until === 'string' ? parseDuration(until) : undefined;
  if (until !== undefined && untilMs === undefined) {
    io.err(`invalid --until "${String(until)}" (want a duration such as 90s, 5m, 1h)`);
    return undefined;
  }
  const seedText = flags['seed'];
  const seed = typeof seedText === 'string' ? Number(seedText) : undefined;
  if (seedText !== undefined && !Number.isInteger(seed)) {
    io.err(`invalid --seed "${String(seedText)}" (want an integer)`);
    return undefined;
  }
  const output = flags['output'] ?? 'table';
  if (!['json', 'yaml', 'wide', 'table'].includes(String(output))) {
    io.err(`invalid --output "${String(output)}" (want json, yaml or wide)`);
    return undefined;
  }
  return {
    ...(untilMs !== undefined ? { untilMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    output: output as Output,
  };
}

/**
 * `simulate FILE [--until 5m] [--seed N] [--output json|yaml|wide] [--watch] [--debug]`: loads the
 * objects of FILE into a simulated cluster at time 0, runs its Scenario steps (if any) on the virtual
 * clock until --until, and prints the outcome. Step outputs go to standard error, so standard output
 * holds only the requested format; `--watch` prints one JSON line per change from time 0 to the end.
 */
export const simulateVerb: Verb = {
  name: 'simulate',
  summary: 'run manifests and an optional Scenario on the virtual clock; print the resulting cluster',
  usage: 'kubecanvas simulate FILE [--until 5m] [--seed N] [--output json|yaml|wide] [--watch] [--debug]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['watch', 'debug']);
    const file = positionals[0];
    if (!file) {
      io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const opts = options(flags, io);
    if (!opts) return 2;
    const loaded = await load(await io.readFile(file), file === '-' ? '<stdin>' : file, io);
    if (!loaded) return 1;
    const scenario = loaded.scenario;
    const sim = createCluster({ seed: opts.seed ?? scenario?.seed ?? 1, debug: flags['debug'] === true });
    if (flags['watch'] === true)
      sim.watch((e) => io.out(JSON.stringify({ time: sim.now, type: e.type, object: e.object })));
    for (const o of loaded.objects) sim.apply(o);
    const untilMs = opts.untilMs ?? Math.max(DEFAULT_UNTIL_MS, scenario ? lastStepAt(scenario) : 0);
    const run = new ScenarioRun(sim, scenario ?? { name: 'none', steps: [] }, (r) => {
      io.err(stepLabel(r));
      if (r.output) io.err(r.output);
    });
    run.advanceTo(untilMs);
    const skipped = (scenario?.steps ?? []).filter((s) => s.atMs > untilMs).length;
    if (skipped) io.err(`${skipped} step(s) after --until ${untilMs / 1000}s did not run`);
    if (flags['watch'] !== true)
      printFinal(sim, opts.output, [...new Set(loaded.objects.map((o) => o.kind))], io);
    return 0;
  },
};
