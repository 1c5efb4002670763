import { ID_PREFIXES } from '../../client/contract';

export type IdKind = keyof typeof ID_PREFIXES;

const KINDS = Object.keys(ID_PREFIXES) as IdKind[];

/**
 * Opaque-looking, deterministic, unique ids: a counter per kind passed
 * through a bijection of 32-bit integers, so ids never collide, look
 * unordered (id order is not creation order, which keeps tie-breaking
 * honest) and repeat exactly after a reset.
 */
export class IdGenerator {
	private counters = new Map<IdKind, number>();

	next(kind: IdKind): string {
		const n = (this.counters.get(kind) ?? 0) + 1;
		this.counters.set(kind, n);
		const salt = (KINDS.indexOf(kind) + 1) * 0x9e3779b1;
		return ID_PREFIXES[kind] + scramble32((n + salt) >>> 0).toString(36).padStart(7, '0');
	}

	reset(): void {
		this.counters.clear();
	}
}

/** Invertible mixing (xor-shift and odd multiplications) of a 32-bit integer. */
function scramble32(value: number): number {
	let x = value >>> 0;
	x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
	x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
	return (x ^ (x >>> 16)) >>> 0;
}
