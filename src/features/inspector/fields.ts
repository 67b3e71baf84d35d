/**
 * The inspector's form, as data: each field says how to read its text from an object, how to write a
 * text back (returning a new object) and how to validate it, with messages in the API server's words
 * where it has them. The form component renders these generically; the mapping is pure and tested. The form
 * then checks the edited object as a whole as the API server would (the store's validateEdit) before it
 * applies it, and fields the API server will not let change are shown read-only with its reason.
 */
import { isValidQuantity, type KubeObject } from '../../engine';

export interface Choice {
  value: string;
  label: string;
}

/** A single input. Checkboxes read and write 'true' / 'false'. */
export interface ScalarField {
  kind: 'scalar';
  id: string;
  label: string;
  control: 'text' | 'number' | 'select' | 'checkbox';
  choices?: readonly Choice[];
  placeholder?: string;
  help?: string;
  get(o: KubeObject): string;
  set(o: KubeObject, value: string): KubeObject;
  /** The message to show, or undefined when the value is valid (`live`: the object as the cluster holds it). */
  validate?(value: string, o: KubeObject, live?: KubeObject): string | undefined;
  /** Hidden when this returns false (e.g. maxSurge under Recreate). */
  visible?(o: KubeObject): boolean;
  /**
   * Why the field cannot be changed now, in the API server's words (e.g. "field is immutable"), or
   * undefined when it can. `live` is the object as the cluster holds it (a claim's phase).
   */
  immutable?(o: KubeObject, live: KubeObject | undefined): string | undefined;
}

/** A row of a list field: column id -> text. */
export type Row = Record<string, string>;

export interface Column {
  id: string;
  label: string;
  control: 'text' | 'number' | 'select';
  choices?: readonly Choice[];
  placeholder?: string;
}

/** A list of rows (ports, tolerations, affinity terms...). */
export interface ListField {
  kind: 'list';
  id: string;
  label: string;
  help?: string;
  columns: readonly Column[];
  newRow: Row;
  get(o: KubeObject): Row[];
  set(o: KubeObject, rows: readonly Row[]): KubeObject;
  /** The message for one row, or undefined when it is valid. */
  validateRow?(row: Row, index?: number): string | undefined;
  /** The message for the rows together (duplicates...), or undefined. */
  validate?(rows: readonly Row[], o: KubeObject): string | undefined;
  visible?(o: KubeObject): boolean;
  immutable?(o: KubeObject, live: KubeObject | undefined): string | undefined;
}

export type Field = ScalarField | ListField;

export interface Section {
  title: string;
  fields: Field[];
}

export function choices(...values: string[]): Choice[] {
  return values.map((v) => ({ value: v, label: v || '(none)' }));
}

// ---- validation, in upstream's words ----

/** resource.ParseQuantity's error (k8s.io/apimachinery/pkg/api/resource/quantity.go). */
export function quantityError(v: string): string | undefined {
  if (v === '') return undefined;
  return isValidQuantity(v)
    ? undefined
    : `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
}

/** A non-negative integer, as validation.ValidateNonnegativeField says. */
export function nonNegativeIntError(v: string, optional = true): string | undefined {
  if (v === '' && optional) return undefined;
  if (!/^\d+$/.test(v.trim())) return 'must be a whole number';
  return undefined;
}

/** An integer of at least `min`. */
export function minIntError(v: string, min: number, optional = true): string | undefined {
  if (v === '' && optional) return undefined;
  if (!/^-?\d+$/.test(v.trim())) return 'must be a whole number';
  return Number(v) < min ? `must be greater than or equal to ${min}` : undefined;
}

/** intstr: an integer or a percentage (apps validation ValidatePositiveIntOrPercent). */
export function intOrPercentError(v: string): string | undefined {
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return undefined;
  if (/^\d+%$/.test(v)) return Number(v.slice(0, -1)) > 100 ? 'must not be greater than 100%' : undefined;
  return "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%')";
}

/** A port number 1-65535 (validation.IsValidPortNum). */
export function portError(v: string, optional = false): string | undefined {
  if (v === '' && optional) return undefined;
  if (!/^\d+$/.test(v)) return 'must be a port number between 1 and 65535';
  const n = Number(v);
  return n >= 1 && n <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

/** A named or numbered port (IsValidPortName or IsValidPortNum). */
export function portOrNameError(v: string, optional = false): string | undefined {
  if (v === '' && optional) return undefined;
  if (/^\d+$/.test(v)) return portError(v);
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 15 && /[a-z]/.test(v)
    ? undefined
    : 'must be a port number or an IANA_SVC_NAME (at most 15 characters, lower-case letters, digits and -)';
}

/** A number from text: integers stay numbers, other text stays a string (intstr). */
export function intOrString(v: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** An optional integer from text (empty -> undefined). */
export function optionalInt(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}
