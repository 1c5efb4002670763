/**
 * How values are written into the texts a user reads (errors, labels): the
 * same on every machine, and safe to quote whatever the value holds.
 */

/** 2000 → "2,000", the same on every machine (no locale). */
export function formatCount(count: number): string {
	return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Text n8n may render as HTML: `<apiKey>` would vanish as an unknown tag. */
export function asPlainText(text: string): string {
	return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** How much of a value a text quotes: an ID from an expression can be any length, and is stored with the execution. */
export const MAX_QUOTED_LENGTH = 80;

/**
 * A value as a text quotes it: plain text, and cut to MAX_QUOTED_LENGTH
 * characters with an ellipsis and the full length said ("ct_aaaa… (200,000
 * characters)"). Never cuts a character in two.
 */
export function quoted(value: string, maxLength = MAX_QUOTED_LENGTH): string {
	const characters = Array.from(value);
	if (characters.length <= maxLength) return asPlainText(value);
	return `${asPlainText(characters.slice(0, maxLength).join(''))}… (${formatCount(characters.length)} characters)`;
}

/** A wait for a person to read: "90 s", "1,000,000,000 s (about 31.7 years)". */
export function formatWait(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	const text = `${formatCount(seconds)} s`;
	const days = seconds / 86_400;
	if (days >= 365) return `${text} (about ${(days / 365.25).toFixed(1)} years)`;
	if (days >= 1) return `${text} (about ${days.toFixed(1)} days)`;
	if (seconds >= 3600) return `${text} (about ${(seconds / 3600).toFixed(1)} hours)`;
	return text;
}
