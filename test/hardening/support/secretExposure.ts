import { inspect } from 'node:util';

/** Everything a user, a log or n8n's execution store could get to see of an error. */
export function errorViews(error: unknown): { [view: string]: unknown; 'logged error': string } {
	const { message, description } = (error ?? {}) as { message?: string; description?: string };
	return {
		'error message': message,
		'error description': description,
		'serialized error': error,
		'logged error': inspect(error, { depth: null }),
	};
}

/**
 * JSON of a value without the workflow's node definitions: n8n keeps each
 * node (its parameters included) with every execution and every node error,
 * so a secret typed into a node parameter is there by n8n's design, as it is
 * in the workflow itself.
 */
export function withoutNodeDefinitions(value: unknown): string {
	const isNodeDefinition = (key: string, inner: unknown) =>
		key === 'node' && typeof inner === 'object' && inner !== null && 'parameters' in inner;
	return JSON.stringify(value, (key, inner: unknown) => (isNodeDefinition(key, inner) ? '[node definition]' : inner)) ?? '';
}

/** The views, among `views`, in which one of `secrets` shows: [] when none does. */
export function viewsShowing(secrets: Record<string, string>, views: Record<string, unknown>): string[] {
	const shown: string[] = [];
	for (const [view, value] of Object.entries(views)) {
		const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
		for (const [name, secret] of Object.entries(secrets)) {
			if (text.includes(secret)) shown.push(`${view} shows the ${name}`);
		}
	}
	return shown;
}
