/**
 * Renders the inspector's form sections (fields.ts) for one object. Text and number inputs keep a draft
 * while the person types and commit on Enter or when focus leaves, only when valid; selects and
 * checkboxes commit at once. A commit is checked twice before it is applied: by the field's own rule, then
 * the edited object as a whole as the API server would check it (`check`, the store's validateEdit). A
 * refused edit is not applied: the message shows at the field and the typed value stays, to be fixed.
 * Every applied commit is one `onEdit(fn)` call, which the store turns into one undoable updateObject.
 * Fields the API server will not let change (`immutable`) are read-only, with its reason.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { KubeObject } from '../../engine';
import type { Field, ListField, Row, ScalarField, Section } from './fields';

/** What the API server would refuse in an edit from `before` to `after` (empty: nothing). */
export type EditCheck = (before: KubeObject, after: KubeObject) => Promise<readonly string[]>;

export interface FieldFormProps {
  object: KubeObject;
  sections: readonly Section[];
  onEdit: (fn: (o: KubeObject) => KubeObject) => void;
  readOnly?: boolean;
  /** The object as the cluster holds it (immutability can depend on its status). */
  live?: KubeObject;
  check?: EditCheck;
}

const INPUT =
  'w-full rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-xs text-slate-100 focus:border-sky-500 focus:outline-none disabled:opacity-60 [&:is(input):read-only]:border-dashed aria-[invalid=true]:border-red-500';

export function FieldForm({ object, sections, onEdit, readOnly = false, live, check }: FieldFormProps) {
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
                <FieldView
                  key={f.id}
                  field={f}
                  object={object}
                  onEdit={onEdit}
                  readOnly={readOnly}
                  live={live}
                  check={check}
                />
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
  live: KubeObject | undefined;
  check: EditCheck | undefined;
}

function FieldView(props: FieldViewProps) {
  const { field, object } = props;
  const locked = field.immutable?.(object, props.live);
  // A field that cannot change shows what the cluster holds (e.g. the class admission gave a claim).
  const shown = locked !== undefined && props.live ? props.live : object;
  const p = { ...props, object: shown, readOnly: props.readOnly || locked !== undefined, locked };
  return field.kind === 'scalar' ? (
    // The draft restarts whenever the stored value changes (an undo, an edit elsewhere).
    <ScalarInput key={field.get(shown)} {...p} field={field} />
  ) : (
    <ListEditor {...p} field={field} />
  );
}

/**
 * Commits an edit after the API server's check: resolves to the refusal (shown at the field), or applies
 * it. Only the latest attempt of a field counts (an older check that answers late is ignored).
 */
