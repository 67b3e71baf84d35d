/**
 * Carries out a parsed Command against a Simulation and returns kubectl's output. The command runs at
 * the simulation's current instant; what it changes is seen by the components on the next step.
 */
import type { KubeObject } from '../api/types';
import { KUBERNETES_VERSION } from '../api/version';
import type { Simulation } from '../core/simulation';
import { assertNever } from '../../lib';
import { runCreateDeployment, runCreateNamespace, runExpose, runRun } from './execCreate';
import { runDescribe } from './execDescribe';
import { runGet } from './execGet';
import { runLogs } from './execLogs';
import { runCordon, runDrain, runTaint } from './execNodes';
import { runRollout } from './execRollout';
import { runNodeFault, runPodBreak, runTop, runTraffic } from './execSimulator';
import { runApply, runDelete, runMeta, runScale, runSetImage } from './execWrite';
import { errorText, failed, ok, type CommandResult } from './objects';
import type { Command } from './types';

/** What a command may need besides its words. */
export interface CommandInput {
  /** The objects of `kubectl apply -f -` (a scenario step's `objects`, the console's editor). */
  objects?: readonly KubeObject[];
}

function dispatch(sim: Simulation, cmd: Command, input: CommandInput): CommandResult {
  switch (cmd.verb) {
    case 'apply':
      return runApply(sim, cmd, input.objects);
    case 'get':
      return runGet(sim, cmd);
    case 'describe':
      return runDescribe(sim, cmd);
    case 'scale':
      return runScale(sim, cmd);
    case 'set-image':
      return runSetImage(sim, cmd);
    case 'rollout':
      return runRollout(sim, cmd);
    case 'delete':
      return runDelete(sim, cmd);
    case 'cordon':
    case 'uncordon':
      return runCordon(sim, cmd);
    case 'drain':
      return runDrain(sim, cmd);
    case 'label':
    case 'annotate':
      return runMeta(sim, cmd);
    case 'taint':
      return runTaint(sim, cmd);
    case 'top':
      return runTop(sim, cmd);
    case 'version':
      // kubectl version: the client, then (unless --client) the API server; both the cluster's version.
      return ok(
        `Client Version: ${KUBERNETES_VERSION}${cmd.client ? '' : `\nServer Version: ${KUBERNETES_VERSION}`}`,
      );
    case 'logs':
      return runLogs(sim, cmd);
    case 'node-fault':
      return runNodeFault(sim, cmd);
    case 'pod-break':
      return runPodBreak(sim, cmd);
    case 'traffic':
      return runTraffic(sim, cmd);
    case 'create-deployment':
      return runCreateDeployment(sim, cmd);
    case 'create-namespace':
      return runCreateNamespace(sim, cmd);
    case 'run':
      return runRun(sim, cmd);
    case 'expose':
      return runExpose(sim, cmd);
    default:
      return assertNever(cmd);
  }
}

/** Runs a parsed command; an unexpected engine error becomes an `error: ...` result, never a throw. */
export function executeCommand(sim: Simulation, cmd: Command, input: CommandInput = {}): CommandResult {
  try {
    return dispatch(sim, cmd, input);
  } catch (e) {
    return failed(errorText(e));
  }
}
