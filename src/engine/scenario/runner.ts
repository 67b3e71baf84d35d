/**
 * Runs a scenario's steps on the simulation's virtual clock: the clock advances to each step's time
 * (every component runs what is due on the way), the step's command runs at that instant, and steps with
 * the same time run in document order. A step that fails (a NotFound, a refused eviction) is recorded with
 * kubectl's output and the run goes on, as a script of kubectl commands would.
 */
import type { Simulation } from '../core/simulation';
import { runCommand, type CommandResult } from '../commands';
import type { Scenario, ScenarioStep } from './scenario';

/** What one step did. */
export interface StepResult extends CommandResult {
  step: ScenarioStep;
  /** Simulated time at which the step ran. */
  atMs: number;
}

/** An incremental run: the UI and `simulate --watch` advance it as time goes on. */
export class ScenarioRun {
  private next = 0;
  readonly results: StepResult[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly onStep?: (result: StepResult) => void,
  ) {}

  /** True when every step has run. */
  get finished(): boolean {
    return this.next >= this.scenario.steps.length;
  }

  /** Advances the simulation to `untilMs`, running every step due on the way, in order. */
  advanceTo(untilMs: number): StepResult[] {
    const ran: StepResult[] = [];
    for (;;) {
      const step = this.scenario.steps[this.next];
      if (!step || step.atMs > untilMs) break;
      this.sim.step(step.atMs);
      const r = runCommand(this.sim, step.run, step.objects ? { objects: step.objects } : {});
      const result: StepResult = { ...r, step, atMs: this.sim.now };
      this.next++;
      this.results.push(result);
      ran.push(result);
      this.onStep?.(result);
    }
    this.sim.step(untilMs);
    return ran;
  }
}

/** Runs a whole scenario up to `untilMs` and returns what each step printed. */
export function runScenario(
  sim: Simulation,
  scenario: Scenario,
  untilMs: number,
  onStep?: (result: StepResult) => void,
): StepResult[] {
  const run = new ScenarioRun(sim, scenario, onStep);
  run.advanceTo(untilMs);
  return run.results;
}

/** When the last step is due (0 without steps): a default end for a run with no --until. */
export function lastStepAt(scenario: Scenario): number {
  return scenario.steps.reduce((m, s) => Math.max(m, s.atMs), 0);
}
