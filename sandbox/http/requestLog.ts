import { API_PREFIX } from '../constants';
import type { LoggedRequest } from '../types';

export interface RequestFilter {
	method?: string;
	/** A prefix of the raw path, either full (/v1/contacts) or /v1-relative (/contacts). */
	pathPrefix?: string;
}

/**
 * The API requests received. Entries are kept only when logging is on, but
 * every request is counted by method and path, so that benchmarks can turn
 * the log off and still ask how many requests were made.
 */
export class RequestLog {
	private entries: LoggedRequest[] = [];

	private readonly counts = new Map<string, { method: string; path: string; count: number }>();

	constructor(public enabled: boolean) {}

	record(entry: LoggedRequest): void {
		if (this.enabled) this.entries.push(entry);
		const key = `${entry.method} ${entry.path}`;
		const counted = this.counts.get(key);
		if (counted) counted.count++;
		else this.counts.set(key, { method: entry.method, path: entry.path, count: 1 });
	}

	list(filter: RequestFilter = {}): LoggedRequest[] {
		return this.entries.filter((entry) => matches(entry.method, entry.path, filter));
	}

	count(filter: RequestFilter = {}): number {
		let total = 0;
		for (const { method, path, count } of this.counts.values()) if (matches(method, path, filter)) total += count;
		return total;
	}

	clear(): void {
		this.entries = [];
		this.counts.clear();
	}
}

function matches(method: string, path: string, filter: RequestFilter): boolean {
	if (filter.method && filter.method.toUpperCase() !== method) return false;
	if (filter.pathPrefix) {
		const relative = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
		if (!path.startsWith(filter.pathPrefix) && !relative.startsWith(filter.pathPrefix)) return false;
	}
	return true;
}
