import { LIST_CACHE_ENTRIES } from '../constants';

import type { Campaign, Contact, Group, Webhook } from './records';

/**
 * One account's data. Every write calls touch(), which bumps the version and
 * so invalidates the cached filtered+sorted lists: pages of a 100k-contact
 * list are slices of a cached array, not a re-sort per request.
 */
export class AccountData {
	readonly contacts = new TrackedMap<string, Contact>(() => this.touch());

	/** Lower-cased email → contact id: emails are unique per account, case-insensitively. */
	readonly emailIndex = new Map<string, string>();

	readonly groups = new TrackedMap<string, Group>(() => this.touch());

	readonly campaigns = new TrackedMap<string, Campaign>(() => this.touch());

	readonly webhooks = new TrackedMap<string, Webhook>(() => this.touch());

	private version = 0;

	private readonly listCache = new Map<string, { version: number; items: readonly unknown[] }>();

	constructor(readonly id: string) {}

	touch(): void {
		this.version++;
	}

	/** The list for `key` as of the current version, built once per version. */
	cachedList<T>(key: string, build: () => T[]): readonly T[] {
		const hit = this.listCache.get(key);
		if (hit && hit.version === this.version) return hit.items as readonly T[];
		const items = build();
		this.listCache.delete(key);
		this.listCache.set(key, { version: this.version, items });
		if (this.listCache.size > LIST_CACHE_ENTRIES) {
			const oldest = this.listCache.keys().next().value;
			if (oldest !== undefined) this.listCache.delete(oldest);
		}
		return items;
	}
}

/**
 * A Map that reports additions and removals, so that tests which edit the
 * store directly (`store.account().webhooks.clear()`) never read stale
 * cached lists. (Edits inside a record are not seen: write through the API.)
 */
class TrackedMap<K, V> extends Map<K, V> {
	constructor(private readonly onChange: () => void) {
		super();
	}

	override set(key: K, value: V): this {
		super.set(key, value);
		this.onChange?.();
		return this;
	}

	override delete(key: K): boolean {
		const deleted = super.delete(key);
		if (deleted) this.onChange();
		return deleted;
	}

	override clear(): void {
		super.clear();
		this.onChange();
	}
}
