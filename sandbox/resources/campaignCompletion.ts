import type { AccountActions } from '../http/routeContext';
import { campaignView } from '../state/records';

import { findCampaign } from './campaigns';

/**
 * FluenzR completes a campaign when every contact has finished its sequence;
 * the sandbox does it on request. It fires campaign.completed once.
 */
export function completeCampaign({ account, now, emit }: AccountActions, campaignId: string) {
	const campaign = findCampaign(account, campaignId);
	if (campaign.status !== 'completed') {
		campaign.status = 'completed';
		campaign.started = true;
		campaign.updatedAt = now();
		account.touch();
		emit('campaign.completed', campaignView(campaign));
	}
	return campaignView(campaign);
}
