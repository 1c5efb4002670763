/**
 * The operations of the fault matrix, each run on three input items with the
 * fault meeting one of them. Each knows how to set itself up in a sandbox,
 * where to inject the fault, and how to tell whether an item's change took
 * place in FluenzR.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault, FaultSpec, Sandbox } from '../../../sandbox';
import { api, byId } from '../../nodes/Fluenzr/support';
import { startPageFaultProxy } from './pageFaultProxy';

/** The fault is in place; run the node against `baseUrl`, then `release()`. */
export interface ArmedFault {
	baseUrl: string;
	release(): Promise<void>;
}

export interface ItemOperationRun {
	parameters: INodeParameters;
	input: IDataObject[];
	/** The item whose own request meets the fault; undefined when it is whichever comes first (creates, list walks). */
	failingItem?: number;
	/** How errors name the operation when `item` fails. */
	label(item: number): string;
	armFault(fault: Fault): Promise<ArmedFault>;
	/** Output items a successful input item yields. */
	recordsPerItem: number;
	/** Whether the item's change is in FluenzR; undefined for reads. */
	applied(item: number): boolean | undefined;
}

export interface ItemOperation {
	name: string;
	setUp(sandbox: Sandbox): Promise<ItemOperationRun>;
}

const THREE = [0, 1, 2];
/** Contacts a list walk finds: pages 1 and 3 are whole and partial, page 2 is the one in the middle. */
const LISTED_CONTACTS = 250;
const MIDDLE_PAGE = 2;

function injectedIn(sandbox: Sandbox, match: FaultSpec['match']) {
	return async (fault: Fault): Promise<ArmedFault> => {
		sandbox.injectFault({ match, fault });
		return { baseUrl: sandbox.baseUrl, release: async () => {} };
	};
}

async function createContacts(sandbox: Sandbox, tag: string): Promise<string[]> {
	const ids: string[] = [];
	for (const n of THREE) ids.push((await api(sandbox).post('/contacts', { email: `${tag}${n}@matrix.io` })).data.id);
	return ids;
}

const contactOf = (sandbox: Sandbox, id: string) => sandbox.store.account().contacts.get(id);

export const contactGet: ItemOperation = {
	name: 'contact get',
	async setUp(sandbox) {
		const ids = await createContacts(sandbox, 'get');
		return {
			parameters: { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			input: ids.map((id) => ({ id })),
			failingItem: 1,
			label: (item) => `Contact → Get (GET /contacts/${ids[item]})`,
			armFault: injectedIn(sandbox, { method: 'GET', path: `/contacts/${ids[1]}` }),
			recordsPerItem: 1,
			applied: () => undefined,
		};
	},
};

export const contactGetAllPage: ItemOperation = {
	name: 'contact getAll (page 2 of 3)',
	async setUp(sandbox) {
		sandbox.seed({ contacts: LISTED_CONTACTS });
		return {
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			input: THREE.map((n) => ({ n })),
			label: () => 'Contact → Get Many (GET /contacts)',
			armFault: async (fault) => {
				const proxy = await startPageFaultProxy(sandbox, MIDDLE_PAGE, fault);
				return { baseUrl: proxy.baseUrl, release: proxy.stop };
			},
			recordsPerItem: LISTED_CONTACTS,
			applied: () => undefined,
		};
	},
};

export const contactCreate: ItemOperation = {
	name: 'contact create',
	async setUp(sandbox) {
		const emails = THREE.map((n) => `new${n}@matrix.io`);
		return {
			parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}' },
			input: emails.map((email) => ({ email })),
			label: () => 'Contact → Create (POST /contacts)',
			armFault: injectedIn(sandbox, { method: 'POST', path: '/contacts' }),
			recordsPerItem: 1,
			applied: (item) => [...sandbox.store.account().contacts.values()].some((contact) => contact.email === emails[item]),
		};
	},
};

export const contactUpdate: ItemOperation = {
	name: 'contact update',
	async setUp(sandbox) {
		const ids = await createContacts(sandbox, 'update');
		return {
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: byId('={{ $json.id }}'),
				updateFields: { firstName: '={{ $json.firstName }}' },
			},
			input: ids.map((id) => ({ id, firstName: `Renamed ${id}` })),
			failingItem: 1,
			label: (item) => `Contact → Update (PUT /contacts/${ids[item]})`,
			armFault: injectedIn(sandbox, { method: 'PUT', path: `/contacts/${ids[1]}` }),
			recordsPerItem: 1,
			applied: (item) => contactOf(sandbox, ids[item])?.firstName === `Renamed ${ids[item]}`,
		};
	},
};

export const contactDelete: ItemOperation = {
	name: 'contact delete',
	async setUp(sandbox) {
		const ids = await createContacts(sandbox, 'delete');
		return {
			parameters: { resource: 'contact', operation: 'delete', contactId: byId('={{ $json.id }}') },
			input: ids.map((id) => ({ id })),
			failingItem: 1,
			label: (item) => `Contact → Delete (DELETE /contacts/${ids[item]})`,
			armFault: injectedIn(sandbox, { method: 'DELETE', path: `/contacts/${ids[1]}` }),
			recordsPerItem: 1,
			applied: (item) => contactOf(sandbox, ids[item]) === undefined,
		};
	},
};

export const campaignStart: ItemOperation = {
	name: 'campaign start',
	async setUp(sandbox) {
		const contact = await api(sandbox).post('/contacts', { email: 'recipient@matrix.io' });
		const ids: string[] = [];
		for (const n of THREE) {
			const campaign = await api(sandbox).post('/campaigns', {
				name: `Campaign ${n}`,
				emailAccountId: 'acc_123',
				steps: [{ subject: 'Hello', body: 'A first email' }],
			});
			await api(sandbox).post(`/campaigns/${campaign.data.id}/contacts`, { contactIds: [contact.data.id] });
			ids.push(campaign.data.id);
		}
		return {
			parameters: { resource: 'campaign', operation: 'start', campaignId: byId('={{ $json.id }}') },
			input: ids.map((id) => ({ id })),
			failingItem: 1,
			label: (item) => `Campaign → Start (POST /campaigns/${ids[item]}/start)`,
			armFault: injectedIn(sandbox, { method: 'POST', path: `/campaigns/${ids[1]}/start` }),
			recordsPerItem: 1,
			applied: (item) => sandbox.store.account().campaigns.get(ids[item])?.status === 'active',
		};
	},
};

export const ITEM_OPERATIONS: readonly ItemOperation[] = [
	contactGet,
	contactGetAllPage,
	contactCreate,
	contactUpdate,
	contactDelete,
	campaignStart,
];
