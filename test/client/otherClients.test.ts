import { OtherClients } from '../../client/otherClients';

const LIMIT = 100;

describe('OtherClients: what a window’s counts show of the other clients on the key', () => {
	it('alone, our own requests in flight never look like someone else’s, in whatever order they are answered', () => {
		const others = new OtherClients();
		// Four requests sent at once, counted 1 to 4, answered in another order.
		for (const count of [2, 1, 4, 3]) others.learn(count, LIMIT, 4, 0, 10);
		// Four more, one at a time.
		for (const count of [5, 6, 7, 8]) others.learn(count, LIMIT, count, 10, 20);

		expect(others.seen).toBe(false);
		expect(others.quietFor(Number.MAX_SAFE_INTEGER)).toBe(true);
	});

	it('a count higher than all our requests explain shows others sending, and when', () => {
		const others = new OtherClients();
		others.learn(1, LIMIT, 1, 0, 10);
		others.learn(7, LIMIT, 2, 10, 20);
		expect(others.seen).toBe(true);

		// Answers that the same 5 of others explain, the last 500 ms after the rise: quiet since 20.
		others.learn(8, LIMIT, 3, 20, 30);
		others.learn(9, LIMIT, 4, 510, 520);
		expect(others.quietFor(500)).toBe(true);
		expect(others.quietFor(501)).toBe(false);
	});

	it('only a rise beyond what our requests in flight could explain counts as the others sending again', () => {
		const others = new OtherClients();
		others.learn(10, LIMIT, 4, 0, 10); // 6 of others at least, at most 9
		others.learn(12, LIMIT, 4, 0, 12); // our requests in flight explain it
		others.learn(13, LIMIT, 4, 0, 14); // and this
		expect(others.quietFor(4)).toBe(true); // still since 10
		expect(others.quietFor(5)).toBe(false);
		others.learn(30, LIMIT, 5, 12, 40);
		expect(others.quietFor(0)).toBe(false); // seen again, at 40
	});

	it('is quiet once a few of our answers, over the time asked, have shown nobody else', () => {
		const others = new OtherClients();
		others.learn(10, LIMIT, 1, 0, 10);
		for (let i = 1; i <= 5; i++) others.learn(10 + i, LIMIT, 1 + i, 100 * i, 100 * i + 10);

		expect(others.quietFor(500)).toBe(true);
		expect(others.quietFor(1000)).toBe(false);
	});

	it('expects as many of the others’ requests before ours arrives as their pace over the age of our freshest count', () => {
		const others = new OtherClients();
		// One request of ours every 100 ms, each answered 10 ms after it left; the others send 10 meanwhile.
		for (let i = 0; i <= 8; i++) others.learn(1 + i + 10 * i, LIMIT, i + 1, 100 * i, 100 * i + 10);

		// 0.1 per ms, over the 50 ms since our freshest count left, and a round trip (10 ms) for ours to get there.
		expect(others.arrivingBefore(850)).toBe(6);
	});
});
