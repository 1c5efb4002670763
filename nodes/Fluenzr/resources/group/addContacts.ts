import type { INodeProperties } from 'n8n-workflow';

import { contactIdsField, GROUP, recordLocator, showFor } from '../../shared/fields';

const showOnlyForGroupAddContacts = showFor('group', ['addContacts']);

export const groupAddContactsDescription: INodeProperties[] = [
	recordLocator(GROUP, showOnlyForGroupAddContacts),
	contactIdsField(showOnlyForGroupAddContacts),
];
