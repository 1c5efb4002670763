/**
 * The run of Group → Add Contacts and Campaign → Add Contacts. FluenzR takes
 * at most MAX_CONTACT_IDS_PER_CALL contact IDs per request, and a sync from a
 * CRM brings thousands in one item: the list (each ID once, at its first
 * place: see contactIdsInBody) goes in chunks of that size, one request after
 * the other, and the item gets one answer with the totals. A chunk that
 * fails fails the item, saying which chunks went through.
 */
import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { MAX_CONTACT_IDS_PER_CALL } from '../../../client/contract';
import { asNodeError } from '../../../client/errors';
import { formatCount, quoted } from '../../../client/text';
import { sendOperationRequest } from './routing';

/** FluenzR's counts per request, summed over the chunks; the other fields are those of the last answer. */
const COUNTS = ['added', 'skipped'] as const;

/** The list cut in order into chunks of at most `size`. */
export function chunksOf<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/** "chunk 3" or "chunks 1–2", numbered from 1. */
function chunkSpan(first: number, last: number): string {
	return first === last ? `chunk ${first}` : `chunks ${first}–${last}`;
}

/** The last answer, with FluenzR's counts summed over every answer. */
function totalsOf(answers: IDataObject[]): IDataObject {
	const totals: IDataObject = { ...answers[answers.length - 1] };
	for (const count of COUNTS) {
		const values = answers.map((answer) => answer[count]).filter((value): value is number => typeof value === 'number');
		if (values.length) totals[count] = values.reduce((sum, value) => sum + value, 0);
	}
	return totals;
}

/**
 * The failure of one chunk of several, reworded to say where the list stands:
 * "Chunk 3 of 5 failed (contacts 2,001–3,000): <FluenzR's message>; chunks
 * 1–2 went through (FluenzR added 1,850), chunks 4–5 were not sent", with
 * what FluenzR answered for the chunks before it: the IDs sent are not the
 * contacts added (some may have been in the group already). Same error, so
 * FluenzR's status, code and details stay with it; the counts go into its
 * context too.
 */
function chunkFailure(
	context: IExecutePaginationFunctions,
	error: unknown,
	chunks: string[][],
	failed: number,
	answers: IDataObject[],
): Error {
	const failure = asNodeError(context.getNode(), error, context.getItemIndex());
	const chunk = chunks[failed];
	const number = failed + 1;
	const firstPosition = failed * MAX_CONTACT_IDS_PER_CALL + 1;
	const lastPosition = firstPosition + chunk.length - 1;

	const counts = failed > 0 ? totalsOf(answers) : {};
	const countsText = COUNTS.filter((count) => typeof counts[count] === 'number')
		.map((count) => `${count} ${formatCount(counts[count] as number)}`)
		.join(', ');
	const progress: string[] = [];
	if (failed > 0) {
		const added = typeof counts.added === 'number' ? ` (FluenzR added ${formatCount(counts.added)})` : '';
		progress.push(`${chunkSpan(1, failed)} went through${added}`);
	}
	if (number < chunks.length) {
		progress.push(`${chunkSpan(number + 1, chunks.length)} ${number + 1 === chunks.length ? 'was' : 'were'} not sent`);
	}
	failure.message =
		`Chunk ${number} of ${chunks.length} failed (contacts ${formatCount(firstPosition)}–${formatCount(lastPosition)}): ` +
		`${failure.message}${progress.length ? `; ${progress.join(', ')}` : ''}`;
	failure.context.chunks = { failed: number, of: chunks.length, wentThrough: failed };
	for (const count of COUNTS) if (typeof counts[count] === 'number') failure.context[count] = counts[count];

	const explanation = [
		failure.description,
		`Contact IDs are sent in chunks of ${formatCount(MAX_CONTACT_IDS_PER_CALL)}, counting a repeated ID once; chunk ${number} runs from ${quoted(chunk[0])} to ${quoted(chunk[chunk.length - 1])}.`,
		failed > 0 ? `Before it, ${chunkSpan(1, failed)} went through (${countsText || 'FluenzR gave no counts'}); what they added stays in FluenzR.` : '',
		`Once the cause is dealt with, run the item again with the same list (contacts already added are not added twice; a campaign counts them as skipped)${failed > 0 ? `, or with only the contacts from ${formatCount(firstPosition)} on` : ''}.`,
	];
	failure.description = explanation.filter(Boolean).join(' ');
	return failure;
}

/**
 * Sends the item's contact IDs in chunks, in order, one request at a time
 * through the one request path (pacing and 429s included), and answers the
 * last answer with `added` (and `skipped`) summed, plus `chunks`, how many
 * chunks were sent (one request each, a 429's retry aside). A campaign's
 * contacts from a group are one request, answered as FluenzR answers it.
 */
export async function addContactsInChunks(
	this: IExecutePaginationFunctions,
	prepared: DeclarativeRestApiSettings.ResultOptions,
): Promise<unknown> {
	const { options } = prepared;
	const body = (options.body ?? {}) as IDataObject;
	if (!Array.isArray(body.contactIds)) return (await sendOperationRequest(this, options)).data;

	const chunks = chunksOf(body.contactIds as string[], MAX_CONTACT_IDS_PER_CALL);
	const answers: IDataObject[] = [];
	for (const [index, contactIds] of chunks.entries()) {
		try {
			const envelope = await sendOperationRequest(this, { ...options, body: { ...body, contactIds } });
			answers.push(envelope.data as IDataObject);
		} catch (error) {
			// One chunk is one request: FluenzR's error as it is.
			throw chunks.length === 1 ? error : chunkFailure(this, error, chunks, index, answers);
		}
	}
	return { ...totalsOf(answers), chunks: chunks.length };
}
