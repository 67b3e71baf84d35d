import { useId, useState, type FormEvent } from 'react';

/** A menu action that asks for one value first (Scale…, Change image…, Send traffic…). */
export interface MenuPromptSpec {
  /** The question, e.g. "Replicas of web". */
  label: string;
  /** The value the field starts with (selected, so typing replaces it). */
  initial: string;
  /** A number (replicas, requests per second) or text (an image). */
  type: 'number' | 'text';
  /** The button's word. */
  submitLabel: string;
  /** Carries the value out; returns a message saying what is wrong with it, or null when done. */
  submit: (value: string) => string | null;
}

/** The small form a context menu turns into for a prompt: Enter applies, Escape closes. */
export function MenuPrompt({ spec, onClose }: { spec: MenuPromptSpec; onClose: () => void }) {
  const [value, setValue] = useState(spec.initial);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = spec.submit(value.trim());
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <form className="flex flex-col gap-1.5 px-2 pb-1.5" onSubmit={onSubmit} noValidate>
      <label htmlFor={id} className="text-[12px] text-slate-300">
        {spec.label}
      </label>
      <div className="flex items-center gap-1.5">
        <input
          id={id}
          // The menu opened from a person's click: the field takes the focus, ready to type.
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          className="kc-menu-input"
          type={spec.type}
          {...(spec.type === 'number' ? { min: 0, step: 'any', inputMode: 'decimal' as const } : {})}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="kc-btn kc-btn-primary h-7 px-2.5">
          {spec.submitLabel}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="max-w-[240px] text-[11px] text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
