// No import cycles: a module that needs itself back through its imports has no order in which it
// can be read (or tested) alone. Follows relative imports, type-only and dynamic ones included,
// through the files on disk; the file being linted is read from its syntax tree, as edited.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const CODE = /\.[cm]?[jt]sx?$/;

/** Each file's resolved imports, read again when the file changes. */
const cache = new Map();

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file a relative import names, or null for packages, assets and missing files. */
function resolve(fromFile, source) {
  if (!source.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), source.replace(/\?.*$/, ''));
  const candidates = CODE.test(base)
    ? [base]
    : [`${base}.ts`, `${base}.tsx`, `${base}.js`, path.join(base, 'index.ts')];
  return candidates.find(isFile) ?? null;
}

/** The files `file` imports, as read from disk. */
function importsOf(file) {
  let mtime;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const known = cache.get(file);
  if (known && known.mtime === mtime) return known.imports;
  const text = fs.readFileSync(file, 'utf8');
  // The compiler's own import scanner: skips comments and strings, sees `import type` and import().
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const imports = [...new Set(importedFiles.map((f) => resolve(file, f.fileName)))].filter(
    (f) => f !== null,
  );
  cache.set(file, { mtime, imports });
  return imports;
}

/**
 * A path of imports from `start` back to `home`, or null. With `allowDirect`, `start` importing
 * `home` straight back is an allowed pair and does not count; any longer way back still does.
 */
function pathBack(start, home, allowDirect) {
  const seen = new Set([start]);
  const walk = (file, trail) => {
    for (const next of importsOf(file)) {
      if (next === home) {
        if (allowDirect && file === start) continue;
        return [...trail, next];
      }
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

/** @type {import('eslint').Rule.RuleModule} */
export const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No module imports itself back through its imports.' },
    schema: [
      {
        type: 'object',
        properties: {
          /** Pairs of files that may import each other (a recursive component and its row), relative to the working directory or absolute. */
          allowPairs: {
            type: 'array',
            items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const home = path.resolve(context.filename);
    if (!CODE.test(home)) return {};
    const pairs = (context.options[0]?.allowPairs ?? []).map((pair) =>
      pair.map((p) => path.resolve(context.cwd, p)),
    );
    const allowedPair = (target) =>
      pairs.some(([a, b]) => (a === home && b === target) || (b === home && a === target));
    const seen = new Set();
    function check(node, source) {
      if (typeof source !== 'string') return;
      const target = resolve(home, source);
      if (target === null || seen.has(target)) return;
      seen.add(target);
      const trail = target === home ? [home] : pathBack(target, home, allowedPair(target));
      if (trail === null) return;
      const shown = [home, ...trail].map((f) => path.relative(context.cwd, f)).join(' → ');
      context.report({ node, message: `Import cycle: ${shown}.` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      TSImportType: (node) => check(node, node.source?.value),
    };
  },
};
