/**
 * Renders the inspector's form sections (fields.ts) for one object. Text and number inputs keep a draft
 * while the person types and commit on Enter or when focus leaves, only when valid; selects and
 * checkboxes commit at once. Every commit is one `onEdit(fn)` call, which the store turns into one
 * undoable updateObject.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import type { KubeObject } from '../../engine';
import type { Field, ListField, Row, ScalarField, Section } from './fields';

export interface FieldFormProps {
  object: KubeObject;
  sections: readonly Section[];
  onEdit: (fn: (o: KubeObject) => KubeObject) => void;
  readOnly?: boolean;
}

const INPUT =
  'w-full rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-xs text-slate-100 focus:border-sky-500 focus:outline-none disabled:opacity-60 aria-[invalid=true]:border-red-500';

export function FieldForm({ object, sections, onEdit, readOnly = false }: FieldFormProps) {
  return (
    <div className="flex flex-col gap-3 text-xs">
      {sections.map((s) => {
        const fields = s.fields.filter((f) => f.visible?.(object) ?? true);
        if (fields.length === 0) return null;
        return (
          <fieldset key={s.title} className="rounded border p-2 border-slate-700">
            <legend className="px-1 font-semibold text-slate-300">{s.title}</legend>
            <div className="flex flex-col gap-1.5">
              {fields.map((f) => (
                <FieldView key={f.id} field={f} object={object} onEdit={onEdit} readOnly={readOnly} />
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

interface FieldViewProps {
  field: Field;
  object: KubeObject;
  onEdit: (fn: (o: KubeObject) => KubeObject) => void;
  readOnly: boolean;
}

function FieldView({ field, object, onEdit, readOnly }: FieldViewProps) {
  return field.kind === 'scalar' ? (
    // The draft restarts whenever the stored value changes (an undo, an edit elsewhere).
    <ScalarInput key={field.get(object)} field={field} object={object} onEdit={onEdit} readOnly={readOnly} />
  ) : (
    <ListEditor
      key={JSON.stringify(field.get(object))}
      field={field}
      object={object}
      onEdit={onEdit}
      readOnly={readOnly}
    />
  );
}

function ScalarInput({ field, object, onEdit, readOnly }: FieldViewProps & { field: ScalarField }) {
  const id = useId();
  const stored = field.get(object);
  const [draft, setDraft] = useState(stored);
  const error = draft === stored ? undefined : field.validate?.(draft, object);
  const commit = (value: string) => {
    if (value === stored || field.validate?.(value, object)) return;
    onEdit((o) => field.set(o, value));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit(draft);
    if (e.key === 'Escape') setDraft(stored);
  };
  const described = error ? `${id}-error` : field.help ? `${id}-help` : undefined;
  if (field.control === 'checkbox') {
    return (
      <label className="flex items-center gap-2 text-slate-200">
        <input
          type="checkbox"
          checked={stored === 'true'}
          disabled={readOnly}
          onChange={(e) => commit(String(e.target.checked))}
        />
        {field.label}
      </label>
    );
  }
  return (
    <div className="grid grid-cols-[7.5rem_1fr] items-start gap-x-2">
      <label htmlFor={id} className="pt-0.5 text-slate-300">
        {field.label}
      </label>
      <div>
        {field.control === 'select' ? (
          <select
            id={id}
            className={INPUT}
            value={stored}
            disabled={readOnly}
            onChange={(e) => commit(e.target.value)}
          >
            {(field.choices ?? []).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className={INPUT}
            type={field.control === 'number' ? 'number' : 'text'}
            inputMode={field.control === 'number' ? 'numeric' : undefined}
            value={draft}
            placeholder={field.placeholder}
            readOnly={readOnly}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => commit(draft)}
            onKeyDown={onKey}
          />
        )}
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-0.5 text-red-400">
            {error}
          </p>
        ) : field.help ? (
          <p id={`${id}-help`} className="mt-0.5 text-[11px] text-slate-400">
            {field.help}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function ListEditor({ field, object, onEdit, readOnly }: FieldViewProps & { field: ListField }) {
  const stored = field.get(object);
  const [rows, setRows] = useState<Row[]>(stored);
  const errors = rows.map((r) => field.validateRow?.(r));
  const commit = (next: readonly Row[]) => {
    if (next.some((r) => field.validateRow?.(r))) return;
    if (JSON.stringify(next) === JSON.stringify(stored)) return;
    onEdit((o) => field.set(o, next));
  };
  const change = (i: number, col: string, value: string, now: boolean) => {
    const next = rows.map((r, j) => (j === i ? { ...r, [col]: value } : r));
    setRows(next);
    if (now) commit(next);
  };
  return (
    <div role="group" aria-label={field.label} className="flex flex-col gap-1">
      <div className="flex items-center justify-between">
        <span className="text-slate-300">{field.label}</span>
        {!readOnly && (
          <button
            type="button"
            className="rounded px-1.5 text-sky-300 hover:bg-slate-800"
            aria-label={`Add ${field.label.toLowerCase()} row`}
            onClick={() => setRows([...rows, { ...field.newRow }])}
          >
            + Add
          </button>
        )}
      </div>
      {field.help && <p className="text-[11px] text-slate-400">{field.help}</p>}
      {rows.map((r, i) => (
        <div key={i} className="rounded p-1 bg-slate-800/60">
          <div className="flex flex-wrap items-end gap-1">
            {field.columns.map((c) => (
              <label key={c.id} className="flex min-w-16 flex-1 flex-col text-[11px] text-slate-400">
                {c.label}
                {c.control === 'select' ? (
                  <select
                    className={INPUT}
                    value={r[c.id] ?? ''}
                    disabled={readOnly}
                    onChange={(e) => change(i, c.id, e.target.value, true)}
                  >
                    {(c.choices ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    className={INPUT}
                    type={c.control === 'number' ? 'number' : 'text'}
                    value={r[c.id] ?? ''}
                    placeholder={c.placeholder}
                    readOnly={readOnly}
                    aria-invalid={errors[i] ? true : undefined}
                    onChange={(e) => change(i, c.id, e.target.value, false)}
                    onBlur={() => commit(rows)}
                    onKeyDown={(e) => e.key === 'Enter' && commit(rows)}
                  />
                )}
              </label>
            ))}
            {!readOnly && (
              <button
                type="button"
                className="rounded px-1 text-xs text-slate-400 hover:bg-red-950 hover:text-red-300"
                aria-label={`Remove ${field.label.toLowerCase()} row ${i + 1}`}
                onClick={() => {
                  const next = rows.filter((_, j) => j !== i);
                  setRows(next);
                  commit(next);
                }}
              >
                ✕
              </button>
            )}
          </div>
          {errors[i] && (
            <p role="alert" className="mt-0.5 text-red-400">
              {errors[i]}
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
