import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

/** The one file that may load livekit-client at run time (itself loaded with import()). */
const RUNTIME_IMPORTER = 'src/voice/livekit-voice-session.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The livekit-client imports and re-exports of a file that survive compilation. */
function runtimeLivekitImports(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) &&
            node.expression.kind === ts.SyntaxKind.ImportKeyword &&
            node.arguments[0] &&
            ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    if (specifier === 'livekit-client') {
      const typeOnly =
        (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) ||
        (ts.isExportDeclaration(node) && node.isTypeOnly);
      if (!typeOnly) found.push(node.getText(file).split('\n')[0]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

test('only the LiveKit voice session imports livekit-client at run time', () => {
  const offenders = sources('src')
    .filter((path) => path !== RUNTIME_IMPORTER)
    .flatMap((path) => runtimeLivekitImports(path).map((line) => `${path}: ${line}`));
  assert.deepEqual(offenders, []);
  assert.ok(runtimeLivekitImports(RUNTIME_IMPORTER).length > 0, 'the session itself imports it');
});
