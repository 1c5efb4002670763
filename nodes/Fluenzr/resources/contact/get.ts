import type { INodeProperties } from 'n8n-workflow';

import { CONTACT, recordLocator, showFor } from '../../shared/fields';

export const contactGetDescription: INodeProperties[] = [recordLocator(CONTACT, showFor('contact', ['get']))];
