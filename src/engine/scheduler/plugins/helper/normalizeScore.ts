import type { ScoreArray } from '../../framework/types';

/** helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go). */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: ScoreArray): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > max) max = scores[i] as number;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * (scores[i] as number)) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
