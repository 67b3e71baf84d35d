/**
 * Generates `k8s-schema.json` from two packages generated from upstream's OpenAPI spec (not hand-written):
 * the field types and required fields from `@kubernetes/client-node` (models of OpenAPI spec release-1.36),
 * and which `apiVersion/kind` names which type from `kubernetes-types` (its literal apiVersion/kind fields).
 * Rerun after an upgrade: `npm i --no-save @kubernetes/client-node@2.0.1 && npx tsx src/io/schema/generate.ts`.
 * Node only; never imported by the app.
 *
 * Output shape (compact, see ../schema.ts): `types[id] = { p: { field: typeRef }, r: [required...] }`,
 * `kinds["apps/v1/Deployment"] = id`. A typeRef is `string | number | integer | boolean | int-or-string | any`,
 * `T:<id>`, `[]<typeRef>` (array) or `{}<typeRef>` (map).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { addNewerKinds } from './newerKinds';

const require = createRequire(import.meta.url);
const typesRoot = dirname(require.resolve('kubernetes-types/package.json'));
const clientRoot = dirname(require.resolve('@kubernetes/client-node/package.json'));
const pkgVersion = (root: string): string =>
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const modelsDir = join(clientRoot, 'dist/gen/models');
const specVersion = /OpenAPI spec version: release-([\d.]+)/.exec(
  readFileSync(join(modelsDir, 'V1Pod.js'), 'utf8'),
)?.[1];
if (!specVersion) throw new Error('cannot read the OpenAPI spec version of @kubernetes/client-node');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}
const parse = (file: string): ts.SourceFile =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** Field types of one client-node model class (and whether each is optional). */
const models = new Map<string, ts.PropertyDeclaration[]>();
for (const name of readdirSync(modelsDir).filter((f) => f.endsWith('.d.ts'))) {
  for (const st of parse(join(modelsDir, name)).statements)
    if (ts.isClassDeclaration(st) && st.name)
      models.set(
        st.name.text,
        st.members
          .filter(ts.isPropertyDeclaration)
          .filter((m) => !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)),
      );
}

function encode(node: ts.TypeNode): string {
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isArrayTypeNode(node)) return `[]${encode(node.elementType)}`;
  if (ts.isTypeLiteralNode(node)) {
    const sig = node.members.find(ts.isIndexSignatureDeclaration);
    return sig ? `{}${encode(sig.type)}` : 'any';
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.[0]) return `[]${encode(node.typeArguments[0])}`;
    if (name === 'Date') return 'string';
    if (name === 'IntOrString') return 'int-or-string';
    return models.has(name) ? `T:${name}` : 'any';
  }
  return 'any';
}

/** Integer fields (OpenAPI format int32/int64), from each model's attributeTypeMap in its .js file. */
function integerFields(model: string): Set<string> {
  const js = readFileSync(join(modelsDir, `${model}.js`), 'utf8');
  const re = /"baseName": "([^"]+)",\s*"type": "number",\s*"format": "int(?:32|64)"/g;
  return new Set([...js.matchAll(re)].map((m) => m[1]!));
}

const types: Record<string, { p: Record<string, string>; r?: string[] }> = {};
for (const [id, props] of models) {
  const ints = integerFields(id);
  const p: Record<string, string> = {};
  const r: string[] = [];
  for (const m of props) {
    const name = m.name.getText().replace(/^['"]|['"]$/g, '');
    p[name] = m.type ? encode(m.type) : 'any';
    if (p[name] === 'number' && ints.has(name)) p[name] = 'integer';
    if (!m.questionToken) r.push(name);
  }
  if (Object.keys(p).length) types[id] = r.length ? { p, r } : { p };
}
for (const t of Object.values(types))
  for (const [k, v] of Object.entries(t.p)) {
    const m = /^((?:\[\]|\{\})*)T:(.*)$/.exec(v);
    if (m && !types[m[2]!]) t.p[k] = `${m[1]}any`;
  }

/** apiVersion/kind -> client-node class, found through kubernetes-types' literal apiVersion and kind. */
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const kinds: Record<string, string> = {};
for (const file of walk(typesRoot)) {
  const module = relative(typesRoot, file).replace(/\.d\.ts$/, '');
  const [group = '', version = ''] = module.split('/');
  for (const st of parse(file).statements) {
    if (!ts.isInterfaceDeclaration(st)) continue;
    const lit = (field: string): string | undefined => {
      const m = st.members.find((x) => ts.isPropertySignature(x) && x.name.getText() === field) as
        ts.PropertySignature | undefined;
      return m?.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)
        ? m.type.literal.text
        : undefined;
    };
    const apiVersion = lit('apiVersion');
    const kind = lit('kind');
    if (!apiVersion || !kind) continue;
    const id = [`${cap(group)}${cap(version)}${kind}`, `${cap(version)}${kind}`].find((c) => types[c]);
    if (id) kinds[`${apiVersion}/${kind}`] = id;
  }
}

// Kinds newer than kubernetes-types: their group from ./newerKinds.ts, their version from the type id.
addNewerKinds({ kinds, types });

const out = {
  kubernetesVersion: specVersion,
  source: `@kubernetes/client-node@${pkgVersion(clientRoot)} (OpenAPI release-${specVersion}), kubernetes-types@${pkgVersion(typesRoot)}, newer kinds: src/io/schema/newerKinds.ts`,
  kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : 1))),
  types,
};
// Formatted as the project formatter writes it (run `npx prettier --write` on it after generating).
writeFileSync(join(import.meta.dirname, 'k8s-schema.json'), JSON.stringify(out, null, 2));
console.log(`${Object.keys(kinds).length} kinds, ${Object.keys(types).length} types`);