function useCommit(props: FieldViewProps) {
  const { object, onEdit, check } = props;
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const attempt = useRef(0);
  const run = (next: KubeObject, apply: (o: KubeObject) => KubeObject) => {
    const n = ++attempt.current;
    setRefused(undefined);
    if (!check) return onEdit(apply);
    setChecking(true);
    void check(object, next).then(
      (problems) => {
        if (n !== attempt.current) return;
        setChecking(false);
        if (problems.length > 0) setRefused(problems.join('\n'));
        else onEdit(apply);
      },
      (e: unknown) => {
        if (n !== attempt.current) return;
        setChecking(false);
        setRefused(`could not validate the edit: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };
  const clear = () => {
    attempt.current++;
    setChecking(false);
    setRefused(undefined);
  };
  return { refused, checking, run, clear };
}

function ScalarInput(props: FieldViewProps & { field: ScalarField; locked: string | undefined }) {
  const { field, object, readOnly, locked } = props;
  const id = useId();
  const stored = field.get(object);
  const [draft, setDraft] = useState(stored);
  const { refused, checking, run, clear } = useCommit(props);
  const error = (draft === stored ? undefined : field.validate?.(draft, object, props.live)) ?? refused;
  const commit = (value: string) => {
    if (readOnly || value === stored || field.validate?.(value, object, props.live)) return;
    run(field.set(object, value), (o) => field.set(o, value));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit(draft);
    if (e.key === 'Escape') {
      clear();
      setDraft(stored);
    }
  };
  const help = locked ?? field.help;
  const described = error ? `${id}-error` : help ? `${id}-help` : undefined;
  const note = error ? (
    <p id={`${id}-error`} role="alert" className="mt-0.5 whitespace-pre-wrap break-words text-red-400">
      {error}
    </p>
  ) : checking ? (
    <p className="mt-0.5 text-[11px] text-slate-400">Checking…</p>
  ) : help ? (
    <p id={`${id}-help`} className="mt-0.5 text-[11px] text-slate-400">
      {help}
    </p>
  ) : null;
  if (field.control === 'checkbox') {
    return (
      <div>
        <label className="flex items-center gap-2 text-slate-200">
          <input
            type="checkbox"
            checked={draft === 'true'}
            disabled={readOnly}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            onChange={(e) => {
              setDraft(String(e.target.checked));
              commit(String(e.target.checked));
            }}
          />
          {field.label}
        </label>
        {note}
      </div>
    );
  }
  return (
    <div className="grid grid-cols-[7.5rem_1fr] items-start gap-x-2">
      <label htmlFor={id} className="pt-0.5 text-slate-300">
        {field.label}
      </label>
      <div className="min-w-0">
        {field.control === 'select' ? (
          <select
            id={id}
            className={INPUT}
            value={draft}
            disabled={readOnly}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            onChange={(e) => {
              setDraft(e.target.value);
              commit(e.target.value);
            }}
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
            onChange={(e) => {
              clear();
              setDraft(e.target.value);
            }}
            onBlur={() => commit(draft)}
            onKeyDown={onKey}
          />
        )}
        {note}
      </div>
    </div>
  );
}

function ListEditor(props: FieldViewProps & { field: ListField; locked: string | undefined }) {
  const { field, object, readOnly, locked } = props;
  const stored = field.get(object);
  const storedText = JSON.stringify(stored);
  const [rows, setRows] = useState<Row[]>(stored);
  // The rows follow the stored value when it changes from elsewhere (an undo, the YAML panel); when our
  // own commit lands, the rows are kept as they are, so typing in another cell goes on undisturbed.
  const [seen, setSeen] = useState(storedText);
  const committed = useRef<string | undefined>(undefined);
  if (seen !== storedText) {
    setSeen(storedText);
    if (storedText !== committed.current) setRows(stored);
  }
  const { refused, checking, run, clear } = useCommit(props);
  const errors = rows.map((r, i) => field.validateRow?.(r, i));
  const whole = errors.some((e) => e) ? undefined : field.validate?.(rows, object);
  const listError = whole ?? refused;
  const commit = (next: readonly Row[]) => {
    if (readOnly) return;
    if (next.some((r, i) => field.validateRow?.(r, i)) || field.validate?.(next, object)) return;
    if (JSON.stringify(next) === storedText) return;
    committed.current = JSON.stringify(next);
    run(field.set(object, next), (o) => field.set(o, next));
  };
  const change = (i: number, col: string, value: string, now: boolean) => {
    const next = rows.map((r, j) => (j === i ? { ...r, [col]: value } : r));
    clear();
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
      {(locked ?? field.help) && <p className="text-[11px] text-slate-400">{locked ?? field.help}</p>}
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
                  clear();
                  setRows(next);
                  commit(next);
                }}
              >
                ✕
              </button>
            )}
          </div>
          {errors[i] && (
            <p role="alert" className="mt-0.5 break-words text-red-400">
              {errors[i]}
            </p>
          )}
        </div>
      ))}
      {listError ? (
        <p role="alert" className="whitespace-pre-wrap break-words text-red-400">
          {listError}
        </p>
      ) : checking ? (
        <p className="text-[11px] text-slate-400">Checking…</p>
      ) : null}
    </div>
  );
}
