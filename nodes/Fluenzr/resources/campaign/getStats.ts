import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN, recordLocator, showFor } from '../../shared/fields';

export const campaignGetStatsDescription: INodeProperties[] = [recordLocator(CAMPAIGN, showFor('campaign', ['getStats']))];
