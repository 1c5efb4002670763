import { validationError } from '../http/apiError';
import { isPlainObject } from '../resources/fields';
import type { Fault, FaultSpec } from '../types';

export interface FaultTarget {
	method: string;
	/** The /v1-relative raw path, e.g. /contacts/ct_1. */
	path: string;
	account: string;
}

interface QueuedFault {
	spec: FaultSpec;
	remaining: number;
	/** Matching requests still to let pass before this fault answers. */
	toSkip: number;
}

/**
 * Injected faults, first in first out; each answers the next `count` matching
 * requests, once it has let `after` matching requests pass (whatever answers them).
 */
export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(spec: FaultSpec): void {
		checkFaultSpec(spec);
		this.queue.push({ spec, remaining: spec.count ?? 1, toSkip: spec.after ?? 0 });
	}

	/** The fault for this request, if one matches; it is used up by this call. */
	take(target: FaultTarget): Fault | undefined {
		let entry: QueuedFault | undefined;
		for (const candidate of this.queue) {
			if (!matches(candidate.spec, target)) continue;
			if (candidate.toSkip > 0) candidate.toSkip--;
			else entry ??= candidate;
		}
		if (!entry) return undefined;
		entry.remaining--;
		if (entry.remaining <= 0) this.queue = this.queue.filter((e) => e !== entry);
		return entry.spec.fault;
	}

	pending(): FaultSpec[] {
		return this.queue.map(({ spec: { after: _given, ...spec }, remaining, toSkip }) => ({
			...spec,
			count: remaining,
			...(toSkip > 0 && { after: toSkip }),
		}));
	}

	clear(): void {
		this.queue = [];
	}
}

function matches({ match }: FaultSpec, target: FaultTarget): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== target.method) return false;
	if (match.path && !target.path.startsWith(match.path)) return false;
	if (match.account && match.account !== target.account) return false;
	return true;
}

/** Refuses a malformed spec at once, rather than letting it misbehave later. */
function checkFaultSpec(spec: FaultSpec): void {
	const problem = findProblem(spec);
	if (problem) {
		const [field, message] = problem;
		throw validationError(`Invalid fault: ${field} ${message}`, { [field]: message });
	}
}

function findProblem(spec: FaultSpec): [field: string, message: string] | undefined {
	if (!isPlainObject(spec)) return ['body', 'must be a fault spec object'];
	const { fault, count, after, match } = spec;
	if (!isPlainObject(fault)) return ['fault', 'must be an object with a type'];
	if (count !== undefined && !(Number.isInteger(count) && count >= 1)) return ['count', 'must be an integer of at least 1'];
	if (after !== undefined && !(Number.isInteger(after) && after >= 0)) return ['after', 'must be an integer of at least 0'];
	if (match !== undefined && !isPlainObject(match)) return ['match', 'must be an object'];
	const status = (fault as { status?: unknown }).status;
	const validStatus = typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
	switch (fault.type) {
		case 'status':
			if (!validStatus) return ['fault.status', 'must be an HTTP status code'];
			return fault.headers === undefined || (isPlainObject(fault.headers) && Object.values(fault.headers).every((value) => typeof value === 'string'))
				? undefined
				: ['fault.headers', 'must be an object of header names to strings'];
		case 'html':
			return validStatus ? undefined : ['fault.status', 'must be an HTTP status code'];
		case 'notJson':
		case 'empty':
			return status === undefined || validStatus ? undefined : ['fault.status', 'must be an HTTP status code'];
		case 'delay':
			return typeof fault.ms === 'number' && fault.ms >= 0 ? undefined : ['fault.ms', 'must be a number of at least 0'];
		case 'rateLimited':
			return fault.retryAfter === undefined || (Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)
				? undefined
				: ['fault.retryAfter', 'must be a whole number of seconds'];
		case 'hang':
		case 'drop':
		case 'dropMidBody':
		case 'noData':
			return undefined;
		default:
			return ['fault.type', `must be one of: ${FAULT_TYPES.join(', ')}`];
	}
}

const FAULT_TYPES = ['status', 'html', 'delay', 'hang', 'drop', 'dropMidBody', 'notJson', 'empty', 'noData', 'rateLimited'];
