/**
 * The advice of an error without an answer, per network failure: what a user
 * does next depends on whether the request reached FluenzR. Codes the engine
 * tests cannot provoke on loopback (a host not found, a TLS failure) are
 * checked here.
 */
import type { INode } from 'n8n-workflow';

import { networkError } from '../../client/errors';

const node: INode = { id: '1', name: 'FluenzR', type: 'n8n-nodes-fluenzr.fluenzr', typeVersion: 1, position: [0, 0], parameters: {} };

const failure = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });
const create = { label: 'Campaign → Create (POST /campaigns)', write: true };
const read = { label: 'Campaign → Get (GET /campaigns/cmp_1)', write: false };

describe('the advice of a request that got no answer', () => {
	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
		'%s: the request never reached FluenzR, so a create is safe to run again once the Base URL is right',
		(code) => {
			const { description } = networkError(node, failure(code), create);
			expect(description).toContain(`did not reach FluenzR (${code}), so nothing was done there.`);
			expect(description).toContain('Check the Base URL of the FluenzR API credential');
			expect(description).toContain('it is safe to run it again');
			expect(description).not.toMatch(/timeout|may have been carried out/i);
		},
	);

	it.each(['ETIMEDOUT', 'ECONNABORTED', 'ECONNRESET', 'ERR_BAD_RESPONSE', 'EPIPE'])(
		'%s: a create may have been carried out, to be checked in FluenzR before running it again',
		(code) => {
			const { description } = networkError(node, failure(code), create);
			expect(description).toContain(`got no answer from FluenzR (${code}).`);
			expect(description).toContain('may have been carried out all the same: check in FluenzR whether it took effect');
		},
	);

	it('a timeout on a read: safe to run again, and where to set a longer timeout', () => {
		const { description } = networkError(node, failure('ECONNABORTED'), read);
		expect(description).toContain('The request only reads, so it is safe to run again.');
		expect(description).toContain('Request Options → Timeout');
	});

	it('an unknown failure is taken as possibly carried out', () => {
		const { description } = networkError(node, new Error('socket hang up somewhere'), create);
		expect(description).toContain('may have been carried out');
	});
});
