import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/fields';

export const webhookGetManyDescription: INodeProperties[] = [...returnAllAndLimit('webhook')];
