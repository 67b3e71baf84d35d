/**
 * The networking components of a cluster, in run order: the API server's own `kubernetes` Service and its
 * endpoints (kubernetesService.ts), the Service allocation repair (API server side),
 * the EndpointSlice controller (follows pod readiness) and the Endpoints controller (mirrors the slices
 * into the legacy v1 Endpoints), the cloud load balancer and the ingress status
 * controller (follow Services and Ingresses), and the traffic model last (it reads what all of them wrote
 * in the same instant).
 */
import type { Controller } from '../core/controller';
import { EndpointSliceController } from './endpointSliceController';
import { EndpointsController } from './endpointsController';
import { ServiceAllocationController } from './serviceAllocation';
import { LoadBalancerController } from './loadBalancer';
import { IngressStatusController } from './ingressControllers';
import { KubernetesServiceController } from './kubernetesService';
import { TrafficController } from './traffic/trafficController';

/** New networking components for one cluster, in run order. */
export function networkControllers(): Controller[] {
  return [
    new KubernetesServiceController(),
    new ServiceAllocationController(),
    new EndpointSliceController(),
    new EndpointsController(),
    new LoadBalancerController(),
    new IngressStatusController(),
    new TrafficController(),
  ];
}
