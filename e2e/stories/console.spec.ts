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

test('the console: -o yaml/json, describe with Events, top, logs, and rollout status waiting in simulated time until done or Ctrl+C', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=24');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  // -o yaml and -o json print the live object as kubectl does.
  const yaml = await kc.kubectl('kubectl get deploy web -o yaml');
  await expect(yaml).toContainText('apiVersion: apps/v1');
  await expect(yaml).toContainText('kind: Deployment');
  await expect(yaml).toContainText(/availableReplicas: 3/);
  const json = await kc.kubectl('kubectl get deploy web -o json');
  await expect(json).toContainText('"kind": "Deployment"');

  // describe shows the pod's Events, in the components' words.
  const pod = (await kc.podsOf('web').first().getAttribute('data-name')) ?? '';
  const described = await kc.kubectl(`kubectl describe pod ${pod}`);
  await expect(described).toContainText('Events:');
  await expect(described).toContainText(
    /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned/,
  );

  // Traffic through a Service: top pods and nodes have figures, and the pod's log shows the requests.
  await expect(await kc.kubectl('kubectl expose deployment web --port 80')).toContainText(
    'service/web exposed',
  );
  await expect(await kc.kubectl('kubecanvas traffic service/web --rps 30')).not.toContainText('error');
  await expect
    .poll(async () => (await (await kc.kubectl('kubectl top pods')).textContent()) ?? '', { timeout: 20_000 })
    .toMatch(/NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)[\s\S]*web-\S+\s+\d+m\s+\d+Mi/);
  await expect(await kc.kubectl('kubectl top nodes')).toContainText(
    /NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)/,
  );
  const logs = await kc.kubectl('kubectl logs deploy/web --tail=5');
  await expect(logs).toContainText(/Found 3 pods, using pod\/web-/);
  await expect(logs).toContainText(/"GET \/ HTTP\/1\.1" 200 \d+/);
  await expect(await kc.kubectl(`kubectl logs ${pod} -p`)).toContainText(
    `Error from server (BadRequest): previous terminated container "web" in pod "${pod}" not found`,
  );

  // logs -f follows the container: new access-log lines arrive as simulated time passes; Ctrl+C stops.
  const follow = await kc.kubectl(`kubectl logs -f ${pod} --tail=1`);
  const followHint = kc.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' });
  await expect(followHint).toBeVisible();
  await expect
    .poll(async () => ((await follow.textContent()) ?? '').split('HTTP/1.1').length, { timeout: 20_000 })
    .toBeGreaterThan(4);
  await kc.dock.getByRole('textbox', { name: 'kubectl command' }).press('Control+c');
  await expect(follow).toContainText('^C');
  await expect(followHint).toHaveCount(0);

  // rollout status waits while the rollout plays out, printing kubectl's lines, and ends rolled out.
  await kc.speed('1×');
  await expect(await kc.kubectl('kubectl set image deploy/web web=web:1.1')).toContainText(
    'deployment.apps/web image updated',
  );
  const status = await kc.kubectl('kubectl rollout status deploy/web');
  await expect(status).toContainText(/Waiting for deployment "web" rollout to finish: /);
  await expect(kc.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' })).toBeVisible();
  await kc.speed('10×');
  await expect(status).toContainText('deployment "web" successfully rolled out', { timeout: 60_000 });
  expect(((await status.textContent()) ?? '').split('Waiting for deployment').length).toBeGreaterThan(2);
  await expect(kc.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('rollout-status.png') });

  // --watch=false prints once; Ctrl+C stops a wait (here with the simulation paused, which it says).
  await page.getByRole('button', { name: 'Pause' }).click();
  await kc.kubectl('kubectl set image deploy/web web=web:1.2');
  const once = await kc.kubectl('kubectl rollout status deploy/web --watch=false');
  await expect(once).toContainText('Waiting for deployment');
  await expect(kc.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' })).toHaveCount(0);
  const waiting = await kc.kubectl('kubectl rollout status deploy/web');
  const hint = kc.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' });
  await expect(hint).toContainText('The simulation is paused');
  await kc.dock.getByRole('textbox', { name: 'kubectl command' }).press('Control+c');
  await expect(waiting).toContainText('^C');
  await expect(hint).toHaveCount(0);
  // The console takes commands again.
  await expect(await kc.kubectl('kubectl get deploy web')).toContainText(/web\s+\d\/3/);
  // --timeout counts simulated time: a new image pulls for longer than a second, so the wait runs out.
  await kc.speed('1×');
  await page.getByRole('button', { name: 'Play' }).click();
  await kc.kubectl('kubectl set image deploy/web web=web:1.3');
  const timed = await kc.kubectl('kubectl rollout status deploy/web --timeout=1s');
  await expect(timed).toContainText('error: timed out waiting for the condition', { timeout: 20_000 });
  await expect(hint).toHaveCount(0);
  expect(errors).toEqual([]);
});
