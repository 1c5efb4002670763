import type { INodeProperties } from 'n8n-workflow';

import { GROUP, recordLocator, showFor } from '../../shared/fields';

export const groupDeleteDescription: INodeProperties[] = [recordLocator(GROUP, showFor('group', ['delete']))];
