import {
	describePath,
	explainFailure,
	extractErrorMessages,
	inferredJsonList,
	isNotFound,
	type ErrorContext,
} from '../../nodes/Kickserv/transport/errors';

const ctx = (path: string, method = 'GET'): ErrorContext => ({ path, account: 'acme-plumbing', method });

describe('extractErrorMessages', () => {
	test('{"errors": [...]} gives every message', () => {
		expect(extractErrorMessages({ errors: ["Name can't be blank", 'Name has already been taken'] })).toEqual([
			"Name can't be blank",
			'Name has already been taken',
		]);
	});

	test('{"errors": {field: [...]}} prefixes each message with the field label', () => {
		expect(
			extractErrorMessages({
				errors: { name: ["can't be blank", 'is too short'], customer_type_id: ['is invalid'] },
			}),
		).toEqual(["Name can't be blank", 'Name is too short', 'Customer type id is invalid']);
	});

	test('{"errors": {base: [...]}} has no field label', () => {
		expect(extractErrorMessages({ errors: { base: ['Job cannot be deleted'] } })).toEqual(['Job cannot be deleted']);
	});

	test('{"errors": {field: "text"}} (a string, not an array)', () => {
		expect(extractErrorMessages({ errors: { amount: 'must be greater than 0' } })).toEqual([
			'Amount must be greater than 0',
		]);
	});

	test('{"errors": "text"}', () => {
		expect(extractErrorMessages({ errors: 'Something went wrong' })).toEqual(['Something went wrong']);
	});

	test('{"error": "..."}', () => {
		expect(extractErrorMessages({ error: 'Invalid customer.' })).toEqual(['Invalid customer.']);
	});

	test('{"error": {"message": "..."}}', () => {
		expect(extractErrorMessages({ error: { message: 'Not allowed' } })).toEqual(['Not allowed']);
	});

	test('{"message": "..."}', () => {
		expect(extractErrorMessages({ message: 'Customer successfully deleted' })).toEqual([
			'Customer successfully deleted',
		]);
	});

	test('{"messages": [...]}', () => {
		expect(extractErrorMessages({ messages: ['a', 'b'] })).toEqual(['a', 'b']);
	});

	test('an empty "errors" falls through to "error"', () => {
		expect(extractErrorMessages({ errors: [], error: 'Fallback' })).toEqual(['Fallback']);
	});

	test('blank entries are dropped and text is trimmed', () => {
		expect(extractErrorMessages({ errors: ['  padded  ', '', '   ', null] })).toEqual(['padded']);
	});

	test('numbers in messages are kept', () => {
		expect(extractErrorMessages({ errors: { code: [42] } })).toEqual(['Code 42']);
	});

	test('an array of objects keeps the human text somewhere in the result', () => {
		const found = extractErrorMessages({ errors: [{ message: "Name can't be blank" }] });
		expect(found).toContain("Name can't be blank");
	});

	test('JSON given as a string is parsed', () => {
		expect(extractErrorMessages('{"errors":{"name":["has already been taken"]}}')).toEqual([
			'Name has already been taken',
		]);
		expect(extractErrorMessages('  {"error":"Invalid job."}  ')).toEqual(['Invalid job.']);
	});

	test('text that starts like JSON but is not stays text', () => {
		expect(extractErrorMessages('{oops not json')).toEqual(['{oops not json']);
	});

	test('plain text is returned trimmed', () => {
		expect(extractErrorMessages('  Invalid customer.\n')).toEqual(['Invalid customer.']);
	});

	test('long plain text is cut at 500 characters with an ellipsis', () => {
		const [message] = extractErrorMessages('x'.repeat(2000));
		expect(message).toHaveLength(501);
		expect(message.endsWith('…')).toBe(true);
	});

	test('XML <errors><error>…</error></errors> gives each error', () => {
		const xml =
			'<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Name can\'t be blank</error>\n  <error>\n    Job type is invalid\n  </error>\n</errors>';
		expect(extractErrorMessages(xml)).toEqual(["Name can't be blank", 'Job type is invalid']);
	});

	test('other XML is reduced to its text', () => {
		expect(extractErrorMessages('<hash><status>failed</status><reason>Locked</reason></hash>')).toEqual([
			'failed Locked',
		]);
	});

	test('an HTML page gives no message (no markup leaks into errors)', () => {
		const html =
			'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
		expect(extractErrorMessages(html)).toEqual([]);
		expect(extractErrorMessages('<HTML><BODY>Oops</BODY></HTML>')).toEqual([]);
	});

	test('a Buffer is decoded as UTF-8', () => {
		expect(extractErrorMessages(Buffer.from('{"errors":["Ünïcödé fails"]}', 'utf8'))).toEqual(['Ünïcödé fails']);
		expect(extractErrorMessages(Buffer.from('<errors><error>Bad</error></errors>'))).toEqual(['Bad']);
		expect(extractErrorMessages(Buffer.from('plain'))).toEqual(['plain']);
		expect(extractErrorMessages(Buffer.alloc(0))).toEqual([]);
	});

	test.each([
		['undefined', undefined],
		['null', null],
		['empty string', ''],
		['whitespace', '  \n\t '],
		['empty object', {}],
		['object without known keys', { status: 'failed' }],
		['number', 500],
		['boolean errors', { errors: true }],
		['empty errors object', { errors: {} }],
	])('empty / unknown body (%s) gives no message', (_label, body) => {
		expect(extractErrorMessages(body)).toEqual([]);
	});
});

