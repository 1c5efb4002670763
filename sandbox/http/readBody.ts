import type { IncomingMessage } from 'node:http';

import { MAX_BODY_BYTES, MAX_DRAINED_BYTES } from '../constants';

import { validationError } from './apiError';

/** A request body as received: kept up to the size limit, only counted beyond it. */
export class RequestBody {
	constructor(
		readonly raw: Buffer,
		readonly size: number,
	) {}

	get isEmpty(): boolean {
		return this.size === 0;
	}

	get isTooLarge(): boolean {
		return this.size > MAX_BODY_BYTES;
	}

	/** The parsed JSON, undefined for an empty body; a 400 naming `body` when too large or not JSON. */
	json(): unknown {
		if (this.isTooLarge) {
			throw validationError(`The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`, {
				body: 'must be at most 1 MiB',
			});
		}
		if (this.isEmpty) return undefined;
		try {
			return JSON.parse(this.raw.toString('utf8'));
		} catch {
			throw validationError('The request body is not valid JSON', { body: 'must be valid JSON' });
		}
	}

	/** The body as an object of fields; an empty body counts as `{}` so that missing fields are named. */
	object(): Record<string, unknown> {
		const value = this.json();
		if (value === undefined) return {};
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw validationError('The request body must be a JSON object', { body: 'must be a JSON object' });
		}
		return value as Record<string, unknown>;
	}
}

/**
 * Reads the whole body before answering (answering early makes clients that
 * are still sending see a reset connection). Bytes past the limit are
 * drained and dropped; an absurdly long body closes the connection.
 */
export function readBody(req: IncomingMessage): Promise<RequestBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			else if (size > MAX_DRAINED_BYTES) req.destroy();
		});
		req.on('end', () => resolve(new RequestBody(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : Buffer.alloc(0), size)));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new Error('request aborted'));
		});
	});
}
