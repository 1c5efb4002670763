import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';

/**
 * The response object a webhook node gets from `getResponseObject()`: the
 * parts of Express's `Response` that nodes use, recording what the node
 * (or n8n) answered instead of writing to a socket. Like Node.js's, it emits
 * 'prefinish' when the answer is complete.
 */
export class RecordedResponse extends EventEmitter {
	statusCode = 200;

	body: unknown = undefined;

	headers: Record<string, string> = {};

	headersSent = false;

	writableEnded = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number): this {
		return this.status(code).send(STATUS_CODES[code] ?? String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]): this {
		this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		return this;
	}

	set(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	getHeader(name: string): string | undefined {
		return this.headers[name.toLowerCase()];
	}

	writeHead(code: number, headers: Record<string, string> = {}): this {
		this.status(code);
		for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}

	/** Like Express: objects are sent as JSON, strings as HTML unless a content type is set. */
	send(body?: unknown): this {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return this.json(body);
		if (typeof body === 'string') this.headers['content-type'] ??= 'text/html; charset=utf-8';
		return this.end(body);
	}

	json(body: unknown): this {
		this.headers['content-type'] ??= 'application/json; charset=utf-8';
		return this.end(body);
	}

	end(body?: unknown): this {
		if (this.writableEnded) return this;
		if (body !== undefined) this.body = body;
		this.headersSent = true;
		this.writableEnded = true;
		this.emit('prefinish');
		return this;
	}
}
