import { describe, expect, it } from 'vitest';
import { SceneRunner, type SceneHost } from './runner';
import type { Scene } from './types';

/** A host that records what the runner asks of it. */
function fakeHost() {
  const calls: string[] = [];
  let now = 0;
  const host: SceneHost = {
    load: (s) => {
      now = 0;
      calls.push(`load seed=${s.seed}`);
    },
    advanceTo: (ms) => {
      now = Math.max(now, ms);
    },
    now: () => now,
    run: (line) => {
      calls.push(`${now} ${line}`);
      if (line === 'bad') throw new Error('error: unknown command "bad"');
      return 'ok';
    },
  };
  return { host, calls };
}

const scene: Scene = {
  objects: [],
  seed: 4,
  speed: 2,
  durationMs: 60_000,
  steps: [
    { atMs: 10_000, click: false, run: 'late' },
    { atMs: 3000, click: false, run: 'early' },
    { atMs: 0, click: true, run: 'first click' },
    { atMs: 5000, click: true, run: 'delayed click' },
    { atMs: 4000, click: false, run: 'bad' },
  ],
};

describe('SceneRunner', () => {
  it('Runs timed steps at their exact simulated moment, whatever the frame length.', () => {
    const { host, calls } = fakeHost();
    const r = new SceneRunner(host, scene);
    r.start();
    r.tick(1700); // 3400 ms at speed 2
    r.tick(5000); // to 13400
    expect(calls).toEqual(['load seed=4', '3000 early', '4000 bad', '10000 late']);
    expect(host.now()).toBe(13_400);
    expect(r.log.map((l) => l.ok)).toEqual([true, false, true]);
    expect(r.log[1]?.output).toBe('error: unknown command "bad"');
  });

  it('Runs click steps one per click, a delayed one after its delay, then says there are none left.', () => {
    const { host, calls } = fakeHost();
    const r = new SceneRunner(host, scene);
    r.start();
    r.advanceTo(1000);
    expect(r.clicksLeft).toBe(2);
    expect(r.nextClick).toBe('first click');
    expect(r.click()).toBe(true);
    expect(r.click()).toBe(true);
    expect(r.click()).toBe(false);
    expect(r.nextClick).toBeNull();
    r.advanceTo(6000);
    expect(calls).toEqual([
      'load seed=4',
      '1000 first click',
      '3000 early',
      '4000 bad',
      '6000 delayed click',
    ]);
  });

  it('Starts over from the same state on reset, with every step queued again.', () => {
    const { host, calls } = fakeHost();
    const r = new SceneRunner(host, scene);
    r.start();
    r.advanceTo(20_000);
    r.start();
    r.advanceTo(3000);
    expect(calls.slice(4)).toEqual(['load seed=4', '3000 early']);
    expect(r.log).toHaveLength(1);
  });
});
