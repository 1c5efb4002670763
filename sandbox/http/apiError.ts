import { ERROR_CODES, type FluenzrErrorCode } from '../../client/contract';

export type ErrorDetails = Record<string, unknown>;

/** An answer other than success: thrown anywhere below a route, turned into the error envelope. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: FluenzrErrorCode,
		message: string,
		readonly details?: ErrorDetails,
	) {
		super(message);
	}

	envelope() {
		const error: { code: string; message: string; details?: ErrorDetails } = { code: this.code, message: this.message };
		if (this.details) error.details = this.details;
		return { success: false as const, error };
	}
}

export function notFound(message: string): ApiError {
	return new ApiError(404, ERROR_CODES.notFound, message);
}

export function validationError(message: string, details?: ErrorDetails): ApiError {
	return new ApiError(400, ERROR_CODES.validation, message, details);
}

/** Where body readers report a field's problem. */
export interface ErrorSink {
	add(field: string, message: string, extra?: ErrorDetails): void;
}

/** Collects every problem of one request body so that a single 400 names them all. */
export class FieldErrors implements ErrorSink {
	private readonly details: ErrorDetails = {};

	private readonly messages: string[] = [];

	add(field: string, message: string, extra?: ErrorDetails): void {
		if (field in this.details) return;
		this.details[field] = message;
		Object.assign(this.details, extra);
		this.messages.push(`${field} ${message}`);
	}

	/** For fields whose detail is a list (unknown contactIds). */
	addList(field: string, values: string[], message: string): void {
		if (field in this.details) return;
		this.details[field] = values;
		this.messages.push(message);
	}

	/** A sink naming fields inside `prefix`, as in `steps[0].subject`. */
	within(prefix: string): ErrorSink {
		return { add: (field, message, extra) => this.add(`${prefix}.${field}`, message, extra) };
	}

	get isEmpty(): boolean {
		return this.messages.length === 0;
	}

	throwIfAny(): void {
		if (this.isEmpty) return;
		const [first, ...rest] = this.messages;
		// "Email is required", as the documentation words it; camelCase field names stay as they are.
		const sentence = /^[a-z]+ /.test(first) ? first.charAt(0).toUpperCase() + first.slice(1) : first;
		throw validationError(rest.length ? `${sentence}; ${rest.join('; ')}` : sentence, this.details);
	}
}
