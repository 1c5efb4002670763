import type { ErrorSink } from '../http/apiError';

/**
 * Readers for one body field each. They return undefined when the field is
 * absent, null when it is explicitly null (where null is allowed), and record
 * a message in `errors` (returning undefined) when the value is unusable.
 */
export type Body = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readText(
	body: Body,
	field: string,
	errors: ErrorSink,
	options: { required?: boolean; nullable?: boolean; nonEmpty?: boolean } = {},
): string | null | undefined {
	const value = body[field];
	if (value === undefined || (value === null && options.required)) {
		if (options.required) errors.add(field, 'is required');
		return undefined;
	}
	if (value === null) {
		if (options.nullable) return null;
		errors.add(field, 'cannot be null');
		return undefined;
	}
	if (typeof value !== 'string') {
		errors.add(field, 'must be a string');
		return undefined;
	}
	if (options.nonEmpty && value.trim() === '') {
		errors.add(field, 'must not be empty');
		return undefined;
	}
	return value;
}

/** A required field that a partial update may omit but never clear. */
export function readRequiredText(body: Body, field: string, errors: ErrorSink, isUpdate: boolean): string | undefined {
	if (isUpdate && body[field] === null) {
		errors.add(field, 'cannot be cleared');
		return undefined;
	}
	if (isUpdate && body[field] === undefined) return undefined;
	return readText(body, field, errors, { required: true, nonEmpty: true }) ?? undefined;
}

/** Booleans: null is refused unless `nullable` (then the caller applies its default). */
export function readBoolean(body: Body, field: string, errors: ErrorSink, nullable = false): boolean | null | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (value === null && nullable) return null;
	if (typeof value !== 'boolean') {
		errors.add(field, 'must be a boolean');
		return undefined;
	}
	return value;
}

export function readInteger(
	value: unknown,
	field: string,
	errors: ErrorSink,
	range: { min: number; max?: number },
): number | undefined {
	const inRange = typeof value === 'number' && Number.isInteger(value) && value >= range.min && (range.max === undefined || value <= range.max);
	if (!inRange) {
		errors.add(field, range.max === undefined ? `must be an integer of at least ${range.min}` : `must be an integer from ${range.min} to ${range.max}`);
		return undefined;
	}
	return value;
}

/**
 * A list of 1..max ids (strings), duplicates removed, first occurrence order
 * kept. Type problems are a message; unknown ids are the caller's business.
 */
export function readIdList(value: unknown, field: string, errors: ErrorSink, max: number): string[] | undefined {
	if (!Array.isArray(value)) {
		errors.add(field, value === undefined || value === null ? 'is required' : 'must be an array of ids');
		return undefined;
	}
	if (value.length === 0 || value.length > max) {
		errors.add(field, `must contain from 1 to ${max} ids`);
		return undefined;
	}
	if (!value.every((id) => typeof id === 'string')) {
		errors.add(field, 'must contain only strings');
		return undefined;
	}
	return [...new Set(value as string[])];
}
