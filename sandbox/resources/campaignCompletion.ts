import type { SandboxCore } from '../sandboxCore';
import type { AccountData } from '../state/accountData';
import { campaignView } from '../state/records';

import { findCampaign } from './campaigns';

/**
 * FluenzR completes a campaign when every contact has finished its sequence;
 * the sandbox does it on request. It fires campaign.completed once.
 */
export function completeCampaign(core: SandboxCore, account: AccountData, campaignId: string) {
	const campaign = findCampaign(account, campaignId);
	if (campaign.status !== 'completed') {
		campaign.status = 'completed';
		campaign.started = true;
		campaign.updatedAt = core.isoNow();
		account.touch();
		core.emit(account, 'campaign.completed', campaignView(campaign));
	}
	return campaignView(campaign);
}
