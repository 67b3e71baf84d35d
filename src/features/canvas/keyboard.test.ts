import { describe, expect, it } from 'vitest';
import { selectionTracker } from './keyboard';

describe('selectionTracker (React Flow reporting its selection back)', () => {
  it('takes a late echo of an older selection for an echo, not news', () => {
    const t = selectionTracker();
    t.given(['node-1']);
    t.given(['node-2']);
    // React Flow reports the first selection a render late, then the second.
    expect(t.isNews(['node-1'])).toBe(false);
    expect(t.isNews(['node-2'])).toBe(false);
  });

  it('takes what React Flow selected itself (a box, Shift+click) for news', () => {
    const t = selectionTracker();
    t.given(['a']);
    expect(t.isNews(['a'])).toBe(false);
    expect(t.isNews(['a', 'b'])).toBe(true);
    // Once caught up, an earlier selection chosen again by a box is news again.
    t.given(['c']);
    expect(t.isNews(['c'])).toBe(false);
    expect(t.isNews(['b', 'a'])).toBe(true);
  });
});
