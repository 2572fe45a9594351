import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * A static map of which top-level functions of the portal write to the database and which of them
 * reach the audit helper, for tests/integration/audit-coverage.test.ts.
 *
 * A "unit" is a top-level function or `const` of a source file (server actions and route handlers
 * are `export const x = client.action(async …)`: the whole initialiser is the unit). A unit
 * writes when it calls a Prisma write (`tx.model.create(…)`, `updateMany`, `upsert`, `delete` …)
 * or holds SQL text that inserts into, updates or deletes from a table; it audits when it calls
 * `audit` of lib/server/audit/record.ts or holds SQL that inserts into "AuditEvent" (the
 * autosave's single statement). Both follow the calls between units (resolved through the
 * imports), so a function that audits through a helper counts, and so does a write in a helper.
 */

export const PRISMA_WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);
const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"/gi;
const AUDIT_MODULE = "lib/server/audit/record.ts";

export interface Unit {
  /** `path/of/file.ts#name`, the path relative to the repository. */
  key: string;
  file: string;
  name: string;
  exported: boolean;
  /** The first parameter is a transaction client (`tx`): a step of a change its caller audits. */
  firstParamIsTx: boolean;
  /** What it writes itself: `tx.user.update`, `SQL "Institution"`. */
  writes: string[];
  /** It writes an audit record itself (calls `audit`, or writes "AuditEvent" directly). */
  audits: boolean;
  /** Its direct writes to "AuditEvent", bypassing `audit`: `SQL "AuditEvent"`, `tx.auditEvent.createMany`. */
  auditWrites: string[];
  /** Units it calls or hands on (a callback), as keys. */
  calls: Set<string>;
}

export interface Scan {
  units: Map<string, Unit>;
  /** Everything the unit writes, itself or through the units it calls (skipping `excused` ones). */
  writesOf(key: string): string[];
  /** Whether the unit, or a unit it calls, writes an audit record. */
  auditsOf(key: string): boolean;
}

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
      out.push(...sourceFiles(root, rel));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      out.push(rel);
    }
  }
  return out;
}

function resolveModule(root: string, fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(fromFile), specifier);
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return null;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ? ");
  return null;
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function firstParamIsTx(fn: ts.Node | undefined): boolean {
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const first = fn.parameters[0];
  if (!first) return false;
  const type = first.type?.getText() ?? "";
  return (ts.isIdentifier(first.name) && first.name.text === "tx") || /TransactionClient|\bTx\b/.test(type);
}

/** Parses one file's units; `source` may be given (the self-test feeds made-up code). */
export function parseUnits(root: string, file: string, source = fs.readFileSync(path.join(root, file), "utf8")) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports = new Map<string, string>(); // local name → key of the imported unit
  const reexports = new Map<string, string>(); // exported name → key it forwards to
  const bodies: { name: string; node: ts.Node; exported: boolean; fn?: ts.Node }[] = [];
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && !statement.importClause?.isTypeOnly) {
      const target = resolveModule(root, file, statement.moduleSpecifier.text);
      const named = statement.importClause?.namedBindings;
      if (target && named && ts.isNamedImports(named)) {
        for (const el of named.elements) if (!el.isTypeOnly) imports.set(el.name.text, `${target}#${(el.propertyName ?? el.name).text}`);
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      const target = resolveModule(root, file, statement.moduleSpecifier.text);
      if (target && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const el of statement.exportClause.elements) reexports.set(el.name.text, `${target}#${(el.propertyName ?? el.name).text}`);
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.body) {
      bodies.push({ name: statement.name?.text ?? "default", node: statement, exported: isExported(statement), fn: statement });
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!decl.initializer) continue;
        if (ts.isIdentifier(decl.name)) bodies.push({ name: decl.name.text, node: decl.initializer, exported: isExported(statement), fn: decl.initializer });
        // `export const { signIn, signOut } = NextAuth({ … })`: each name stands for the whole initialiser.
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements)
            if (ts.isIdentifier(el.name)) bodies.push({ name: el.name.text, node: decl.initializer, exported: isExported(statement) });
        }
      }
    }
  }
  const local = new Set(bodies.map((b) => b.name));
  const units: Unit[] = bodies.map(({ name, node, exported, fn }) => {
    const unit: Unit = {
      key: `${file}#${name}`,
      file,
      name,
      exported,
      firstParamIsTx: firstParamIsTx(fn),
      writes: [],
      audits: false,
      auditWrites: [],
      calls: new Set(),
    };
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && PRISMA_WRITES.has(n.expression.name.text)) {
        const receiver = n.expression.expression;
        // tx.model.create(…): a Prisma delegate; storage.delete(key) or map.delete(k) are not.
        if (ts.isPropertyAccessExpression(receiver) && ts.isIdentifier(receiver.expression)) {
          if (receiver.name.text === "auditEvent") unit.auditWrites.push(n.expression.getText(sf));
          else unit.writes.push(n.expression.getText(sf));
        }
      }
      const text = literalText(n);
      if (text !== null) {
        for (const match of text.matchAll(SQL_WRITE)) {
          if (match[1] === "AuditEvent") unit.auditWrites.push('SQL "AuditEvent"');
          else unit.writes.push(`SQL "${match[1]}"`);
        }
      }
      if (ts.isIdentifier(n) && n !== (fn as ts.FunctionDeclaration | undefined)?.name) {
        const parent = n.parent;
        const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === n) || (ts.isPropertyAssignment(parent) && parent.name === n);
        if (!isPropertyName) {
          const target = local.has(n.text) ? `${file}#${n.text}` : imports.get(n.text);
          if (target === `${AUDIT_MODULE}#audit` && ts.isCallExpression(parent) && parent.expression === n) unit.audits = true;
          else if (target && target !== unit.key) unit.calls.add(target);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    if (unit.auditWrites.length > 0) unit.audits = true;
    return unit;
  });
  return { units, reexports };
}

/**
 * Scans lib/ and app/ (never prisma/seed or scripts). `excused` units (the allow-list) count as
 * writing nothing for their callers: their writes are declared bookkeeping.
 */
export function scanWrites(root: string, excused: ReadonlySet<string> = new Set(), extra: { file: string; source: string }[] = []): Scan {
  const units = new Map<string, Unit>();
  const forward = new Map<string, string>();
  const parsed = [
    ...["lib", "app"].flatMap((dir) => sourceFiles(root, dir)).map((file) => parseUnits(root, file)),
    ...extra.map((e) => parseUnits(root, e.file, e.source)),
  ];
  for (const { units: list, reexports } of parsed) {
    for (const u of list) units.set(u.key, u);
    for (const [from, to] of reexports) forward.set(`${list[0]?.file ?? ""}#${from}`, to);
  }
  const resolve = (key: string) => {
    for (let i = 0; i < 10 && !units.has(key) && forward.has(key); i++) key = forward.get(key)!;
    return units.has(key) ? key : null;
  };
  /** The units reachable from `key` through calls, not entering excused ones (`key` itself included). */
  const reachable = (key: string) => {
    const seen = new Set<string>([key]);
    const queue = [key];
    while (queue.length > 0) {
      for (const callee of units.get(queue.shift()!)?.calls ?? []) {
        const target = resolve(callee);
        if (target && !seen.has(target) && !excused.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return [...seen].map((k) => units.get(k)!).filter(Boolean);
  };
  const writesOf = (key: string) => reachable(key).flatMap((u) => u.writes.map((w) => (u.key === key ? w : `${w} (in ${u.key})`)));
  const auditsOf = (key: string) => reachable(key).some((u) => u.audits);
  return { units, writesOf, auditsOf };
}
