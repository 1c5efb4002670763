import type { INodeProperties } from 'n8n-workflow';

import { contactIdsField, showFor } from '../../shared/fields';

export const groupAddContactsDescription: INodeProperties[] = [contactIdsField(showFor('group', ['addContacts']))];
