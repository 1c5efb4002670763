/**
 * Which FluenzR a request goes to, and with which key: the credential's
 * Base URL and API key. The Base URL is normalised here and nowhere else, so
 * that `…/v1` and `…/v1/` are one API (one pacer, one URL for every path).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The credential type both nodes use. */
export const CREDENTIAL_TYPE = 'fluenzrApi';

/** The credential's Base URL without trailing slashes: paths are joined to it as `/contacts`. */
export function normaliseBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * The same rule as an n8n expression, for the one request n8n builds itself
 * from a description: the credential test.
 */
export const NORMALISED_BASE_URL_EXPRESSION = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';

export interface FluenzrConnection {
	baseUrl: string;
	apiKey: string;
}

/** The connection a credential describes, its Base URL normalised. */
export function connectionOf(credentials: ICredentialDataDecryptedObject): FluenzrConnection {
	return { baseUrl: normaliseBaseUrl(credentials.baseUrl), apiKey: String(credentials.apiKey ?? '') };
}
