import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { app, dropFile, pasteOnCanvas, watchErrors } from './stories/helpers';

// Nothing a user made is lost: a `?demo=` reload, a half-typed YAML edit, a failed import.

const MANIFESTS = path.join(import.meta.dirname, 'fixtures/manifests');

async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme)
    await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test('a ?demo= link edited and reloaded keeps the edit; a template opened over it keeps the old design to Restore', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/?demo=talk-app');
  await expect(kc.card('Deployment', 'redis')).toBeVisible();
  // The template is opened once: the address no longer asks for it.
  await expect(page).not.toHaveURL(/demo=/);

  await kc.card('Deployment', 'redis').click();
  await kc.inspectorTab('Edit').click();
  const replicas = kc.inspector.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('2');
  await replicas.press('Enter');
  await expect(kc.podsOf('redis')).toHaveCount(2);
  await page.waitForTimeout(1000);

  // A share link made here carries the design, not the template.
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#design=');
  expect(link).not.toContain('demo=');

  await page.reload();
  await expect(kc.podsOf('redis')).toHaveCount(2);
  await kc.card('Deployment', 'redis').click();
  await kc.inspectorTab('Edit').click();
  await expect(replicas).toHaveValue('2');
  await page.goto('/');
  await expect(kc.podsOf('redis')).toHaveCount(2);

  // Another template asked for by the URL opens, and the design it replaced is kept.
  await page.goto('/?demo=statefulset-db');
  await expect(kc.card('Deployment', 'redis')).toHaveCount(0);
  const kept = page.getByRole('status').filter({ hasText: 'your previous design was kept' });
  await expect(kept).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('safety-demo-kept.png') });
  // It stays until the person acts on it.
  await page.waitForTimeout(6000);
  await expect(kept).toBeVisible();
  await kept.getByRole('button', { name: 'Restore' }).click();
  await expect(kc.podsOf('redis')).toHaveCount(2);
  await expect(kept).toHaveCount(0);
  // Restoring is one undoable step, and so was opening the template.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(kc.card('Deployment', 'redis')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(kc.podsOf('redis')).toHaveCount(2);
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(kc.podsOf('redis')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('the design YAML applies only when asked: renaming a node by typing changes nothing until Ctrl+S, then is one undo step', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=4');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(kc.pendingPods).toHaveCount(0, { timeout: 20_000 });
  await kc.dockTab('YAML').click();
  const editor = kc.dock.getByRole('textbox', { name: 'Design YAML' });
  await expect(editor).toBeVisible({ timeout: 30_000 });
  const state = kc.dock.getByRole('status', { name: 'Editor state' });
  await expect(state).toHaveText('No unapplied changes');

  // Delete node-1's name a character at a time and type a new one, with pauses: nothing is applied.
  await editor.locator('.cm-line', { hasText: /^\s*name: node-1$/ }).click();
  await page.keyboard.press('End');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(1000);
  await expect(state).toHaveText('● Unapplied changes');
  await expect(kc.dock.getByRole('alert', { name: 'YAML problems' })).toContainText('metadata.name');
  await page.keyboard.type('edge-1', { delay: 200 });
  await page.waitForTimeout(1000);
  await expect(kc.dock.getByRole('alert', { name: 'YAML problems' })).toHaveCount(0);
  await expect(kc.card('Node', 'node-1')).toBeVisible();
  await expect(kc.card('Node', 'edge-1')).toHaveCount(0);
  await expect(kc.nodes).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: /Imported/ })).toHaveCount(0);
  for (const theme of ['dark', 'light'] as const) {
    await useTheme(page, theme);
    await page.screenshot({ path: testInfo.outputPath(`safety-yaml-unapplied-${theme}.png`) });
  }

  await editor.click();
  await page.keyboard.press('Control+s');
  await expect(state).toHaveText('Applied: 1 renamed. Ctrl+Z undoes it.');
  await expect(kc.card('Node', 'edge-1')).toBeVisible();
  await expect(kc.card('Node', 'node-1')).toHaveCount(0);
  await expect(kc.nodes).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: /Imported/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('safety-yaml-applied.png') });

  // One undo step puts node-1 back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(kc.card('Node', 'node-1')).toBeVisible();
  await expect(kc.card('Node', 'edge-1')).toHaveCount(0);
  await expect(editor).toContainText('name: node-1');

  // A canvas edit while the text has unapplied changes: the text stays; Apply keeps both.
  await editor
    .locator('.cm-line', { hasText: /^\s*image: web:1.0$/ })
    .first()
    .click();
  await page.keyboard.press('End');
  await page.keyboard.type('-edited');
  await kc.add('Service');
  await expect(kc.card('Service', 'web')).toBeVisible();
  // The new Service is selected (its own YAML shows); back to the design, the typed text is there.
  await expect(kc.dock.getByRole('textbox', { name: 'Authored YAML' })).toContainText('kind: Service');
  await page.locator('.react-flow__pane').click({ position: { x: 500, y: 480 } });
  const changed = kc.dock.getByRole('status', { name: 'The design changed' });
  await expect(changed).toBeVisible();
  // (CodeMirror draws only the lines in view: the kept text shows in the state and in what Apply does.)
  await expect(state).toHaveText('● Unapplied changes');
  await expect(kc.card('Deployment', 'web')).not.toContainText('web:1.0-edited');
  await page.screenshot({ path: testInfo.outputPath('safety-yaml-design-changed-light.png') });
  await useTheme(page, 'dark');
  await page.screenshot({ path: testInfo.outputPath('safety-yaml-design-changed-dark.png') });
  await kc.dock.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(state).toHaveText('Applied: 1 changed. Ctrl+Z undoes it.');
  await expect(kc.card('Service', 'web')).toBeVisible();
  await expect(changed).toHaveCount(0);
  await kc.card('Deployment', 'web').click();
  await expect(kc.dock.getByRole('textbox', { name: 'Authored YAML' })).toContainText(
    'image: web:1.0-edited',
  );
  await page.locator('.react-flow__pane').click({ position: { x: 500, y: 480 } });

  // Revert drops unapplied edits.
  await editor.locator('.cm-line', { hasText: /^\s*name: node-1$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await expect(state).toHaveText('● Unapplied changes');
  await kc.dock.getByRole('button', { name: 'Revert' }).click();
  await expect(state).toHaveText('No unapplied changes');
  await expect(editor).toContainText('name: node-1');
  await expect(editor).not.toContainText('name: node-10');
  await expect(kc.card('Node', 'node-10')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the selected object's YAML: applied with Ctrl+Enter, and unapplied text survives selecting something else", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=6');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.card('Deployment', 'web').click();
  await kc.dockTab('YAML').click();
  const editor = kc.dock.getByRole('textbox', { name: 'Authored YAML' });
  await expect(editor).toContainText('replicas: 3', { timeout: 30_000 });
  const state = kc.dock.getByRole('status', { name: 'Editor state' });
  await editor.locator('.cm-line', { hasText: /^\s*replicas: 3$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5');
  await page.waitForTimeout(1500);
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(state).toHaveText('● Unapplied changes');
  await page.keyboard.press('Control+Enter');
  await expect(kc.podsOf('web')).toHaveCount(5);
  await expect(state).toHaveText('Applied: 1 changed. Ctrl+Z undoes it.');

  await editor.locator('.cm-line', { hasText: /^\s*replicas: 5$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2');
  await kc.card('Node', 'node-2').click();
  await expect(editor).toContainText('kind: Node');
  await kc.card('Deployment', 'web').click();
  await expect(editor).toContainText('replicas: 2');
  await expect(state).toHaveText('● Unapplied changes');
  await expect(kc.podsOf('web')).toHaveCount(5);
  // Renaming is refused in this editor, at its line, before Apply changes anything.
  await editor
    .locator('.cm-line', { hasText: /^\s*name: web$/ })
    .first()
    .click();
  await page.keyboard.press('End');
  await page.keyboard.type('2');
  await expect(kc.dock.getByRole('alert', { name: 'YAML problems' })).toContainText('cannot change here');
  await page.keyboard.press('Control+s');
  await expect(kc.dock.getByRole('alert', { name: 'YAML problems' })).toContainText('cannot change here');
  await expect(kc.card('Deployment', 'web2')).toHaveCount(0);
  await kc.dock.getByRole('button', { name: 'Revert' }).click();
  await expect(editor).toContainText('replicas: 5');
  expect(errors).toEqual([]);
});

test('a failed import opens in the YAML panel with its errors at their lines; fixed there, Retry import brings it in', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  const nginx = readFileSync(path.join(MANIFESTS, 'nginx-deployment.yaml'), 'utf8');
  const broken = nginx.replace(
    '          image: nginx:1.14.2\n',
    '          image: nginx:1.14.2\n          imagePullPolicy: Sometimes\n',
  );

  // Dropped on the canvas: refused, and the text opens in an Import tab of the YAML panel.
  await dropFile(page, 'nginx-deployment.yaml', broken);
  await expect(page.getByRole('alert').filter({ hasText: 'Import failed' })).toContainText(
    'nothing was changed',
  );
  await expect(kc.dockTab('YAML')).toHaveAttribute('aria-selected', 'true');
  const importTab = kc.dock.getByRole('tab', { name: 'Import: nginx-deployment.yaml' });
  await expect(importTab).toHaveAttribute('aria-selected', 'true');
  const editor = kc.dock.getByRole('textbox', { name: 'Import nginx-deployment.yaml' });
  await expect(editor).toContainText('imagePullPolicy: Sometimes', { timeout: 30_000 });
  const problems = kc.dock.getByRole('alert', { name: 'YAML problems' });
  await expect(problems).toContainText(
    'line 20:11 Deployment nginx-deployment: unsupported value "Sometimes"',
  );
  await expect(kc.dock.locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(0);
  for (const theme of ['dark', 'light'] as const) {
    await useTheme(page, theme);
    await page.screenshot({ path: testInfo.outputPath(`safety-import-rejected-${theme}.png`) });
    await expect(kc.dock.locator('.cm-lintRange-error')).toHaveCount(1);
  }

  // Retried unchanged: still refused, nothing changes, the text stays.
  await kc.dock.getByRole('button', { name: 'Retry import' }).click();
  await expect(problems).toContainText('line 20:11');
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(0);

  // Fixed in the editor (checked as typed), then retried: imported, the tab goes.
  await editor.locator('.cm-line', { hasText: 'imagePullPolicy: Sometimes' }).click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'Sometimes'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Always');
  await expect(problems).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(0);
  await kc.dock.getByRole('button', { name: 'Retry import' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 1 object from nginx-deployment.yaml' }),
  ).toBeVisible();
  await expect(kc.card('Deployment', 'nginx-deployment')).toBeVisible();
  await expect(importTab).toHaveCount(0);

  // Pasted with a mistake, then discarded: the design is as it was.
  await pasteOnCanvas(page, broken.replaceAll('nginx-deployment', 'other'));
  const pasted = kc.dock.getByRole('tab', { name: 'Import: pasted.yaml' });
  await expect(pasted).toHaveAttribute('aria-selected', 'true');
  await kc.dock.getByRole('button', { name: 'Discard' }).click();
  await expect(pasted).toHaveCount(0);
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(1);

  // The Import button's file picker: same.
  const file = testInfo.outputPath('picked.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, broken.replaceAll('nginx-deployment', 'picked'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByLabel('Import files').setInputFiles(file);
  await expect(kc.dock.getByRole('tab', { name: 'Import: picked.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(kc.dock.getByRole('textbox', { name: 'Import picked.yaml' })).toContainText('name: picked');
  expect(errors).toEqual([]);
});
