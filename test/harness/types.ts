import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

/** The data of our `fluenzrApi` credential, as a user fills it in. */
export interface HarnessCredentials {
	apiKey: string;
	baseUrl: string;
}

/** The node setting "On Error": stop (false), continue, or continue using the error output. */
export type ContinueOnFail = false | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** The node under test, e.g. `new Fluenzr()`. */
	node: INodeType;
	/** Parameters as n8n stores them: resource locators as `{ __rl: true, mode, value }`, expressions as `'={{ ... }}'`. */
	parameters: INodeParameters;
	/** JSON of the input items (default `[{}]`); expressions such as `'={{ $json.email }}'` resolve against them. */
	input?: IDataObject[];
	/** Default: none, and the node runs without credentials. */
	credentials?: HarnessCredentials;
	continueOnFail?: ContinueOnFail;
	/** Default: the node's `description.version` (the highest, if it lists several). */
	typeVersion?: number;
	/** Credential types besides `fluenzrApi` that the node may use. */
	credentialTypes?: ICredentialType[];
}

export interface RunNodeResult {
	/** Main output 0, as the next node would receive it (with `pairedItem`). */
	output: INodeExecutionData[];
	/** The error output when `continueOnFail` is 'continueErrorOutput', else `[]`. */
	errorOutput: INodeExecutionData[];
	/** The node's error when the run failed: the `NodeApiError` / `NodeOperationError` n8n produced. */
	error?: Error;
	/** The execution status as `WorkflowExecute` reports it ('success', 'error', ...). */
	executionStatus: string;
}

export interface TriggerHarnessOptions {
	/** The trigger under test, e.g. `new FluenzrTrigger()`. */
	node: INodeType;
	parameters: INodeParameters;
	credentials: HarnessCredentials;
	/** The workflow's static data for this node; the node reads and mutates it as in n8n. */
	staticData: IDataObject;
	/** What `getNodeWebhookUrl('default')` returns. */
	webhookUrl: string;
	/** 'manual' is "Listen for test event": activation 'manual' and a webhook-test URL. Default 'trigger'. */
	mode?: 'trigger' | 'manual';
	credentialTypes?: ICredentialType[];
}

export type WebhookMethodName = 'checkExists' | 'create' | 'delete';

/** A request as it reaches n8n's webhook server. */
export interface DeliveryRequest {
	headers: Record<string, string>;
	rawBody: Buffer;
	/** The parsed body; default: parsed from `rawBody` by its content type, as n8n does. */
	body?: unknown;
	/** Default 'POST'. */
	method?: string;
}

export interface DeliveryResult {
	/** The status n8n answers the sender with. */
	statusCode: number;
	responseBody?: unknown;
	/** Headers the node set on the response it wrote itself. */
	responseHeaders?: Record<string, string>;
	/** The items the trigger starts the workflow with, when it starts it. */
	workflowData?: INodeExecutionData[][];
	/** True when the node wrote the response itself. */
	noWebhookResponse?: boolean;
	/** What the node's `webhook()` threw, if it threw (n8n then answers 500). */
	error?: Error;
}

export interface WebhookReceiverCall {
	statusCode: number;
	workflowData?: INodeExecutionData[][];
	headers: Record<string, string>;
}

export interface WebhookReceiver {
	/** Where to deliver: the URL the trigger registers. */
	url: string;
	calls: WebhookReceiverCall[];
	stop(): Promise<void>;
}
