/** What an AI model reads about each group operation used as a tool: what it does, needs and returns. */
export const groupToolDescriptions: Record<string, string> = {
	addContacts:
		'Add contacts, by their IDs, to a group given by its ID (grp_…); contacts already in it are left as they are, so repeating it adds nobody twice. Returns the group with added and contactCount.',
	create:
		'Create a group of contacts from a name and an optional description. Returns the group with its ID.',
	delete:
		'Delete a group given by its ID (grp_…); its contacts are kept. Returns the ID with deleted: true.',
	get:
		'Get one group by its ID (grp_…). Returns its name, description and contactCount.',
	getAll:
		'List groups with their IDs, names and contact counts, optionally filtered by part of the name. Returns 50 groups by default; a higher Limit, or Return All, returns more.',
	update:
		'Change the name or description of a group given by its ID (grp_…). Returns the updated group.',
};
