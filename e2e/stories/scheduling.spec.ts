import { expect, test } from '@playwright/test';
import { app, watchErrors } from './helpers';

test('story 4: three replicas are scheduled one per node, pull their image, run and become Ready', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=4');
  await kc.startEmpty();

  // Record every state a pod is drawn in, as a person watching the canvas sees them go by.
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { __states: Set<string> }).__states = seen;
    setInterval(() => {
      for (const el of document.querySelectorAll('[data-kind="Pod"]'))
        seen.add(el.getAttribute('data-state') ?? '');
    }, 20);
  });

  await kc.drop('Node', { x: 200, y: 150 });
  await kc.drop('Node', { x: 500, y: 150 });
  await kc.drop('Node', { x: 800, y: 150 });
  await expect(kc.nodes).toHaveCount(3);
  await kc.drop('Deployment', { x: 300, y: 500 });
  await expect(kc.card('Deployment', 'web')).toBeVisible();
  await expect(kc.podsOf('web')).toHaveCount(3);

  // One pod per node, by spreading.
  for (const n of ['node-1', 'node-2', 'node-3'])
    await expect(page.locator(`[data-kind="Pod"][data-node="${n}"]`)).toHaveCount(1, { timeout: 15_000 });
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 30_000 });
  const states = await page.evaluate(() => [...(window as unknown as { __states: Set<string> }).__states]);
  expect(states).toEqual(expect.arrayContaining(['ContainerCreating', 'Ready']));
  await expect(page.locator('[data-kind="Pod"][data-phase="Running"]')).toHaveCount(3);

  // The nodes' CPU and memory bars fill by the requests.
  for (const n of ['node-1', 'node-2', 'node-3']) {
    const node = kc.card('Node', n);
    await expect(node.locator('[title^="CPU: 0.25 requested of 2"]')).toHaveCount(1);
    await expect(node.locator('[title^="Mem: 256Mi requested of 4Gi"]')).toHaveCount(1);
  }
  await page.screenshot({ path: testInfo.outputPath('story-4.png') });
  expect(errors).toEqual([]);
});

test('story 5: why there? the inspector explains each node, and a pod that no longer fits says 3 Insufficient cpu', async ({
  page,
}, testInfo) => {
  const kc = app(page);
  await page.goto('/?seed=5');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(kc.pendingPods).toHaveCount(0);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  const pod = kc.podsOf('web').first();
  const node = (await pod.getAttribute('data-node')) ?? '';
  await pod.click();
  await kc.inspectorTab('Scheduling').click();
  const explanation = kc.inspector.getByRole('table', { name: 'Scheduler explanation' });
  await expect(explanation).toBeVisible();
  await expect(explanation.locator('tbody tr')).toHaveCount(3);
  await expect(explanation.locator('tr[aria-current="true"]')).toContainText(node);
  await expect(explanation).toContainText('NodeResourcesFit');
  await expect(explanation).toContainText('NodeResourcesBalancedAllocation');

  // Raise the requests: the new replica (surge) fits on no node next to the old ones.
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  const cpu = kc.inspector.getByRole('textbox', { name: 'Request CPU' });
  await cpu.fill('1800m');
  await cpu.press('Enter');
  await expect(kc.pendingPods).toHaveCount(1, { timeout: 15_000 });
  await kc.pendingPods.first().click();
  await kc.inspectorTab('Events').click();
  await expect(kc.inspector).toContainText('0/3 nodes are available: 3 Insufficient cpu.');
  await kc.inspectorTab('Scheduling').click();
  await expect(kc.inspector).toContainText('Insufficient cpu');
  await page.screenshot({ path: testInfo.outputPath('story-5.png') });
});

test('story 7: with a required anti-affinity on the hostname, a fourth replica on three nodes stays Pending and says why', async ({
  page,
}, testInfo) => {
  const kc = app(page);
  await page.goto('/?seed=7');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  // Replace pods one at a time without a surge pod (a surge pod could not fit next to the old ones).
  for (const [label, value] of [
    ['Max surge', '0'],
    ['Max unavailable', '1'],
  ] as const) {
    const box = kc.inspector.getByRole('textbox', { name: label, exact: true });
    await box.fill(value);
    await box.press('Enter');
  }
  const group = kc.inspector.getByRole('group', { name: 'Pod affinity and anti-affinity' });
  await group.getByRole('button', { name: 'Add pod affinity and anti-affinity row' }).click();
  await group.getByLabel('Pod labels').fill('app=web');
  await group.getByLabel('Topology key').fill('kubernetes.io/hostname');
  await group.getByLabel('Type').selectOption('anti-affinity');
  await group.getByLabel('Mode').selectOption('required');
  // The rollout replaces the pods; wait until it is done, then scale to four.
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  const replicas = kc.inspector.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('4');
  await replicas.press('Enter');
  await expect(kc.podsOf('web')).toHaveCount(4, { timeout: 15_000 });
  await expect(kc.pendingPods).toHaveCount(1, { timeout: 15_000 });
  await expect(kc.readyPods('web-')).toHaveCount(3);
  await kc.pendingPods.first().click();
  await kc.inspectorTab('Events').click();
  await expect(kc.inspector).toContainText(
    "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.",
  );
  await page.screenshot({ path: testInfo.outputPath('story-7.png') });
});

test('story 6: near redis: a preferred pod affinity for app=redis puts new web pods on the node of redis, and the explanation shows InterPodAffinity', async ({
  page,
}, testInfo) => {
  const kc = app(page);
  await page.goto('/?seed=6');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(await kc.kubectl('kubectl create deployment redis --image=redis:7')).toContainText(
    'deployment.apps/redis created',
  );
  const redis = kc.podsOf('redis');
  await expect(redis).toHaveCount(1);
  await expect(redis.first()).not.toHaveAttribute('data-node', '', { timeout: 10_000 });
  const redisNode = (await redis.first().getAttribute('data-node')) ?? '';

  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  const group = kc.inspector.getByRole('group', { name: 'Pod affinity and anti-affinity' });
  await group.getByRole('button', { name: 'Add pod affinity and anti-affinity row' }).click();
  await group.getByLabel('Type').selectOption('affinity');
  await group.getByLabel('Weight').fill('100');
  await group.getByLabel('Topology key').fill('kubernetes.io/hostname');
  await group.getByLabel('Pod labels').fill('app=redis');
  await group.getByLabel('Pod labels').press('Enter');
  await expect
    .poll(async () => (await kc.kubectl('kubectl get deploy web -o yaml')).textContent(), { timeout: 10_000 })
    .toContain('preferredDuringSchedulingIgnoredDuringExecution');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.locator(`[data-kind="Pod"][data-name^="web-"][data-node="${redisNode}"]`)).toHaveCount(3);

  const pod = page.locator(`[data-kind="Pod"][data-name^="web-"][data-node="${redisNode}"]`).first();
  await pod.click();
  await kc.inspectorTab('Scheduling').click();
  const explanation = kc.inspector.getByRole('table', { name: 'Scheduler explanation' });
  await expect(explanation).toContainText('InterPodAffinity');
  await expect(explanation.locator('tr[aria-current="true"]')).toContainText(redisNode);
  await page.screenshot({ path: testInfo.outputPath('story-6.png') });
});
