import { expect, test } from '@playwright/test';
import { app, watchErrors } from './helpers';

test('story 24: type it: get pods -o wide, scale, rollout status and drain in the console, and the canvas answers', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=24');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  // kubectl get pods -o wide: every pod with its node and IP, as kubectl prints them.
  const wide = await kc.kubectl('kubectl get pods -o wide');
  for (const h of [
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    'IP',
    'NODE',
    'NOMINATED NODE',
    'READINESS GATES',
  ])
    await expect(wide).toContainText(h);
  for (const pod of await kc.podsOf('web').all()) {
    const name = (await pod.getAttribute('data-name')) ?? '';
    const node = (await pod.getAttribute('data-node')) ?? '';
    await expect(wide).toContainText(
      new RegExp(`${name}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.\\S+\\s+${node}`),
    );
  }

  // kubectl scale: two more pods on the canvas.
  await expect(await kc.kubectl('kubectl scale deploy/web --replicas=5')).toContainText(
    'deployment.apps/web scaled',
  );
  await expect(kc.podsOf('web')).toHaveCount(5);
  await expect(kc.readyPods('web-')).toHaveCount(5, { timeout: 20_000 });
  await expect(kc.card('Deployment', 'web')).toContainText('5/5');

  // kubectl rollout status: done.
  await expect(await kc.kubectl('kubectl rollout status deploy/web')).toContainText(
    'deployment "web" successfully rolled out',
  );

  // kubectl drain node-2: cordoned, its pods evicted and recreated on the other nodes.
  const onNode2 = await page.locator('[data-kind="Pod"][data-node="node-2"]').count();
  expect(onNode2).toBeGreaterThan(0);
  const drain = await kc.kubectl('kubectl drain node-2');
  await expect(drain).toContainText('node/node-2 cordoned');
  await expect(drain).toContainText('evicting pod default/web-');
  await expect(drain).toContainText('node/node-2 drained');
  await expect(kc.card('Node', 'node-2')).toHaveAttribute('data-cordoned', 'true');
  await expect(kc.card('Node', 'node-2')).toContainText('SchedulingDisabled');
  await expect(page.locator('[data-kind="Pod"][data-node="node-2"]')).toHaveCount(0, { timeout: 20_000 });
  await expect(kc.readyPods('web-')).toHaveCount(5, { timeout: 20_000 });
  await expect(kc.pendingPods).toHaveCount(0);
  const nodes = await kc.kubectl('kubectl get nodes');
  await expect(nodes).toContainText(/node-2\s+Ready,SchedulingDisabled/);
  await page.screenshot({ path: testInfo.outputPath('story-24.png') });
  expect(errors).toEqual([]);
});
