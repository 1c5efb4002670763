/**
 * preSend steps that shape request bodies from n8n's parameter shapes, and
 * refuse bad input before anything is sent.
 *
 * A preSend step that throws reaches n8n as an error item without pairing, so
 * these steps never throw: they record the problem on the request, and every
 * operation's routing raises it as the item's own error before sending
 * anything (`runOnItem` in routing.ts).
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

const inputProblems = new WeakMap<object, NodeOperationError>();

/** Records what is wrong with the item's input on its request (the first problem found counts). */
export function recordInputProblem(context: IExecuteSingleFunctions, options: IHttpRequestOptions, message: string, fix: string) {
	if (!inputProblems.has(options)) {
		inputProblems.set(
			options,
			new NodeOperationError(context.getNode(), message, { description: fix, itemIndex: context.getItemIndex() }),
		);
	}
	return options;
}

/** The problem a preSend step found with this request, if any (once). */
export function inputProblemOf(options: object): NodeOperationError | undefined {
	const error = inputProblems.get(options);
	inputProblems.delete(options);
	return error;
}

function bodyOf(options: IHttpRequestOptions): IDataObject {
	if (typeof options.body !== 'object' || options.body === null) options.body = {};
	return options.body as IDataObject;
}

/**
 * `.` and `..` are path steps, not IDs: URL parsers resolve them even when
 * percent-encoded, so `/contacts/..` would reach another endpoint.
 */
export const DOT_SEGMENTS = new Set(['.', '..']);

/** A field that holds one record's ID, and how to name it in an error. */
export interface IdField {
	/** The parameter's name. */
	name: string;
	/** The field's label, as the user sees it. */
	displayName: string;
	example: string;
	/** What the ID names, where the label is not that ("webhook" for "Webhook ID"). */
	record?: string;
	/** For a field with no list to pick from: the operation that lists the IDs ("Webhook → Get Many"). */
	listedBy?: string;
}

/** A UTF-16 surrogate without its other half: no URL can carry it (encodeURIComponent throws "URI malformed"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a value from an expression or an input item is, for an error message: "a list", "an object", "a boolean"... */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * An ID that goes into the URL must be one path segment: not empty
 * (`/contacts/` is another endpoint), not an object from an expression, not
 * a dot segment. Everything else is percent-encoded into its segment.
 * Returns the ID, or undefined after recording the problem on the request.
 */
function checkedId(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	{ name, displayName, example, record, listedBy }: IdField,
): string | undefined {
	const value = context.getNodeParameter(name, undefined, { extractValue: true });
	// Read by people in the editor and by AI agents calling the node as a tool: say what value is expected.
	const where = listedBy ? `enter its ID (${listedBy} lists them)` : 'pick one from the list or enter its ID';
	const fix = `"${displayName}" takes the ID of a ${record ?? displayName.toLowerCase()}, for example ${example}: in the editor, ${where}. If the value comes from an expression or from an AI agent ($fromAI), check that it gives an ID for every item.`;
	if (value === undefined || value === null || String(value).trim() === '') {
		recordInputProblem(context, options, `The ${displayName} field is empty`, fix);
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		recordInputProblem(context, options, `The ${displayName} field must be an ID, not ${kindOf(value)}`, fix);
		return undefined;
	}
	const id = String(value);
	if (DOT_SEGMENTS.has(id.trim())) {
		recordInputProblem(context, options, `The ${displayName} field holds "${id.trim()}", which is not an ID`, fix);
		return undefined;
	}
	const broken = LONE_SURROGATE.exec(id);
	if (broken) {
		recordInputProblem(
			context,
			options,
			`The ${displayName} field holds a broken character at position ${broken.index + 1} (half of a UTF-16 pair), which no URL can carry`,
			`${fix} A broken character (half of an emoji, say) comes from text cut in the middle of a character: fix the value where it comes from.`,
		);
		return undefined;
	}
	return id;
}

/** Checks an ID that goes into the request body (the body step sends it). */
export function requireId(field: IdField): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		checkedId(this, options, field);
		return options;
	};
}

/** Where a record's ID goes in an operation's URL, e.g. `/campaigns/{id}/stats`. */
export const ID_IN_PATH = '{id}';

/**
 * Puts the record's ID into the URL, checked and percent-encoded. A preSend
 * step rather than a URL expression: n8n evaluates routing expressions for
 * every item more than once, and this reads the ID once.
 */
export function fillPathId(field: IdField): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const id = checkedId(this, options, field);
		if (id !== undefined && options.url) options.url = options.url.replace(ID_IN_PATH, encodeURIComponent(id));
		return options;
	};
}

/**
 * Accepts a list of IDs as an array, or as text separated by commas, spaces
 * or new lines; answers each ID once, at its first place (FluenzR counts a
 * repeated ID once anyway).
 */
export function parseIdList(value: unknown): string[] | undefined {
	let ids: string[];
	if (Array.isArray(value)) {
		if (!value.every((id) => typeof id === 'string' || typeof id === 'number')) return undefined;
		ids = value.map((id) => String(id).trim());
	} else if (typeof value === 'number') {
		ids = [String(value)];
	} else if (typeof value === 'string') {
		ids = value.split(/[\s,]+/).map((id) => id.trim());
	} else {
		return undefined;
	}
	return [...new Set(ids.filter(Boolean))];
}

