/** What one fault did to one operation: what the user saw, items lost, records duplicated. */
export interface CellOutcome {
	outcome: string;
	lost: number;
	duplicates: number;
}

/**
 * The fault matrix as it is filled in, printed as a Markdown table (faults
 * down, operations across) for the test log and docs/security-reliability.md.
 */
export class OutcomeMatrix {
	private readonly cells = new Map<string, CellOutcome>();

	constructor(
		private readonly faults: readonly string[],
		private readonly operations: readonly string[],
	) {}

	record(fault: string, operation: string, outcome: CellOutcome): void {
		this.cells.set(`${fault}\n${operation}`, outcome);
	}

	totals(): { cells: number; lost: number; duplicates: number } {
		const outcomes = [...this.cells.values()];
		const sum = (pick: (cell: CellOutcome) => number) => outcomes.reduce((total, cell) => total + pick(cell), 0);
		return { cells: outcomes.length, lost: sum((cell) => cell.lost), duplicates: sum((cell) => cell.duplicates) };
	}

	render(): string {
		const cellText = (fault: string, operation: string) => {
			const cell = this.cells.get(`${fault}\n${operation}`);
			return cell ? `${cell.outcome}; lost ${cell.lost}, dup ${cell.duplicates}` : 'not run';
		};
		const { cells, lost, duplicates } = this.totals();
		return [
			`| Fault | ${this.operations.join(' | ')} |`,
			`|---|${this.operations.map(() => '---').join('|')}|`,
			...this.faults.map((fault) => `| ${fault} | ${this.operations.map((operation) => cellText(fault, operation)).join(' | ')} |`),
			'',
			`${cells} of ${this.faults.length * this.operations.length} cells run: ${lost} items lost, ${duplicates} records duplicated.`,
		].join('\n');
	}
}
