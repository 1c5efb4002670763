import type { INodeProperties } from 'n8n-workflow';

import { CONTACT, recordLocator, showFor } from '../../shared/fields';

export const contactDeleteDescription: INodeProperties[] = [recordLocator(CONTACT, showFor('contact', ['delete']))];
