#!/usr/bin/env node
// The kubecanvas command line: runs src/cli/main.ts (the same engine code as the browser) through tsx.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`kubecanvas validate f.yaml | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'src', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
