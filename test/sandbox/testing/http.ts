/** Test helpers: raw HTTP on loopback (no URL normalisation, so `%2E%2E` reaches the server as sent). */
import http, { type IncomingHttpHeaders } from 'node:http';

import { DEMO_KEYS } from '../../../sandbox/constants';
import type { Sandbox } from '../../../sandbox/index';

export interface Answer<T = any> {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	/** The parsed JSON, or undefined when the body is not JSON. */
	body: T;
}

export interface RequestOptions {
	/** Sent as `Authorization: Bearer <key>`; null sends no Authorization header. */
	key?: string | null;
	/** Serialised as JSON. */
	json?: unknown;
	/** Sent as is (for malformed bodies). */
	raw?: string | Buffer;
	headers?: Record<string, string>;
}

export function send(origin: string, method: string, rawPath: string, options: RequestOptions = {}): Promise<Answer> {
	const payload = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
	const headers: Record<string, string | number> = { ...options.headers };
	if (options.key !== null) headers.authorization = `Bearer ${options.key ?? DEMO_KEYS.pro}`;
	if (payload !== undefined) {
		headers['content-type'] ??= 'application/json';
		headers['content-length'] = Buffer.byteLength(payload);
	}
	const url = new URL(origin);
	return new Promise((resolve, reject) => {
		const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: unknown;
				try {
					body = JSON.parse(text);
				} catch {
					body = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/** A client of the sandbox's API (paths relative to /v1) with one key. */
export function api(sandbox: Sandbox, key: string | null = DEMO_KEYS.pro) {
	const call = (method: string, path: string, json?: unknown) => send(sandbox.origin, method, `/v1${path}`, { key, json });
	return {
		request: call,
		get: (path: string) => call('GET', path),
		post: (path: string, json?: unknown) => call('POST', path, json),
		put: (path: string, json?: unknown) => call('PUT', path, json),
		delete: (path: string) => call('DELETE', path),
	};
}

/** A client of the control routes (paths relative to /_sandbox). */
export function control(sandbox: Sandbox) {
	const call = (method: string, path: string, json?: unknown) => send(sandbox.origin, method, `/_sandbox${path}`, { key: null, json });
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, json?: unknown) => call('POST', path, json),
		put: (path: string, json?: unknown) => call('PUT', path, json),
		delete: (path: string) => call('DELETE', path),
	};
}

/** A clock that only moves when told to; it goes back to its start before each test. */
export function manualClock(startIso = '2026-03-01T10:00:00.250Z') {
	let now = Date.parse(startIso);
	beforeEach(() => {
		now = Date.parse(startIso);
	});
	return {
		now: () => now,
		advance: (ms: number) => {
			now += ms;
		},
		set: (iso: string) => {
			now = Date.parse(iso);
		},
	};
}
