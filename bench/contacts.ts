/** The CRM contacts the bench's create jobs send: the same on every side, and known to the bench for its checks. */
export interface ContactInput {
	email: string;
	firstName: string;
	lastName: string;
	company: string;
}

export function contactInputs(count: number, emailDomain: string): ContactInput[] {
	return Array.from({ length: count }, (_, index) => ({
		email: `lead${String(index + 1).padStart(5, '0')}@${emailDomain}`,
		firstName: `Lead${index + 1}`,
		lastName: 'Bench',
		company: 'Bench Industries',
	}));
}
