/**
 * A whole simulated cluster: the Simulation with every component, in the order they run within an
 * instant (see Simulation's order guarantees). The browser, the CLI and scenario tests all start here.
 *
 * Order, and why: the scheduler first (pods created in an instant are placed in the same instant), then
 * the workload controllers (they react to pods and to each other), then node-level components (node
 * lifecycle, kubelets, volumes, autoscaler), then networking (EndpointSlices follow pod readiness), and the
 * garbage collector last (added by Simulation itself).
 */
import type { Controller } from './core/controller';
import {
  Simulation,
  type AdmissionPlugin,
  type SimulationOptions,
  type UpdateCheck,
} from './core/simulation';
import { claimUpdateCheck } from './storage';
import { Scheduler } from './scheduler';
import {
  CronJobController,
  DaemonSetController,
  DeploymentController,
  DisruptionController,
  HpaController,
  JobController,
  ReplicaSetController,
  StatefulSetController,
} from './controllers';
import { networkControllers, serviceAllocationAdmission } from './network';
import { nodeAdmission, nodeControllers } from './nodes';

export interface ClusterOptions extends Omit<
  SimulationOptions,
  'controllers' | 'admission' | 'updateChecks'
> {
  /** Components to leave out by name (tests of one component). */
  without?: string[];
}

/** The components of a cluster, newly made, in run order. */
export function defaultControllers(): Controller[] {
  return [
    // scheduler
    new Scheduler(),
    // workload controllers
    new DeploymentController(),
    new ReplicaSetController(),
    new StatefulSetController(),
    new DaemonSetController(),
    new JobController(),
    new CronJobController(),
    new DisruptionController(),
    new HpaController(),
    // nodes, kubelets, storage, autoscaler
    ...nodeControllers(),
    // networking
    ...networkControllers(),
  ];
}

/**
 * The API server's admission chain for created objects, in order (each area adds its plugin in its slot).
 */
export function defaultAdmission(): AdmissionPlugin[] {
  return [
    // admission: nodes, kubelets
    ...nodeAdmission(),
    // admission: networking
    serviceAllocationAdmission,
  ];
}

/** The API server's checks of an update (validation and validating admission beyond the schema). */
export function defaultUpdateChecks(): UpdateCheck[] {
  return [claimUpdateCheck];
}

/**
 * A new cluster at simulated time 0, its API server started: what the API server makes for itself at
 * start (the `default/kubernetes` Service and its endpoints, network/kubernetesService.ts) exists before
 * the first client write, as in a real cluster.
 */
export function createCluster(options: ClusterOptions = {}): Simulation {
  const { without = [], ...rest } = options;
  const sim = new Simulation({
    ...rest,
    admission: defaultAdmission(),
    updateChecks: defaultUpdateChecks(),
    controllers: defaultControllers().filter((c) => !without.includes(c.name)),
  });
  sim.step(0);
  return sim;
}
