/** The streams a verb writes to, so tests can capture output without a process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file given on the command line ('-' is standard input). */
  readFile(path: string): Promise<string>;
}

export interface Verb {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Usage line(s) for `<verb> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Parses `--flag value`, `--flag=value` and boolean `--flag` options; the rest are positionals. */
export function parseArgs(
  args: string[],
  booleans: readonly string[] = [],
): { positionals: string[]; flags: Record<string, string | true> } {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (
        booleans.includes(a.slice(2)) ||
        i + 1 >= args.length ||
        (args[i + 1] as string).startsWith('--')
      )
        flags[a.slice(2)] = true;
      else flags[a.slice(2)] = args[++i] as string;
    } else positionals.push(a);
  }
  return { positionals, flags };
}
