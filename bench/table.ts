/** A table of strings, rendered aligned for the terminal or as GitHub markdown. */
export interface Table {
	headers: string[];
	rows: string[][];
	/** Columns aligned right (numbers). */
	rightAligned?: number[];
}

export function renderText({ headers, rows, rightAligned = [] }: Table): string {
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function renderMarkdown({ headers, rows, rightAligned = [] }: Table): string {
	const escape = (cell: string) => cell.replace(/\|/g, '\\|');
	const separator = headers.map((_, column) => (rightAligned.includes(column) ? '---:' : '---'));
	return [headers, separator, ...rows].map((cells) => `| ${cells.map(escape).join(' | ')} |`).join('\n');
}
