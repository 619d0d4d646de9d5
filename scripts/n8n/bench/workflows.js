'use strict';
/**
 * The workflows `npm run bench:n8n` imports into real n8n. Each starts with a Manual Trigger (what
 * `n8n execute` runs from) and returns one item per record:
 *   - kickserv: the Kickserv node, Get Many, Return All, Simplify off (whole records);
 *   - http: the HTTP Request node with its own pagination (Basic auth credential, one request per page,
 *     complete when a page holds fewer records than a full one) and Split Out, as a user would build it;
 *   - limit: the Kickserv node with Limit 10 (the request floor is one page);
 *   - baseline: the Manual Trigger alone (what an execute costs without any work).
 */

const KICKSERV_CREDENTIAL = { id: 'benchKickserv', name: 'Kickserv bench' };
const BASIC_CREDENTIAL = { id: 'benchBasicAuth', name: 'Kickserv bench (Basic Auth)' };

const PAGE = {
	customers: { query: 'customers_page', fixed: {}, size: 25 },
	jobs: { query: 'page', fixed: { per_page: 50 }, size: 50 },
};

const KICKSERV_PARAMS = {
	customers: { resource: 'customer', operation: 'getAll', simplify: false },
	jobs: { resource: 'job', operation: 'getAll', scope: 'account', simplify: false },
};

const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function chain(name, nodes) {
	const all = [trigger, ...nodes];
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** The Kickserv node's name in every Kickserv workflow (its run data is read by this name). */
const KICKSERV_NODE = 'Kickserv';

function kickserv(list, extra = {}) {
	return chain(`bench: Kickserv node, ${list}`, [
		{
			name: KICKSERV_NODE,
			type: 'n8n-nodes-kickserv.kickserv',
			typeVersion: 1,
			position: [220, 0],
			parameters: { ...KICKSERV_PARAMS[list], returnAll: true, ...extra },
			credentials: { kickservApi: KICKSERV_CREDENTIAL },
		},
	]);
}

const limit = (list) => ({ ...kickserv(list, { returnAll: false, limit: 10 }), name: `bench: Kickserv node, ${list}, Limit 10` });

function http(list, { baseUrl, slug }) {
	const page = PAGE[list];
	const fixed = Object.entries(page.fixed).map(([name, value]) => ({ name, value: String(value) }));
	return chain(`bench: HTTP Request node + Split Out, ${list}`, [
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [220, 0],
			parameters: {
				method: 'GET',
				url: `${baseUrl}/${slug}/${list}.json`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpBasicAuth',
				sendQuery: fixed.length > 0,
				queryParameters: { parameters: fixed },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: page.query, value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: `={{ $response.body.${list}.length < ${page.size} }}`,
						},
					},
				},
			},
			credentials: { httpBasicAuth: BASIC_CREDENTIAL },
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: list, options: {} },
		},
	]);
}

const baseline = () => chain('bench: Manual Trigger only', []);

function credentials({ baseUrl, slug, token }) {
	return [
		{ ...KICKSERV_CREDENTIAL, type: 'kickservApi', data: { accountSlug: slug, apiToken: token, baseUrl } },
		{ ...BASIC_CREDENTIAL, type: 'httpBasicAuth', data: { user: token, password: token } },
	];
}

/** The nodes whose execution times add up to a contender's time. */
const TIMED_NODES = { kickserv: [KICKSERV_NODE], limit: [KICKSERV_NODE], http: ['HTTP Request', 'Split Out'], baseline: [] };
/** The node whose output is the contender's records. */
const OUTPUT_NODE = { kickserv: KICKSERV_NODE, limit: KICKSERV_NODE, http: 'Split Out', baseline: 'Start' };

module.exports = { kickserv, limit, http, baseline, credentials, TIMED_NODES, OUTPUT_NODE, PAGE };
