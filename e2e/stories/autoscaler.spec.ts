import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, watchErrors } from './helpers';

const NODE_GROUP = `apiVersion: kubecanvas.dev/v1alpha1
kind: NodeGroup
metadata:
  name: workers
spec:
  minSize: 0
  maxSize: 3
  bootSeconds: 60
  template:
    labels: {pool: workers}
    capacity: {cpu: "2", memory: 4Gi, pods: "110"}
`;

test('story 18: more nodes, please: pods beyond capacity wait, the cluster autoscaler adds a node that boots and takes them; scaled down, it goes away', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=18');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await pasteOnCanvas(page, NODE_GROUP);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 object' })).toBeVisible();

  // 3 nodes x 2 CPU hold 24 pods of 250m (less what is already there): 26 replicas leave some Pending.
  await kc.speed('10×');
  await expect(await kc.kubectl('kubectl scale deploy/web --replicas=26')).toContainText('scaled');
  await expect(kc.podsOf('web')).toHaveCount(26);
  await expect(kc.pendingPods).not.toHaveCount(0, { timeout: 10_000 });
  const pending = await kc.pendingPods.count();
  expect(pending).toBeGreaterThan(0);
  await kc.kubectl('kubectl get pods --field-selector=status.phase=Pending');
  await kc.pendingPods.first().click();
  await kc.inspectorTab('Events').click();
  await expect(kc.inspector).toContainText('TriggeredScaleUp', { timeout: 20_000 });

  // The new node boots, registers, and the pods land on it.
  await kc.speed('100×');
  await expect(kc.nodes).toHaveCount(4, { timeout: 20_000 });
  const added = page.locator('[data-kind="Node"]:not([data-name^="node-"])');
  await expect(added).toHaveCount(1);
  await expect(added).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const name = (await added.getAttribute('data-name')) ?? '';
  await expect(kc.pendingPods).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator(`[data-kind="Pod"][data-node="${name}"]`)).not.toHaveCount(0);
  await expect(kc.readyPods('web-')).toHaveCount(26, { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('story-18-scaled-up.png') });

  // Scale down: the idle node goes away later.
  await expect(await kc.kubectl('kubectl scale deploy/web --replicas=3')).toContainText('scaled');
  await expect(kc.podsOf('web').and(page.locator(':not([data-state="Terminating"])'))).toHaveCount(3, {
    timeout: 20_000,
  });
  await expect(kc.nodes).toHaveCount(3, { timeout: 40_000 });
  await expect(kc.card('Node', name)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('story-18-scaled-down.png') });
  expect(errors).toEqual([]);
});

test('story 19: no nodes at all: a serverless node group runs each pod on its own VM', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=19');
  await kc.startEmpty();
  await kc.speed('100×');
  await pasteOnCanvas(
    page,
    'apiVersion: kubecanvas.dev/v1alpha1\nkind: NodeGroup\nmetadata:\n  name: fargate\nspec:\n  serverless: true\n',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 object' })).toBeVisible();
  await kc.add('Deployment');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 30_000 });
  await expect(kc.nodes).toHaveCount(3);
  const nodes = await kc.podsOf('web').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
  expect(new Set(nodes).size).toBe(3);
  await page.screenshot({ path: testInfo.outputPath('story-19.png') });
  expect(errors).toEqual([]);
});
