// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../engine';
import { FieldForm, type EditCheck } from './FieldForm';
import { sectionsFor } from './sections';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:1.0' }] },
    },
  },
};

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function render(onEdit: (fn: (o: KubeObject) => KubeObject) => void, check?: EditCheck): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root?.render(
      <FieldForm
        object={web}
        live={web}
        sections={sectionsFor('Deployment')}
        onEdit={onEdit}
        {...(check ? { check } : {})}
      />,
    ),
  );
  return host;
}

function input(host: HTMLElement, label: string): HTMLInputElement {
  const l = [...host.querySelectorAll('label')].find((x) => x.textContent === label);
  const el = l?.htmlFor ? (host.ownerDocument.getElementById(l.htmlFor) as HTMLInputElement | null) : null;
  if (!el) throw new Error(`no input labelled ${label}`);
  return el;
}

function type(el: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(el: HTMLElement, key: string): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

describe('the inspector form', () => {
  it('commits a valid edit on Enter as one edit function', () => {
    const onEdit = vi.fn();
    const host = render(onEdit);
    const replicas = input(host, 'Replicas');
    type(replicas, '5');
    press(replicas, 'Enter');
    expect(onEdit).toHaveBeenCalledTimes(1);
    const fn = onEdit.mock.calls[0]?.[0] as (o: KubeObject) => KubeObject;
    expect((fn(web).spec as { replicas: number }).replicas).toBe(5);
  });

  it('shows the message of an invalid value, marks the input invalid and commits nothing', () => {
    const onEdit = vi.fn();
    const host = render(onEdit);
    const cpu = input(host, 'Request CPU');
    type(cpu, 'lots');
    press(cpu, 'Enter');
    act(() => cpu.blur());
    expect(onEdit).not.toHaveBeenCalled();
    expect(cpu.getAttribute('aria-invalid')).toBe('true');
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('quantities must match the regular expression');
    expect(cpu.getAttribute('aria-describedby')).toBe(alert?.id);
  });

  it('Escape brings back the stored value', () => {
    const host = render(vi.fn());
    const image = input(host, 'Image');
    type(image, 'web:2.0');
    press(image, 'Escape');
    expect(image.value).toBe('web:1.0');
  });

  it('shows probe details only for the probe type chosen', () => {
    const host = render(vi.fn());
    expect(() => input(host, 'Readiness probe path')).toThrow();
    expect(input(host, 'Readiness probe').value).toBe('none');
  });

  it('refuses pod labels the selector does not match in the API server words, and keeps what was typed', () => {
    const onEdit = vi.fn();
    const host = render(onEdit);
    const labels = input(host, 'Pod labels');
    type(labels, 'app=cache');
    press(labels, 'Enter');
    act(() => labels.blur());
    expect(onEdit).not.toHaveBeenCalled();
    expect(labels.value).toBe('app=cache');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"cache"}: `selector` does not match template `labels`',
    );
  });

  it('the selector of a Deployment is read-only: field is immutable', () => {
    const host = render(vi.fn());
    const selector = input(host, 'Selector');
    expect(selector.readOnly).toBe(true);
    expect(host.textContent).toContain('spec.selector: field is immutable');
  });

  it('an edit the API server check refuses is not applied: its message shows and the typed value stays', async () => {
    const onEdit = vi.fn();
    let answer: (problems: string[]) => void = () => undefined;
    const check = vi.fn<EditCheck>(() => new Promise((resolve) => (answer = resolve)));
    const host = render(onEdit, check);
    const image = input(host, 'Image');
    type(image, 'web:2.0');
    press(image, 'Enter');
    expect(check).toHaveBeenCalledTimes(1);
    const [before, after] = check.mock.calls[0]!;
    expect(before).toBe(web);
    expect(JSON.stringify(after)).toContain('web:2.0');
    expect(host.textContent).toContain('Checking…');
    await act(async () => answer(['invalid value at "spec.template.spec.containers[0].image": nope']));
    expect(onEdit).not.toHaveBeenCalled();
    expect(image.value).toBe('web:2.0');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('nope');
    // Fixed and committed again, a clean check applies it.
    type(image, 'web:3.0');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    press(image, 'Enter');
    await act(async () => answer([]));
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  it('a claim: its spec is read-only with the API server reason and shows what the cluster holds', () => {
    const authored: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    const live: KubeObject = {
      ...authored,
      spec: { ...(authored.spec as object), storageClassName: 'standard' },
      status: { phase: 'Pending' },
    };
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() =>
      root?.render(
        <FieldForm
          object={authored}
          live={live}
          sections={sectionsFor('PersistentVolumeClaim')}
          onEdit={vi.fn()}
        />,
      ),
    );
    const cls = input(host, 'Storage class');
    expect(cls.value).toBe('standard');
    expect(cls.readOnly).toBe(true);
    expect(input(host, 'Size').readOnly).toBe(true);
    expect(input(host, 'Labels').readOnly).toBe(false);
    expect(host.textContent).toContain(
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });
});
