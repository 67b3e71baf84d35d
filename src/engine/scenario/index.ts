/**
 * Scenarios: a seed and timed command steps (`kind: Scenario`), checked before they run and run in
 * order on the virtual clock.
 */
export {
  parseScenario,
  isScenario,
  SCENARIO_API_VERSION,
  SCENARIO_KIND,
  type Scenario,
  type ScenarioStep,
  type ScenarioResult,
  type FieldLines,
} from './scenario';
export { ScenarioRun, runScenario, lastStepAt, type StepResult } from './runner';
