import { beforeEach, describe, expect, it } from 'vitest';
import {
  exampleCluster,
  getSimulation,
  getTrafficMetrics,
  loadDesign,
  play,
  resetSimulation,
  runCommand,
  seekTo,
  settle,
  stepBy,
} from '../../store';
import type { ClusterSample } from './clusterSeries';
import { liveServiceSeries, sampleSecond } from './liveSeries';
import { serviceSeries } from './serviceSeries';

/** Plays to `second`, sampling every simulated second on the way, as the shown charts do. */
function playSampling(to: number): ClusterSample[] {
  let samples: ClusterSample[] = [];
  for (let s = Math.floor(getSimulation().now / 1000) + 1; s <= to; s++) {
    stepBy(s * 1000 - getSimulation().now);
    samples = sampleSecond(s);
  }
  return samples;
}

const times = (samples: ClusterSample[]) => samples.map((s) => s.t / 1000);

beforeEach(() => {
  loadDesign(exampleCluster(), { seed: 31 });
  resetSimulation();
  play();
});

describe('the Live charts when the timeline goes back', () => {
  it('keeps the cluster samples up to the moment gone back to, and plays on as the same run', async () => {
    const first = playSampling(90);
    expect(times(first)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    stepBy(500);
    await runCommand('kubectl scale deployment web --replicas=6');
    const scaled = playSampling(120);
    expect(scaled.at(-1)?.cpuAllPct).toBe(2 * (first.at(-1)?.cpuAllPct ?? 0));

    seekTo(30_000);
    await settle();
    const back = sampleSecond(30);
    // Only what the replayed history has: nothing after 30 s, and the same samples before it.
    expect(times(back)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(back).toEqual(first.slice(0, 30));
    // Played on, the recording (the scale at 90.5 s included) gives the same samples again.
    play();
    expect(playSampling(120)).toEqual(scaled);
  });

  it('keeps nothing of a run a reset replaced', () => {
    playSampling(40);
    loadDesign(exampleCluster(), { seed: 31 });
    resetSimulation();
    play();
    expect(times(playSampling(3))).toEqual([1, 2, 3]);
  });

  it("shows each Service's traffic as the replay has it", async () => {
    await runCommand('kubectl expose deployment web --port 80 --target-port 8080');
    playSampling(5);
    await runCommand('kubecanvas traffic service/web --rps 40');
    playSampling(60);
    const before = liveServiceSeries();
    expect(before.map((s) => s.key)).toEqual(['Service/default/web']);
    expect(before[0]?.t.at(-1)).toBe(60);

    seekTo(30_000);
    await settle();
    const after = liveServiceSeries();
    expect(after[0]?.t.at(-1)).toBe(30);
    expect(after).toEqual(serviceSeries(getTrafficMetrics()));
    // The buckets up to 30 s are those of the first run.
    const upTo30 = before[0]?.t.filter((t) => t <= 30).length ?? 0;
    expect(after[0]?.rps).toEqual(before[0]?.rps.slice(0, upTo30));
  });
});
