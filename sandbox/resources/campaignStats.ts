import { seededRandom, hashString } from '../seed/prng';
import { type Campaign, type EmailCounts, emptyEmailCounts } from '../state/records';

/**
 * Statistics = simulated sending (for a campaign that has been started:
 * plausible, deterministic numbers derived from its id, contact count and
 * steps) + what fired email.* events added. A never-started campaign only
 * shows its events, which lets tests pin exact figures.
 */
export function campaignStats(campaign: Campaign) {
	const simulated = simulatedCounts(campaign);
	const counts = { ...simulated };
	for (const key of Object.keys(counts) as Array<keyof EmailCounts>) counts[key] += campaign.eventCounts[key];
	const delivered = Math.max(0, counts.sent - counts.bounced);
	return {
		campaignId: campaign.id,
		sent: counts.sent,
		delivered,
		opened: counts.opened,
		clicked: counts.clicked,
		replied: counts.replied,
		bounced: counts.bounced,
		unsubscribed: counts.unsubscribed,
		openRate: percent(counts.opened, delivered),
		clickRate: percent(counts.clicked, delivered),
		replyRate: percent(counts.replied, delivered),
		bounceRate: percent(counts.bounced, counts.sent),
	};
}

/**
 * A percentage rounded half up to one decimal, 0 when the denominator is 0.
 * Integer arithmetic, so 1/16 is 6.3 and not 6.2 (as 6.25 * 10 in floating point might give).
 */
export function percent(part: number, whole: number): number {
	if (whole === 0) return 0;
	return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

function simulatedCounts(campaign: Campaign): EmailCounts {
	if (!campaign.started) return emptyEmailCounts();
	const random = seededRandom(hashString(campaign.id));
	const between = (min: number, max: number) => min + random() * (max - min);
	const emailsPlanned = campaign.contactIds.size * Math.max(1, campaign.steps.length);
	const progress = between(0.35, 0.85);
	const sent = Math.round(emailsPlanned * (campaign.status === 'completed' ? 1 : progress));
	const bounced = Math.round(sent * between(0.01, 0.04));
	const delivered = sent - bounced;
	const opened = Math.round(delivered * between(0.35, 0.6));
	const clicked = Math.round(opened * between(0.08, 0.25));
	const replied = Math.round(delivered * between(0.03, 0.1));
	const unsubscribed = Math.round(delivered * between(0.002, 0.01));
	return {
		sent,
		bounced,
		opened: campaign.trackOpens ? opened : 0,
		clicked: campaign.trackClicks ? clicked : 0,
		replied,
		unsubscribed,
	};
}
