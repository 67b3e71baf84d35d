/**
 * The command grammar the console and scenarios share: a kubectl-compatible subset (get, describe,
 * apply -f -, scale, set image, rollout, delete, cordon, uncordon, drain, label, annotate, taint, top)
 * and the simulator's verbs (kubecanvas node|pod|traffic), with output in kubectl's words and formats.
 */
import type { Simulation } from '../core/simulation';
import { executeCommand, type CommandInput } from './execute';
import type { CommandResult } from './objects';
import { parseCommand } from './parse';

/**
 * Parses and runs one command line against the simulation, at its current instant. Never throws: a
 * parse error or a refused write comes back as `{ ok: false, output }` in kubectl's words.
 */
export function runCommand(sim: Simulation, line: string, input: CommandInput = {}): CommandResult {
  const parsed = parseCommand(line);
  if (!parsed.ok) return { ok: false, output: parsed.error };
  return executeCommand(sim, parsed.command, input);
}

export { parseCommand, type ParseResult } from './parse';
export { executeCommand, type CommandInput } from './execute';
export { tokenize, type Tokens } from './tokenize';
export { resolveResource, objectRef, qualifiedPlural, type ResourceType } from './resources';
export type { CommandResult } from './objects';
export type * from './types';
