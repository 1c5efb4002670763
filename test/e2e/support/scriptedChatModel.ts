/**
 * A chat model that answers from a script: an OpenAI-compatible server on
 * loopback (`POST /v1/chat/completions`, non-streaming, and `GET /v1/models`)
 * for n8n's OpenAI Chat Model, pointed at it by the OpenAI credential's Base
 * URL. A test scripts each answer ("call these tools", "say this"), a step
 * may be a function of the request so it can react to a tool's result, and
 * every request is recorded: the tool definitions n8n sent, and the messages
 * (tool results included) the model received.
 *
 * It answers from the test's own process: n8n must run meanwhile as an async
 * child process (scripts/lib/n8nCli.ts), never through a synchronous spawn.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A function the model may call, as n8n describes a tool to an OpenAI-compatible API. */
export interface ToolDefinition {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: { type?: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
	};
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	[field: string]: unknown;
}

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

/** One answer of the model: tools to call, or its final text. */
export type ModelReply = { toolCalls: ToolCall[] } | { text: string };

/** A scripted answer, or a function of the request that makes it (to use a tool's result, or to prepare the next call). */
export type ScriptStep = ModelReply | ((request: ChatRequest) => ModelReply | Promise<ModelReply>);

export interface ScriptedChatModel {
	/** e.g. http://127.0.0.1:41234/v1: the OpenAI credential's Base URL. */
	baseUrl: string;
	/** Replaces the script and forgets the recorded requests. */
	script(steps: ScriptStep[]): void;
	/** Every chat request received since the last `script()`, in order. */
	requests(): ChatRequest[];
	/** Steps not yet answered. */
	remainingSteps(): number;
	close(): Promise<void>;
}

/** The tool result the model received for a call, from a request's messages (the last call of that name by default). */
export function toolResultIn(request: ChatRequest, toolName: string): string | undefined {
	const calls = request.messages.flatMap((message) => message.tool_calls ?? []);
	const call = calls.filter((candidate) => candidate.function.name === toolName).at(-1);
	if (!call) return undefined;
	const result = request.messages.find((message) => message.role === 'tool' && message.tool_call_id === call.id);
	return result ? textOf(result.content) : undefined;
}

/** The text of the last message, when it is a tool result. */
export function lastToolResult(request: ChatRequest): string | undefined {
	const last = request.messages.at(-1);
	return last?.role === 'tool' ? textOf(last.content) : undefined;
}

function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

export async function startScriptedChatModel(): Promise<ScriptedChatModel> {
	let steps: ScriptStep[] = [];
	let received: ChatRequest[] = [];
	let callCount = 0;

	async function answer(request: ChatRequest): Promise<{ status: number; body: unknown }> {
		received.push(request);
		const step = steps.shift();
		if (!step) {
			// 400, not 5xx: the OpenAI client retries a server error, and the run should fail at once, saying why.
			return { status: 400, body: { error: { message: `the scripted model has no answer left for request ${received.length}`, type: 'invalid_request_error' } } };
		}
		const reply = typeof step === 'function' ? await step(request) : step;
		return { status: 200, body: completion(request.model, reply) };
	}

	function completion(model: string, reply: ModelReply): unknown {
		const message =
			'text' in reply
				? { role: 'assistant', content: reply.text }
				: {
						role: 'assistant',
						content: null,
						tool_calls: reply.toolCalls.map((call) => ({
							id: `call_${++callCount}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.arguments) },
						})),
					};
		return {
			id: `chatcmpl-scripted-${received.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: 'text' in reply ? 'stop' : 'tool_calls' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		};
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		if (req.method === 'GET' && path === '/v1/models') {
			return send(res, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'tests' }] });
		}
		if (req.method === 'POST' && path === '/v1/chat/completions') {
			const request = JSON.parse(await readBody(req)) as ChatRequest;
			if (request.stream === true) {
				return send(res, 400, { error: { message: 'the scripted model does not stream', type: 'invalid_request_error' } });
			}
			const { status, body } = await answer(request);
			return send(res, status, body);
		}
		send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error), type: 'server_error' } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		script(next) {
			steps = [...next];
			received = [];
		},
		requests: () => [...received],
		remainingSteps: () => steps.length,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}
