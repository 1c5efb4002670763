import type { INodeProperties } from 'n8n-workflow';

import { contactFieldOptions, emailField } from './fields';

/** The contact's part of Update Fields (see resources/fieldCollections.ts). */
export const contactUpdateOptions: INodeProperties[] = [...contactFieldOptions('updateFields'), emailField(false)];
