import {
	MAX_ID,
	amount,
	email,
	isoDate,
	isoDateTime,
	isoDay,
	oneOf,
	optionalPositiveInteger,
	optionalText,
	positiveInteger,
	requiredText,
} from '../../nodes/Kickserv/transport/validate';

/** Runs `fn`, expects it to throw, and returns the message (which must name the field). */
function failure(fn: () => unknown, field: string): string {
	let thrown: unknown;
	try {
		fn();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(Error);
	const message = (thrown as Error).message;
	expect(message).toContain(field);
	return message;
}

describe('positiveInteger', () => {
	const F = 'Customer Number';

	test.each([
		[1, 1],
		['1', 1],
		[380, 380],
		['617', 617],
		[' 42 ', 42],
		['\t42\n', 42],
		['007', 7],
		[1e3, 1000], // the number 1000, written in exponent form in the source
		[MAX_ID, MAX_ID],
		[String(MAX_ID), MAX_ID],
	])('accepts %j -> %d', (value, expected) => {
		expect(positiveInteger(value, F)).toBe(expected);
	});

	test.each([
		['../5'],
		['5/6'],
		['5?x=1'],
		['%2F'],
		['5%2F6'],
		['-3'],
		[-3],
		['1.5'],
		[1.5],
		['1e3'],
		['0x10'],
		['+5'],
		['5 6'],
		['abc'],
		[NaN],
		[Infinity],
		[1e21],
	])('refuses %j as not a whole number, naming the field', (value) => {
		expect(failure(() => positiveInteger(value, F), F)).toMatch(/positive whole number/);
	});

	test.each([['0'], [0], ['99999999999'], [99999999999], [MAX_ID + 1], ['000']])(
		'refuses %j as out of range, naming the field',
		(value) => {
			expect(failure(() => positiveInteger(value, F), F)).toMatch(/between 1 and 2147483647/);
		},
	);

	test.each([[''], ['   '], [undefined], [null], [true], [{}], [[5]]])('refuses %j as missing, naming the field', (value) => {
		failure(() => positiveInteger(value, F), F);
	});

	test('the message shows the value given', () => {
		expect(failure(() => positiveInteger('../5', 'Job Number'), 'Job Number')).toContain('../5');
	});

	test('a huge value is shortened in the message', () => {
		const message = failure(() => positiveInteger('x'.repeat(5000), 'Note ID'), 'Note ID');
		expect(message.length).toBeLessThan(200);
	});
});

describe('optionalPositiveInteger', () => {
	const F = 'Job Type ID';

	test.each([[undefined], [null], ['']])('%j is absent', (value) => {
		expect(optionalPositiveInteger(value, F)).toBeUndefined();
	});

	test('a value is checked as a positive integer', () => {
		expect(optionalPositiveInteger('61', F)).toBe(61);
		expect(optionalPositiveInteger(24551, F)).toBe(24551);
	});

	test.each([['0'], ['-1'], ['1.5'], ['abc'], ['5/6']])('refuses %j naming the field', (value) => {
		failure(() => optionalPositiveInteger(value, F), F);
	});
});

describe('requiredText', () => {
	const F = 'Note Text';

	test('returns the trimmed text', () => {
		expect(requiredText('  Hello  ', F)).toBe('Hello');
		expect(requiredText('Multi\nline', F)).toBe('Multi\nline');
	});

	test('numbers are text', () => {
		expect(requiredText(42, F)).toBe('42');
		expect(requiredText(0, F)).toBe('0');
	});

	test.each([[''], ['   '], ['\n\t']])('refuses empty / whitespace-only %j naming the field', (value) => {
		expect(failure(() => requiredText(value, F), F)).toMatch(/empty/);
	});

	test.each([[undefined], [null], [true], [{}], [['a']]])('refuses non-text %j naming the field', (value) => {
		failure(() => requiredText(value, F), F);
	});

	test('free text (asWritten) keeps indentation and the final newline; whitespace-only is still refused', () => {
		expect(requiredText('  indented\n\tline\n', F, 100, true)).toBe('  indented\n\tline\n');
		expect(requiredText('emoji 🚐 ünïcødé', F, 100, true)).toBe('emoji 🚐 ünïcødé');
		expect(failure(() => requiredText(' \n\t ', F, 100, true), F)).toMatch(/empty or only whitespace/);
	});

	test('an object or array says what was given, not that the field is missing', () => {
		expect(failure(() => requiredText({ a: 1 }, F), F)).toBe('Note Text must be text (got {"a":1})');
	});

	test('refuses oversized text naming the field and the limit', () => {
		const message = failure(() => requiredText('x'.repeat(10_001), F), F);
		expect(message).toContain('10001');
		expect(message).toContain('10000');
	});

	test('accepts text exactly at the limit, and honours a custom limit', () => {
		expect(requiredText('x'.repeat(10_000), F)).toHaveLength(10_000);
		expect(requiredText('abc', 'Name', 3)).toBe('abc');
		failure(() => requiredText('abcd', 'Name', 3), 'Name');
	});

	test('the limit applies after trimming', () => {
		expect(requiredText(`  ${'x'.repeat(5)}  `, 'Name', 5)).toBe('xxxxx');
	});
});

describe('optionalText', () => {
	const F = 'PO Number';

	test('absent values', () => {
		expect(optionalText(undefined, F)).toBeUndefined();
		expect(optionalText(null, F)).toBeUndefined();
	});

	test('keeps text as given (an empty string clears a field)', () => {
		expect(optionalText('', F)).toBe('');
		expect(optionalText('  PO-1  ', F)).toBe('  PO-1  ');
	});

	test('numbers and booleans become text', () => {
		expect(optionalText(12, F)).toBe('12');
		expect(optionalText(false, F)).toBe('false');
	});

	test.each([[{}], [['a']], [{ a: 1 }]])('refuses %j naming the field', (value) => {
		expect(failure(() => optionalText(value, F), F)).toMatch(/must be text/);
	});

	test('refuses oversized text naming the field', () => {
		failure(() => optionalText('x'.repeat(10_001), F), F);
		failure(() => optionalText('abcdef', F, 5), F);
	});
});

describe('isoDay', () => {
	const F = 'Starts At or After';
	test.each([
		['2026-12-10', '2026-12-10'],
		['2026-12-10T00:00:00', '2026-12-10'],
		['2026-12-10T00:00:00.000Z', '2026-12-10'],
		['2026-12-10T00:00:00-05:00', '2026-12-10'],
		['2026-12-10 00:00', '2026-12-10'],
	])('%s is the day %s', (value, expected) => {
		expect(isoDay(value, F)).toBe(expected);
	});

	test.each(['2026-12-10T15:00:00', '2026-12-10T00:00:01', '2026-12-10T00:00:00.500Z', '2026-12-10 09:30'])('%s is refused: its time would be dropped', (value) => {
		expect(failure(() => isoDay(value, F), F)).toMatch(/takes a day, not a time/);
	});

	test('what isoDate refuses, isoDay refuses', () => {
		expect(failure(() => isoDay('28/11/2026', F), F)).toMatch(/must be a date like/);
	});
});

describe('isoDate', () => {
	const F = 'Payment Date';

	test.each([
		['2026-11-28', '2026-11-28'],
		[' 2026-11-28 ', '2026-11-28'],
		['2024-02-29', '2024-02-29'],
		['2026-11-28T09:30:00-05:00', '2026-11-28'],
		['2026-11-28T23:30:00-05:00', '2026-11-28'],
		['2026-11-28T09:30:00Z', '2026-11-28'],
		['2026-11-28 09:30', '2026-11-28'],
	])('accepts %j -> %s', (value, expected) => {
		expect(isoDate(value, F)).toBe(expected);
	});

	test('accepts a Date (its UTC date)', () => {
		expect(isoDate(new Date(Date.UTC(2026, 10, 28, 12)), F)).toBe('2026-11-28');
	});

	test.each([
		['2026-02-30'],
		['2025-02-29'],
		['2026-13-01'],
		['2026-00-10'],
		['2026-11-00'],
		['2026-11-31'],
		['28/11/2026'],
		['11/28/2026'],
		['2026/11/28'],
		['2026-1-5'],
		['20261128'],
		['tomorrow'],
		[''],
		['   '],
		[undefined],
		[null],
		[20261128],
	])('refuses %j naming the field', (value) => {
		expect(failure(() => isoDate(value, F), F)).toMatch(/2026-11-28/);
	});

	// Fixed (was a bug): an invalid Date object reaches `value.toISOString()`, which throws a bare
	// RangeError "Invalid time value" that does not name the field.
	test('refuses an invalid Date naming the field', () => {
		expect(failure(() => isoDate(new Date('invalid'), F), F)).toMatch(/2026-11-28/);
	});
});

describe('isoDateTime', () => {
	const F = 'Scheduled On';

	test.each([
		['2026-11-28T09:30:00-05:00'],
		['2026-11-28T09:30:00+05:30'],
		['2026-11-28T09:30:00+0530'],
		['2026-11-28T09:30:00Z'],
		['2026-11-28T09:30:00.123Z'],
		['2026-11-28T09:30:00'],
		['2026-11-28T09:30'],
		['2026-11-28 09:30:00'],
		['2026-11-28T23:59:59-04:00'],
		['2026-11-28'],
	])('accepts %j as given', (value) => {
		expect(isoDateTime(value, F)).toBe(value);
	});

	test('trims and keeps the offset as given', () => {
		expect(isoDateTime('  2022-05-17T10:04:14-04:00 ', F)).toBe('2022-05-17T10:04:14-04:00');
	});

	test('accepts a Date as its ISO form', () => {
		const date = new Date(Date.UTC(2026, 10, 28, 14, 30));
		expect(isoDateTime(date, F)).toBe('2026-11-28T14:30:00.000Z');
	});

	test.each([
		['2026-02-30T09:30:00Z'],
		['2026-13-01T09:30:00Z'],
		['28/11/2026 09:30'],
		['2026-11-28T24:00:00Z'],
		['2026-11-28T09:60:00Z'],
		['2026-11-28T09:30:60Z'],
		['2026-11-28T09'],
		['2026-11-28T9:30'],
		['2026-11-28T09:30:00 EST'],
		['2026-11-28T09:30:00-5'],
		['2026-11-28Tgarbage'],
		['next tuesday'],
		[''],
		['  '],
		[undefined],
		[1764322200000],
	])('refuses %j naming the field', (value) => {
		expect(failure(() => isoDateTime(value, F), F)).toMatch(/date and time/);
	});

	// Fixed (was a bug): same as isoDate: an invalid Date throws RangeError "Invalid time value" without the field.
	test('refuses an invalid Date naming the field', () => {
		expect(failure(() => isoDateTime(new Date('invalid'), F), F)).toMatch(/date and time/);
	});

	describe("a time without an offset is the workflow's time zone", () => {
		test.each([
			['2026-11-28T09:30:00', 'America/New_York', '2026-11-28T09:30:00-05:00'],
			['2026-07-01T09:30:00', 'America/New_York', '2026-07-01T09:30:00-04:00'],
			['2026-11-28 09:30', 'America/Los_Angeles', '2026-11-28T09:30-08:00'],
			['2026-11-28T09:30:00.250', 'Asia/Kolkata', '2026-11-28T09:30:00.250+05:30'],
			['2026-11-28T00:00:00', 'UTC', '2026-11-28T00:00:00+00:00'],
			['2026-03-29T00:30:00', 'Europe/London', '2026-03-29T00:30:00+00:00'],
			['2026-03-29T02:30:00', 'Europe/London', '2026-03-29T02:30:00+01:00'],
			['2026-11-01T01:30:00', 'America/New_York', expect.stringMatching(/^2026-11-01T01:30:00-0[45]:00$/)],
		])('%j in %s is sent as %j', (value, zone, sent) => {
			expect(isoDateTime(value, F, zone)).toEqual(sent);
		});

		test.each([['2026-11-28T09:30:00Z'], ['2026-11-28T09:30:00+05:30'], ['2026-11-28']])('%j (an offset, or a day) is kept as given', (value) => {
			expect(isoDateTime(value, F, 'America/New_York')).toBe(value);
		});

		test('a time the zone skips (clocks forward) is refused, naming the field', () => {
			expect(failure(() => isoDateTime('2026-03-08T02:30:00', F, 'America/New_York'), F)).toMatch(
				/^Scheduled On 2026-03-08T02:30:00 does not exist in the workflow's time zone America\/New_York/,
			);
		});

		test('an unknown zone is refused, naming the field', () => {
			expect(failure(() => isoDateTime('2026-11-28T09:30:00', F, 'Mars/Olympus'), F)).toMatch(/^Scheduled On has no time zone, and the workflow's time zone "Mars\/Olympus" is unknown/);
		});
	});
});

describe('amount', () => {
	const F = 'Amount';

	test.each([
		['125', '125.00'],
		['125.5', '125.50'],
		['125.55', '125.55'],
		['0.01', '0.01'],
		[' 10 ', '10.00'],
		['1464.27', '1464.27'],
		['999999999.99', '999999999.99'],
		[125, '125.00'],
		[125.5, '125.50'],
		[0.29, '0.29'],
	])('accepts %j -> %s', (value, expected) => {
		expect(amount(value, F)).toBe(expected);
	});

	test.each([
		['0'],
		[0],
		['0.00'],
		['-1'],
		[-1],
		['12.345'],
		[12.345],
		['1,000'],
		['1,000.00'],
		['abc'],
		['$125'],
		['.5'],
		['5.'],
		['1e3'],
		['+5'],
		[''],
		['   '],
		[undefined],
		[null],
		[NaN],
		[Infinity],
		[{ amount: 5 }],
	])('refuses %j naming the field', (value) => {
		expect(failure(() => amount(value, F), F)).toMatch(/greater than 0/);
	});

	test.each([['1000000000'], [1_000_000_000], ['12345678901.50']])('refuses %j as too large, saying the maximum', (value) => {
		// (the message used to say "greater than 0 with at most 2 decimals", which these values satisfy)
		expect(failure(() => amount(value, F), F)).toMatch(/must be at most 999999999\.99/);
	});
});

describe('oneOf', () => {
	const F = 'Status';
	const allowed = ['unscheduled', 'scheduled', 'complete'] as const;

	test('accepts an allowed value', () => {
		expect(oneOf('scheduled', F, allowed)).toBe('scheduled');
	});

	test.each([['Scheduled'], [' scheduled'], ['done'], [''], [undefined], [1]])('refuses %j naming the field and the choices', (value) => {
		const message = failure(() => oneOf(value, F, allowed), F);
		expect(message).toContain('unscheduled, scheduled, complete');
	});
});

describe('email', () => {
	const F = 'Email Address';

	test('accepts and trims an address', () => {
		expect(email(' clarence@example.com ', F)).toBe('clarence@example.com');
		expect(email('a.b+c@sub.example.co.uk', F)).toBe('a.b+c@sub.example.co.uk');
	});

	test.each([['clarence'], ['clarence@example'], ['@example.com'], ['a b@example.com'], ['a@@example.com']])(
		'refuses %j naming the field',
		(value) => {
			expect(failure(() => email(value, F), F)).toMatch(/email/);
		},
	);

	test.each([[''], ['  '], [undefined]])('refuses empty %j naming the field', (value) => {
		failure(() => email(value, F), F);
	});

	test('refuses an oversized address naming the field', () => {
		failure(() => email(`${'a'.repeat(250)}@example.com`, F), F);
	});
});
