import type { Verb } from '../io';
import { parseArgs } from '../io';
import { createCluster } from '../../engine';
import { exportManifests, format, importManifests, loadProject } from '../../io';

/**
 * `export FILE [--include-simulation]`: loads FILE (manifests, or a project file) into a simulated cluster
 * and prints what the user authored as one multi-document YAML, in apply order.
 */
export const exportVerb: Verb = {
  name: 'export',
  summary: 'load manifests or a project file and print the design as applicable YAML (apply order)',
  usage: 'kubecanvas export FILE [--include-simulation]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, ['include-simulation']);
    const file = positionals[0];
    if (!file) {
      io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const text = await io.readFile(file);
    const sim = createCluster({ seed: 1 });
    if (/^\s*\{[\s\S]*"formatVersion"/.test(text.slice(0, 4096))) {
      for (const o of loadProject(text).objects) sim.apply(o);
    } else {
      const result = await importManifests(text, file);
      if (!result.ok) {
        for (const issue of result.issues) io.err(format(issue));
        return 1;
      }
      for (const o of result.objects) sim.apply(o);
    }
    io.out(exportManifests(sim.authored(), { includeSimulation: flags['include-simulation'] === true }));
    return 0;
  },
};
