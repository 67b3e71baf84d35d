/**
 * An edge carrying requests: the edge's own line, and dots moving along it (SVG animateMotion, so the
 * browser animates them without React work per frame). See trafficEdges.ts for the numbers.
 */
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { dotsFor, type EdgeFlow } from './trafficEdges';

export function TrafficEdge(props: EdgeProps) {
  const [path] = getBezierPath(props);
  const flow = (props.data as { flow?: EdgeFlow } | undefined)?.flow;
  const dots = flow ? dotsFor(flow) : undefined;
  return (
    <>
      <BaseEdge id={props.id} path={path} {...(props.style ? { style: props.style } : {})} />
      {dots &&
        Array.from({ length: dots.count }, (_, i) => (
          <circle
            key={i}
            r={5.5}
            className={i < dots.red ? 'kc-traffic-dot kc-traffic-failed' : 'kc-traffic-dot'}
            data-traffic={i < dots.red ? 'failed' : 'ok'}
          >
            <animateMotion
              dur={`${dots.durationS}s`}
              begin={`${(i * dots.durationS) / dots.count}s`}
              repeatCount="indefinite"
              path={path}
            />
          </circle>
        ))}
    </>
  );
}
