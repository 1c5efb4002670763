import type { IWebhookFunctions } from 'n8n-workflow';

type WebhookResponse = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * Calls back with the status n8n answers this delivery with, once it does.
 * For a trigger answering on receipt, n8n 2.x answers after it has created
 * (or queued) the run, 200, or 500 when it could not. Listened for on
 * 'prefinish': Node.js emits it when the answer is complete even when
 * FluenzR has stopped waiting for it (its 10 s passed), where 'finish' never
 * comes. No answer at all (n8n stopped) calls back never.
 */
export function whenN8nAnswers(response: WebhookResponse, callback: (statusCode: number) => void): void {
	response.once('prefinish', () => callback(response.statusCode));
}
