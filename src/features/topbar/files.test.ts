import { beforeEach, describe, expect, it } from 'vitest';
import { documentStore, loadDesign, sessionStore, togglePanel } from '../../store';
import { importKeepingText } from './files';

const broken = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: three
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx
`;

beforeEach(() => {
  loadDesign([], { seed: 1 });
  sessionStore.setState({ rejectedImports: [], notices: [] });
  togglePanel('dock', false);
});

describe('an import that fails keeps the text to fix and retry', () => {
  it('keeps the text and its errors, opens the dock, and changes nothing in the design', async () => {
    await importKeepingText(broken, 'web.yaml');
    const [kept, ...rest] = sessionStore.getState().rejectedImports;
    expect(rest).toEqual([]);
    expect(kept).toMatchObject({ file: 'web.yaml', text: broken });
    expect(kept?.errors).toEqual([
      expect.stringMatching(/^web\.yaml:6:\d+ Deployment web: .*spec\.replicas/),
    ]);
    expect(sessionStore.getState().panels.dock).toBe(true);
    expect(documentStore.getState().objects).toEqual([]);
  });

  it('a second failure of the same file replaces the kept text; a later good import of it clears it', async () => {
    await importKeepingText(broken, 'web.yaml');
    await importKeepingText(broken.replace('name: web\n', 'name: Web\n'), 'web.yaml');
    await importKeepingText(broken, 'other.yaml');
    expect(sessionStore.getState().rejectedImports.map((r) => r.file)).toEqual(['web.yaml', 'other.yaml']);
    expect(sessionStore.getState().rejectedImports[0]?.text).toContain('name: Web');
    await importKeepingText(broken.replace('replicas: three', 'replicas: 3'), 'web.yaml');
    expect(sessionStore.getState().rejectedImports.map((r) => r.file)).toEqual(['other.yaml']);
    expect(documentStore.getState().objects.map((o) => o.metadata.name)).toEqual(['web']);
  });
});
