import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Kickserv authenticates API calls with HTTP Basic, using the employee's API token as both the user
 * name and the password. Every call acts with that employee's web permissions.
 */
export class KickservApi implements ICredentialType {
	name = 'kickservApi';

	displayName = 'Kickserv API';

	icon = { light: 'file:kickserv.svg', dark: 'file:kickserv.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-kickserv/n8n-nodes-kickserv#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Slug',
			name: 'accountSlug',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. northwind-hvac',
			description:
				'What follows the host in your Kickserv address: app.kickserv.com/<b>SLUG</b>/dashboard. Letters, digits, "-" and "_" only.',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.apiToken}}',
				password: '={{$credentials.apiToken}}',
			},
		},
	};

	// One cheap GET that proves both the token and the slug. n8n never retries a credential test,
	// which matters here: Kickserv locks a login after 5 failed attempts.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{String($credentials.baseUrl || "https://app.kickserv.com").replace(/\\/+$/, "")}}/{{encodeURIComponent(String($credentials.accountSlug).trim())}}',
			url: '/jobs.json',
			method: 'GET',
			qs: { per_page: 1, only: 'id' },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Kickserv refused the API token: check the token and that it belongs to this account slug',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Kickserv account answers at this slug: check the Account Slug and the Base URL',
				},
			},
		],
	};
}
