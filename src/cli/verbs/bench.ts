import type { Verb } from '../io';
import { runBenchmarks } from '../../../bench/index';

export const benchVerb: Verb = {
  name: 'bench',
  summary: 'print performance figures (name: value unit), or one JSON object with --json',
  usage: 'kubecanvas bench [--json] [--only NAME[,NAME]] [--quick]',
  async run(args, io) {
    const json = args.includes('--json');
    const quick = args.includes('--quick');
    const onlyIndex = args.indexOf('--only');
    const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',') : undefined;
    const figures = await runBenchmarks({ quick, ...(only ? { only } : {}) }, (f) => {
      if (!json) io.out(`${f.name}: ${f.value} ${f.unit}`);
    });
    if (json)
      io.out(
        JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, { value: f.value, unit: f.unit }]))),
      );
    return 0;
  },
};
