/**
 * The layers of docs/architecture.md, held: what ships, what runs the demo
 * and the benchmark never reach into the tests (what they share lives in
 * scripts/lib), the tests never into the benchmark, the trigger never into
 * the action node, and the client layer into neither node.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(folder: string): string[] {
	return readdirSync(path.join(ROOT, folder)).flatMap((name) => {
		const relative = path.join(folder, name);
		if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
		return relative.endsWith('.ts') ? [relative] : [];
	});
}

/** Where each relative import of a file leads, as a path from the repository's root. */
function importsOf(file: string): string[] {
	const text = readFileSync(path.join(ROOT, file), 'utf8');
	return [...text.matchAll(/from '(\.[^']+)'/g)].map((match) => path.normalize(path.join(path.dirname(file), match[1])));
}

function importsInto(folders: string[], target: string): string[] {
	return folders
		.flatMap(sourceFiles)
		.flatMap((file) => importsOf(file).filter((imported) => imported.startsWith(target)).map((imported) => `${file} → ${imported}`));
}

describe('the layers', () => {
	it('the package, the sandbox, the scripts and the benchmark import nothing from test/', () => {
		expect(importsInto(['client', 'nodes', 'credentials', 'sandbox', 'scripts', 'bench'], 'test/')).toEqual([]);
	});

	it('the tests and the scripts import nothing from bench/', () => {
		expect(importsInto(['test', 'scripts'], 'bench/')).toEqual([]);
	});

	it('the trigger imports nothing from the action node', () => {
		expect(importsInto(['nodes/FluenzrTrigger'], 'nodes/Fluenzr/')).toEqual([]);
	});

	it('the client layer imports from neither node, nor the credential, nor the sandbox', () => {
		for (const target of ['nodes/', 'credentials/', 'sandbox/']) {
			expect(importsInto(['client'], target)).toEqual([]);
		}
	});

	it('nothing that ships imports the sandbox', () => {
		expect(importsInto(['client', 'nodes', 'credentials'], 'sandbox')).toEqual([]);
	});
});
