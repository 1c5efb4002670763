/** What a side hands back after a job, before the client process turns it into a report. */
export type BenchRecord = Record<string, unknown>;

export interface JobResult {
	/** The successful output records, in output order. */
	records: BenchRecord[];
	/** Items that ended in an error. */
	failedItems: number;
	/** For each record, the index of the input item it answers. */
	pairedTo: number[];
}
