/**
 * The property test of issue #3: many seeded random scenarios (random nodes, workloads, services, steps
 * and faults, run through the console's command executor) on a full cluster, with the invariants checked
 * after every step and every 10 simulated seconds; zero violations allowed. A failure names the seed, so
 * `randomScenario(seed)` replays it exactly.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { runCommand } from '../commands';
import type { Simulation } from '../core/simulation';
import { randomScenario, resolvePods } from './randomScenario';

const SCENARIOS = 1000;
const CHECK_EVERY_MS = 10_000;

/** Messages that mean a component threw, not that kubectl refused something. */
const INTERNAL =
  /Cannot read prop|is not a function|is not iterable|undefined is not|Maximum call stack|did not settle/;

function podNames(sim: Simulation): string[] {
  return sim.store
    .list('Pod')
    .map((p) => p.metadata.name)
    .sort();
}

function advance(sim: Simulation, toMs: number): void {
  while (sim.now < toMs) {
    sim.step(Math.min(toMs, sim.now + CHECK_EVERY_MS));
    sim.assertInvariants();
  }
}

/** What the runs exercised, so a generator that stops doing anything is noticed. */
const tally = { commandsOk: 0, commandsRefused: 0, podsRunningAtEnd: 0 };

/** Runs one scenario; returns a description of the first problem, or undefined. */
function check(seed: number): string | undefined {
  const s = randomScenario(seed);
  const sim = createCluster({ seed });
  try {
    for (const o of s.objects) sim.apply(o);
    for (const step of s.steps) {
      advance(sim, step.atMs);
      const line = resolvePods(step.run, podNames(sim));
      if (line === undefined) continue;
      const r = runCommand(sim, line, step.objects ? { objects: step.objects } : {});
      if (r.ok) tally.commandsOk++;
      else tally.commandsRefused++;
      if (INTERNAL.test(r.output)) return `seed ${seed}: "${line}" at ${sim.now} ms: ${r.output}`;
      // What the command wrote settles in the same instant (the garbage collector runs, and so on).
      sim.step(sim.now);
      sim.assertInvariants();
    }
    advance(sim, s.untilMs);
    tally.podsRunningAtEnd += sim.store
      .list('Pod')
      .filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running').length;
  } catch (e) {
    return `seed ${seed} at ${sim.now} ms: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
  return undefined;
}

describe('random scenarios keep the invariants', () => {
  it(`runs ${SCENARIOS} seeded random scenarios with zero invariant violations`, () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= SCENARIOS; seed++) {
      const p = check(seed);
      if (p) problems.push(p);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(tally.commandsOk).toBeGreaterThan(SCENARIOS * 2);
    expect(tally.commandsRefused).toBeGreaterThan(0);
    expect(tally.podsRunningAtEnd).toBeGreaterThan(SCENARIOS);
  }, 300_000);

  it('generates the same scenario from the same seed', () => {
    expect(randomScenario(42)).toEqual(randomScenario(42));
    expect(randomScenario(42)).not.toEqual(randomScenario(43));
  });
});
