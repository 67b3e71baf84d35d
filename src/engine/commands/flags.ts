/**
 * Flag parsing as kubectl's pflag does it: `--flag value`, `--flag=value`, `-n value`, `-nvalue`,
 * `-n=value`, boolean `--force` and `--force=false`, `--` ends the flags. Errors in pflag's words.
 */

/** One flag a verb accepts. */
export interface FlagSpec {
  name: string;
  short?: string;
  bool?: boolean;
}

/** Parsed words: positionals in order, and flag values by long name. */
export type Parsed =
  { ok: true; positionals: string[]; flags: Map<string, string | boolean> } | { ok: false; error: string };

/** Flags every kubectl verb takes. */
export const GLOBAL_FLAGS: FlagSpec[] = [{ name: 'namespace', short: 'n' }];

function boolValue(text: string): boolean | undefined {
  if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(text)) return true;
  if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(text)) return false;
  return undefined;
}

export function parseFlags(input: readonly string[], specs: readonly FlagSpec[]): Parsed {
  const words = [...input];
  const positionals: string[] = [];
  const flags = new Map<string, string | boolean>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      positionals.push(w);
      continue;
    }
    const long = w.startsWith('--');
    const body = long ? w.slice(2) : w.slice(1);
    const eq = body.indexOf('=');
    const key = long ? (eq < 0 ? body : body.slice(0, eq)) : body.slice(0, 1);
    const spec = specs.find((s) => (long ? s.name === key : s.short === key));
    if (!spec)
      return {
        ok: false,
        error: long ? `error: unknown flag: --${key}` : `error: unknown shorthand flag: '${key}' in ${w}`,
      };
    let inline: string | undefined;
    if (long) inline = eq < 0 ? undefined : body.slice(eq + 1);
    else if (body.length > 1) inline = body[1] === '=' ? body.slice(2) : body.slice(1);
    if (spec.bool && !long && inline !== undefined && body[1] !== '=') {
      // Combined shorthands, as pflag reads `-Ao wide`: -A, then -o wide.
      flags.set(spec.name, true);
      words.splice(i + 1, 0, `-${inline}`);
      continue;
    }
    if (spec.bool) {
      const v = inline === undefined ? true : boolValue(inline);
      if (v === undefined)
        return {
          ok: false,
          error: `error: invalid argument "${inline}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`,
        };
      flags.set(spec.name, v);
      continue;
    }
    if (inline === undefined) {
      if (i + 1 >= words.length)
        return {
          ok: false,
          error: `error: flag needs an argument: ${long ? `--${key}` : `'${key}' in -${key}`}`,
        };
      inline = words[++i] as string;
    }
    flags.set(spec.name, inline);
  }
  return { ok: true, positionals, flags };
}

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** A string flag's value, if given. */
export function str(flags: Map<string, string | boolean>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A boolean flag's value (false when not given). */
export function bool(flags: Map<string, string | boolean>, name: string): boolean {
  return flags.get(name) === true;
}