/**
 * Sends a "Contact IDs" field as the `contactIds` array, each ID once at its
 * first place (removing repeats from the whole list keeps FluenzR's
 * once-per-request count true across the chunks that addContactsInChunks
 * cuts it into). Any number of IDs; none is refused.
 */
export function contactIdsInBody(parameterName: string, fieldName: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const ids = parseIdList(this.getNodeParameter(parameterName, ''));
		if (ids === undefined) {
			return recordInputProblem(
				this,
				options,
				`${fieldName} must be a list of contact IDs`,
				`Enter IDs separated by commas (ct_1, ct_2), or an expression giving an array of ID strings, such as {{ $json.ids }}.`,
			);
		}
		if (ids.length === 0) {
			return recordInputProblem(
				this,
				options,
				`The ${fieldName} field is empty`,
				`Enter at least one contact ID, or IDs separated by commas (ct_1, ct_2). If the value comes from an expression, check that it gives IDs for every item.`,
			);
		}
		bodyOf(options).contactIds = ids;
		return options;
	};
}

/**
 * Sends a contact's groups as the `groupIds` array: the picker gives an array,
 * an expression may give one ID or IDs separated by commas.
 */
export function groupIdsInBody(collectionName: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const ids = parseIdList(this.getNodeParameter(`${collectionName}.groupIds`, []));
		if (ids === undefined) {
			return recordInputProblem(
				this,
				options,
				'Group Names or IDs must be a list of group IDs',
				'Give group IDs: pick groups from the list, or use an expression giving an array of group IDs (or IDs separated by commas).',
			);
		}
		bodyOf(options).groupIds = ids;
		return options;
	};
}

/**
 * Custom field names that n8n's own copies of a request drop without a word
 * (its deepCopy skips them, as keys that could reach an object's prototype):
 * refused by name, rather than lost on the way to FluenzR.
 */
const UNSENDABLE_FIELD_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The first of an object's own keys that n8n would drop on the way to FluenzR, if any. */
export function unsendableKeyOf(fields: IDataObject): string | undefined {
	return Object.keys(fields).find((key) => UNSENDABLE_FIELD_NAMES.has(key));
}

/** Why such a key cannot be sent, and what to do. */
export function unsendableKeyFix(key: string): string {
	return `n8n drops a field named "${key}" from every request (it is reserved in JavaScript), so it would never reach FluenzR: give the custom field another key.`;
}

/** Custom fields are edited as key/value pairs and sent as one object. */
export function customFieldsInBody(collectionName: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const pairs = this.getNodeParameter(`${collectionName}.customFields.field`, []) as Array<{
			key?: unknown;
			value?: unknown;
		}>;
		const customFields: IDataObject = {};
		for (const [index, { key, value }] of (Array.isArray(pairs) ? pairs : []).entries()) {
			const name = typeof key === 'string' ? key.trim() : '';
			if (!name) {
				return recordInputProblem(
					this,
					options,
					`Custom field ${index + 1} has no key`,
					'Give every custom field a key (its name in FluenzR), or remove the empty row.',
				);
			}
			if (UNSENDABLE_FIELD_NAMES.has(name)) {
				return recordInputProblem(
					this,
					options,
					`Custom field ${index + 1} is named "${name}", which cannot be sent`,
					unsendableKeyFix(name),
				);
			}
			customFields[name] = value as IDataObject[string];
		}
		bodyOf(options).customFields = customFields;
		return options;
	};
}

/**
 * A number given to a text field by an expression (a phone number from a
 * CRM, say) is sent as text. Other types go as they are, for FluenzR to name
 * the field in its error.
 */
export function numberAsText(value: unknown): unknown {
	return typeof value === 'number' ? String(value) : value;
}

/**
 * Sends a text field's number as text. A step rather than an expression on
 * the field: n8n evaluates a field's expressions for every item, while this
 * only reads the body it already built.
 */
export function numberAsTextInBody(property: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const body = options.body as IDataObject | undefined;
		if (body && typeof body[property] === 'number') body[property] = numberAsText(body[property]) as string;
		return options;
	};
}

/**
 * Campaign steps are edited as a fixed collection and sent as the `steps`
 * array, each step's text fields (those of type string among `values`) as
 * text.
 */
export function stepsInBody(parameterPath: string, values: INodeProperties[]): PreSend {
	const textValues = new Set(values.filter((value) => value.type === 'string').map((value) => value.name));
	return async function (this: IExecuteSingleFunctions, options) {
		const steps = this.getNodeParameter(`${parameterPath}.step`, []) as IDataObject[];
		bodyOf(options).steps = (Array.isArray(steps) ? steps : []).map((step) => {
			const sent: IDataObject = { subject: step.subject, body: step.body, delayDays: step.delayDays ?? 0 };
			for (const name of textValues) if (name in sent) sent[name] = numberAsText(sent[name]) as IDataObject[string];
			return sent;
		});
		return options;
	};
}
