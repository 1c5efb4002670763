import type { INodeProperties } from 'n8n-workflow';

// Defaults are FluenzR's own (docs/fluenzr-api.md; the sandbox's CAMPAIGN_DEFAULTS), written as literals for n8n's linter.
import { CAMPAIGN_DAILY_LIMIT_RANGE } from '../../../../client/contract';
import { bodyField, textBodyField } from '../../shared/fields';
import { stepsInBody } from '../../shared/validation';

/** One email of the sequence. */
const stepValues: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: 'Subject line of this email',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		description: 'Body of this email',
	},
	{
		displayName: 'Delay (Days)',
		name: 'delayDays',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Days to wait after the previous step (0 for the first email)',
	},
];

/** The email sequence: one entry per email, in sending order. */
export function stepsField(parameterPath: string): INodeProperties {
	return {
		displayName: 'Steps',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		description:
			parameterPath === 'steps'
				? 'The emails of the sequence, in sending order. A campaign needs at least one step to start.'
				: 'Replaces the whole sequence',
		options: [{ displayName: 'Step', name: 'step', values: stepValues }],
		routing: { send: { preSend: [stepsInBody(parameterPath, stepValues)] } },
	};
}

export function emailAccountIdField(required: boolean): INodeProperties {
	return textBodyField({
		displayName: 'Email Account ID',
		name: 'emailAccountId',
		default: '',
		required,
		placeholder: 'acc_123',
		description: 'ID of the connected email account that sends the campaign (shown in FluenzR’s email account settings)',
	});
}

/** Sending settings, in alphabetical order; FluenzR's defaults apply to those not set. */
export const campaignSettingOptions: INodeProperties[] = [
	bodyField({
		displayName: 'Daily Limit',
		name: 'dailyLimit',
		type: 'number',
		typeOptions: { minValue: CAMPAIGN_DAILY_LIMIT_RANGE.min, maxValue: CAMPAIGN_DAILY_LIMIT_RANGE.max },
		default: 50,
		description: `Most emails sent per day (${CAMPAIGN_DAILY_LIMIT_RANGE.min} to ${CAMPAIGN_DAILY_LIMIT_RANGE.max})`,
	}),
	bodyField({
		displayName: 'Stop On Reply',
		name: 'stopOnReply',
		type: 'boolean',
		default: true,
		description: 'Whether a contact who replies gets no further steps',
	}),
	textBodyField({
		displayName: 'Timezone',
		name: 'timezone',
		default: 'UTC',
		placeholder: 'Europe/Paris',
		description: 'IANA time zone of the sending schedule',
	}),
	bodyField({
		displayName: 'Track Clicks',
		name: 'trackClicks',
		type: 'boolean',
		default: true,
		description: 'Whether to track link clicks',
	}),
	bodyField({
		displayName: 'Track Opens',
		name: 'trackOpens',
		type: 'boolean',
		default: true,
		description: 'Whether to track email opens',
	}),
];
