// Lint: the classic n8n rule sets (eslint-plugin-n8n-nodes-base: community, credentials, nodes) and
// n8n's community-node verification rules (@n8n/eslint-plugin-community-nodes, recommended).
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const classic = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'sandbox/**', 'scripts/**', 'bench/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { project: './tsconfig.json', extraFileExtensions: ['.json'] },
		},
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityNodes.configs.recommended.plugins },
		rules: { ...classic('community'), ...communityNodes.configs.recommended.rules },
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { project: './tsconfig.json', sourceType: 'module' },
		},
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityNodes.configs.recommended.plugins },
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
	},
	{
		files: ['credentials/**/*.ts'],
		// as n8n's own node-cli config: documentationUrl may be a full URL
		rules: { ...classic('credentials'), 'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off' },
	},
	{
		files: ['nodes/**/*.ts'],
		// as n8n's own node-cli config: inputs/outputs use NodeConnectionTypes, which these older rules predate
		rules: {
			...classic('nodes'),
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
