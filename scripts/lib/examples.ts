/** The example workflows shipped in examples/, as n8n imports them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from './n8nCli';
import { REPO_ROOT } from './n8nInstall';

export const EXAMPLES_FOLDER = path.join(REPO_ROOT, 'examples');

export function loadExamples(): WorkflowJson[] {
	return readdirSync(EXAMPLES_FOLDER)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(path.join(EXAMPLES_FOLDER, file), 'utf8')) as WorkflowJson);
}

export function loadExample(fileName: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(EXAMPLES_FOLDER, fileName), 'utf8')) as WorkflowJson;
}
