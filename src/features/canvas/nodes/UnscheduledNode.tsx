import { memo } from 'react';
import type { Node as FlowNode, NodeProps } from '@xyflow/react';
import type { AreaData } from '../layout';

type AreaProps = NodeProps<FlowNode<AreaData, 'unscheduled'>>;

/** The area where Pending pods wait for the scheduler, in plain sight. */
export const UnscheduledNode = memo(function UnscheduledNode({ data }: AreaProps) {
  return (
    <section aria-label="Unscheduled pods" className="kc-area" data-area="unscheduled">
      <header className="flex items-center gap-2 text-[11px] font-medium tracking-wide text-slate-400 uppercase">
        Unscheduled
        <span className="kc-pill">{data.count}</span>
        {data.count === 0 && (
          <span className="font-normal tracking-normal normal-case">every pod has a node</span>
        )}
      </header>
    </section>
  );
});
