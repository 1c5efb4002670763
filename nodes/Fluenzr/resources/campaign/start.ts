import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN, recordLocator, showFor } from '../../shared/fields';

export const campaignStartDescription: INodeProperties[] = [recordLocator(CAMPAIGN, showFor('campaign', ['start']))];
