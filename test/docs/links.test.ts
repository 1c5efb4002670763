/**
 * The repository stands alone: someone who clones it has nothing beside it.
 * Its documents link only to what it holds, and nothing points outside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function trackedFiles(): string[] {
	return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
		.split('\n')
		.filter((file) => file !== '' && existsSync(path.join(ROOT, file)));
}

const TEXT_FILE = /\.(md|ts|js|mjs|json|sh|yml|yaml)$|^\.ci\/run$/;
const markdownFiles = () => trackedFiles().filter((file) => file.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
	const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1])));
}

/** Relative links of a Markdown file: `[text](target)`, outside code blocks. */
function relativeLinks(file: string): string[] {
	const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map((match) => match[1])
		.filter((target) => !/^[a-z]+:/i.test(target));
}

describe('the repository stands alone', () => {
	it('every relative link in its Markdown files reaches a file it holds, and a heading there when it names one', () => {
		const broken: string[] = [];
		for (const file of markdownFiles()) {
			for (const link of relativeLinks(file)) {
				const [target, anchor] = link.split('#');
				const resolved = target === '' ? file : path.normalize(path.join(path.dirname(file), target));
				if (!existsSync(path.join(ROOT, resolved))) {
					broken.push(`${file}: ${link} (no ${resolved})`);
				} else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
					broken.push(`${file}: ${link} (no heading "#${anchor}" in ${resolved})`);
				}
			}
		}
		expect(broken).toEqual([]);
	});

	it('no file points outside the repository (../shared, the project notes) ', () => {
		const outside = /(?<![./\w])\.\.\/shared(?![\w/])|FLUENZR_API\.md|N8N_NOTES\.md|STYLE\.md|rest-api\.hi\.md/;
		const offenders = trackedFiles()
			.filter((file) => TEXT_FILE.test(file) && file !== 'test/docs/links.test.ts')
			.filter((file) => outside.test(readFileSync(path.join(ROOT, file), 'utf8')));
		expect(offenders).toEqual([]);
	});

	it('every docs/… path named in code or scripts exists', () => {
		const missing: string[] = [];
		for (const file of trackedFiles().filter((name) => /\.(ts|js|mjs|sh)$/.test(name))) {
			const text = readFileSync(path.join(ROOT, file), 'utf8');
			for (const [named] of text.matchAll(/\bdocs\/[\w./-]+\.(md|png)\b/g)) {
				if (!existsSync(path.join(ROOT, named))) missing.push(`${file}: ${named}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
