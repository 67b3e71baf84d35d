import type { Verb } from '../io';
import { parseArgs } from '../io';
import { isScenario, parseScenario } from '../../engine';
import { format, importManifests, loadSchema, parseManifests } from '../../io';

/**
 * `validate FILE`: the import's messages, one per line; exit 0 when FILE is valid (warnings allowed).
 * A Scenario document in FILE is checked too: every step's command must parse (errors name the step and
 * its line).
 */
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
    const name = file === '-' ? '<stdin>' : file;
    const text = await io.readFile(file);
    const result = await importManifests(text, name);
    const issues = result.ok ? result.warnings : result.issues;
    for (const issue of issues) io.out(format(issue));
    if (!result.ok) return 1;
    let scenarioErrors = 0;
    for (const doc of parseManifests(text, name).objects.filter((p) => isScenario(p.object))) {
      const scenario = parseScenario(doc.object, doc.positions);
      if (scenario.ok) continue;
      for (const e of scenario.errors) io.out(`${name}: ${e}`);
      scenarioErrors += scenario.errors.length;
    }
    if (scenarioErrors > 0) return 1;
    const schema = await loadSchema();
    io.err(
      `${file}: ${result.objects.length} object(s) valid against Kubernetes ${schema.kubernetesVersion}`,
    );
    return 0;
  },
};
