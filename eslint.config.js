// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint-rules/layers.js';

const ENGINE_GLOBALS = [
  { name: 'Date', message: 'The engine runs on virtual time: use the simulation clock (ctx.now).' },
  { name: 'setTimeout', message: 'The engine runs on virtual time: schedule on the event queue.' },
  { name: 'setInterval', message: 'The engine runs on virtual time: schedule on the event queue.' },
  { name: 'window', message: 'The engine has no DOM.' },
  { name: 'document', message: 'The engine has no DOM.' },
  { name: 'performance', message: 'Wall-clock time does not belong in the engine; measure in src/cli.' },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'reports', 'test-results', 'playwright-report', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { kubecanvas: layers },
    rules: {
      'kubecanvas/layers': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name="only"]',
          message: 'Focused tests skip the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/engine/**/*.ts', 'src/lib/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...ENGINE_GLOBALS],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (src/lib/prng.ts).' },
      ],
    },
  },
);
