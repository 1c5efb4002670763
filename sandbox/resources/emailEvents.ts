import { DEFAULT_REPLY_TEXT } from '../constants';
import { FieldErrors } from '../http/apiError';
import type { AccountActions } from '../http/routeContext';
import type { EmailCounts } from '../state/records';
import { EMAIL_EVENTS, type EmailEventInput, type EmailEventName } from '../types';

import { findCampaign } from './campaigns';
import { findContact } from './contacts';
import { isPlainObject } from './fields';

const COUNTED_AS: Record<EmailEventName, keyof EmailCounts> = {
	'email.sent': 'sent',
	'email.opened': 'opened',
	'email.clicked': 'clicked',
	'email.replied': 'replied',
	'email.bounced': 'bounced',
};

/** An email event as the control route takes it: 400 with the fields at fault otherwise. */
export function checkEmailEventInput(input: unknown): asserts input is EmailEventInput {
	const errors = new FieldErrors();
	if (!isPlainObject(input)) errors.add('body', 'must be an object');
	else {
		if (!(EMAIL_EVENTS as readonly unknown[]).includes(input.event)) errors.add('event', `must be one of: ${EMAIL_EVENTS.join(', ')}`);
		if (typeof input.campaignId !== 'string') errors.add('campaignId', 'is required');
		if (typeof input.contactId !== 'string') errors.add('contactId', 'is required');
		if (input.step !== undefined && !(Number.isInteger(input.step) && (input.step as number) >= 1)) errors.add('step', 'must be an integer of at least 1');
		if (input.replyText !== undefined && typeof input.replyText !== 'string') errors.add('replyText', 'must be a string');
		if (input.account !== undefined && typeof input.account !== 'string') errors.add('account', 'must be a string');
		if (input.createdAt !== undefined && !(typeof input.createdAt === 'string' && !Number.isNaN(Date.parse(input.createdAt)))) {
			errors.add('createdAt', 'must be an ISO 8601 time');
		}
	}
	errors.throwIfAny();
}

/**
 * What FluenzR does when a campaign email is sent, opened, clicked, replied
 * to or bounces: the campaign's statistics count it and the email.* event
 * fires. Tests and the demo trigger it; the public API cannot.
 */
export function fireEmailEvent({ account, emit }: AccountActions, input: EmailEventInput): { eventId: string } {
	const campaign = findCampaign(account, input.campaignId);
	const contact = findContact(account, input.contactId);
	campaign.eventCounts[COUNTED_AS[input.event]]++;
	const data: Record<string, unknown> = {
		campaignId: campaign.id,
		contactId: contact.id,
		email: contact.email,
		step: input.step ?? 1,
	};
	if (input.event === 'email.replied') data.replyText = input.replyText ?? DEFAULT_REPLY_TEXT;
	return { eventId: emit(input.event, data, input.createdAt) };
}
