/**
 * The kubecanvas command line: `kubecanvas <verb> [args]`. It runs the same engine code as the browser.
 * Each verb lives in ./verbs/<verb>.ts and is listed in VERBS.
 */
import { readFile } from 'node:fs/promises';
import type { CliIo, Verb } from './io';
import { benchVerb } from './verbs/bench';
import { validateVerb } from './verbs/validate';
import { exportVerb } from './verbs/export';
import { explainVerb } from './verbs/explain';
import { simulateVerb } from './verbs/simulate';
import { routeVerb } from './verbs/route';

const VERBS: Verb[] = [explainVerb, benchVerb, validateVerb, exportVerb, simulateVerb, routeVerb];

export const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  readFile: async (path) => {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return readFile(path, 'utf8');
  },
};

function help(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    'kubecanvas: a faithful simulated Kubernetes, from the command line',
    '',
    'Usage: kubecanvas <verb> [args]   (npm run --silent kubecanvas -- <verb> [args])',
    '',
    'Verbs:',
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    "Run `kubecanvas <verb> --help` for a verb's options.",
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) {
    io.err(`kubecanvas: unknown verb "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${verb.usage}\n\n${verb.summary}`);
    return 0;
  }
  try {
    return await verb.run(rest, io);
  } catch (e) {
    io.err(`kubecanvas ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
