// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import YamlEditor from './index';
import { CompletionContext } from '@codemirror/autocomplete';
import { completionSource, revealFirstError, toDiagnostic } from './YamlEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom does no layout: CodeMirror measures text ranges, which jsdom's Range cannot.
Range.prototype.getClientRects = () =>
  ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

describe('the YAML editor panel', () => {
  it('opened on a rejected import, puts the cursor on its first error and the keyboard in the editor', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const text = Array.from({ length: 60 }, (_, i) => `k${i}: v`).join('\n');
    await act(async () => {
      root.render(
        <YamlEditor
          value={text}
          issues={[
            { line: 50, column: 1, severity: 'warning', message: 'a warning first' },
            { line: 42, column: 3, severity: 'error', message: 'unsupported value' },
            { line: 55, column: 1, severity: 'error', message: 'another' },
          ]}
          revealFirstError="focus"
        />,
      );
    });
    const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement) as EditorView;
    const head = view.state.selection.main.head;
    expect(view.state.doc.lineAt(head).number).toBe(42);
    expect(head - view.state.doc.line(42).from).toBe(2);
    expect(view.hasFocus).toBe(true);
    // Nothing to reveal without an error; the cursor stays.
    expect(revealFirstError(view, [{ line: 3, column: 1, severity: 'warning', message: 'w' }])).toBe(false);
    expect(view.state.selection.main.head).toBe(head);
    await act(async () => root.unmount());
  });

  it('shows the value as text, HTML included, without interpreting it', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(<YamlEditor value={'data:\n  x: "<img src=x onerror=alert(1)>"\n'} />);
    });
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(host.querySelector('img')).toBeNull();
    await act(async () => root.unmount());
  });

  it('applies nothing while the person types: edits are reported, Ctrl+S and Ctrl+Enter ask to apply', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const onChange = vi.fn();
    const onApply = vi.fn();
    await act(async () => {
      root.render(<YamlEditor value={'kind: Pod\n'} onChange={onChange} onApply={onApply} />);
    });
    const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement) as EditorView;
    await act(async () => {
      view.dispatch({ changes: { from: 10, insert: 'metadata: {}\n' } });
      await new Promise((r) => setTimeout(r, 600));
    });
    expect(onChange.mock.lastCall?.[0]).toBe('kind: Pod\nmetadata: {}\n');
    expect(onApply).not.toHaveBeenCalled();
    for (const key of ['s', 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, cancelable: true });
      await act(async () => {
        view.contentDOM.dispatchEvent(event);
      });
      // Handled: the browser neither saves the page nor inserts a line.
      expect(event.defaultPrevented).toBe(true);
    }
    expect(onApply.mock.calls).toEqual([['kind: Pod\nmetadata: {}\n'], ['kind: Pod\nmetadata: {}\n']]);
    expect(view.state.doc.toString()).toBe('kind: Pod\nmetadata: {}\n');
    await act(async () => root.unmount());
  });

  it('shows problems known when it opens at their line, and keeps them through a theme switch', async () => {
    const issues = [{ line: 3, column: 3, message: 'unknown field', severity: 'error' as const }];
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(<YamlEditor value={'kind: Pod\nspec:\n  replica: 3\n'} issues={issues} />);
    });
    expect(host.querySelector('.cm-lintRange-error')?.textContent).toBe('replica: 3');
    // A theme switch reconfigures the editor: the marks stay.
    await act(async () => {
      root.render(<YamlEditor value={'kind: Pod\nspec:\n  replica: 3\n'} issues={issues} theme="light" />);
    });
    expect(host.querySelector('.cm-lintRange-error')?.textContent).toBe('replica: 3');
    await act(async () => root.unmount());
  });

  it.each([
    ['an issue at line 3 column 3 (from the key to the end of its line)', { line: 3, column: 3 }, 18, 28],
    ['an issue past the end of the text, clamped to the last line', { line: 99, column: 1 }, 29, 29],
  ])('places %s at the right place', (_name, at, from, to) => {
    const doc = EditorState.create({ doc: 'kind: Pod\nspec:\n  replica: 3\n' }).doc;
    expect(toDiagnostic(doc, { ...at, message: 'm', severity: 'error' })).toMatchObject({ from, to });
  });

  it('completes field names at the cursor and the supported values of an enum field', () => {
    const listFields = vi.fn((_v: string, _k: string, path: string[]) =>
      path.join('.') === 'spec.template.spec.containers' ? ['image', 'imagePullPolicy'] : [],
    );
    const listValues = vi.fn((_v: string, _k: string, path: string[]) =>
      path.join('.') === 'spec.template.spec.containers.imagePullPolicy'
        ? ['Always', 'IfNotPresent', 'Never']
        : [],
    );
    const source = completionSource(listFields, listValues);
    const at = (text: string) => {
      const state = EditorState.create({ doc: text });
      return source(new CompletionContext(state, text.length, false));
    };
    const head =
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n';
    expect(at(`${head}        imagePullPolicy: If`)?.options.map((o) => o.label)).toEqual([
      'Always',
      'IfNotPresent',
      'Never',
    ]);
    expect(listValues).toHaveBeenCalledWith('apps/v1', 'Deployment', [
      'spec',
      'template',
      'spec',
      'containers',
      'imagePullPolicy',
    ]);
    expect(at(`${head}        ima`)?.options.map((o) => o.label)).toEqual(['image', 'imagePullPolicy']);
    expect(at(`${head}        image: ngi`)).toBeNull();
  });
});
