import { CUSTOM_FIELD_LIMITS } from '../constants';
import type { FieldErrors } from '../http/apiError';
import type { CustomFieldValue } from '../state/records';

import { isPlainObject } from './fields';

/**
 * Merges a customFields patch into `current`, key by key: a null value
 * removes the key. Returns the merged object, or undefined after recording
 * errors (named `customFields.<key>`, or `customFields` for the whole).
 */
export function mergeCustomFields(
	current: Record<string, CustomFieldValue>,
	patch: unknown,
	errors: FieldErrors,
): Record<string, CustomFieldValue> | undefined {
	if (!isPlainObject(patch)) {
		errors.add('customFields', 'must be an object');
		return undefined;
	}
	const merged = { ...current };
	let valid = true;
	for (const [key, value] of Object.entries(patch)) {
		const field = `customFields.${key}`;
		if (key.length === 0 || key.length > CUSTOM_FIELD_LIMITS.maxKeyLength) {
			errors.add(field, `keys must be 1 to ${CUSTOM_FIELD_LIMITS.maxKeyLength} characters`);
			valid = false;
		} else if (value === null) {
			delete merged[key];
		} else if (typeof value === 'string') {
			if (value.length > CUSTOM_FIELD_LIMITS.maxValueLength) {
				errors.add(field, `must be at most ${CUSTOM_FIELD_LIMITS.maxValueLength} characters`);
				valid = false;
			} else setOwn(merged, key, value);
		} else if (typeof value === 'number' || typeof value === 'boolean') {
			setOwn(merged, key, value);
		} else {
			errors.add(field, 'must be a string, a number or a boolean');
			valid = false;
		}
	}
	if (valid && Object.keys(merged).length > CUSTOM_FIELD_LIMITS.maxKeys) {
		errors.add('customFields', `must have at most ${CUSTOM_FIELD_LIMITS.maxKeys} keys`);
		valid = false;
	}
	return valid ? merged : undefined;
}

/** Plain assignment would treat a key named `__proto__` as the prototype; a key is just a key here. */
function setOwn(target: Record<string, CustomFieldValue>, key: string, value: CustomFieldValue): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
