// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { EditorState } from '@codemirror/state';
import YamlEditor from './index';
import { toDiagnostic } from './YamlEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('the YAML editor panel', () => {
  it('shows the value as text, HTML included, without interpreting it', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(<YamlEditor value={'data:\n  x: "<img src=x onerror=alert(1)>"\n'} onApply={vi.fn()} />);
    });
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(host.querySelector('img')).toBeNull();
    await act(async () => root.unmount());
  });

  it.each([
    ['an issue at line 3 column 3 (from the key to the end of its line)', { line: 3, column: 3 }, 18, 28],
    ['an issue past the end of the text, clamped to the last line', { line: 99, column: 1 }, 29, 29],
  ])('places %s at the right place', (_name, at, from, to) => {
    const doc = EditorState.create({ doc: 'kind: Pod\nspec:\n  replica: 3\n' }).doc;
    expect(toDiagnostic(doc, { ...at, message: 'm', severity: 'error' })).toMatchObject({ from, to });
  });
});
