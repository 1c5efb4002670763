import { isPlainObject } from '../resources/fields';
import type { SandboxConfig, SeedOptions } from '../types';

import { FieldErrors } from './apiError';

/** Checks of what the control routes and the in-process API accept, with the API's 400 envelope. */

const MAX_SEEDED_CONTACTS = 1_000_000;

export function checkSeedOptions(options: unknown): SeedOptions {
	const errors = new FieldErrors();
	if (!isPlainObject(options)) errors.add('body', 'must be an object');
	else {
		for (const field of ['contacts', 'groups', 'campaigns'] as const) {
			const value = options[field];
			if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SEEDED_CONTACTS)) {
				errors.add(field, `must be an integer from 0 to ${MAX_SEEDED_CONTACTS}`);
			}
		}
		if (options.seed !== undefined && !Number.isInteger(options.seed)) errors.add('seed', 'must be an integer');
		if (options.account !== undefined && typeof options.account !== 'string') errors.add('account', 'must be a string');
	}
	errors.throwIfAny();
	return options as SeedOptions;
}

export function checkConfig(config: unknown): SandboxConfig {
	const errors = new FieldErrors();
	if (!isPlainObject(config)) errors.add('body', 'must be an object');
	else {
		const { rateLimit, deliveryRetryDelaysMs, deliveryTimeoutMs } = config;
		if (rateLimit !== undefined) {
			const valid =
				isPlainObject(rateLimit) &&
				Number.isInteger(rateLimit.limit) &&
				(rateLimit.limit as number) >= 1 &&
				typeof rateLimit.windowMs === 'number' &&
				rateLimit.windowMs > 0;
			if (!valid) errors.add('rateLimit', 'must be { limit: integer >= 1, windowMs: number > 0 }');
		}
		if (deliveryRetryDelaysMs !== undefined) {
			const valid = Array.isArray(deliveryRetryDelaysMs) && deliveryRetryDelaysMs.every((ms) => typeof ms === 'number' && ms >= 0);
			if (!valid) errors.add('deliveryRetryDelaysMs', 'must be an array of numbers >= 0');
		}
		if (deliveryTimeoutMs !== undefined && !(typeof deliveryTimeoutMs === 'number' && deliveryTimeoutMs > 0)) {
			errors.add('deliveryTimeoutMs', 'must be a number > 0');
		}
	}
	errors.throwIfAny();
	return config as SandboxConfig;
}
