import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { NORMALISED_BASE_URL_EXPRESSION } from '../client/connection';
import { DEFAULT_BASE_URL, PLAN_REQUIRED_MESSAGE } from '../client/contract';

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
				"Where the FluenzR API lives. Change it only to go through a proxy, or to try the nodes against the FluenzR sandbox of this package's repository (npm run sandbox serves it at http://127.0.0.1:4010/v1).",
			hint: `Keep ${DEFAULT_BASE_URL} for FluenzR itself`,
		},
	];

	// A function rather than n8n's generic form, whose header is an expression n8n
	// evaluates for every request (about 2 ms each in n8n 2.x's default engine).
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
	});

	// A one-record contact list proves the key, the plan and the base URL at once.
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
					message: 'FluenzR did not accept this API key (UNAUTHORIZED). Copy the key again from FluenzR → Settings → API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `${PLAN_REQUIRED_MESSAGE} (PLAN_REQUIRED). Upgrade the FluenzR account to Pro or use a Pro account's key.`,
				},
			},
		],
	};
}
