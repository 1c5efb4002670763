import { deliveryKey, RecentDeliveries } from '../../nodes/FluenzrTrigger/deliveryDeduplication';

function clockAt(start: number) {
	const clock = { now: start, read: () => clock.now };
	return clock;
}

describe('recent deliveries', () => {
	it('reports a key as new the first time and as seen the second time', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		expect(recent.checkAndRemember('wh_1\nevt_1')).toBe(false);
		expect(recent.checkAndRemember('wh_1\nevt_1')).toBe(true);
	});

	it('forgets a key once the window has passed since it was first seen', () => {
		const clock = clockAt(0);
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10, now: clock.read });
		recent.checkAndRemember('evt_1');
		clock.now = 999;
		expect(recent.checkAndRemember('evt_1')).toBe(true);
		clock.now = 1000;
		expect(recent.checkAndRemember('evt_1')).toBe(false);
	});

	it('does not extend the window when a key is seen again', () => {
		const clock = clockAt(0);
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10, now: clock.read });
		recent.checkAndRemember('evt_1');
		clock.now = 900;
		recent.checkAndRemember('evt_1');
		clock.now = 1000;
		expect(recent.checkAndRemember('evt_1')).toBe(false);
	});

	it('drops expired keys so that memory follows the traffic of the window', () => {
		const clock = clockAt(0);
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 100, now: clock.read });
		for (let i = 0; i < 50; i++) recent.checkAndRemember(`evt_${i}`);
		clock.now = 5000;
		recent.checkAndRemember('evt_new');
		expect(recent.size).toBe(1);
	});

	it('keeps at most maxEntries keys, forgetting the oldest first', () => {
		const recent = new RecentDeliveries({ windowMs: 60_000, maxEntries: 3 });
		for (const id of ['evt_1', 'evt_2', 'evt_3', 'evt_4']) recent.checkAndRemember(id);
		expect(recent.size).toBe(3);
		expect(recent.checkAndRemember('evt_4')).toBe(true);
		expect(recent.checkAndRemember('evt_1')).toBe(false);
	});

	it('keys deliveries by webhook and event, so one event id may reach two webhooks', () => {
		const recent = new RecentDeliveries({ windowMs: 1000, maxEntries: 10 });
		expect(recent.checkAndRemember(deliveryKey('wh_a', 'evt_1'))).toBe(false);
		expect(recent.checkAndRemember(deliveryKey('wh_b', 'evt_1'))).toBe(false);
		expect(recent.checkAndRemember(deliveryKey('wh_a', 'evt_1'))).toBe(true);
	});
});
