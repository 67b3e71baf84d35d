import { describe, expect, it } from 'vitest';
import { isTrackpadPan, type WheelLike } from './trackpad';

const wheel = (over: Partial<WheelLike>): WheelLike => ({
  deltaX: 0,
  deltaY: 0,
  deltaMode: 0,
  ctrlKey: false,
  metaKey: false,
  ...over,
});

describe('isTrackpadPan: two-finger scroll pans, a wheel or a pinch zooms', () => {
  it.each<[string, Partial<WheelLike>, boolean]>([
    ['a two-finger scroll up, in small pixel steps', { deltaY: -12 }, true],
    ['a two-finger scroll with fractional steps (high-resolution trackpads)', { deltaY: 57.5 }, true],
    ['a sideways two-finger scroll', { deltaX: 30, deltaY: 4 }, true],
    ['a mouse wheel notch in Chromium (100 px)', { deltaY: 100 }, false],
    ['a mouse wheel notch down, several notches at once', { deltaY: -300 }, false],
    ['a mouse wheel in lines (Firefox)', { deltaY: 3, deltaMode: 1 }, false],
    ['a mouse wheel in pages', { deltaY: 1, deltaMode: 2 }, false],
    ['a pinch (the browser sets ctrlKey)', { deltaY: -4.2, ctrlKey: true }, false],
    ['Ctrl+wheel', { deltaY: 100, ctrlKey: true }, false],
    ['Cmd+two-finger scroll', { deltaY: -8, metaKey: true }, false],
    ['an empty event', {}, false],
  ])('%s', (_what, over, pans) => {
    expect(isTrackpadPan(wheel(over))).toBe(pans);
  });
});
