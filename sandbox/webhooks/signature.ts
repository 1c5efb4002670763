import { createHmac } from 'node:crypto';

import { WEBHOOK_SIGNATURE_PREFIX } from '../../client/contract';

/** The X-Fluenzr-Signature value: `sha256=` + hex HMAC-SHA256 of the raw body, keyed with the webhook's secret. */
export function signatureOf(rawBody: string | Buffer, secret: string): string {
	return WEBHOOK_SIGNATURE_PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}
