/** React Flow node types, defined once at module scope (a new object per render remounts every node). */
import type { NodeTypes } from '@xyflow/react';
import { CardNode } from './nodes/CardNode';
import { PodNode } from './nodes/PodNode';
import { UnscheduledNode } from './nodes/UnscheduledNode';
import { VmNode } from './nodes/VmNode';

export const nodeTypes: NodeTypes = {
  vm: VmNode,
  pod: PodNode,
  card: CardNode,
  unscheduled: UnscheduledNode,
};
