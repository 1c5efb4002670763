import { CAMPAIGN_DAILY_LIMIT_RANGE } from '../../client/contract';
import { CAMPAIGN_DEFAULTS } from '../constants';
import type { FieldErrors } from '../http/apiError';
import type { CampaignStep } from '../state/records';

import { type Body, isPlainObject, readBoolean, readInteger, readRequiredText } from './fields';

/** The writable fields of a campaign, as read from a POST or PUT body (absent = undefined). */
export interface CampaignInput {
	name?: string;
	emailAccountId?: string;
	steps?: CampaignStep[];
	dailyLimit?: number;
	timezone?: string;
	stopOnReply?: boolean;
	trackOpens?: boolean;
	trackClicks?: boolean;
}

/**
 * Reads a campaign body. `status` is refused: it only changes through start
 * and pause. In an update, null puts an optional field back to its default.
 */
export function readCampaignInput(body: Body, errors: FieldErrors, isUpdate: boolean): CampaignInput {
	if (body.status !== undefined) errors.add('status', 'cannot be set: use the start and pause endpoints');
	const input: CampaignInput = {
		name: readRequiredText(body, 'name', errors, isUpdate),
		emailAccountId: readRequiredText(body, 'emailAccountId', errors, isUpdate),
		steps: body.steps === null ? [] : body.steps === undefined ? undefined : readSteps(body.steps, errors),
		dailyLimit:
			body.dailyLimit === null
				? CAMPAIGN_DEFAULTS.dailyLimit
				: body.dailyLimit === undefined
					? undefined
					: readInteger(body.dailyLimit, 'dailyLimit', errors, CAMPAIGN_DAILY_LIMIT_RANGE),
		timezone: body.timezone === null ? CAMPAIGN_DEFAULTS.timezone : readTimezone(body, errors),
	};
	for (const flag of ['stopOnReply', 'trackOpens', 'trackClicks'] as const) {
		const value = readBoolean(body, flag, errors, true);
		input[flag] = value === null ? CAMPAIGN_DEFAULTS[flag] : value;
	}
	return input;
}

function readSteps(value: unknown, errors: FieldErrors): CampaignStep[] | undefined {
	if (!Array.isArray(value)) {
		errors.add('steps', 'must be an array');
		return undefined;
	}
	const steps: CampaignStep[] = [];
	value.forEach((step: unknown, index) => {
		const at = `steps[${index}]`;
		if (!isPlainObject(step)) {
			errors.add(at, 'must be an object with subject, body and delayDays');
			return;
		}
		const subject = readRequiredText(step, 'subject', errors.within(at), false);
		const text = readRequiredText(step, 'body', errors.within(at), false);
		const delayDays =
			step.delayDays === undefined || step.delayDays === null
				? CAMPAIGN_DEFAULTS.delayDays
				: readInteger(step.delayDays, `${at}.delayDays`, errors, { min: 0 });
		if (subject !== undefined && text !== undefined && delayDays !== undefined) steps.push({ subject, body: text, delayDays });
	});
	return steps.length === value.length ? steps : undefined;
}

const knownTimezones = new Map<string, boolean>();

/** An IANA zone name (`UTC`, `Europe/Paris`), as the platform's Intl knows them. */
function readTimezone(body: Body, errors: FieldErrors): string | undefined {
	const value = body.timezone;
	if (value === undefined) return undefined;
	if (typeof value === 'string' && isIanaTimezone(value)) return value;
	errors.add('timezone', 'must be an IANA time zone name, such as UTC or Europe/Paris');
	return undefined;
}

function isIanaTimezone(name: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
	let known = knownTimezones.get(name);
	if (known === undefined) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name });
			known = true;
		} catch {
			known = false;
		}
		knownTimezones.set(name, known);
	}
	return known;
}
