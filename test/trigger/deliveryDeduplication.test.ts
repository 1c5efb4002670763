import { RecentDeliveries, recentDeliveriesOf } from '../../nodes/FluenzrTrigger/deliveryDeduplication';

describe('recent deliveries', () => {
	it('reports a key as new the first time and as seen the second time', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		expect(recent.take('evt_1', 0)).toBe('new');
		expect(recent.take('evt_1', 1)).toBe('starting');
	});

	it('forgets a key once the window has passed since it was first seen', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		recent.take('evt_1', 0);
		expect(recent.take('evt_1', 1000)).toBe('starting');
		expect(recent.take('evt_1', 1001)).toBe('new');
	});

	it('does not extend the window when a key is seen again', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		recent.take('evt_1', 0);
		recent.take('evt_1', 900);
		expect(recent.take('evt_1', 1001)).toBe('new');
	});

	it('drops expired keys so that memory follows the traffic of the window', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 100 });
		for (let i = 0; i < 50; i++) recent.take(`evt_${i}`, 0);
		recent.take('evt_new', 5000);
		expect(recent.sizeAt(5000)).toBe(1);
	});

	it('tells a key whose run has started from one still starting, and forgets a released one', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		recent.take('evt_started', 0);
		recent.take('evt_released', 0);
		recent.started('evt_started');
		recent.release('evt_released');
		expect(recent.take('evt_started', 1)).toBe('started');
		expect(recent.take('evt_released', 1)).toBe('new');
	});

	it('keeps at most maxEntries keys, forgetting the oldest first', () => {
		const recent = new RecentDeliveries({ windowMs: 60_000, maxEntries: 3 });
		for (const id of ['evt_1', 'evt_2', 'evt_3', 'evt_4']) recent.take(id, 0);
		expect(recent.sizeAt(0)).toBe(3);
		expect(recent.take('evt_4', 0)).toBe('starting');
		expect(recent.take('evt_1', 0)).toBe('new');
	});
});

describe("each trigger's memory", () => {
	it('is its own: the same event id reaching two webhooks is new to each', () => {
		const now = Date.now();
		expect(recentDeliveriesOf('wh_mem_a', now).take('evt_1', now)).toBe('new');
		expect(recentDeliveriesOf('wh_mem_b', now).take('evt_1', now)).toBe('new');
		expect(recentDeliveriesOf('wh_mem_a', now).take('evt_1', now)).toBe('starting');
	});

	it('is not emptied by a burst of 20,000 events on another workflow', () => {
		const now = Date.now();
		recentDeliveriesOf('wh_quiet', now).take('evt_quiet', now);
		const busy = recentDeliveriesOf('wh_busy', now);
		for (let i = 0; i < 20_000; i++) busy.take(`evt_${i}`, now);
		expect(recentDeliveriesOf('wh_quiet', now).take('evt_quiet', now)).toBe('starting');
	});

});
