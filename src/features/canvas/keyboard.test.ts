import { describe, expect, it } from 'vitest';
import { selectionAfter } from './keyboard';
import { UNSCHEDULED_ID } from './layout';

const select = (id: string, selected: boolean) => ({ type: 'select', id, selected });

describe('selectionAfter (React Flow’s own selecting reaching the session)', () => {
  it('adds a box’s objects and takes Shift+clicked ones out', () => {
    expect(selectionAfter([], [select('a', true), select('b', true)])).toEqual(['a', 'b']);
    expect(selectionAfter(['a', 'b'], [select('a', false)])).toEqual(['b']);
  });

  it('a click on one object selects it alone', () => {
    expect(selectionAfter(['a', 'b'], [select('c', true), select('a', false), select('b', false)])).toEqual([
      'c',
    ]);
  });

  it('ignores changes that change nothing, other changes, the Unscheduled area, and an empty result', () => {
    expect(selectionAfter(['a'], [select('a', true)])).toBeNull();
    expect(selectionAfter(['a'], [{ type: 'dimensions', id: 'a' }])).toBeNull();
    expect(selectionAfter([], [select(UNSCHEDULED_ID, true)])).toBeNull();
    expect(selectionAfter(['a'], [select('a', false)])).toBeNull();
  });
});
