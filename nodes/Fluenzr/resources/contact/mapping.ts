/**
 * How Create and Create or Update get a contact's fields: mapped one by one
 * (the Email field and Additional Fields), or taken from the input item by
 * name ("Map Automatically"), as n8n's database nodes offer.
 *
 * Map Automatically is also the fast way for big syncs: n8n's engine
 * evaluates every expression of the parameters at least twice per item, a
 * routed field's four times, before it sends the first request (about a
 * millisecond each in n8n 2.x's default expression engine), and this mode
 * has none to evaluate.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { kindOf, numberAsText, parseIdList, recordInputProblem, unsendableKeyFix, unsendableKeyOf } from '../../shared/validation';
import { contactFieldOptions } from './fields';

/** The contact fields Map Automatically takes from the input item: the ones Map Each Field Below offers. */
const FIELD_OPTIONS = contactFieldOptions('additionalFields');
const TEXT_FIELDS = ['email', ...FIELD_OPTIONS.filter((option) => option.type === 'string').map((option) => option.name)];
const KNOWN_FIELDS = ['email', ...FIELD_OPTIONS.map((option) => option.name)];

const MAP_AUTOMATICALLY_FIX = `Give the input items fields named as FluenzR names them (${KNOWN_FIELDS.join(', ')}), for example with an Edit Fields (Set) node before this one, or choose "Map Each Field Below".`;

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a contact built from the input item's fields of FluenzR's names; problems recorded on the request. */
async function inputItemAsContactInBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const item = this.getInputData().json;
	const body: IDataObject = {};
	for (const name of TEXT_FIELDS) {
		const value = item[name];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string' && typeof value !== 'number') {
			return recordInputProblem(this, options, `The input item's "${name}" is ${kindOf(value)}, not text`, MAP_AUTOMATICALLY_FIX);
		}
		body[name] = numberAsText(value) as string;
	}
	if (typeof body.email !== 'string' || body.email.trim() === '') {
		const found = Object.keys(item).slice(0, 10).join(', ') || 'none';
		return recordInputProblem(
			this,
			options,
			`Map Automatically needs an "email" field in the input item (fields found: ${found})`,
			MAP_AUTOMATICALLY_FIX,
		);
	}
	if (item.unsubscribed !== undefined && item.unsubscribed !== null) {
		if (typeof item.unsubscribed !== 'boolean') {
			return recordInputProblem(this, options, `The input item's "unsubscribed" is ${kindOf(item.unsubscribed)}, not true or false`, MAP_AUTOMATICALLY_FIX);
		}
		body.unsubscribed = item.unsubscribed;
	}
	if (item.customFields !== undefined && item.customFields !== null) {
		if (!isPlainObject(item.customFields)) {
			return recordInputProblem(this, options, `The input item's "customFields" is ${kindOf(item.customFields)}, not an object`, MAP_AUTOMATICALLY_FIX);
		}
		const unsendable = unsendableKeyOf(item.customFields);
		if (unsendable !== undefined) {
			return recordInputProblem(this, options, `The input item's "customFields" has a key named "${unsendable}", which cannot be sent`, unsendableKeyFix(unsendable));
		}
		body.customFields = item.customFields;
	}
	if (item.groupIds !== undefined && item.groupIds !== null) {
		const groupIds = parseIdList(item.groupIds);
		if (groupIds === undefined) {
			return recordInputProblem(this, options, `The input item's "groupIds" is ${kindOf(item.groupIds)}, not a list of group IDs`, MAP_AUTOMATICALLY_FIX);
		}
		body.groupIds = groupIds;
	}
	options.body = body;
	return options;
}

/** The mode field; the Email field and Additional Fields show only when mapping each field. */
export const contactMappingField: INodeProperties = {
	displayName: 'Fields',
	name: 'contactMapping',
	type: 'options',
	noDataExpression: true,
	displayOptions: showFor('contact', ['create', 'upsert']),
	options: [
		{
			name: 'Map Each Field Below',
			value: 'manual',
			description: 'Set the email and the other fields one by one, by value or expression',
		},
		{
			name: 'Map Automatically',
			value: 'auto',
			description: `Take the input item's fields whose names are FluenzR's (${KNOWN_FIELDS.join(', ')}); others are ignored`,
			routing: { send: { preSend: [inputItemAsContactInBody] } },
		},
	],
	default: 'manual',
	hint: 'Map Automatically is the fastest for big syncs: no expression to evaluate per item',
};

/** Shown with Map Each Field Below only (the engine then skips their routing in the other mode). */
export const SHOW_WHEN_MAPPING_EACH_FIELD = { contactMapping: ['manual'] };
