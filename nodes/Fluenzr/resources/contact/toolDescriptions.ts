/** What an AI model reads about each contact operation used as a tool: what it does, needs and returns. */
export const contactToolDescriptions: Record<string, string> = {
	create:
		'Create a contact from an email address, with optional name, company, job title, phone, website, LinkedIn URL, custom fields and group IDs. Returns the contact with its ID; fails if the email exists already (Create or Update is safe to repeat).',
	upsert:
		'Create a contact from an email address, or update the contact that has this email already, so that repeating it never makes a duplicate; a contact who unsubscribed stays unsubscribed, and one that exists keeps its groups. Returns the contact with its ID.',
	delete:
		'Delete a contact given by its ID (ct_…). Returns the ID with deleted: true.',
	get:
		'Get one contact by its ID (ct_…). Returns its email, names, company, custom fields, group IDs and whether it unsubscribed.',
	getAll:
		'List contacts with their IDs and fields, optionally filtered by part of the email, group, unsubscribed or creation date, and sorted. Returns 50 contacts by default; a higher Limit, or Return All, returns more.',
	update:
		'Change some fields of a contact given by its ID (ct_…); fields left out keep their values. Returns the updated contact.',
};
