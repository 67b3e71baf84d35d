/** helper.BuildBrokenLinearFunction (pkg/scheduler/framework/plugins/helper/shape_score.go). */

/** A point of RequestedToCapacityRatio's shape: utilization 0..100 → score 0..10 (here already scaled). */
export interface ShapePoint {
  utilization: number;
  score: number;
}

/** A piecewise-linear function through the points, with Go's truncating integer division. */
export function buildBrokenLinearFunction(shape: readonly ShapePoint[]): (p: number) => number {
  const pts = [...shape].sort((a, b) => a.utilization - b.utilization);
  return (p) => {
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i] as ShapePoint;
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = pts[i - 1] as ShapePoint;
        return (
          prev.score +
          Math.trunc(
            ((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization),
          )
        );
      }
    }
    return pts.length ? (pts[pts.length - 1] as ShapePoint).score : 0;
  };
}
