import type { INodeProperties } from 'n8n-workflow';

import { nameContainsFilter } from '../../shared/fields';

/** The group's part of Filters (see resources/fieldCollections.ts). */
export const groupFilterOptions: INodeProperties[] = [
	nameContainsFilter,
];
