import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { WEBHOOK_SIGNATURE_PREFIX } from '../../client/contract';

const DIGEST_HEX_LENGTH = 64;

/** A fresh webhook secret: 32 random bytes as 64 hex characters (FluenzR takes 16 to 256). */
export function generateWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Whether a delivery's signature header proves it came from FluenzR with our
 * secret. The digests are compared as bytes in constant time, so the answer
 * leaks nothing about how much of a forged signature was right.
 */
export function isValidSignature(
	rawBody: Buffer,
	signatureHeader: string | string[] | undefined,
	secret: string,
): boolean {
	if (typeof signatureHeader !== 'string' || secret === '') return false;
	const value = signatureHeader.trim();
	if (!value.startsWith(WEBHOOK_SIGNATURE_PREFIX)) return false;
	const hex = value.slice(WEBHOOK_SIGNATURE_PREFIX.length);
	if (hex.length !== DIGEST_HEX_LENGTH || !/^[0-9a-f]+$/i.test(hex)) return false;

	const received = Buffer.from(hex, 'hex');
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return received.length === expected.length && timingSafeEqual(received, expected);
}
