import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { NORMALISED_BASE_URL_EXPRESSION } from '../client/connection';
import { DEFAULT_BASE_URL, ERROR_CODES, PLAN_REQUIRED_MESSAGE } from '../client/contract';
import { fixForCode } from '../client/errors';

export class FluenzrApi implements ICredentialType {
	name = 'fluenzrApi';

	displayName = 'FluenzR API';

	icon: Icon = { light: 'file:fluenzr.svg', dark: 'file:fluenzr.dark.svg' };

	documentationUrl = 'https://github.com/fluenzr/n8n-nodes-fluenzr#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your FluenzR API key (Settings → API in FluenzR). The REST API needs the Pro plan.',
			hint: 'In FluenzR: Settings → API. A key of a Pro account.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			required: true,
			description:
				'Where the FluenzR API lives. Change it only to go through a proxy, or to point the nodes at a test server that answers like FluenzR.',
			hint: `Keep ${DEFAULT_BASE_URL} for FluenzR itself`,
		},
	];

	// A function rather than n8n's generic form, whose header is an expression n8n
	// evaluates for every request (about 2 ms each in n8n 2.x's default engine).
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
	});

	// A one-record contact list proves the key, the plan and the base URL at once. n8n shows a rule's
	// message as it is: the advice is the same as an operation's error for that code.
	test: ICredentialTestRequest = {
		request: {
			baseURL: NORMALISED_BASE_URL_EXPRESSION,
			url: '/contacts',
			qs: { perPage: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `FluenzR did not accept this API key (${ERROR_CODES.unauthorized}). ${fixForCode(ERROR_CODES.unauthorized)}`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `${PLAN_REQUIRED_MESSAGE} (${ERROR_CODES.planRequired}). ${fixForCode(ERROR_CODES.planRequired)}`,
				},
			},
		],
	};
}
