import { describe, expect, it } from 'vitest';
import { take } from './engineClient';
import { EngineHost } from './engineHost';
import { getSimulation, getTrafficMetrics } from './runtime';
import { exampleCluster } from './templates';
import { rewindCount, rewoundTo } from './timelineState';

/** A host with a wall clock the test moves, its deltas taken by the page as engineClient takes them. */
function worker() {
  let wall = 0;
  const host = new EngineHost(9, () => wall);
  return {
    host,
    input(input: Parameters<EngineHost['handle']>[0], wallMs = 1000) {
      wall += wallMs;
      const r = host.handle(input);
      take(structuredClone(host.flush()));
      return r;
    },
  };
}

describe('the rewinds the page notes (timelineState)', () => {
  it('notes a seek back at the moment it went to, and the traffic figures are the replay figures', () => {
    const w = worker();
    w.input({ op: 'reset', seed: 9 });
    w.input({ op: 'sync', apply: exampleCluster(), remove: [] });
    w.input({ op: 'command', line: 'kubectl expose deployment web --port 80 --target-port 8080' });
    w.input({ op: 'advance', ms: 5_000 });
    w.input({ op: 'command', line: 'kubecanvas traffic service/web --rps 20' });
    w.input({ op: 'advance', ms: 55_000 });
    expect(getSimulation().now).toBe(60_000);
    expect(getTrafficMetrics().series('Service/default/web').length).toBeGreaterThan(30);
    const seen = rewindCount();
    expect(rewoundTo(seen)).toBeUndefined();

    // Seeking back soon after the last figures: the replay's come with its first delta, none after 30 s.
    w.input({ op: 'seek', ms: 30_000 }, 10);
    expect(getSimulation().now).toBe(30_000);
    expect(rewindCount()).toBe(seen + 1);
    expect(rewoundTo(seen)).toBe(30_000);
    expect(getTrafficMetrics().latest).toBeLessThanOrEqual(30_000);

    // Forward by playing on is no rewind; a second seek back is, and the earliest one counts.
    w.input({ op: 'seek', ms: 50_000 });
    expect(rewindCount()).toBe(seen + 1);
    w.input({ op: 'seek', ms: 40_000 });
    expect(rewoundTo(seen)).toBe(30_000);
    expect(rewoundTo(seen + 1)).toBe(40_000);
  });

  it('notes a reset as a rewind to 0', () => {
    const w = worker();
    w.input({ op: 'reset', seed: 9 });
    w.input({ op: 'advance', ms: 20_000 });
    const seen = rewindCount();
    w.input({ op: 'reset', seed: 10 });
    expect(rewoundTo(seen)).toBe(0);
  });
});
