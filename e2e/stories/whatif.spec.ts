import { expect, test } from '@playwright/test';
import { app, watchErrors } from './helpers';

/** Story 11's design: web x3, an app that takes 20 s to start, a readiness probe, one pod at a time. */
const SLOW_WEB = `
${[1, 2, 3]
  .map(
    (i) => `apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels:
    kubernetes.io/hostname: node-${i}
    topology.kubernetes.io/zone: zone-${i}
status:
  capacity: { cpu: "2", memory: 4Gi, pods: "110" }
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
---`,
  )
  .join('\n')}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: { app: web }
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }
  template:
    metadata:
      labels: { app: web }
      annotations:
        kubecanvas.dev/behavior: '{"startupSeconds": 20}'
    spec:
      containers:
        - name: web
          image: web:1.0
          ports: [{ name: http, containerPort: 8080 }]
          resources: { requests: { cpu: 250m, memory: 256Mi } }
          readinessProbe:
            httpGet: { path: /_health, port: 8080 }
            periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
`;

test('what if: the same rollout without a readiness probe fails requests; with it (as designed) none fail', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty&seed=11');
  await expect(kc.nodes).toHaveCount(0);
  await page.getByRole('button', { name: 'Import' }).click();
  await page
    .getByLabel('Import files')
    .setInputFiles({ name: 'slow-web.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SLOW_WEB) });
  await expect(kc.nodes).toHaveCount(3);
  await expect(kc.card('Service', 'web')).toBeVisible();
  const timeBefore = await kc.simSeconds();

  // The inspector's "What if…" on the Deployment opens Charts on the what-if view, web's first change picked.
  await kc.card('Deployment', 'web').click();
  await kc.inspector.getByRole('button', { name: 'What if…' }).click();
  await expect(kc.dockTab('Charts')).toHaveAttribute('aria-selected', 'true');
  const form = kc.dock.getByRole('form', { name: 'What if' });
  await expect(form.getByRole('combobox', { name: 'Change', exact: true })).toHaveValue('0');
  await expect(
    form.getByRole('combobox', { name: 'Change', exact: true }).locator('option:checked'),
  ).toHaveText('web: without readiness probe');
  // A probe matters during a rollout: both runs roll out a new image of web.
  await expect(form.getByLabel('In both runs', { exact: true })).toHaveValue(
    'rollout:Deployment/default/web',
  );
  await form.getByLabel('at (s)', { exact: true }).fill('20');
  await form.getByLabel('Duration', { exact: true }).selectOption({ label: '3 min' });
  await form.getByLabel('Traffic (rps)', { exact: true }).fill('100');
  await form.getByRole('button', { name: 'Run both' }).click();

  const summary = kc.dock.getByRole('status', { name: 'What-if summary' });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toHaveText(
    /^Without a readiness probe on web: ([1-9]\d*)% of requests failed during a rollout of web at 20 s \([\d,]+ of [\d,]+\); as designed: 0%\.$/,
  );
  const designed = kc.dock.getByRole('region', { name: 'Run: As designed' });
  const without = kc.dock.getByRole('region', { name: 'Run: Without a readiness probe on web' });
  await expect(designed.getByLabel('As designed: failed requests')).toHaveText(
    /^0 of [\d,]+ requests failed \(0%\)/,
  );
  await expect(without.getByLabel('Without a readiness probe on web: failed requests')).toHaveText(
    /^[1-9][\d,]* of [\d,]+ requests failed \([1-9]\d*%\)/,
  );
  // Side by side: each run has its success, requests and pods charts.
  for (const run of [designed, without])
    for (const chart of ['Success', 'Requests/s', 'Pods'])
      await expect(
        run.getByRole('img', { name: new RegExp(`^${chart.replace('/', '\\/')}: `) }),
      ).toBeVisible();
  await expect(designed.getByRole('img', { name: /^Success: 100% now/ })).toBeVisible();
  const box = (await designed.boundingBox()) ?? { x: 0, y: 0, width: 0 };
  const other = (await without.boundingBox()) ?? { x: 0, y: 0, width: 0 };
  expect(other.x).toBeGreaterThan(box.x + box.width - 1);
  expect(Math.abs(other.y - box.y)).toBeLessThan(2);

  // Hovering a chart shows the values at that second.
  const chart = without.getByRole('img', { name: /^Requests\/s: / });
  await chart.scrollIntoViewIfNeeded();
  const c = (await chart.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  await chart.hover({ position: { x: c.width * 0.4, y: c.height / 2 } });
  await expect(without.getByText(/^at \+\d:\d\d$/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('whatif-side-by-side.png') });

  // The what-if ran apart from the live cluster: the design and its clock are as they were.
  await expect(kc.podsOf('web')).toHaveCount(3);
  expect(await kc.simSeconds()).toBeGreaterThanOrEqual(timeBefore);
  await expect(await kc.kubectl('kubectl get deploy web -o wide')).toContainText(/web:1\.0/);
  expect(errors).toEqual([]);
});

test('what if: a run shows its progress and can be cancelled; a change that cannot run says why', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=1');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.dockTab('Charts').click();
  await kc.dock.getByRole('button', { name: 'What if…' }).click();
  const form = kc.dock.getByRole('form', { name: 'What if' });
  await form
    .getByLabel('Change', { exact: true })
    .selectOption({ label: 'web: rollout strategy (maxSurge, maxUnavailable)' });
  await form.getByLabel('maxSurge', { exact: true }).fill('0');
  await form.getByLabel('maxUnavailable', { exact: true }).fill('0');
  await expect(kc.dock.getByRole('alert')).toHaveText(
    'Cannot run: maxSurge and maxUnavailable cannot both be 0 (the Deployment could never move).',
  );
  await expect(form.getByRole('button', { name: 'Run both' })).toBeDisabled();
  await form.getByLabel('maxSurge', { exact: true }).fill('1');
  await expect(form.getByRole('button', { name: 'Run both' })).toBeEnabled();

  await form.getByLabel('Change', { exact: true }).selectOption({ label: 'node-2: node fails' });
  await form.getByLabel('Duration', { exact: true }).selectOption({ label: '5 min' });
  // Cancel right away (two five-minute runs take the worker about a second): the worker is stopped.
  await form.getByRole('button', { name: 'Run both' }).click();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(kc.dock.getByText('Cancelled.')).toBeVisible();
  await page.waitForTimeout(3000);
  await expect(kc.dock.getByRole('status', { name: 'What-if summary' })).toHaveCount(0);
  await expect(kc.dock.getByText('Cancelled.')).toBeVisible();

  // Progress shows while a run goes (recorded in the page: a run may take less than a second).
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="What-if progress"]');
      if (bar) seen.push(Number(bar.getAttribute('value') ?? 0));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await form.getByRole('button', { name: 'Run both' }).click();
  await expect(kc.dock.getByRole('status', { name: 'What-if summary' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('whatif-node-failure.png') });
  await expect(kc.dock.getByRole('progressbar', { name: 'What-if progress' })).toHaveCount(0);
  const progress = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
  expect(progress.length).toBeGreaterThan(1);
  expect(Math.max(...progress)).toBeGreaterThan(0);

  // node-2 failing at 30 s (the template has no Service: the what-if adds one for the traffic).
  await expect(kc.dock.getByRole('status', { name: 'What-if summary' })).toHaveText(
    /^node-2 failing at 30 s: \d+(\.\d)?% of requests failed \([\d,]+ of [\d,]+\); as designed: 0%\.$/,
  );
  await expect(
    kc.dock.getByText(/which the what-if adds \(the design has no Service for web\)/),
  ).toBeVisible();
  // Editing the design afterwards marks the result as stale.
  await kc.kubectl('kubectl scale deployment web --replicas=4');
  await kc.dockTab('Charts').click();
  await expect(kc.dock.getByRole('note')).toHaveText(
    'The design changed after this run; Run both again to see the change.',
  );
  expect(errors).toEqual([]);
});
