/**
 * The YAML panel's text <-> objects: authored objects written as YAML (keys in the order written,
 * sequences at their key's indent as kubectl writes them), and edited text read back with every problem
 * at its line and column. Bounded: aliases are capped and very large texts refused, so a hostile paste
 * cannot hang the page. Schema validation is the store's and the API server's job; this checks what the
 * panel needs (one object per document, apiVersion, kind, metadata.name).
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../../engine';

/** A problem at a 1-based line and column (the editor's EditorIssue shape). */
export interface TextIssue {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export type ParsedText = { ok: true; objects: KubeObject[] } | { ok: false; issues: TextIssue[] };

/** The largest text the panel parses (a design of a few thousand objects). */
export const MAX_TEXT_BYTES = 5_000_000;

/** YAML of objects, `---` between documents. */
export function toYamlText(objects: readonly KubeObject[]): string {
  return objects
    .map((o) => stringify(o, { indent: 2, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}

function shapeError(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'a document must be a Kubernetes object (a mapping with apiVersion, kind and metadata)';
  const o = value as Record<string, unknown>;
  if (typeof o['apiVersion'] !== 'string' || !o['apiVersion']) return 'apiVersion: Required value';
  if (typeof o['kind'] !== 'string' || !o['kind']) return 'kind: Required value';
  const meta = o['metadata'] as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object' || typeof meta['name'] !== 'string' || !meta['name'])
    return 'metadata.name: Required value: name or generateName is required';
  return undefined;
}

/** Reads edited text back into objects; any problem refuses the whole text. Empty documents are skipped. */
export function parseYamlObjects(text: string): ParsedText {
  if (text.length > MAX_TEXT_BYTES)
    return {
      ok: false,
      issues: [
        { line: 1, column: 1, severity: 'error', message: `the text is larger than ${MAX_TEXT_BYTES} bytes` },
      ],
    };
  const issues: TextIssue[] = [];
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      issues.push({
        line: pos?.line ?? 1,
        column: pos?.col ?? 1,
        severity: 'error',
        message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
      });
    }
    if (doc.errors.length || doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const at = lineOf(text, doc.range[0]);
      issues.push({ ...at, severity: 'error', message: (e as Error).message });
      continue;
    }
    const problem = shapeError(value);
    const at = lineOf(text, doc.contents.range[0]);
    if (problem) issues.push({ ...at, severity: 'error', message: problem });
    else objects.push(value as KubeObject);
  }
  return issues.length ? { ok: false, issues } : { ok: true, objects };
}

/**
 * Problems reported by the store's schema-validating import (`file:line:column Kind name: message`, as
 * io formats them) back to editor issues for the same file; lines that do not parse point at line 1.
 */
export function issuesFromImport(errors: readonly string[], file: string): TextIssue[] {
  return errors.map((e) => {
    const prefix = `${file}:`;
    const m = e.startsWith(prefix) ? /^(\d+):(\d+) (.*)$/s.exec(e.slice(prefix.length)) : null;
    return m
      ? { line: Number(m[1]), column: Number(m[2]), severity: 'error' as const, message: m[3] ?? e }
      : { line: 1, column: 1, severity: 'error' as const, message: e };
  });
}
