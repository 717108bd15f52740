/**
 * The purity rule for src/lib/core (DESIGN.md: the core is pure TypeScript that runs the same in a
 * browser, in Node for the CLI and in a worker). It reads each file with the TypeScript compiler, not
 * with regexes, so a comment, a string, a template or a line break cannot hide an import:
 *  - every module a file names (static import and export, `import type`, `import x = require()`,
 *    `import('…')`, `require('…')`, `typeof import('…')`, `/// <reference …>`) must resolve to a file
 *    inside the core; a package name (`katex`, `node:fs`, `svelte`, `$app/…`) never does, and a
 *    computed one (`import(name)`) cannot be checked, so it fails too;
 *  - every global a file reads is resolved by the type checker, so a local `self` or `location` is
 *    fine while the global is not: a global must be part of the ECMAScript language (lib.es*.d.ts)
 *    or one of the few platform APIs that browsers and Node both have (PLATFORM). Everything the DOM
 *    or Node alone declares fails: window, document, localStorage, navigator, HTMLElement, process…
 *  - `globalThis.<name>` and `globalThis['name']` are the same global as `name`; any other use of
 *    globalThis (an alias, destructuring, a computed key), `import.meta`, `eval` and `declare global`
 *    could reach a global without naming it, so they fail.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface Violation {
	file: string;
	line: number;
	col: number;
	what: string;
}

/** A file to check; `at` is where it is checked as if it lived (fixtures pretend to sit in the core). */
export interface Source {
	file: string;
	at?: string;
}

const ROOT = resolve(import.meta.dirname, '../..');
export const CORE = join(ROOT, 'src/lib/core');
const LIB = join(ROOT, 'src/lib');

/** Platform APIs that browsers and Node 20 both provide with the same meaning; the core uses these. */
const PLATFORM = new Set([
	'URL',
	'URLSearchParams',
	'TextEncoder',
	'TextDecoder',
	'Blob',
	'CompressionStream',
	'DecompressionStream',
	'Response',
	'atob',
	'btoa',
	'console',
	'setTimeout',
	'clearTimeout',
	'queueMicrotask',
	'structuredClone'
]);

/** ES globals that still reach outside the module system or evaluate code. */
const DENIED_ES = new Set(['eval', 'Function']);

