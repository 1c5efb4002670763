import type { INodeProperties } from 'n8n-workflow';

import { textBodyField } from '../../shared/fields';
import { campaignSettingOptions, emailAccountIdField, stepsField } from './fields';

/**
 * The campaign's part of Update Fields (see resources/fieldCollections.ts).
 * The status changes only through Start and Pause.
 */
export const campaignUpdateOptions: INodeProperties[] = [
	...campaignSettingOptions,
	emailAccountIdField(false),
	textBodyField({ displayName: 'Name', name: 'name', default: '' }),
	stepsField('updateFields.steps'),
];
