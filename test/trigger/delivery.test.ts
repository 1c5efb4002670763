import type { IncomingDelivery } from '../../nodes/FluenzrTrigger/delivery';
import { assessDelivery, MAX_DELIVERY_BYTES } from '../../nodes/FluenzrTrigger/delivery';
import { RecentDeliveries } from '../../nodes/FluenzrTrigger/deliveryDeduplication';
import { signatureOf as signDelivery } from '../../sandbox';

const secret = 'f'.repeat(64);

const replied = {
	id: 'evt_1',
	event: 'email.replied',
	createdAt: '2026-01-31T09:15:00.000Z',
	data: { campaignId: 'cmp_1', contactId: 'ct_1', email: 'ada@example.com', step: 1, replyText: 'Yes' },
};

function signed(body: unknown, overrides: Partial<IncomingDelivery> = {}): IncomingDelivery {
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return {
		rawBody,
		signatureHeader: signDelivery(rawBody, secret),
		secret,
		webhookId: 'wh_1',
		events: ['*'],
		campaignId: undefined,
		...overrides,
	};
}

const fresh = () => new RecentDeliveries({ windowMs: 60_000, maxEntries: 100 });

describe('assessing a delivery', () => {
	it('accepts a signed FluenzR event and hands over event, id, time and data', () => {
		expect(assessDelivery(signed(replied), fresh())).toEqual({
			outcome: 'accepted',
			delivery: { event: 'email.replied', eventId: 'evt_1', createdAt: replied.createdAt, data: replied.data },
		});
	});

	it('refuses with 401 when the signature is missing', () => {
		const verdict = assessDelivery(signed(replied, { signatureHeader: undefined }), fresh());
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('refuses with 401 when no secret was stored, whatever the signature', () => {
		const verdict = assessDelivery(signed(replied, { secret: undefined }), fresh());
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('checks the signature before reading the body: a forged non-JSON body is 401, not 400', () => {
		const verdict = assessDelivery(signed('not json', { signatureHeader: 'sha256=00' }), fresh());
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('refuses with 400 a signed body that is not JSON', () => {
		expect(assessDelivery(signed('{"id":'), fresh())).toMatchObject({ outcome: 'rejected', statusCode: 400 });
	});

	it('refuses with 400 a signed JSON body without an event id or an event name', () => {
		expect(assessDelivery(signed({ event: 'email.replied', data: {} }), fresh())).toMatchObject({
			outcome: 'rejected',
			statusCode: 400,
		});
		expect(assessDelivery(signed({ id: 'evt_1', data: {} }), fresh())).toMatchObject({
			outcome: 'rejected',
			statusCode: 400,
		});
		expect(assessDelivery(signed([replied]), fresh())).toMatchObject({ outcome: 'rejected', statusCode: 400 });
	});

	it('refuses with 413 a body over 1 MiB before computing anything', () => {
		const huge = Buffer.alloc(MAX_DELIVERY_BYTES + 1, 0x20);
		const verdict = assessDelivery(signed('', { rawBody: huge, signatureHeader: signDelivery(huge, secret) }), fresh());
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 413 });
	});

	it('acknowledges without a run an event the trigger does not listen to', () => {
		const verdict = assessDelivery(signed(replied, { events: ['email.bounced'] }), fresh());
		expect(verdict.outcome).toBe('ignored');
	});

	it('acknowledges without a run an event of another campaign', () => {
		const verdict = assessDelivery(signed(replied, { campaignId: 'cmp_other' }), fresh());
		expect(verdict.outcome).toBe('ignored');
	});

	it('accepts an event of the chosen campaign, read from data.id for campaign events', () => {
		const completed = { id: 'evt_2', event: 'campaign.completed', createdAt: '', data: { id: 'cmp_1' } };
		expect(assessDelivery(signed(completed, { campaignId: 'cmp_1' }), fresh()).outcome).toBe('accepted');
	});

	it('ignores contact events when a campaign is chosen, since they belong to none', () => {
		const created = { id: 'evt_3', event: 'contact.created', data: { id: 'ct_1' } };
		expect(assessDelivery(signed(created, { campaignId: 'cmp_1' }), fresh()).outcome).toBe('ignored');
	});

	it('takes a repeated event id once, and reports the repeat as a duplicate', () => {
		const recent = fresh();
		expect(assessDelivery(signed(replied), recent).outcome).toBe('accepted');
		expect(assessDelivery(signed(replied), recent)).toEqual({ outcome: 'duplicate', eventId: 'evt_1' });
	});

	it('does not remember refused deliveries, so a later genuine one still runs', () => {
		const recent = fresh();
		assessDelivery(signed(replied, { signatureHeader: 'sha256=forged' }), recent);
		expect(assessDelivery(signed(replied), recent).outcome).toBe('accepted');
	});
});
