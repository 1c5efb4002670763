import type { Sandbox } from '../../../sandbox';

/** How many records a list holds beyond the first of each key. */
function extraCopies(keys: Iterable<string>): number {
	const seen = new Set<string>();
	let extra = 0;
	for (const key of keys) {
		if (seen.has(key)) extra++;
		else seen.add(key);
	}
	return extra;
}

/**
 * Records FluenzR holds twice, as a retried create would leave them:
 * contacts by email (case-insensitive), groups and campaigns by name,
 * webhooks by URL. The tests give every record they create a distinct key.
 */
export function duplicateRecords(sandbox: Sandbox, account?: string): number {
	const data = sandbox.store.account(account);
	return (
		extraCopies([...data.contacts.values()].map((contact) => contact.email.toLowerCase())) +
		extraCopies([...data.groups.values()].map((group) => group.name)) +
		extraCopies([...data.campaigns.values()].map((campaign) => campaign.name)) +
		extraCopies([...data.webhooks.values()].map((webhook) => webhook.url))
	);
}