const OPTIONS: ts.CompilerOptions = {
	target: ts.ScriptTarget.ESNext,
	module: ts.ModuleKind.ESNext,
	moduleResolution: ts.ModuleResolutionKind.Bundler,
	lib: ['lib.esnext.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
	types: [],
	allowImportingTsExtensions: true,
	noEmit: true,
	noResolve: true,
	skipLibCheck: true
};

function insideCore(path: string, core: string): boolean {
	let p = path;
	if (existsSync(p)) p = realpathSync(p);
	const r = relative(core, p);
	return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}

/** Where a module name points, or why it cannot point inside the core. */
function target(spec: string, at: string): { path: string } | { why: string } {
	if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') return { path: resolve(dirname(at), spec) };
	if (isAbsolute(spec)) return { path: spec };
	if (spec === '$lib' || spec.startsWith('$lib/')) return { path: join(LIB, spec.slice(5)) };
	return { why: `package '${spec}': the core imports no packages` };
}

function isEsLib(sf: ts.SourceFile): boolean {
	return /[\\/]typescript[\\/]lib[\\/]lib\.(es|decorators)[^\\/]*\.d\.ts$/.test(sf.fileName);
}

/** A symbol declared at the top of a script (a lib or @types file) or in `declare global`: a global. */
function isGlobal(sym: ts.Symbol): boolean {
	return (sym.declarations ?? []).some((d) => {
		let p: ts.Node | undefined = d.parent;
		if (p && ts.isVariableDeclarationList(p)) p = p.parent?.parent;
		if (!p) return false;
		if (ts.isSourceFile(p)) return !ts.isExternalModule(p);
		if (ts.isModuleBlock(p)) return ts.isModuleDeclaration(p.parent) && (p.parent.flags & ts.NodeFlags.GlobalAugmentation) !== 0;
		return false;
	});
}

/** Node's globals (process, require, Buffer…), so that the checker resolves them and the rule sees them. */
const NODE_TYPES = join(ROOT, 'node_modules/@types/node');
const nodeGlobals = (): string[] =>
	['', 'web-globals/'].flatMap((d) => readdirSync(join(NODE_TYPES, d)).filter((f) => f.endsWith('.d.ts')).map((f) => join(NODE_TYPES, d, f)));

/** Lib and @types files are parsed once for every check (lib.dom alone is large). */
const parsed = new Map<string, ts.SourceFile | undefined>();

export function checkPurity(sources: Source[], core = CORE): Violation[] {
	const byAt = new Map(sources.map((s) => [resolve(s.at ?? s.file), s]));
	const host = ts.createCompilerHost(OPTIONS, true);
	const read = host.getSourceFile.bind(host);
	host.getSourceFile = (name, lang, onError) => {
		const s = byAt.get(resolve(name));
		if (s) return ts.createSourceFile(name, readFileSync(s.file, 'utf8'), lang, true);
		if (!parsed.has(name)) parsed.set(name, read(name, lang, onError));
		return parsed.get(name);
	};
	const exists = host.fileExists.bind(host);
	host.fileExists = (name) => byAt.has(resolve(name)) || exists(name);
	const program = ts.createProgram([...byAt.keys(), ...nodeGlobals()], OPTIONS, host);
	const checker = program.getTypeChecker();
	const out: Violation[] = [];

	for (const [at, src] of byAt) {
		const sf = program.getSourceFile(at)!;
		const report = (node: ts.Node | number, what: string) => {
			const pos = typeof node === 'number' ? node : node.getStart(sf);
			const { line, character } = sf.getLineAndCharacterOfPosition(pos);
			out.push({ file: src.file, line: line + 1, col: character + 1, what });
		};
		const moduleName = (spec: ts.Node | undefined, how: string) => {
			if (!spec || !(ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec))) {
				report(spec ?? sf, `${how} of a computed name: the core names every module it loads`);
				return;
			}
			const t = target(spec.text, at);
			if ('why' in t) return report(spec, t.why);
			if (!insideCore(t.path, core)) return report(spec, `'${spec.text}' is outside src/lib/core`);
			if (spec.text.startsWith('$lib')) return report(spec, `'${spec.text}': the $lib alias (the core compiles for the CLI with relative imports)`);
			if (!/\.ts$/.test(spec.text)) report(spec, `'${spec.text}' has no .ts extension (the CLI build rewrites .ts imports)`);
		};
		const global = (id: ts.Node, name: string, sym: ts.Symbol | undefined) => {
			if (DENIED_ES.has(name) && (!sym || isGlobal(sym))) return report(id, `global '${name}' evaluates code`);
			if (!sym || !isGlobal(sym) || name === 'globalThis') return;
			const es = (sym.declarations ?? []).some((d) => isEsLib(d.getSourceFile()));
			if (!es && !PLATFORM.has(name)) report(id, `browser or Node global '${name}': the core runs in both and touches neither`);
		};

		for (const r of sf.referencedFiles) report(r.pos, `/// <reference path="${r.fileName}">: the core names its files by import`);
		for (const r of sf.typeReferenceDirectives) report(r.pos, `/// <reference types="${r.fileName}">: the core uses no package types`);
		for (const r of sf.libReferenceDirectives) report(r.pos, `/// <reference lib="${r.fileName}">: the core needs no extra lib`);

		const visit = (n: ts.Node): void => {
			if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
				if (n.moduleSpecifier) moduleName(n.moduleSpecifier, 'import');
			} else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
				moduleName(n.moduleReference.expression, 'import = require');
			} else if (ts.isImportTypeNode(n)) {
				const a = n.argument;
				moduleName(ts.isLiteralTypeNode(a) ? a.literal : a, 'import type');
			} else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
				moduleName(n.arguments[0], 'import()');
			} else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require') {
				moduleName(n.arguments[0], 'require()');
			} else if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword) {
				report(n, 'import.meta: the core loads no files of its own');
			} else if (ts.isModuleDeclaration(n) && (n.flags & ts.NodeFlags.GlobalAugmentation) !== 0) {
				report(n, 'declare global: the core declares no globals');
			} else if (n.kind === ts.SyntaxKind.AnyKeyword) {
				report(n, 'any: the core is typed');
			}
			if (ts.isIdentifier(n)) {
				const p = n.parent;
				if (n.text === 'globalThis') {
					const viaName = ts.isPropertyAccessExpression(p) && p.expression === n;
					const viaKey = ts.isElementAccessExpression(p) && p.expression === n;
					if (viaKey) {
						const k = p.argumentExpression;
						if (ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k)) global(k, k.text, checker.getSymbolAtLocation(k) ?? checker.resolveName(k.text, n, ts.SymbolFlags.Value, false));
						else report(k, 'globalThis[computed]: the core reads no global by a computed name');
					} else if (!viaName) report(n, 'globalThis used as a value: the core reads globals only by name');
				} else if (ts.isShorthandPropertyAssignment(p) && p.name === n) {
					global(n, n.text, checker.getShorthandAssignmentValueSymbol(p));
				} else {
					// a member name (`x.window`, `A.B`) is no global, except on globalThis; skipping it also
					// spares the checker from typing every object in the core
					const member = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isQualifiedName(p) && p.right === n);
					const onGlobal = ts.isPropertyAccessExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'globalThis';
					if (!member || onGlobal) global(n, n.text, checker.getSymbolAtLocation(n));
				}
			}
			ts.forEachChild(n, visit);
		};
		visit(sf);
	}
	return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
