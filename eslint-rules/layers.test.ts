import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import tseslint from 'typescript-eslint';
import layers from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it;

const cwd = path.resolve(__dirname, '..');
const at = (file: string) => path.join(cwd, 'src', file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never } });

tester.run('kubecanvas/layers', layers.rules.layers, {
  valid: [
    { filename: at('engine/core/x.ts'), code: "import { Prng } from '../../lib';" },
    { filename: at('io/x.ts'), code: "import { createCluster } from '../engine';" },
    { filename: at('store/x.ts'), code: "import { create } from 'zustand';" },
    { filename: at('app/App.tsx'), code: "import { Canvas } from '../features/canvas';" },
    { filename: at('engine/scheduler/a.ts'), code: "import { b } from './b';" },
  ],
  invalid: [
    {
      filename: at('engine/core/x.ts'),
      code: "import { useState } from 'react';",
      errors: [{ message: 'src/engine must not import "react".' }],
    },
    {
      filename: at('engine/core/x.ts'),
      code: "import type { Store } from '../../store';",
      errors: [{ message: 'src/engine may not import src/store (see docs/ARCHITECTURE.md).' }],
    },
    {
      filename: at('features/canvas/x.ts'),
      code: "import { parse } from '../../io';",
      errors: [{ message: 'src/features may not import src/io (see docs/ARCHITECTURE.md).' }],
    },
    {
      filename: at('store/x.ts'),
      code: "import { Simulation } from '../engine/core/simulation';",
      errors: [{ message: 'Cross into src/engine through its index.ts, not "../engine/core/simulation".' }],
    },
    {
      filename: at('components/ui/Button.tsx'),
      code: "import { create } from 'zustand';",
      errors: [{ message: 'src/components must not import "zustand".' }],
    },
  ],
});
