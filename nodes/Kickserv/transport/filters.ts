import type { IDataObject, INode } from 'n8n-workflow';

import { assumptionError } from './errors';

/**
 * Get Many filters checked against the records Kickserv returns.
 *
 * Most list filters are documented only by the seed document or the unofficial JSON write-up ([seed],
 * [doc]): a server that ignores one answers the whole list, which the node would pass on as filtered.
 * So each record that carries the filtered field is compared with what was asked. A record that does
 * not match is dropped (`drop`: the comparison is exact, or more lenient than any rule Kickserv could
 * apply: case, accents, spaces and phone punctuation do not count, so only a record that matches under
 * no plausible rule is left out), or stops the list with an error naming the guess (`stop`: where the
 * reply says more than its records, as `/invoices.json`'s total). A record without the field is kept, as
 * Kickserv filtered it. Limit counts the records kept; Return All reads every page, so it stays complete.
 */

/** How a record's value is compared with the filter's. */
export type Comparison = 'number' | 'text' | 'phone' | 'contains' | 'firstLetter' | 'status';

export interface FilterRule {
	/** The query parameter the filter is sent as. */
	param: string;
	/** The record fields it is judged by, any of them matching (default: the parameter). */
	fields?: readonly string[];
	compare: Comparison;
	/** The filter's display name, for the error. */
	label: string;
	/** What a record that contradicts the filter does: dropped (default), or the list stops. */
	onMismatch?: 'drop' | 'stop';
}

/** A job status as `/jobs.json` spells it (`in_progress`), from however a list spells it (`In Progress`). */
export const statusKey = (status: unknown): string => String(status ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Text as any case- and accent-insensitive collation would compare it, spaces folded. */
const folded = (value: unknown): string =>
	String(value ?? '')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();

const digits = (value: unknown): string => String(value ?? '').replace(/\D/g, '');

const COMPARE: Record<Comparison, (value: unknown, wanted: unknown) => boolean> = {
	number: (value, wanted) => value !== null && value !== '' && Number(value) === Number(wanted),
	text: (value, wanted) => folded(value) === folded(wanted),
	// (a phone number written with other punctuation or spaces is the same number)
	phone: (value, wanted) => (digits(wanted) ? digits(value) === digits(wanted) : folded(value) === folded(wanted)),
	contains: (value, wanted) => folded(value).includes(folded(wanted)),
	firstLetter: (value, wanted) => folded(value).startsWith(folded(wanted)),
	status: (value, wanted) => statusKey(value) === statusKey(wanted),
};

const given = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length);

/** Whether `record` matches the rule's filter value(s) (any of them, for a list of values); undefined when it carries no such field. */
export function matchesFilter(record: IDataObject, rule: FilterRule, wanted: unknown): boolean | undefined {
	const carried = fieldsOf(rule).filter((field) => record[field] !== undefined);
	if (!carried.length) return undefined;
	const values = Array.isArray(wanted) ? wanted : [wanted];
	return carried.some((field) => values.some((value) => COMPARE[rule.compare](record[field], value)));
}

const fieldsOf = (rule: FilterRule): readonly string[] => rule.fields ?? [rule.param];

/**
 * The check of a list's records against the filters sent in `qs`, or undefined when no checked filter was
 * sent. It answers whether to keep a record, and throws for a `stop` rule's mismatch.
 */
export function recordFilter(node: INode, path: string, qs: IDataObject | undefined, rules: readonly FilterRule[]): ((record: IDataObject) => boolean) | undefined {
	const active = rules.filter((rule) => given(qs?.[rule.param]));
	if (!active.length) return undefined;
	return (record) => {
		for (const rule of active) {
			const wanted = qs?.[rule.param];
			if (matchesFilter(record, rule, wanted) !== false) continue;
			if (rule.onMismatch !== 'stop') return false;
			const seen = fieldsOf(rule).filter((field) => record[field] !== undefined);
			throw assumptionError(
				node,
				`${path} honours the filter "${rule.param}" (${rule.label})`,
				`It returned a record with ${seen.map((field) => `"${field}" ${JSON.stringify(record[field])}`).join(', ')} when ${JSON.stringify(wanted)} was asked.`,
				'The reply cannot be trusted as filtered, so nothing is returned rather than records that were not asked for.',
			);
		}
		return true;
	};
}
