/**
 * Reading what `n8n execute --rawOutput` prints. n8n's own log lines (task
 * broker, license, runners) share stdout with the run, and a failed run is
 * printed through the logger after other text, so the run is found as the
 * first top-level JSON object that looks like one, not by position.
 */

export interface NodeRun {
	executionStatus?: string;
	/** When the node started (ms since the epoch) and how long it ran (ms). */
	startTime?: number;
	executionTime?: number;
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	error?: { message?: string; description?: string };
}

export interface WorkflowRunData {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
	/** "success", "error", ...: set, with `stoppedAt`, once the run has ended. */
	status?: string;
	stoppedAt?: string;
}

export function findRunJson(output: string): WorkflowRunData | undefined {
	for (let start = output.indexOf('{'); start !== -1; start = output.indexOf('{', start + 1)) {
		if (!startsLine(output, start)) continue;
		const end = matchingBrace(output, start);
		if (end === -1) continue;
		const candidate = tryParse(output.slice(start, end + 1));
		if (isRun(candidate)) return candidate;
	}
	return undefined;
}

/** The JSON of the items a node put on its first main output (one run of it, the first by default). */
export function nodeItems(run: WorkflowRunData, nodeName: string, runIndex = 0): Array<Record<string, unknown>> {
	const nodeRuns = run.data.resultData.runData[nodeName];
	if (!nodeRuns) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`node "${nodeName}" did not run (ran: ${ran})`);
	}
	return (nodeRuns[runIndex]?.data?.main?.[0] ?? []).map((item) => item.json);
}

function startsLine(text: string, index: number): boolean {
	const lineStart = text.lastIndexOf('\n', index - 1) + 1;
	return text.slice(lineStart, index).trim() === '';
}

/** Index of the `}` closing the object opened at `start`, skipping braces inside strings; -1 if unclosed. */
function matchingBrace(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) return i;
	}
	return -1;
}

function tryParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function isRun(value: unknown): value is WorkflowRunData {
	const resultData = (value as WorkflowRunData | undefined)?.data?.resultData;
	return typeof resultData?.runData === 'object' && resultData.runData !== null;
}
