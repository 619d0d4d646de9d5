import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Options and multi-options parameters, checked against their listed values before any request.
 *
 * The editor offers only the listed values, but an expression can give anything ("Job" for "job",
 * "invoice", "bogus"), and n8n passes it on unchecked. A value outside the list would otherwise fall
 * through to another branch (a note written on the customer instead of the job), so every such
 * parameter that is shown for the current settings must hold one of its values, case-sensitively.
 * Pure: the caller supplies the parameter values.
 */

/** A parameter's value by name (`/name` = a top-level parameter, from inside a collection). */
export type ParameterGetter = (name: string) => unknown;

const show = (value: unknown): string => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** Whether the property is shown for these values (n8n's `displayOptions`: show and hide lists). */
export function isShown(property: INodeProperties, get: ParameterGetter): boolean {
	const { show: shown, hide } = property.displayOptions ?? {};
	const matches = (name: string, values: unknown) =>
		Array.isArray(values) && values.some((candidate) => candidate === get(name));
	for (const [name, values] of Object.entries(shown ?? {})) {
		if (name.startsWith('@')) continue;
		if (!matches(name, values)) return false;
	}
	for (const [name, values] of Object.entries(hide ?? {})) {
		if (!name.startsWith('@') && matches(name, values)) return false;
	}
	return true;
}

/** The listed values of an options parameter, or undefined when they are loaded from Kickserv. */
function listed(property: INodeProperties): INodePropertyOptions[] | undefined {
	if (property.typeOptions?.loadOptionsMethod || !Array.isArray(property.options)) return undefined;
	return (property.options as INodePropertyOptions[]).filter((option) => option && 'value' in option);
}

/**
 * Checks one value; returns what is wrong, naming the field and the allowed values. With `singleAsList`,
 * a multi-options parameter also takes one listed value on its own (an AI tool's `$fromAI(…, 'string')`
 * or an expression gives a string): the caller sends it as a list of one.
 */
export function optionProblem(
	label: string,
	value: unknown,
	options: INodePropertyOptions[],
	multi: boolean,
	singleAsList = false,
): string | undefined {
	const allowed = options.map((option) => option.value);
	const list = options.map((option) => (String(option.value) === option.name ? `"${option.value}"` : `"${option.value}" (${option.name})`)).join(', ');
	if (multi && singleAsList && !Array.isArray(value)) {
		// one value is a list of one; an empty expression result, an empty list
		if (value === '' || allowed.includes(value as string)) return undefined;
		const wrong = String(value).split(',').map((entry) => entry.trim()).filter((entry) => !allowed.includes(entry));
		const example = `"${String(allowed[0])}"`;
		return `${label} must be one value or a list of values from: ${list}, case-sensitive (got ${show(value)}${
			wrong.length && String(value).includes(',') ? `: not listed ${wrong.map(show).join(', ')}` : ''
		}). Send one value, e.g. ${example}, or a list, e.g. [${example}, "${String(allowed[1] ?? allowed[0])}"]`;
	}
	if (multi) {
		if (!Array.isArray(value)) return `${label} must be a list of values from: ${list} (got ${show(value)})`;
		const wrong = value.filter((entry) => !allowed.includes(entry as string));
		if (wrong.length) return `${label} must hold only values from: ${list}, case-sensitive (got ${wrong.map(show).join(', ')})`;
		return undefined;
	}
	if (!allowed.includes(value as string)) return `${label} must be one of ${list}, case-sensitive (got ${show(value)})`;
	return undefined;
}

const isChoice = (property: INodeProperties) => property.type === 'options' || property.type === 'multiOptions';

/** A yes/no parameter holds true or false (or "true"/"false" from an expression), nothing else. */
function booleanProblem(label: string, value: unknown): string | undefined {
	if (value === undefined || typeof value === 'boolean' || value === 'true' || value === 'false') return undefined;
	return `${label} must be true or false (got ${show(value)})`;
}

/**
 * Every options / multi-options parameter shown for the current values (and every one set inside a
 * shown collection), checked against its list, and every shown yes/no parameter (Return All, Simplify)
 * checked to be one. Throws an Error naming the first bad field. `singleAsList`: see optionProblem (the
 * action node sets it; its operations send a single value as a list of one). `emptyIsUnset`: a field of
 * a collection that holds "" counts as not set (an AI tool's `$fromAI(…, '')` default: the caller drops it).
 */
export function checkOptionValues(
	properties: readonly INodeProperties[],
	get: ParameterGetter,
	{ singleAsList = false, emptyIsUnset = false } = {},
): void {
	for (const property of properties) {
		if (!isShown(property, get)) continue;
		if (isChoice(property)) {
			const options = listed(property);
			// (a parameter that is not set at all is n8n's business: it fills in defaults)
			const problem = options && get(property.name) !== undefined && optionProblem(property.displayName, get(property.name), options, property.type === 'multiOptions', singleAsList);
			if (problem) throw new Error(problem);
		} else if (property.type === 'boolean') {
			const problem = booleanProblem(property.displayName, get(property.name));
			if (problem) throw new Error(problem);
		} else if (property.type === 'collection' && Array.isArray(property.options)) {
			const value = (get(property.name) ?? {}) as IDataObject;
			if (typeof value !== 'object' || value === null) continue;
			const inner: ParameterGetter = (name) => (name.startsWith('/') ? get(name.slice(1)) : value[name]);
			for (const child of property.options as INodeProperties[]) {
				if (!isChoice(child) || !(child.name in value) || !isShown(child, inner)) continue;
				if (emptyIsUnset && value[child.name] === '') continue;
				const options = listed(child);
				const problem = options && optionProblem(child.displayName, value[child.name], options, child.type === 'multiOptions', singleAsList);
				if (problem) throw new Error(problem);
			}
		}
	}
}

const MISSING = Symbol('missing');

/** A getter over a context's parameters (`undefined` for one that is not set, instead of n8n's error). */
export const parameterGetter =
	(context: { getNodeParameter(name: string, fallback: unknown): unknown }): ParameterGetter =>
	(name) => {
		const value = context.getNodeParameter(name, MISSING);
		return value === MISSING ? undefined : value;
	};

/** The action node's properties, registered by the node so that every operation's first check can read them. */
let nodeProperties: readonly INodeProperties[] = [];

export function registerProperties(properties: readonly INodeProperties[]): readonly INodeProperties[] {
	nodeProperties = properties;
	return properties;
}

export const registeredProperties = (): readonly INodeProperties[] => nodeProperties;
