import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { SLUG_IN_ADDRESS } from '../nodes/Kickserv/transport/credentials';

/**
 * Kickserv authenticates API calls with HTTP Basic, using the employee's API token as both the user
 * name and the password. Every call acts with that employee's web permissions.
 */
export class KickservApi implements ICredentialType {
	name = 'kickservApi';

	displayName = 'Kickserv API';

	icon = { light: 'file:kickserv.svg', dark: 'file:kickserv.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-kickserv/n8n-nodes-kickserv/blob/main/docs/KickservApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Slug',
			name: 'accountSlug',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. northwind-hvac',
			description:
				'What follows the host in your Kickserv address: app.kickserv.com/<b>SLUG</b>/dashboard (pasting the whole address works too). Letters, digits, "-" and "_" only.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An admin finds it under Settings > Manage Users > (user). Changing that user\'s password changes the token.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.kickserv.com',
			description:
				'Change only to reach a proxy or the local Kickserv sandbox. Must be https, except for a loopback address.',
		},
	];

	// A function rather than the generic `{ auth: { username: '={{$credentials.apiToken}}', ... } }`:
	// n8n evaluates a generic authenticate's expressions for every request (its expression engine and luxon
	// were about a tenth of the node's CPU on a Return All in real n8n); this sets the same Basic auth.
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		// a token pasted with a stray space or newline would cost one of Kickserv's 5 login attempts
		const token = String(credentials.apiToken ?? '').trim();
		return { ...requestOptions, auth: { username: token, password: token } };
	};

	// One GET that proves both the token and the slug: the account's calendar, an object holding the
	// `job_types` part [doc] (the node reads its job types there too). Not a list: n8n's test rules read
	// the first item RoutingNode makes of the reply, and a list that came as a bare array, which
	// Kickserv's lists may do, would make no item or a record without the key. HTTP errors are not
	// thrown (n8n re-sends a request that throws on 401 once, and Kickserv locks a login after 5
	// failures): a reply without `job_types` (401 text, 404 or login page) fails the test instead.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				// a pasted address (app.kickserv.com/SLUG/dashboard) gives its slug, as the node takes it (accountSlugOf)
				`={{String($credentials.baseUrl || "https://app.kickserv.com").replace(/\\/+$/, "")}}/{{encodeURIComponent(String($credentials.accountSlug).trim().replace(/${SLUG_IN_ADDRESS.source}/i, "$1"))}}`,
			url: '/calendar.json',
			method: 'GET',
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'job_types',
					value: undefined,
					message:
						'Kickserv did not accept this credential: check the API Token (Settings > Manage Users) and that the Account Slug is the one in your Kickserv address',
				},
			},
		],
	};
}
