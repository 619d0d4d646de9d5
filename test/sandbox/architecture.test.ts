/**
 * The sandbox composes, it does not inherit (docs/architecture.md): no class in sandbox/ extends another
 * class but Error. The import rules (no cycle, floors) are dependency-cruiser's, in `npm run deps`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SANDBOX = path.resolve(__dirname, '../../sandbox');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(full);
		return e.name.endsWith('.ts') ? [full] : [];
	});
}

/** `File.ts: Class extends Base` for every class of the file that extends something. */
function extendsClauses(file: string): string[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
	const found: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isClassLike(node)) {
			for (const clause of node.heritageClauses ?? []) {
				if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
				for (const base of clause.types) {
					found.push(`${path.relative(SANDBOX, file)}: ${node.name?.text ?? '(anonymous)'} extends ${base.expression.getText(source)}`);
				}
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

it('no class in sandbox/ extends another class but Error (composition, not inheritance)', () => {
	const files = sourceFiles(SANDBOX);
	expect(files.length).toBeGreaterThan(30);
	const all = files.flatMap(extendsClauses);
	expect(all.filter((c) => !c.endsWith(' extends Error'))).toEqual([]);
	// the errors are the only classes with a base, one level deep
	expect(all).toEqual([
		'errors.ts: ValidationError extends Error',
		'errors.ts: NotFoundError extends Error',
		'errors.ts: HttpError extends Error',
	]);
});
