import { describe, expect, it } from 'vitest';
import { captureIo as capture } from '../testing';
import { main } from '../main';

const bad =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx-deployment\nspec:\n  replica: 3\n';

describe('kubecanvas validate and export', () => {
  it('validate prints one message per problem and exits 1', async () => {
    const io = capture({ 'deployment.yaml': bad });
    expect(await main(['validate', 'deployment.yaml'], io)).toBe(1);
    expect(io.stdout).toContain(
      'deployment.yaml:6:3 Deployment nginx-deployment: unknown field "spec.replica" (did you mean "replicas"?)',
    );
  });

  it("validate checks a Scenario's step commands and names the step's line", async () => {
    const scenario = [
      'apiVersion: kubecanvas.dev/v1alpha1',
      'kind: Scenario',
      'metadata:',
      '  name: demo',
      'spec:',
      '  steps:',
      '  - at: 10s',
      '    run: kubectl frobnicate deploy/web',
      '',
    ].join('\n');
    const io = capture({ 'scenario.yaml': scenario });
    expect(await main(['validate', 'scenario.yaml'], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/^scenario\.yaml: step 0 \(line 8\): .*frobnicate/m);
  });

  it('validate exits 0 and prints nothing on standard output for a valid file', async () => {
    const io = capture({});
    expect(await main(['validate', 'src/io/fixtures/nginx-deployment.yaml'], io)).toBe(0);
    expect(io.stdout).toEqual([]);
  });

  it('export prints applicable YAML, and only errors when the file is invalid', async () => {
    const ok = capture({});
    expect(await main(['export', 'src/io/fixtures/nginx-deployment.yaml'], ok)).toBe(0);
    expect(ok.stdout.join('')).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: nginx-deployment\n/,
    );
    const ko = capture({ 'deployment.yaml': bad });
    expect(await main(['export', 'deployment.yaml'], ko)).toBe(1);
    expect(ko.stdout).toEqual([]);
  });

  it('export keeps simulation annotations only with --include-simulation', async () => {
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    kubecanvas.dev/traffic: "10"\n';
    const plain = capture({ 'c.yaml': cm });
    await main(['export', 'c.yaml'], plain);
    expect(plain.stdout.join('')).not.toContain('kubecanvas.dev');
    const sim = capture({ 'c.yaml': cm });
    await main(['export', 'c.yaml', '--include-simulation'], sim);
    expect(sim.stdout.join('')).toContain('kubecanvas.dev/traffic: "10"');
  });
});
