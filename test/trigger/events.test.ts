import { WEBHOOK_EVENTS, WEBHOOK_WILDCARD } from '../../client/contract';
import {
	campaignIdOf,
	canonicalEvents,
	EVENT_OPTIONS,
	isSubscribed,
	sameEvents,
} from '../../nodes/FluenzrTrigger/events';

describe('trigger events', () => {
	it('offers every FluenzR event and "All Events" for the wildcard', () => {
		const values = EVENT_OPTIONS.map((option) => option.value);
		expect(values).toHaveLength(WEBHOOK_EVENTS.length + 1);
		expect(values).toEqual(expect.arrayContaining([...WEBHOOK_EVENTS, WEBHOOK_WILDCARD]));
		expect(EVENT_OPTIONS.find((option) => option.value === WEBHOOK_WILDCARD)?.name).toBe('All Events');
	});

	it('lists the events alphabetically by name, in Title Case, with sentence-case descriptions', () => {
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		for (const option of EVENT_OPTIONS) {
			expect(option.name).toMatch(/^([A-Z][a-z]+)( [A-Z][a-z]+)*$/);
			expect(option.description).toMatch(/^[A-Z][^.]*[^.]$/);
		}
	});

	it('registers the wildcard alone when it is chosen with other events', () => {
		expect(canonicalEvents(['email.replied', '*', 'contact.created'])).toEqual(['*']);
	});

	it('registers distinct events in sorted order', () => {
		expect(canonicalEvents(['email.replied', 'contact.created', 'email.replied'])).toEqual([
			'contact.created',
			'email.replied',
		]);
	});

	it('compares subscriptions whatever their order or repetitions', () => {
		expect(sameEvents(['email.sent', 'email.opened'], ['email.opened', 'email.sent', 'email.sent'])).toBe(true);
		expect(sameEvents(['email.sent'], ['email.sent', 'email.opened'])).toBe(false);
		expect(sameEvents(['*'], ['email.sent'])).toBe(false);
	});

	it('lets the wildcard match any event, even one FluenzR adds later', () => {
		expect(isSubscribed('email.forwarded', ['*'])).toBe(true);
		expect(isSubscribed('email.replied', ['email.replied'])).toBe(true);
		expect(isSubscribed('email.opened', ['email.replied'])).toBe(false);
	});

	it('reads the campaign of campaign events from data.id and of email events from data.campaignId', () => {
		expect(campaignIdOf('campaign.completed', { id: 'cmp_1' })).toBe('cmp_1');
		expect(campaignIdOf('email.replied', { campaignId: 'cmp_2', contactId: 'ct_1' })).toBe('cmp_2');
		expect(campaignIdOf('contact.created', { id: 'ct_1' })).toBeUndefined();
	});
});
