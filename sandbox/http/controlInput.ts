import type { IncomingHttpHeaders } from 'node:http';

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

/** The names a browser on this machine uses for loopback; anything else in Host is a page on another site (DNS rebinding). */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ControlRefusal {
	status: 403 | 415;
	envelope: { success: false; error: { code: string; message: string } };
}

function refusal(status: 403 | 415, code: string, message: string): ControlRefusal {
	return { status, envelope: { success: false, error: { code, message } } };
}

function isLoopbackHost(host: string | undefined): boolean {
	if (!host) return false;
	try {
		return LOOPBACK_HOSTNAMES.has(new URL(`http://${host}`).hostname);
	} catch {
		return false;
	}
}

function isLoopbackOrigin(origin: string): boolean {
	try {
		const url = new URL(origin);
		return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
	} catch {
		return false;
	}
}

/**
 * Why a control request must be refused, if it must. The controls have no
 * authentication, so they answer only what cannot come from a web page the
 * developer has open: a loopback Host (a rebound DNS name is refused, so a
 * page cannot read the logs either), no cross-site Origin, and JSON bodies
 * only (a page can POST text/plain without asking, never application/json).
 */
export function controlRequestRefusal(headers: IncomingHttpHeaders, hasBody: boolean): ControlRefusal | undefined {
	if (!isLoopbackHost(headers.host)) {
		return refusal(403, 'FORBIDDEN', `The sandbox controls answer only requests to 127.0.0.1, localhost or [::1], not to Host "${headers.host ?? ''}"`);
	}
	const { origin } = headers;
	if (origin !== undefined && !isLoopbackOrigin(origin)) {
		return refusal(403, 'FORBIDDEN', `The sandbox controls refuse requests from web pages of other sites (Origin "${origin}")`);
	}
	const contentType = headers['content-type'];
	const isJson = contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
	if ((hasBody || contentType !== undefined) && !isJson) {
		return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'The sandbox controls take JSON only: send the body with Content-Type: application/json');
	}
	return undefined;
}
