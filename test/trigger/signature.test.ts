import { createHmac } from 'node:crypto';

import { generateWebhookSecret, isValidSignature } from '../../nodes/FluenzrTrigger/signature';
import { signatureOf as signDelivery } from '../../sandbox';

const secret = 'a'.repeat(64);
const body = Buffer.from('{"id":"evt_1","event":"email.replied","data":{}}');

describe('webhook signatures', () => {
	it('signs a body as sha256= followed by the hex HMAC-SHA256 keyed with the secret', () => {
		const hex = createHmac('sha256', secret).update(body).digest('hex');
		expect(signDelivery(body, secret)).toBe(`sha256=${hex}`);
	});

	it('accepts the signature FluenzR computes for the exact body', () => {
		expect(isValidSignature(body, signDelivery(body, secret), secret)).toBe(true);
	});

	it('accepts the hex digest in upper case, since it encodes the same bytes', () => {
		const signature = signDelivery(body, secret);
		expect(isValidSignature(body, `sha256=${signature.slice(7).toUpperCase()}`, secret)).toBe(true);
	});

	it('rejects a signature made with another secret', () => {
		expect(isValidSignature(body, signDelivery(body, 'b'.repeat(64)), secret)).toBe(false);
	});

	it('rejects a body altered after signing, even by one byte', () => {
		const altered = Buffer.from(body.toString().replace('replied', 'repliee'));
		expect(isValidSignature(altered, signDelivery(body, secret), secret)).toBe(false);
	});

	it('rejects a missing header', () => {
		expect(isValidSignature(body, undefined, secret)).toBe(false);
	});

	it('rejects a header repeated several times', () => {
		const signature = signDelivery(body, secret);
		expect(isValidSignature(body, [signature, signature], secret)).toBe(false);
	});

	it('rejects a digest without the sha256= prefix', () => {
		expect(isValidSignature(body, signDelivery(body, secret).slice(7), secret)).toBe(false);
	});

	it('rejects truncated, padded and non-hex digests without throwing', () => {
		const signature = signDelivery(body, secret);
		expect(isValidSignature(body, signature.slice(0, -2), secret)).toBe(false);
		expect(isValidSignature(body, `${signature}00`, secret)).toBe(false);
		expect(isValidSignature(body, `sha256=${'z'.repeat(64)}`, secret)).toBe(false);
		expect(isValidSignature(body, '', secret)).toBe(false);
	});

	it('rejects everything when no secret is known', () => {
		expect(isValidSignature(body, signDelivery(body, ''), '')).toBe(false);
	});

	it('generates secrets of 64 hex characters, different every time', () => {
		const first = generateWebhookSecret();
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(generateWebhookSecret()).not.toBe(first);
	});
});
