/** What an AI model reads about each webhook operation used as a tool: what it does, needs and returns. */
export const webhookToolDescriptions: Record<string, string> = {
	create:
		'Register a URL that FluenzR sends contact, campaign and email events to, with an optional signing secret. Returns the webhook with its ID; to start an n8n workflow on events, the FluenzR Trigger does this itself.',
	delete:
		'Delete a webhook given by its ID so that FluenzR stops sending events to its URL. Returns the ID with deleted: true.',
	getAll:
		'List the account’s webhooks with their IDs, URLs and events. Returns 50 webhooks by default; a higher Limit, or Return All, returns more.',
};