describe('isNotFound', () => {
	test('404 is not found whatever the body', () => {
		expect(isNotFound({ statusCode: 404, body: undefined })).toBe(true);
		expect(isNotFound({ statusCode: 404, body: '<html>Not Found</html>' })).toBe(true);
		expect(isNotFound({ statusCode: 404, body: { error: 'Record not found' } })).toBe(true);
	});

	test.each([
		['plain text customer', 'Invalid customer.'],
		['plain text job', 'Invalid job.'],
		['without the dot', 'Invalid job'],
		['lower case', 'invalid customer.'],
		['JSON error', { error: 'Invalid customer.' }],
		['JSON errors array', { errors: ['Invalid job.'] }],
		['JSON errors base', { errors: { base: ['Invalid customer.'] } }],
		['JSON text', '{"error":"Invalid job."}'],
		['XML', '<errors><error>Invalid customer.</error></errors>'],
		['Buffer', Buffer.from('Invalid customer.')],
	])('400 "Invalid customer." / "Invalid job." counts as not found (%s)', (_label, body) => {
		expect(isNotFound({ statusCode: 400, body })).toBe(true);
	});

	test.each([
		['other message', 'Invalid date.'],
		['longer message', 'Invalid customer number format'],
		['invalid note', 'Invalid note.'],
		['mixed messages', { errors: ['Invalid customer.', "Name can't be blank"] }],
		['no body', undefined],
		['empty body', ''],
	])('other 400 replies are not "not found" (%s)', (_label, body) => {
		expect(isNotFound({ statusCode: 400, body })).toBe(false);
	});

	test.each([200, 401, 403, 422, 429, 500, 503])('status %d with "Invalid customer." is not "not found"', (statusCode) => {
		expect(isNotFound({ statusCode, body: 'Invalid customer.' })).toBe(false);
	});
});

describe('describePath', () => {
	test.each([
		['/customers/380.json', 'customer 380'],
		['/jobs/617.json', 'job 617'],
		['/customers/380/notes/5.json', 'customer 380, note 5'],
		['/customers/380/jobs/617.json', 'customer 380, job 617'],
		['/jobs/617/payments/12.json', 'job 617, payment 12'],
		['/customers/380/payments/99', 'customer 380, payment 99'],
		['customers/380.json', 'customer 380'],
		['/customers.json', ''],
		['/customers/380/notes.json', 'customer 380'],
		['/customers/filter.json', ''],
		['/customers/customer_validation.json', ''],
		['/calendar.json', ''],
		['', ''],
	])('%s -> "%s"', (path, expected) => {
		expect(describePath(path)).toBe(expected);
	});
});

