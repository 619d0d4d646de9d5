/** filters.ts: a Get Many filter checked against each record returned. */
import type { IDataObject, INode } from 'n8n-workflow';

import { matchesFilter, recordFilter, type FilterRule } from '../../nodes/Kickserv/transport/filters';

const node = { name: 'Kickserv', type: 'n8n-nodes-kickserv.kickserv' } as INode;

describe('matchesFilter', () => {
	test.each<[string, FilterRule, IDataObject, unknown, boolean | undefined]>([
		['a number, given as text', { param: 'customer_number', compare: 'number', label: 'Customer Number' }, { customer_number: 380 }, '380', true],
		['another number', { param: 'customer_number', compare: 'number', label: 'Customer Number' }, { customer_number: 381 }, 380, false],
		['null is no number', { param: 'customer_source_id', compare: 'number', label: 'Source' }, { customer_source_id: null }, 0, false],
		['no such field: as Kickserv filtered it', { param: 'customer_number', compare: 'number', label: 'Customer Number' }, { id: 1 }, 380, undefined],
		['text in another case, accents and spaces', { param: 'service_city', compare: 'text', label: 'City' }, { service_city: ' Montréal  Nord' }, 'montreal nord', true],
		['other text', { param: 'service_city', compare: 'text', label: 'City' }, { service_city: 'Laval' }, 'Montreal', false],
		['a phone number with other punctuation', { param: 'phone_number', compare: 'phone', label: 'Phone' }, { phone_number: '(555) 010-2030' }, '555-010-2030', true],
		['any of the phone fields', { param: 'phone_number', fields: ['phone_number', 'mobile'], compare: 'phone', label: 'Phone' }, { phone_number: '1', mobile: '555 0102' }, '5550102', true],
		['another phone number', { param: 'phone_number', compare: 'phone', label: 'Phone' }, { phone_number: '555-010-2031' }, '555-010-2030', false],
		['contains, any case', { param: 'q', fields: ['name'], compare: 'contains', label: 'Name Contains' }, { name: 'Robert Smith' }, 'OBERT', true],
		['does not contain', { param: 'q', fields: ['name'], compare: 'contains', label: 'Name Contains' }, { name: 'Alice' }, 'obert', false],
		['first letter, any case', { param: 'begins_with', fields: ['name'], compare: 'firstLetter', label: 'Begins' }, { name: 'alice' }, 'A', true],
		['another first letter', { param: 'begins_with', fields: ['name'], compare: 'firstLetter', label: 'Begins' }, { name: 'Bob' }, 'a', false],
		['one of the statuses, as a list spells it', { param: 'status', compare: 'status', label: 'Status' }, { status: 'In Progress' }, ['complete', 'in_progress'], true],
		['none of the statuses', { param: 'status', compare: 'status', label: 'Status' }, { status: 'scheduled' }, ['complete'], false],
	])('%s', (_label, rule, record, wanted, expected) => {
		expect(matchesFilter(record, rule, wanted)).toBe(expected);
	});
});

describe('recordFilter', () => {
	const rules: FilterRule[] = [
		{ param: 'status', compare: 'status', label: 'Status' },
		{ param: 'invoice_status', compare: 'status', label: 'Invoice Status', onMismatch: 'stop' },
	];

	test('no checked filter sent: no check', () => {
		expect(recordFilter(node, '/jobs.json', {}, rules)).toBeUndefined();
		expect(recordFilter(node, '/jobs.json', { status: [], page: 2 }, rules)).toBeUndefined();
		expect(recordFilter(node, '/jobs.json', undefined, rules)).toBeUndefined();
	});

	test('drops a record that contradicts a drop rule, keeps one without the field', () => {
		const keep = recordFilter(node, '/jobs.json', { status: ['complete'] }, rules) as (record: object) => boolean;
		expect(keep({ status: 'complete' })).toBe(true);
		expect(keep({ status: 'scheduled' })).toBe(false);
		expect(keep({ id: 1 })).toBe(true);
	});

	test('a stop rule throws the guess named, with the value seen', () => {
		const keep = recordFilter(node, '/invoices.json', { invoice_status: 'unpaid' }, rules) as (record: object) => boolean;
		expect(keep({ invoice_status: 'unpaid' })).toBe(true);
		expect(() => keep({ invoice_status: 'paid' })).toThrow('Kickserv did not answer as this node assumes: /invoices.json honours the filter "invoice_status" (Invoice Status)');
	});
});
