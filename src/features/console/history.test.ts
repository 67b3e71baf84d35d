import { describe, expect, it } from 'vitest';
import { emptyHistory, pushHistory, walkHistory, type HistoryState } from './history';

function run(...lines: string[]): HistoryState {
  return lines.reduce(pushHistory, emptyHistory);
}

describe('console history', () => {
  it('walks up to older lines and stops at the oldest', () => {
    let h = run('kubectl get pods', 'kubectl get nodes');
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = walkHistory(h, 'up', 'kub');
      h = r.state;
      texts.push(r.text);
    }
    expect(texts).toEqual(['kubectl get nodes', 'kubectl get pods', 'kubectl get pods']);
  });

  it('walks back down and returns the line that was being typed', () => {
    let h = run('a', 'b');
    h = walkHistory(h, 'up', 'half-typed').state;
    h = walkHistory(h, 'up', 'b').state;
    const down1 = walkHistory(h, 'down', 'a');
    expect(down1.text).toBe('b');
    const down2 = walkHistory(down1.state, 'down', 'b');
    expect(down2.text).toBe('half-typed');
    expect(down2.state.cursor).toBeNull();
  });

  it.each<[string, string[], string[]]>([
    ['A repeated line is kept once', ['a', 'a'], ['a']],
    ['Blank lines are not kept', ['a', '   '], ['a']],
    ['Lines are trimmed', ['  a  '], ['a']],
  ])('%s', (_name, lines, want) => {
    expect(run(...lines).lines).toEqual(want);
  });

  it('down without a walk leaves the text alone', () => {
    expect(walkHistory(run('a'), 'down', 'typing').text).toBe('typing');
  });
});
