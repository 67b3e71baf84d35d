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
export { ProbeKubelet, type ProbeKubeletOptions } from './testing/probeKubelet';
export { networkControllers } from './components';
