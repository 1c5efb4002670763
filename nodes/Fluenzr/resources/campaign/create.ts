import type { INodeProperties } from 'n8n-workflow';

import { showFor, textBodyField } from '../../shared/fields';
import { campaignSettingOptions, emailAccountIdField, stepsField } from './fields';

const showOnlyForCampaignCreate = showFor('campaign', ['create']);

export const campaignCreateDescription: INodeProperties[] = [
	{
		...textBodyField({ displayName: 'Name', name: 'name', default: '', required: true, placeholder: 'Q3 outreach' }),
		description: 'Name of the campaign',
		displayOptions: showOnlyForCampaignCreate,
	},
	{ ...emailAccountIdField(true), displayOptions: showOnlyForCampaignCreate },
	{ ...stepsField('steps'), displayOptions: showOnlyForCampaignCreate },
];

/** The campaign's part of Additional Fields (see resources/fieldCollections.ts). */
export const campaignCreateOptions: INodeProperties[] = campaignSettingOptions;