describe('explainFailure', () => {
	test('401 mentions the token and the slug, and does not invite retrying', () => {
		const result = explainFailure({ statusCode: 401, body: 'HTTP Basic: Access denied.\n' }, ctx('/customers.json'));
		expect(result.httpCode).toBe('401');
		expect(result.message).toMatch(/401/);
		expect(result.message).toMatch(/credential/i);
		expect(result.description).toMatch(/token/i);
		expect(result.description).toMatch(/slug/i);
		expect(result.description).toMatch(/lock/i);
	});

	test('403 says permissions and carries what Kickserv said', () => {
		const result = explainFailure({ statusCode: 403, body: { error: 'Not permitted' } }, ctx('/jobs/617.json', 'PUT'));
		expect(result.httpCode).toBe('403');
		expect(result.message).toMatch(/403/);
		expect(result.description).toMatch(/permission/i);
		expect(result.description).toContain('Not permitted');
	});

	test('404 names the number and the account', () => {
		const result = explainFailure({ statusCode: 404, body: '' }, ctx('/customers/380.json'));
		expect(result.httpCode).toBe('404');
		expect(result.message).toContain('customer 380');
		expect(result.message).toContain('acme-plumbing');
		expect(result.description).toMatch(/^Check the number \(the one the Kickserv web app shows\)/);
		expect(result.description).not.toMatch(/numbers|ones/);
	});

	test('404 with two numbers names both and says "numbers"', () => {
		const result = explainFailure({ statusCode: 404, body: { error: 'Not found' } }, ctx('/customers/380/notes/5.json'));
		expect(result.message).toContain('customer 380');
		expect(result.message).toContain('note 5');
		expect(result.message).toContain('acme-plumbing');
		expect(result.message).toBe('Kickserv account "acme-plumbing" has no note 5 on customer 380');
		expect(result.description).toMatch(/^Check the note ID 5: it is an internal ID the Kickserv web app does not show \(Note > Get Many/);
		expect(result.description).toContain('Check the customer number too (the one the Kickserv web app shows)');
		expect(result.description).toContain('Not found');
	});

	test('404 for a charge of a job names the charge as missing, on its job', () => {
		const result = explainFailure({ statusCode: 404, body: '' }, ctx('/jobs/1017/job_charges/5199999.json', 'PUT'));
		expect(result.message).toBe('Kickserv account "acme-plumbing" has no job charge 5199999 on job 1017');
		expect(result.description).toContain('Job Charge > Get Many lists the IDs');
		expect(result.description).not.toMatch(/Check the number \(/);
	});

	test.each([
		['/tasks/3300099.json', 'task 3300099', 'Task > Get Many lists task IDs'],
		['/employees/999.json', 'employee 999', 'Employee > Get Many lists employee IDs'],
	])('404 for an internal ID (%s) says where the ID comes from, not the web app', (path, missing, source) => {
		const result = explainFailure({ statusCode: 404, body: '' }, ctx(path));
		expect(result.message).toBe(`Kickserv account "acme-plumbing" has no ${missing}`);
		expect(result.description).toContain(source);
		expect(result.description).toContain('the Kickserv web app does not show');
		expect(result.description).not.toMatch(/the one the Kickserv web app shows/);
	});

	test('404 on a path without numbers names the path', () => {
		const result = explainFailure({ statusCode: 404, body: undefined }, ctx('/customers/filter.json'));
		expect(result.message).toContain('/customers/filter.json');
		expect(result.httpCode).toBe('404');
	});

	test('400 "Invalid job." is explained as not found (httpCode 404)', () => {
		const result = explainFailure({ statusCode: 400, body: 'Invalid job.' }, ctx('/jobs/617.json'));
		expect(result.httpCode).toBe('404');
		expect(result.message).toContain('job 617');
		expect(result.message).toContain('acme-plumbing');
		expect(result.description).toContain('Invalid job.');
	});

	test('422 names every validation message once: in the message, not again in the description', () => {
		const body = { errors: { name: ['has already been taken'], email_address: ['is invalid'], base: ['Locked'] } };
		const result = explainFailure({ statusCode: 422, body }, ctx('/customers/380.json', 'PUT'));
		expect(result.httpCode).toBe('422');
		for (const text of ['Name has already been taken', 'Email address is invalid', 'Locked']) {
			expect(result.message).toContain(text);
			expect(result.description).not.toContain(text);
		}
		expect(result.message).toContain('customer 380');
		expect(result.description).toMatch(/^Kickserv needs this value to be unique in the account/);
		const other = explainFailure({ statusCode: 422, body: { errors: { email_address: ['is invalid'] } } }, ctx('/customers/380.json', 'PUT'));
		expect(other.description).toBe('Correct the value Kickserv named and run again.');
	});

	test('422 from XML lists every message', () => {
		const result = explainFailure(
			{ statusCode: 422, body: '<errors><error>Amount is invalid</error><error>Date is invalid</error></errors>' },
			ctx('/jobs/617/payments.json', 'POST'),
		);
		expect(result.message).toContain('Amount is invalid; Date is invalid');
		expect(result.description).not.toContain('is invalid');
	});

	test('422 without messages says so', () => {
		const result = explainFailure({ statusCode: 422, body: '' }, ctx('/customers.json', 'POST'));
		expect(result.message).toMatch(/validation failed/);
		expect(result.description).toMatch(/did not say/);
	});

	test('429 says rate limited', () => {
		const result = explainFailure({ statusCode: 429, body: 'Slow down' }, ctx('/jobs.json'));
		expect(result.httpCode).toBe('429');
		expect(result.message).toMatch(/429|rate/i);
		expect(result.description).toContain('Slow down');
	});

	test.each([500, 502, 503, 504])('%d is a server error', (statusCode) => {
		const result = explainFailure({ statusCode, body: { error: 'Internal' } }, ctx('/jobs.json'));
		expect(result.httpCode).toBe(String(statusCode));
		expect(result.message).toContain(String(statusCode));
		expect(result.message).toMatch(/server error/);
		expect(result.message).toContain('Internal');
		expect(result.description).toMatch(/Kickserv's side/);
	});

	test('5xx with an HTML page does not leak markup', () => {
		const result = explainFailure(
			{ statusCode: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
			ctx('/jobs.json'),
		);
		expect(result.message).not.toMatch(/</);
	});

	test('other statuses give the status, the message, the method and the path', () => {
		const result = explainFailure({ statusCode: 409, body: { error: 'Conflict here' } }, ctx('/jobs/617.json', 'PUT'));
		expect(result.httpCode).toBe('409');
		expect(result.message).toContain('409');
		expect(result.message).toContain('Conflict here');
		expect(result.description).toContain('PUT /jobs/617.json');
	});

	test('a plain 400 (not "invalid customer") is not turned into 404', () => {
		const result = explainFailure({ statusCode: 400, body: { error: 'Bad date' } }, ctx('/jobs/617.json', 'PUT'));
		expect(result.httpCode).toBe('400');
		expect(result.message).toContain('Bad date');
	});
});

describe('inferredJsonList', () => {
	test('the lists whose JSON form is a guess, each with the request that tells a wrong slug or job apart', () => {
		expect(inferredJsonList('/items.json')).toEqual({ list: '/items.json', probe: '/customers.json', checked: 'the Account Slug' });
		expect(inferredJsonList('/invoices.json')?.probe).toBe('/customers.json');
		expect(inferredJsonList('/tasks/job_list.json')?.probe).toBe('/customers.json');
		expect(inferredJsonList('/jobs/7001/time_entries.json')).toEqual({ list: '/jobs/{job}/time_entries.json', probe: '/jobs/7001.json', checked: 'job 7001' });
		expect(inferredJsonList('/jobs/7001/job_charges.json')?.probe).toBe('/jobs/7001.json');
	});

	test('recorded paths and paths naming records are not among them (their 404 means what it says)', () => {
		for (const path of ['/customers.json', '/jobs.json', '/jobs/7001.json', '/jobs/7001/payments.json', '/jobs/7001/job_charges/5.json', '/customers/380/notes.json']) {
			expect(inferredJsonList(path)).toBeUndefined();
		}
	});
});
