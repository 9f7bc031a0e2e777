/**
 * Jest transform for the ES-module-only packages (NestJS 12 and a few of its dependencies), which
 * the app itself loads through Node's require(esm). Jest supports require(esm) only on Node 24.9+
 * (with --experimental-vm-modules); on older Node it needs a transform to CommonJS, so this one
 * compiles them with TypeScript, as NestJS 11 was published. Two things CommonJS lacks are
 * rewritten first: `import.meta.url` becomes the file's URL, and a module's own `require` (made
 * with createRequire) is renamed, since it would clash with CommonJS's `require` parameter.
 * `import.meta.dirname` becomes `__dirname`, and `import.meta.resolve(name)` (Terminus 12 checks
 * its optional peers with it) a lookup of the package's folder along Node's module paths, since
 * require.resolve would refuse the import-only `exports` of the ES-module-only packages.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const OWN_REQUIRE = '__esmRequire';
const RESOLVE = '__esmResolve';
/** Prepended where `import.meta.resolve` is used: throws as it does when the package is absent. */
const RESOLVE_HELPER = `function ${RESOLVE}(name) {
  const path = require('node:path');
  const { existsSync } = require('node:fs');
  for (const dir of require.resolve.paths(name) || []) {
    const pkg = path.join(dir, name, 'package.json');
    if (existsSync(pkg)) return require('node:url').pathToFileURL(pkg).href;
  }
  throw new Error('Cannot find package ' + name);
}
`;

/** import.meta.url → the file's URL; a module-level `require` variable → another name. */
function commonJsCompatible(context) {
  const f = context.factory;
  const fileUrl = () =>
    f.createPropertyAccessExpression(
      f.createCallExpression(
        f.createPropertyAccessExpression(
          f.createCallExpression(f.createIdentifier('require'), undefined, [
            f.createStringLiteral('node:url'),
          ]),
          'pathToFileURL',
        ),
        undefined,
        [f.createIdentifier('__filename')],
      ),
      'href',
    );
  const visit = (node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isMetaProperty(node.expression) &&
      node.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
      node.name.text === 'url'
    ) {
      return fileUrl();
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isMetaProperty(node.expression) &&
      node.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
      node.name.text === 'dirname'
    ) {
      return f.createIdentifier('__dirname');
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isMetaProperty(node.expression) &&
      node.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
      node.name.text === 'resolve'
    ) {
      return f.createIdentifier(RESOLVE);
    }
    // An ES module has no `require` of its own, so in one that declares it every `require`
    // variable is that one.
    if (renameRequire && ts.isIdentifier(node) && node.text === 'require') {
      return f.createIdentifier(OWN_REQUIRE);
    }
    // ...but `x.require` and `{ require: ... }` are property names, not that variable.
    if (ts.isPropertyAccessExpression(node)) {
      return f.updatePropertyAccessExpression(
        node,
        ts.visitNode(node.expression, visit),
        node.name,
      );
    }
    if (ts.isPropertyAssignment(node)) {
      return f.updatePropertyAssignment(node, node.name, ts.visitNode(node.initializer, visit));
    }
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'require') {
      return f.createPropertyAssignment('require', f.createIdentifier(OWN_REQUIRE));
    }
    return ts.visitEachChild(node, visit, context);
  };
  let renameRequire = false;
  return (sourceFile) => {
    renameRequire = sourceFile.statements.some(
      (s) =>
        ts.isVariableStatement(s) &&
        s.declarationList.declarations.some(
          (d) => ts.isIdentifier(d.name) && d.name.text === 'require',
        ),
    );
    return ts.visitNode(sourceFile, visit);
  };
}

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  allowJs: true,
  sourceMap: false,
  inlineSourceMap: false,
};

const own = readFileSync(__filename);

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText } = ts.transpileModule(sourceText, {
      compilerOptions,
      fileName: sourcePath,
      transformers: { before: [commonJsCompatible] },
      reportDiagnostics: false,
    });
    const code = /import\.meta\.resolve\b/.test(sourceText)
      ? RESOLVE_HELPER + outputText
      : outputText;
    return { code };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(own)
      .update(ts.version)
      .update(sourcePath)
      .update(sourceText)
      .digest('hex');
  },
};
