/** What an AI model reads about each campaign operation used as a tool: what it does, needs and returns. */
export const campaignToolDescriptions: Record<string, string> = {
	addContacts:
		'Add a group’s contacts, or contacts by their IDs, to a campaign given by its ID (cmp_…); unsubscribed contacts and those already in it are skipped. Returns added, skipped and the campaign’s contactCount.',
	create:
		'Create a draft campaign from a name, an email account ID and its steps (subject, body, delay in days); it sends nothing until started. Returns the campaign with its ID.',
	get:
		'Get one campaign by its ID (cmp_…). Returns its name, status, steps, settings and contactCount.',
	getAll:
		'List campaigns with their IDs, names and statuses, optionally filtered by part of the name or by status. Returns 50 campaigns by default; a higher Limit, or Return All, returns more.',
	getStats:
		'Get the statistics of a campaign given by its ID (cmp_…). Returns the sent, delivered, opened, clicked, replied, bounced and unsubscribed counts, and the open, click, reply and bounce rates in %.',
	pause:
		'Pause an active campaign given by its ID (cmp_…) so it stops sending; pausing a paused one changes nothing. Returns the campaign with its status.',
	start:
		'Start a draft or paused campaign given by its ID (cmp_…): it begins sending emails to its contacts, and needs at least one step and one contact. Returns the campaign with status active.',
	update:
		'Change some settings of a campaign given by its ID (cmp_…); its status changes only through Start and Pause. Returns the updated campaign.',
};
