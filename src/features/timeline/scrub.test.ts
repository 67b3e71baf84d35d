import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scrub } from './scrub';
import { scrubKeyTarget, trackPercent } from './TimelineBar';

afterEach(() => vi.useRealTimers());

describe('Scrub (dragging the timeline)', () => {
  it('seeks at most once per interval while the thumb moves, always to the latest place, and on release', () => {
    vi.useFakeTimers();
    let wall = 0;
    const seeks: number[] = [];
    const scrub = new Scrub(
      (ms) => seeks.push(ms),
      100,
      () => wall,
    );
    scrub.move(5_000); // the first move seeks at once
    expect(seeks).toEqual([5_000]);
    for (const ms of [4_000, 3_000, 2_000]) {
      wall += 20;
      scrub.move(ms);
    }
    expect(seeks).toEqual([5_000]);
    wall = 100;
    vi.advanceTimersByTime(80); // the trailing seek (80 ms after the first delayed move), to the latest place
    expect(seeks).toEqual([5_000, 2_000]);
    wall = 130;
    scrub.move(1_500);
    scrub.release(1_000);
    expect(seeks).toEqual([5_000, 2_000, 1_000]);
    vi.advanceTimersByTime(1_000);
    expect(seeks).toEqual([5_000, 2_000, 1_000]);
  });

  it('drops a pending seek when cancelled', () => {
    vi.useFakeTimers();
    let wall = 0;
    const seeks: number[] = [];
    const scrub = new Scrub(
      (ms) => seeks.push(ms),
      100,
      () => wall,
    );
    scrub.move(1);
    wall = 10;
    scrub.move(2);
    scrub.cancel();
    vi.advanceTimersByTime(500);
    expect(seeks).toEqual([1]);
  });
});

describe('the scrubber keys and track', () => {
  it.each([
    ['ArrowLeft', false, 9_000],
    ['ArrowRight', false, 11_000],
    ['ArrowLeft', true, 0],
    ['ArrowUp', true, 20_000],
    ['PageDown', false, 5_000],
    ['PageUp', false, 15_000],
    ['Home', false, 0],
    ['End', false, 50_000],
    ['x', false, null],
  ] as const)('%s (shift %s) from 10 s of 50 s goes to %s', (key, shift, to) => {
    expect(scrubKeyTarget(key, shift, 10_000, 50_000)).toBe(to);
  });

  it('places times on the track in percent of the end', () => {
    expect(trackPercent(0, 0)).toBe(0);
    expect(trackPercent(25_000, 100_000)).toBe(25);
    expect(trackPercent(200_000, 100_000)).toBe(100);
  });
});
