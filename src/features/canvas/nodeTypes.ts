/** React Flow node types, defined once at module scope (a new object per render remounts every node). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { CardNode } from './nodes/CardNode';
import { ClientsNode } from './nodes/ClientsNode';
import { OverviewNode } from './nodes/OverviewNode';
import { PodNode } from './nodes/PodNode';
import { UnscheduledNode } from './nodes/UnscheduledNode';
import { VmNode } from './nodes/VmNode';
import { TrafficEdge } from './TrafficEdge';

export const nodeTypes: NodeTypes = {
  vm: VmNode,
  pod: PodNode,
  card: CardNode,
  unscheduled: UnscheduledNode,
  clients: ClientsNode,
  overview: OverviewNode,
};

/** Edge types: an edge carrying requests draws moving dots (see TrafficEdge). */
export const edgeTypes: EdgeTypes = {
  traffic: TrafficEdge,
};
