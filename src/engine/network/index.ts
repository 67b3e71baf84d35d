/**
 * Networking of the simulated cluster: Service ClusterIP and NodePort allocation (API server admission),
 * the EndpointSlice controller, load balancers, DNS, kube-proxy's endpoint choice, Ingress routing and
 * simulated traffic with its metrics.
 */
export {
  SERVICE_CIDR,
  CLUSTER_DNS_IP,
  KUBERNETES_SERVICE_IP,
  NODE_PORT_RANGE,
  serviceAllocationAdmission,
  ServiceAllocationController,
} from './serviceAllocation';
export { IpAllocator, PortAllocator, ipRangeOffset, portRangeOffset } from './allocator';
export {
  EndpointSliceController,
  slicesOf,
  LABEL_SERVICE_NAME,
  LABEL_MANAGED_BY,
  MANAGED_BY,
} from './endpointSliceController';
export { MAX_ENDPOINTS_PER_SLICE } from './endpointSliceReconciler';
export { EndpointsController, endpointsSubsets } from './endpointsController';
export { networkControllers } from './components';
export {
  KubernetesServiceController,
  isKubernetesService,
  KUBERNETES_SERVICE_NAME,
  APISERVER_ADDRESS,
  APISERVER_PORT,
  KUBERNETES_SERVICE_INTERVAL_MS,
} from './kubernetesService';
export { LoadBalancerController, LOAD_BALANCER_POOL, externalIps } from './loadBalancer';
export {
  IngressStatusController,
  ingressClassOf,
  ingressEntry,
  ingressesOfClass,
  DEFAULT_CLASS_ANNOTATION,
  type IngressEntry,
} from './ingressControllers';
export { matchIngress, pathMatches, hostMatches, type IngressMatch, type PathType } from './ingressMatch';
export { resolveName, serviceDnsName, searchList, CLUSTER_DOMAIN, type DnsAnswer } from './dns';
export {
  proxyMode,
  serviceEndpoints,
  usableEndpoints,
  iptablesProbability,
  type ProxyEndpoint,
  type ProxyMode,
} from './proxy';
export { setTraffic, trafficMetrics, trafficSourceName } from './traffic/api';
export { TrafficController, METRIC_RESOLUTION_MS } from './traffic/trafficController';
export {
  TRAFFIC_API_VERSION,
  TRAFFIC_SOURCE_KIND,
  TRAFFIC_BUCKET_MS,
  type TrafficSource,
  type TrafficSourceSpec,
  type TrafficTarget,
  type TrafficSample,
  type TrafficFlow,
  type TrafficMetrics,
  type Outcome as TrafficOutcome,
} from './traffic/types';
export { ingressNginxObjects } from './ingressNginx';
export { routeRequest, parseUrl, type RouteResult } from './route';
export { serviceBackends, type ServiceBackend } from './backends';
