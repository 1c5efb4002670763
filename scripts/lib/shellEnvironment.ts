/**
 * Our own environment as a shell gives it, minus what belongs to the test
 * runner: under jest, NODE_ENV is "test", which silences n8n's CLI output (a
 * run would print nothing) and switches eslint-plugin-n8n-nodes-base to a
 * test mode of its own.
 */
export function shellEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('JEST_')),
	);
}
