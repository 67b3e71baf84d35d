import type { Verb } from '../io';
import { parseArgs } from '../io';
import { format, importManifests, loadSchema } from '../../io';

/** `validate FILE`: the import's messages, one per line; exit 0 when FILE is valid (warnings allowed). */
export const validateVerb: Verb = {
  name: 'validate',
  summary: 'check manifests against the Kubernetes OpenAPI schema; one message per problem, exit 1 if any',
  usage: 'kubecanvas validate FILE   (FILE may be - for standard input)',
  async run(args, io) {
    const { positionals } = parseArgs(args);
    const file = positionals[0];
    if (!file) {
      io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const result = await importManifests(await io.readFile(file), file === '-' ? '<stdin>' : file);
    const issues = result.ok ? result.warnings : result.issues;
    for (const issue of issues) io.out(format(issue));
    if (result.ok) {
      const schema = await loadSchema();
      io.err(
        `${file}: ${result.objects.length} object(s) valid against Kubernetes ${schema.kubernetesVersion}`,
      );
    }
    return result.ok ? 0 : 1;
  },
};
