/**
 * How old a FluenzR delivery may be. FluenzR makes a first attempt and 5
 * retries, waiting 1, 2, 4, 8 and 16 s between them, each attempt allowed
 * 10 s: its last attempt ends at most 6 × 10 + 31 = 91 s after the event.
 * Anything older is not FluenzR delivering, it is someone replaying.
 */
const FLUENZR_RETRY_SPAN_MS = 91_000;

/**
 * How far FluenzR's clock (which stamps `createdAt`) may be from n8n's,
 * either way. Machines kept by NTP differ by far less than a second; 5
 * minutes, the tolerance Stripe and Slack give their signed timestamps,
 * leaves room for a machine whose clock has drifted without letting a
 * capture from hours or days ago through.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

/** The oldest `createdAt` a delivery may carry, counted back from n8n's clock. */
export const DELIVERY_MAX_AGE_MS = FLUENZR_RETRY_SPAN_MS + CLOCK_SKEW_ALLOWANCE_MS;

/** An ISO 8601 instant with its offset, as FluenzR writes them (`2026-01-31T09:15:00.000Z`): never local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function seconds(ms: number): string {
	return `${Math.round(ms / 1000)} s`;
}

/**
 * Why a delivery stamped `createdAt` cannot be one FluenzR is delivering
 * now, or undefined when it can. The answer goes back to the sender, so it
 * names only the delivery's own time and the bounds, nothing secret.
 */
export function stalenessOf(createdAt: unknown, now: number): string | undefined {
	if (createdAt === undefined) return 'Body has no createdAt: a FluenzR delivery always carries the time of its event';
	const at = typeof createdAt === 'string' && INSTANT.test(createdAt) ? Date.parse(createdAt) : Number.NaN;
	if (Number.isNaN(at)) return 'createdAt is not an ISO 8601 time such as 2026-01-31T09:15:00.000Z';
	if (now - at > DELIVERY_MAX_AGE_MS) {
		return `createdAt ${createdAt} is ${seconds(now - at)} old, more than the ${seconds(DELIVERY_MAX_AGE_MS)} FluenzR's retries and clock skew allow: a replayed delivery, or a clock far off`;
	}
	if (at - now > CLOCK_SKEW_ALLOWANCE_MS) {
		return `createdAt ${createdAt} is ${seconds(at - now)} ahead of this n8n's clock, more than the ${seconds(CLOCK_SKEW_ALLOWANCE_MS)} of clock skew allowed: check both clocks (NTP)`;
	}
	return undefined;
}
