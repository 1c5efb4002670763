import type { IncomingDelivery } from '../../nodes/FluenzrTrigger/delivery';
import { assessDelivery, MAX_DELIVERY_BYTES, STILL_STARTING } from '../../nodes/FluenzrTrigger/delivery';
import { RecentDeliveries, recentDeliveriesOf } from '../../nodes/FluenzrTrigger/deliveryDeduplication';
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
		events: ['*'],
		campaignId: undefined,
		...overrides,
	};
}

const fresh = () => new RecentDeliveries({ windowMs: 60_000, maxEntries: 100 });

/** n8n's clock in these tests: half a minute after the reply was sent. */
const NOW = Date.parse(replied.createdAt) + 30_000;

function assess(incoming: IncomingDelivery, recent = fresh(), now = NOW) {
	return assessDelivery(incoming, recent, now);
}

describe('assessing a delivery', () => {
	it('accepts a signed FluenzR event and hands over event, id, time and data', () => {
		expect(assess(signed(replied))).toEqual({
			outcome: 'accepted',
			delivery: { event: 'email.replied', eventId: 'evt_1', createdAt: replied.createdAt, data: replied.data },
		});
	});

	it('refuses with 401 when the signature is missing', () => {
		const verdict = assess(signed(replied, { signatureHeader: undefined }));
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('refuses with 401 when no secret was stored, whatever the signature', () => {
		const verdict = assess(signed(replied, { secret: undefined }));
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('checks the signature before reading the body: a forged non-JSON body is 401, not 400', () => {
		const verdict = assess(signed('not json', { signatureHeader: 'sha256=00' }));
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 401 });
	});

	it('refuses with 400 a signed body that is not JSON', () => {
		expect(assess(signed('{"id":'))).toMatchObject({ outcome: 'rejected', statusCode: 400 });
	});

	it('refuses with 400 a signed JSON body without an event id or an event name', () => {
		expect(assess(signed({ event: 'email.replied', data: {} }))).toMatchObject({
			outcome: 'rejected',
			statusCode: 400,
		});
		expect(assess(signed({ id: 'evt_1', data: {} }))).toMatchObject({
			outcome: 'rejected',
			statusCode: 400,
		});
		expect(assess(signed([replied]))).toMatchObject({ outcome: 'rejected', statusCode: 400 });
	});

	it('refuses with 413 a body over 1 MiB before computing anything', () => {
		const huge = Buffer.alloc(MAX_DELIVERY_BYTES + 1, 0x20);
		const verdict = assess(signed('', { rawBody: huge, signatureHeader: signDelivery(huge, secret) }));
		expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 413 });
	});

	it('acknowledges without a run an event the trigger does not listen to', () => {
		const verdict = assess(signed(replied, { events: ['email.bounced'] }));
		expect(verdict.outcome).toBe('ignored');
	});

	it('acknowledges without a run an event of another campaign', () => {
		const verdict = assess(signed(replied, { campaignId: 'cmp_other' }));
		expect(verdict.outcome).toBe('ignored');
	});

	it('accepts an event of the chosen campaign, read from data.id for campaign events', () => {
		const completed = { id: 'evt_2', event: 'campaign.completed', createdAt: replied.createdAt, data: { id: 'cmp_1' } };
		expect(assess(signed(completed, { campaignId: 'cmp_1' })).outcome).toBe('accepted');
	});

	it('ignores contact events when a campaign is chosen, since they belong to none', () => {
		const created = { id: 'evt_3', event: 'contact.created', createdAt: replied.createdAt, data: { id: 'ct_1' } };
		expect(assess(signed(created, { campaignId: 'cmp_1' })).outcome).toBe('ignored');
	});

	it('takes a repeated event id once, and reports the repeat as a duplicate once n8n has started its run', () => {
		const recent = fresh();
		expect(assess(signed(replied), recent).outcome).toBe('accepted');
		recent.started('evt_1');
		expect(assess(signed(replied), recent)).toEqual({ outcome: 'duplicate', eventId: 'evt_1' });
	});

	it('answers a repeat 409, not 200, while n8n has not yet answered the delivery that took the event', () => {
		const recent = fresh();
		expect(assess(signed(replied), recent).outcome).toBe('accepted');
		expect(assess(signed(replied), recent)).toEqual({ outcome: 'rejected', statusCode: 409, reason: STILL_STARTING });
	});

	it('takes a repeat again when n8n did not start the run of the delivery that took the event', () => {
		const recent = fresh();
		expect(assess(signed(replied), recent).outcome).toBe('accepted');
		recent.release('evt_1');
		expect(assess(signed(replied), recent).outcome).toBe('accepted');
	});

	it('does not remember refused deliveries, so a later genuine one still runs', () => {
		const recent = fresh();
		assess(signed(replied, { signatureHeader: 'sha256=forged' }), recent);
		expect(assess(signed(replied), recent).outcome).toBe('accepted');
	});

	describe("the event's time (createdAt, inside the signed body)", () => {
		const at = (createdAt: unknown) => signed({ ...replied, createdAt });
		const minutes = (n: number) => n * 60_000;

		it('refuses with 400 a signed delivery without createdAt, saying so', () => {
			const { createdAt: _left, ...withoutTime } = replied;
			expect(assess(signed(withoutTime))).toEqual({
				outcome: 'rejected',
				statusCode: 400,
				reason: expect.stringContaining('no createdAt'),
			});
		});

		it.each([['a date in words', 'yesterday'], ['a number', 1769850900000], ['a time without its offset', '2026-01-31T09:15:00']])(
			'refuses with 400 a createdAt that is %s',
			(_what, createdAt) => {
				expect(assess(at(createdAt))).toEqual({
					outcome: 'rejected',
					statusCode: 400,
					reason: expect.stringContaining('createdAt is not an ISO 8601 time'),
				});
			},
		);

		it('refuses with 400 a genuine delivery captured two days ago, naming its age', () => {
			const verdict = assess(signed(replied), fresh(), Date.parse(replied.createdAt) + minutes(48 * 60));
			expect(verdict).toEqual({ outcome: 'rejected', statusCode: 400, reason: expect.stringContaining('is 172800 s old') });
		});

		it("accepts FluenzR's last retry, 91 s after the event, even with n8n's clock 5 minutes ahead", () => {
			const now = Date.parse(replied.createdAt) + 91_000 + minutes(5);
			expect(assess(signed(replied), fresh(), now).outcome).toBe('accepted');
		});

		it('refuses with 400 a delivery just older than that', () => {
			const now = Date.parse(replied.createdAt) + 91_000 + minutes(5) + 1000;
			expect(assess(signed(replied), fresh(), now)).toMatchObject({ outcome: 'rejected', statusCode: 400 });
		});

		it("accepts a delivery stamped up to 5 minutes ahead of n8n's clock, and refuses one further ahead", () => {
			const now = Date.parse(replied.createdAt);
			expect(assess(signed(replied), fresh(), now - minutes(5)).outcome).toBe('accepted');
			expect(assess(signed(replied), fresh(), now - minutes(5) - 1000)).toEqual({
				outcome: 'rejected',
				statusCode: 400,
				reason: expect.stringContaining('ahead of this n8n'),
			});
		});

		it('refuses a stale delivery even for an event the trigger does not listen to', () => {
			const verdict = assess(signed(replied, { events: ['email.bounced'] }), fresh(), NOW + minutes(60));
			expect(verdict).toMatchObject({ outcome: 'rejected', statusCode: 400 });
		});

		it("remembers an event stamped 5 minutes ahead of n8n's clock for as long as a replay of it passes the age check", () => {
			const stamped = Date.parse(replied.createdAt);
			const memory = recentDeliveriesOf('wh_clock_behind', stamped - minutes(5));
			expect(assess(signed(replied), memory, stamped - minutes(5)).outcome).toBe('accepted');
			memory.started('evt_1');
			expect(assess(signed(replied), memory, stamped + 91_000 + minutes(5))).toEqual({ outcome: 'duplicate', eventId: 'evt_1' });
		});
	});
});
