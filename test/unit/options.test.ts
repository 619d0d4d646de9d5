import type { INodeProperties } from 'n8n-workflow';

import { checkOptionValues, optionProblem } from '../../nodes/Kickserv/transport/options';

const STATUSES = [
	{ name: 'Complete', value: 'complete' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Unscheduled', value: 'unscheduled' },
];

describe('optionProblem: multi-options', () => {
	test('a list of listed values passes; one listed value alone passes only as a list of one (singleAsList)', () => {
		expect(optionProblem('Status', ['scheduled', 'complete'], STATUSES, true)).toBeUndefined();
		expect(optionProblem('Status', 'scheduled', STATUSES, true, true)).toBeUndefined();
		expect(optionProblem('Status', '', STATUSES, true, true)).toBeUndefined();
		expect(optionProblem('Status', 'scheduled', STATUSES, true)).toMatch(/^Status must be a list of values from/);
	});

	test('a comma list in one text, or an unknown value, is refused naming what is not listed and what to send', () => {
		expect(optionProblem('Status', 'scheduled, done', STATUSES, true, true)).toBe(
			'Status must be one value or a list of values from: "complete" (Complete), "scheduled" (Scheduled), "unscheduled" (Unscheduled), case-sensitive ' +
				'(got "scheduled, done": not listed "done"). Send one value, e.g. "complete", or a list, e.g. ["complete", "scheduled"]',
		);
		expect(optionProblem('Status', 'Scheduled', STATUSES, true, true)).toMatch(/\(got "Scheduled"\)\. Send one value/);
		expect(optionProblem('Status', ['done'], STATUSES, true, true)).toMatch(/must hold only values from: .* \(got "done"\)/);
	});
});

describe('checkOptionValues: emptyIsUnset', () => {
	const filters = {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		default: {},
		options: [{ displayName: 'Scheduled', name: 'scheduled', type: 'options', options: [{ name: 'Today', value: 'today' }], default: 'today' }],
	} as INodeProperties;
	test('a collection field holding "" is skipped only when "" counts as not set', () => {
		const get = (name: string) => (name === 'filters' ? { scheduled: '' } : undefined);
		expect(() => checkOptionValues([filters], get)).toThrow(/^Scheduled must be one of "today" \(Today\)/);
		expect(() => checkOptionValues([filters], get, { emptyIsUnset: true })).not.toThrow();
	});
});
