// n8n's two rule sets for community packages: the long-standing
// eslint-plugin-n8n-nodes-base (package.json, credentials, nodes) and the
// newer @n8n/eslint-plugin-community-nodes (including n8n Cloud's rules:
// no restricted globals or imports).
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

const plugins = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'sandbox/**', 'scripts/**', 'bench/**', 'examples/**'] },
	{
		// Both plugins' package.json rules look for an ESTree `ObjectExpression`, which is what
		// @typescript-eslint/parser makes of a .json file (a JSON source: one expression statement).
		// A JSON parser (jsonc-eslint-parser) gives `JSONObjectExpression` nodes instead, and then
		// not one of those rules ever fires: test/lint/packageJsonLint.test.ts keeps this honest.
		files: ['package.json'],
		languageOptions: { parser: tsParser },
		plugins,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Meant for n8n's own repository (docs slugs); a community credential links to its own docs by URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes, which @n8n/community-nodes requires instead of 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The FluenzR client layer both nodes use: shipped in dist, so held to the same community rules.
		files: ['client/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		...communityNodes.configs.recommended,
		files: ['client/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
	},
	{
		// n8n's verification scan rejects console output in anything shipped (npm run scan): say so at the source.
		files: ['client/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.ts'],
		rules: { 'no-console': 'error' },
	},
];
