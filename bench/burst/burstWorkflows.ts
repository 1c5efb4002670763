/**
 * The two workflows a burst is fired at, published side by side in one n8n:
 * the FluenzR Trigger → No Operation, and n8n's own Webhook node (POST,
 * respond immediately) → No Operation. Fixed ids and webhook ids, so that
 * their URLs are known before n8n starts.
 */
import { FLUENZR_CREDENTIAL_REFERENCE } from '../../scripts/lib/fluenzrCredential';
import type { WorkflowJson } from '../../scripts/lib/n8nCli';
import { FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';

export type BurstTarget = 'trigger' | 'webhook';

export const BURST_TARGETS: readonly BurstTarget[] = ['trigger', 'webhook'];

export const TARGET_LABELS: Record<BurstTarget, string> = {
	trigger: 'FluenzR Trigger',
	webhook: "n8n's Webhook node",
};

export const BURST_WORKFLOW_IDS: Record<BurstTarget, string> = {
	trigger: 'burstFluenzrTrigger',
	webhook: 'burstN8nWebhook',
};

export const START_NODE_NAMES: Record<BurstTarget, string> = {
	trigger: 'On FluenzR event',
	webhook: 'Webhook',
};

const TRIGGER_WEBHOOK_ID = '5b1c7a7e-0b8e-4f7c-9a51-6d0c8f1e2a01';
const WEBHOOK_NODE_WEBHOOK_ID = '5b1c7a7e-0b8e-4f7c-9a51-6d0c8f1e2a02';
const WEBHOOK_NODE_PATH = 'burst-webhook-node';

/** The event the burst is made of: a CRM import is many contact.created at once. */
export const BURST_EVENT = 'contact.created';

/** Production URLs, as n8n builds them (`<base>/webhook/<webhookId>/<path>` for the trigger, `<base>/webhook/<path>` for the Webhook node). */
export function targetUrl(target: BurstTarget, n8nBaseUrl: string): string {
	return target === 'trigger'
		? `${n8nBaseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`
		: `${n8nBaseUrl}/webhook/${WEBHOOK_NODE_PATH}`;
}

const NO_OP_NAME = 'Do nothing';

function withNoOp(id: string, name: string, start: WorkflowJson['nodes'][number]): WorkflowJson {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			start,
			{ id: `${id}-noop`, name: NO_OP_NAME, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [start.name]: { main: [[{ node: NO_OP_NAME, type: 'main', index: 0 }]] } },
	};
}

/** The trigger's version in new workflows; 1 is what workflows made before 1.1 existed still hold. */
export const TRIGGER_DEFAULT_VERSION = 1.1;

export interface BurstWorkflowOptions {
	triggerVersion?: number;
	/**
	 * Gives the Webhook node's workflow an enabled node holding the FluenzR
	 * credential (connected to nothing, so it never runs): n8n checks the
	 * credentials of a workflow's enabled nodes before it answers.
	 */
	webhookWithCredential?: boolean;
}

/** An enabled FluenzR node connected to nothing: it never runs, but its credential is checked. */
const UNCONNECTED_CREDENTIAL_HOLDER = {
	id: 'burst-credential-holder',
	name: 'Holds the FluenzR credential',
	type: FLUENZR_NODE_TYPE,
	typeVersion: 1,
	position: [0, 220],
	parameters: {},
	credentials: FLUENZR_CREDENTIAL_REFERENCE,
};

export function burstWorkflows({ triggerVersion = TRIGGER_DEFAULT_VERSION, webhookWithCredential = false }: BurstWorkflowOptions = {}): WorkflowJson[] {
	const webhookWorkflow = withNoOp(BURST_WORKFLOW_IDS.webhook, "Burst: n8n's Webhook node", {
		id: `${BURST_WORKFLOW_IDS.webhook}-start`,
		name: START_NODE_NAMES.webhook,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: WEBHOOK_NODE_WEBHOOK_ID,
		parameters: { httpMethod: 'POST', path: WEBHOOK_NODE_PATH, responseMode: 'onReceived', options: {} },
	});
	if (webhookWithCredential) webhookWorkflow.nodes.push(UNCONNECTED_CREDENTIAL_HOLDER);
	return [
		withNoOp(BURST_WORKFLOW_IDS.trigger, 'Burst: FluenzR Trigger', {
			id: `${BURST_WORKFLOW_IDS.trigger}-start`,
			name: START_NODE_NAMES.trigger,
			type: FLUENZR_TRIGGER_TYPE,
			typeVersion: triggerVersion,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID,
			parameters: { events: [BURST_EVENT], options: {} },
			credentials: FLUENZR_CREDENTIAL_REFERENCE,
		}),
		webhookWorkflow,
	];
}

/** The event id a finished execution ran with: the trigger's `eventId`, the Webhook node's `body.id`. */
export function eventIdOfStartItem(target: BurstTarget, json: Record<string, unknown>): string | undefined {
	const id = target === 'trigger' ? json.eventId : (json.body as Record<string, unknown> | undefined)?.id;
	return typeof id === 'string' ? id : undefined;
}
