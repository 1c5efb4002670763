/**
 * The one FluenzR credential the examples and the generated workflows use.
 * Its id is fixed so that workflow JSON can reference it before it exists;
 * importing it again overwrites it (the demo re-runs).
 */
import type { CredentialToImport } from './n8nCli';

export const FLUENZR_CREDENTIAL = { id: 'fluenzrDemoCred01', name: 'FluenzR account' } as const;

export const FLUENZR_CREDENTIAL_TYPE = 'fluenzrApi';

/** How a node references the credential in workflow JSON. */
export const FLUENZR_CREDENTIAL_REFERENCE = { [FLUENZR_CREDENTIAL_TYPE]: { ...FLUENZR_CREDENTIAL } };

export function fluenzrCredential(connection: { apiKey: string; baseUrl: string }): CredentialToImport {
	return { ...FLUENZR_CREDENTIAL, type: FLUENZR_CREDENTIAL_TYPE, data: { ...connection } };
}
