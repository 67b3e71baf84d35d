/**
 * Generates `k8s-schema.json` from the `kubernetes-types` package (TypeScript declarations generated from
 * upstream's OpenAPI spec of the stated Kubernetes version). Not hand-written: rerun after upgrading that
 * package with `npx tsx src/io/schema/generate.ts`. Node only; never imported by the app.
 *
 * Output shape (compact, see ./schema.ts): `types[id] = { p: { field: typeRef }, r: [required...] }`,
 * `kinds["apps/v1/Deployment"] = id`. A typeRef is `string | number | boolean | int-or-string | any`,
 * `T:<id>`, `[]<typeRef>` (array) or `{}<typeRef>` (map).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kubernetes-types/package.json'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Decl {
  iface?: ts.InterfaceDeclaration;
  alias?: ts.TypeAliasDeclaration;
  imports: Map<string, string>;
  module: string;
}
const decls = new Map<string, Decl>();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

for (const file of walk(root)) {
  const module = relative(root, file).replace(/\.d\.ts$/, '');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  for (const st of sf.statements) {
    if (
      ts.isImportDeclaration(st) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      const from = join(dirname(module), (st.moduleSpecifier as ts.StringLiteral).text);
      for (const el of st.importClause.namedBindings.elements)
        imports.set(el.name.text, `${from}.${el.name.text}`);
    }
  }
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) decls.set(`${module}.${st.name.text}`, { iface: st, imports, module });
    if (ts.isTypeAliasDeclaration(st)) decls.set(`${module}.${st.name.text}`, { alias: st, imports, module });
  }
}

function resolveName(name: string, d: Decl): string {
  return d.imports.get(name) ?? `${d.module}.${name}`;
}

function encode(node: ts.TypeNode, d: Decl): string {
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isLiteralTypeNode(node)) return ts.isStringLiteral(node.literal) ? 'string' : 'any';
  if (ts.isUnionTypeNode(node)) {
    const parts = new Set(node.types.map((t) => encode(t, d)));
    return parts.size === 1
      ? [...parts][0]!
      : parts.has('number') && parts.has('string')
        ? 'int-or-string'
        : 'any';
  }
  if (ts.isArrayTypeNode(node)) return `[]${encode(node.elementType, d)}`;
  if (ts.isTypeLiteralNode(node)) {
    const sig = node.members.find(ts.isIndexSignatureDeclaration);
    return sig ? `{}${encode(sig.type, d)}` : 'any';
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.[0]) return `[]${encode(node.typeArguments[0], d)}`;
    if (name === 'Record' && node.typeArguments?.[1]) return `{}${encode(node.typeArguments[1], d)}`;
    const id = resolveName(name, d);
    const target = decls.get(id);
    if (!target) return 'any';
    if (target.alias) return encode(target.alias.type, target);
    return `T:${id}`;
  }
  return 'any';
}

const types: Record<string, { p: Record<string, string>; r?: string[] }> = {};
const kinds: Record<string, string> = {};
for (const [id, d] of decls) {
  if (!d.iface) continue;
  const p: Record<string, string> = {};
  const r: string[] = [];
  let apiVersion: string | undefined;
  let kind: string | undefined;
  for (const m of d.iface.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText().replace(/^"|"$/g, '');
    p[name] = encode(m.type, d);
    if (!m.questionToken) r.push(name);
    const lit =
      ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
    if (name === 'apiVersion') apiVersion = lit;
    if (name === 'kind') kind = lit;
  }
  // An interface with no declared fields (RawExtension, JSON) holds anything.
  if (Object.keys(p).length === 0) continue;
  types[id] = r.length ? { p, r } : { p };
  if (apiVersion && kind) kinds[`${apiVersion}/${kind}`] = id;
}
// References to field-less interfaces mean "anything".
for (const t of Object.values(types))
  for (const [k, v] of Object.entries(t.p)) {
    const m = /^((?:\[\]|\{\})*)T:(.*)$/.exec(v);
    if (m && !types[m[2]!]) t.p[k] = `${m[1]}any`;
  }

const out = {
  kubernetesVersion: version.replace(/\.\d+$/, ''),
  source: `kubernetes-types@${version}`,
  kinds,
  types,
};
writeFileSync(join(import.meta.dirname, 'k8s-schema.json'), JSON.stringify(out));
console.log(`${Object.keys(kinds).length} kinds, ${Object.keys(types).length} types`);
