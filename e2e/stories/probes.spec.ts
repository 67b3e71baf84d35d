import { expect, test } from '@playwright/test';
import { app, recordPodStates, watchErrors } from './helpers';

test('story 9: give it a moment: with a readiness probe delayed 10 s on /_health, new pods run but are not Ready for ten seconds', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=9');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  const before = new Set(
    await kc.podsOf('web').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
  );

  await page.getByRole('button', { name: 'Pause' }).click();
  await kc.speed('10×');
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  await kc.inspector.getByLabel('Readiness probe', { exact: true }).selectOption('httpGet');
  const path = kc.inspector.getByLabel('Readiness probe path', { exact: true });
  await path.fill('/_health');
  await path.press('Enter');
  const delay = kc.inspector.getByLabel('Readiness probe initial delay (s)', { exact: true });
  await delay.fill('10');
  await delay.press('Enter');
  await expect(kc.dock).toBeVisible();
  const yaml = await kc.kubectl('kubectl get deploy web -o yaml');
  await expect(yaml).toContainText('path: /_health');
  await expect(yaml).toContainText('initialDelaySeconds: 10');

  const states = await recordPodStates(page);
  await page.getByRole('button', { name: 'Play' }).click();
  // The rollout brings three new pods; each runs a while before it is Ready.
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 40_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3);
  const log = await states();
  const fresh = Object.entries(log).filter(([name]) => name.startsWith('web-') && !before.has(name));
  const last = fresh.filter(([, s]) => s['Ready'] !== undefined);
  expect(last.length).toBeGreaterThanOrEqual(3);
  for (const [name, s] of last) {
    expect(s['RunningNotReady'], `${name} was drawn Running but not Ready`).toBeDefined();
    // The pod's own times: the container started, then the Ready condition turned True.
    const out =
      (await (await kc.kubectl(`kubectl get pod ${name} -o json`)).locator('pre').textContent()) ?? '';
    const pod = JSON.parse(out) as {
      status: {
        conditions: { type: string; lastTransitionTime: string }[];
        containerStatuses: { state: { running?: { startedAt: string } } }[];
      };
    };
    const started = Date.parse(pod.status.containerStatuses[0]?.state.running?.startedAt ?? '');
    const readyAt = Date.parse(
      pod.status.conditions.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '',
    );
    const notReadyFor = (readyAt - started) / 1000;
    expect(notReadyFor, `${name} ran ${notReadyFor}s before Ready`).toBeGreaterThanOrEqual(10);
    expect(notReadyFor, `${name} ran ${notReadyFor}s before Ready`).toBeLessThanOrEqual(20);
  }
  await page.screenshot({ path: testInfo.outputPath('story-9.png') });
  expect(errors).toEqual([]);
});

test('story 10: are you awake? a broken liveness probe restarts the container once; a crashing app goes into CrashLoopBackOff, back-off 10 s, 20 s, 40 s', async ({
  page,
}, testInfo) => {
  // Back-offs of 10 s, 20 s and 40 s are watched at 2× speed: over a minute of wall time.
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=10');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  await kc.inspector.getByLabel('Liveness probe', { exact: true }).selectOption('httpGet');
  const path = kc.inspector.getByLabel('Liveness probe path', { exact: true });
  await path.fill('/_health');
  await path.press('Enter');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  // Break one pod's health endpoint: three failed probes, then the kubelet restarts the container.
  await kc.speed('10×');
  const pod = kc.readyPods('web-').first();
  const name = (await pod.getAttribute('data-name')) ?? '';
  const thePod = kc.card('Pod', name);
  await thePod.click();
  await kc.inspector.getByRole('button', { name: 'Break liveness' }).click();
  await kc.inspectorTab('Events').click();
  await expect(kc.inspector).toContainText('Liveness probe failed', { timeout: 20_000 });
  await expect(kc.inspector).toContainText('Container web failed liveness probe, will be restarted', {
    timeout: 20_000,
  });
  await expect
    .poll(async () => (await kc.kubectl(`kubectl get pod ${name}`)).textContent(), { timeout: 20_000 })
    .toMatch(new RegExp(`${name}\\s+\\d/1\\s+\\S+\\s+1 \\(`));
  await page.screenshot({ path: testInfo.outputPath('story-10-restarted.png') });

  // Break another pod for good (its app crashes as it starts): CrashLoopBackOff, back-off doubling.
  const other = page.locator(`[data-kind="Pod"][data-ready="true"]:not([data-name="${name}"])`).first();
  const otherName = (await other.getAttribute('data-name')) ?? '';
  const crashing = kc.card('Pod', otherName);
  await crashing.click();
  // Slower, so that each back-off lasts wall seconds: the first (10 s) is read even on a busy machine.
  await kc.speed('2×');
  await kc.inspector.getByRole('button', { name: 'Crash' }).click();
  await expect(crashing).toHaveAttribute('data-state', 'CrashLoopBackOff', { timeout: 20_000 });
  const backoffs = new Set<string>();
  await expect
    .poll(
      async () => {
        const out = (await (await kc.kubectl(`kubectl get pod ${otherName} -o yaml`)).textContent()) ?? '';
        for (const m of out.matchAll(/back-off (\d+s) restarting failed container/g))
          backoffs.add(m[1] ?? '');
        return [...backoffs];
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toEqual(expect.arrayContaining(['10s', '20s', '40s']));
  await page.screenshot({ path: testInfo.outputPath('story-10-crashloop.png') });
  expect(errors).toEqual([]);
});
