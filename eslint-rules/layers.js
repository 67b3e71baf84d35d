// @ts-check
/**
 * Enforces the layer table of docs/ARCHITECTURE.md: which folder of src/ may import which, and that a
 * folder is entered only through its index.ts. Type-only imports count too: arrows point one way.
 */
import path from 'node:path';

/** @type {Record<string, string[]>} layer -> layers it may import */
const ALLOWED = {
  lib: [],
  engine: ['lib'],
  io: ['engine', 'lib'],
  store: ['engine', 'io', 'lib'],
  features: ['store', 'engine', 'components', 'lib'],
  components: ['lib'],
  app: ['lib', 'engine', 'io', 'store', 'features', 'components'],
  cli: ['engine', 'io', 'lib'],
};

/** Packages a layer must not import, with the reason shown to the developer. */
const BANNED_PACKAGES = {
  lib: ['react', 'react-dom', 'zustand', 'js-yaml', '@xyflow/react', 'node:'],
  engine: ['react', 'react-dom', 'zustand', 'js-yaml', '@xyflow/react', 'lz-string', 'node:'],
  io: ['react', 'react-dom', 'zustand', '@xyflow/react'],
  components: ['zustand'],
};

/** @param {string} file absolute path */
function layerOf(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..')) return null;
  if (!rel.includes(path.sep) && /\.[a-z]+$/i.test(rel)) return { layer: 'app', unit: '.' }; // src/main.tsx, src/index.css: the entry
  const [top, sub] = rel.split(path.sep);
  if (top === 'components') return { layer: 'components', unit: path.join('components', sub ?? '') };
  if (top === 'features') return { layer: 'features', unit: path.join('features', sub ?? '') };
  return top ? { layer: top, unit: top } : null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', schema: [], messages: { msg: '{{text}}' } },
  create(context) {
    const file = context.filename;
    const srcRoot = path.join(context.cwd, 'src');
    const from = layerOf(file, srcRoot);
    if (!from) return {};
    /** @param {any} node @param {string} spec */
    function check(node, spec) {
      if (!spec.startsWith('.')) {
        for (const banned of BANNED_PACKAGES[from.layer] ?? []) {
          if (spec === banned || spec.startsWith(banned.endsWith(':') ? banned : `${banned}/`)) {
            context.report({
              node,
              messageId: 'msg',
              data: { text: `src/${from.layer} must not import "${spec}".` },
            });
          }
        }
        return;
      }
      const target = path.resolve(path.dirname(file), spec);
      const to = layerOf(target, srcRoot);
      if (!to || to.unit === from.unit) return;
      if (to.layer !== from.layer && !(ALLOWED[from.layer] ?? []).includes(to.layer)) {
        context.report({
          node,
          messageId: 'msg',
          data: { text: `src/${from.layer} may not import src/${to.layer} (see docs/ARCHITECTURE.md).` },
        });
        return;
      }
      const rest = path.relative(path.join(srcRoot, to.unit), target).replace(/\.(ts|tsx)$/, '');
      if (rest !== '' && rest !== 'index') {
        context.report({
          node,
          messageId: 'msg',
          data: { text: `Cross into src/${to.unit} through its index.ts, not "${spec}".` },
        });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, String(n.source.value)),
      ExportNamedDeclaration: (n) => n.source && check(n, String(n.source.value)),
      ExportAllDeclaration: (n) => check(n, String(n.source.value)),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, String(n.source.value)),
    };
  },
};

export default { rules: { layers: rule } };
