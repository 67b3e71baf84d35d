import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { app, watchErrors } from './stories/helpers';

type Doc = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
};

const exportButton = (page: Page) =>
  page.getByRole('banner', { name: 'Top bar' }).getByRole('button', { name: /^Export/ });

async function downloadText(page: Page, testInfo: { outputPath: (name: string) => string }) {
  const panel = page.getByRole('dialog', { name: 'Export' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download .yaml' }).click(),
  ]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

const docsOf = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc);

test('the Export menu writes the selection, one namespace or the whole design, with or without the simulation', async ({
  page,
  baseURL,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/?seed=10');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.add('Service');
  await kc.add('ConfigMap');
  await expect(kc.card('Service', 'web')).toBeVisible();

  // Nothing selected: the selection cannot be exported, and the menu says why.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await exportButton(page).click();
  const panel = page.getByRole('dialog', { name: 'Export' });
  const selection = panel.getByRole('radio', { name: /^Selection/ });
  await expect(selection).toBeDisabled();
  await expect(panel).toContainText('Select objects on the canvas first');
  const theme = (await page.locator('html').getAttribute('data-theme')) ?? 'dark';
  await page.screenshot({ path: testInfo.outputPath(`export-menu-${theme}.png`) });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Two objects selected (click, then Control+click): the selection is two objects.
  await kc.card('Deployment', 'web').click();
  await kc.card('Service', 'web').click({ modifiers: ['Control'] });
  await exportButton(page).click();
  await expect(selection).toBeEnabled();
  await expect(panel.getByText('2 objects', { exact: true })).toBeVisible();
  await selection.check();
  const picked = await downloadText(page, testInfo);
  expect(picked.name).toBe('selection.yaml');
  // In apply order (the Service first), only the two, exactly as kubectl apply -f takes them.
  expect(docsOf(picked.text).map((d) => `${d.kind}/${d.metadata?.name}`)).toEqual([
    'Service/web',
    'Deployment/web',
  ]);
  expect(picked.text).not.toContain('kubecanvas.dev');
  expect(picked.text).not.toContain('status:');

  // The same choice, copied to the clipboard, is the same text.
  await exportButton(page).click();
  await expect(selection).toBeChecked();
  await panel.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Copied the YAML of the selection (2 objects)' }),
  ).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(picked.text);

  // The whole design for a real cluster: no Nodes. With the simulation: the Nodes and their sizes.
  await exportButton(page).click();
  await panel.getByRole('radio', { name: /^Whole design/ }).check();
  const real = await downloadText(page, testInfo);
  expect(real.name).toBe('cluster.yaml');
  expect(docsOf(real.text).map((d) => d.kind)).not.toContain('Node');
  await exportButton(page).click();
  await panel.getByRole('checkbox', { name: /Include the simulation/ }).check();
  const whole = await downloadText(page, testInfo);
  const nodes = docsOf(whole.text).filter((d) => d.kind === 'Node');
  expect(nodes.map((n) => n.metadata?.name)).toEqual(['node-1', 'node-2', 'node-3']);
  expect(JSON.parse(nodes[0]?.metadata?.annotations?.['kubecanvas.dev/node-status'] ?? '{}')).toMatchObject({
    capacity: { cpu: '2', memory: '4Gi' },
  });

  // One namespace: its objects only, cluster-scoped ones left out.
  await exportButton(page).click();
  await panel.getByRole('combobox', { name: 'Namespace to export' }).selectOption('default');
  await expect(panel.getByRole('radio', { name: /^One namespace/ })).toBeChecked();
  await panel.getByRole('checkbox', { name: /Include the simulation/ }).uncheck();
  const ns = await downloadText(page, testInfo);
  expect(ns.name).toBe('default.yaml');
  const nsKinds = docsOf(ns.text).map((d) => d.kind);
  expect(nsKinds).toEqual(expect.arrayContaining(['ConfigMap', 'Service', 'Deployment']));
  expect(nsKinds).not.toContain('Node');

  // The menu in the other theme.
  const other = theme === 'dark' ? 'light' : 'dark';
  await page.getByRole('button', { name: `Switch to ${other} theme` }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  await exportButton(page).click();
  await expect(panel).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`export-menu-${other}.png`) });
  expect(errors).toEqual([]);
});
