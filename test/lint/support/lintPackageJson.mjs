// Lints package.json texts with ESLint's Node API and the project's own
// eslint.config.mjs, as `npm run lint` would lint them in the repository root.
// A separate process because ESLint loads its (ESM) config with a dynamic
// import, which jest's CommonJS module registry refuses.
// stdin: [{ "name": "...", "text": "..." }]; stdout: { "<name>": [{ ruleId, severity, message }] }.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const [root] = process.argv.slice(2);
const inputs = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const results = {};
for (const { name, text } of inputs) {
	const [result] = await eslint.lintText(text, { filePath: `${root}/package.json` });
	results[name] = result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message }));
}
process.stdout.write(JSON.stringify(results));
