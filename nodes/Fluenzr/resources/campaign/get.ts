import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN, recordLocator, showFor } from '../../shared/fields';

export const campaignGetDescription: INodeProperties[] = [recordLocator(CAMPAIGN, showFor('campaign', ['get']))];
