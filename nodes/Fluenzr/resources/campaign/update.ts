import type { INodeProperties } from 'n8n-workflow';

import { showFor, textBodyField } from '../../shared/fields';
import { campaignSettingOptions, emailAccountIdField, stepsField } from './fields';

const showOnlyForCampaignUpdate = showFor('campaign', ['update']);

export const campaignUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change. The status changes only through Start and Pause.',
		displayOptions: showOnlyForCampaignUpdate,
		options: [
			...campaignSettingOptions,
			emailAccountIdField(false),
			textBodyField({ displayName: 'Name', name: 'name', default: '' }),
			stepsField('updateFields.steps'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
