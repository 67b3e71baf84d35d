/** Reading dropped or picked files and pasted text into the importer; downloading exports. */
import {
  dropRejectedImport,
  exportProject,
  exportYaml,
  exportYamlOf,
  importText,
  keepRejectedImport,
  notify,
  shareLink,
  type YamlExportOptions,
} from '../../store';

/**
 * Imports text; when it fails, the text is kept with its errors and opens in the YAML panel to fix and
 * retry (nothing the person brought is thrown away). A later good import of the same file clears it.
 */
export async function importKeepingText(text: string, file: string): Promise<void> {
  const outcome = await importText(text, file);
  if (outcome.ok) dropRejectedImport({ file });
  else if (!outcome.cancelled) keepRejectedImport(file, text, outcome.errors);
}

/** Imports each file in turn (manifests are added; a project file replaces the design). */
export async function importFiles(files: readonly File[]): Promise<void> {
  for (const f of files) await importKeepingText(await f.text(), f.name);
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the design as YAML (cluster.yaml). */
export async function downloadYaml(): Promise<void> {
  download('cluster.yaml', await exportYaml(), 'application/yaml');
}

/** Downloads the whole design, the selection or one namespace as YAML; `what` names it in the notice. */
export async function downloadYamlOf(options: YamlExportOptions, name: string, what: string): Promise<void> {
  download(name, await exportYamlOf(options), 'application/yaml');
  notify('info', `Downloaded ${what} as ${name}`);
}

/** Copies the whole design, the selection or one namespace as YAML to the clipboard. */
export async function copyYamlOf(options: YamlExportOptions, what: string): Promise<void> {
  const text = await exportYamlOf(options);
  try {
    await navigator.clipboard.writeText(text);
    notify('info', `Copied the YAML of ${what}`);
  } catch (e) {
    notify('error', 'Could not copy to the clipboard', [
      `The browser refused: ${(e as Error).message}. Use Download .yaml instead.`,
    ]);
  }
}

/** Downloads the project file (cluster.kubecanvas.json). */
export async function downloadProject(): Promise<void> {
  download('cluster.kubecanvas.json', await exportProject(), 'application/json');
}

function isEditable(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

/** Imports text pasted anywhere outside an editor, when it looks like a manifest. */
export function onPaste(e: ClipboardEvent): void {
  if (isEditable(e.target)) return;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!/(^|\n)\s*(kind|apiVersion)\s*:|"kind"\s*:/.test(text)) return;
  e.preventDefault();
  void importKeepingText(text, 'pasted.yaml');
}

export { isEditable };

/** Copies a link that opens this design (compressed into the URL, no server). */
export async function copyShareLink(): Promise<void> {
  const link = shareLink(window.location.href);
  try {
    await navigator.clipboard.writeText(link);
    notify('info', 'Link copied', [`${Math.round(link.length / 1024)} KB; it opens this design as a copy.`]);
  } catch {
    window.prompt('Copy this link', link);
  }
}
