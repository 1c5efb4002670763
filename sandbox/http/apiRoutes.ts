import * as campaigns from '../resources/campaigns';
import * as contacts from '../resources/contacts';
import * as groups from '../resources/groups';
import * as webhooks from '../resources/webhooks';

import type { RouteHandler } from './routeContext';

export interface Route {
	method: string;
	segments: string[];
	handler: RouteHandler;
}

const route = (method: string, path: string, handler: RouteHandler): Route => ({ method, segments: path.split('/').slice(1), handler });

/** The contract's 22 endpoints, relative to /v1. */
const ROUTES: Route[] = [
	route('GET', '/contacts', contacts.listContacts),
	route('GET', '/contacts/:id', contacts.getContact),
	route('POST', '/contacts', contacts.createContact),
	route('PUT', '/contacts/:id', contacts.updateContact),
	route('DELETE', '/contacts/:id', contacts.deleteContact),
	route('GET', '/groups', groups.listGroups),
	route('GET', '/groups/:id', groups.getGroup),
	route('POST', '/groups', groups.createGroup),
	route('PUT', '/groups/:id', groups.updateGroup),
	route('DELETE', '/groups/:id', groups.deleteGroup),
	route('POST', '/groups/:id/contacts', groups.addContactsToGroup),
	route('GET', '/campaigns', campaigns.listCampaigns),
	route('GET', '/campaigns/:id', campaigns.getCampaign),
	route('POST', '/campaigns', campaigns.createCampaign),
	route('PUT', '/campaigns/:id', campaigns.updateCampaign),
	route('POST', '/campaigns/:id/start', campaigns.startCampaign),
	route('POST', '/campaigns/:id/pause', campaigns.pauseCampaign),
	route('POST', '/campaigns/:id/contacts', campaigns.addContactsToCampaign),
	route('GET', '/campaigns/:id/stats', campaigns.getCampaignStats),
	route('GET', '/webhooks', webhooks.listWebhooks),
	route('POST', '/webhooks', webhooks.createWebhook),
	route('DELETE', '/webhooks/:id', webhooks.deleteWebhook),
];

export interface RouteMatch<R> {
	route: R;
	/** The decoded `:id` segments, in order. */
	params: string[];
}

/**
 * Matches a raw path segment by segment, decoding each `:id` on its own: an
 * encoded `/` stays inside its id (`a%2Fb` is one unknown id, a 404) and
 * `..` is an id like any other, never a step to another endpoint.
 */
export function matchPath<R extends { method: string; segments: string[] }>(
	routes: readonly R[],
	method: string,
	rawPath: string,
): RouteMatch<R> | undefined {
	const segments = rawPath.split('/').slice(1);
	for (const route of routes) {
		if (route.method !== method || route.segments.length !== segments.length) continue;
		const params: string[] = [];
		const matched = route.segments.every((pattern, i) => {
			if (!pattern.startsWith(':')) return pattern === segments[i];
			const id = safeDecode(segments[i]);
			if (!id) return false;
			params.push(id);
			return true;
		});
		if (matched) return { route, params };
	}
	return undefined;
}

export function matchApiRoute(method: string, relativePath: string): RouteMatch<Route> | undefined {
	return matchPath(ROUTES, method, relativePath);
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
