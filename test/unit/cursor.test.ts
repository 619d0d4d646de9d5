import {
	RECENT_MAX,
	classify,
	decodeNumbers,
	decodeWindow,
	encodeNumbers,
	encodeWindow,
	fingerprint,
	mayHavePayments,
	planNew,
	reachedKnown,
	seedIdCursor,
	watchedOf,
	windowFloor,
	type IdCursor,
	type Watched,
} from '../../nodes/Kickserv/trigger/cursor';

interface Rec {
	n: number;
	tag?: string;
}

const recs = (...numbers: number[]): Rec[] => numbers.map((n) => ({ n }));
const numberOf = (r: Rec) => r.n;
const numbersOf = (list: Rec[]) => list.map(numberOf);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return { next, int };
}

describe('encodeNumbers / decodeNumbers', () => {
	test('round trip', () => {
		const numbers = [1, 35, 36, 617, 380, 2_147_483_647, 0];
		expect(decodeNumbers(encodeNumbers(numbers))).toEqual(numbers);
	});

	test('base 36, comma separated', () => {
		expect(encodeNumbers([35, 36, 1296])).toBe('z,10,100');
	});

	test('empty', () => {
		expect(encodeNumbers([])).toBe('');
		expect(decodeNumbers('')).toEqual([]);
		expect(decodeNumbers(undefined)).toEqual([]);
		expect(decodeNumbers(',,')).toEqual([]);
	});
});

describe('seedIdCursor', () => {
	test('everything present counts as seen', () => {
		const cursor = seedIdCursor([617, 615, 616, 600]);
		expect(cursor.high).toBe(617);
		expect(decodeNumbers(cursor.recent)).toEqual([617, 616, 615, 600]);
	});

	test('no numbers: high 0, nothing recent', () => {
		expect(seedIdCursor([])).toEqual({ high: 0, recent: '' });
	});

	test('duplicates are removed and only RECENT_MAX are kept, the largest', () => {
		const cursor = seedIdCursor([...range(1, 500), ...range(1, 500)]);
		const recent = decodeNumbers(cursor.recent);
		expect(cursor.high).toBe(500);
		expect(recent).toHaveLength(RECENT_MAX);
		expect(recent[0]).toBe(500);
		expect(recent[RECENT_MAX - 1]).toBe(500 - RECENT_MAX + 1);
	});

	test('nothing seeded is emitted afterwards', () => {
		const cursor = seedIdCursor([10, 11, 12]);
		expect(planNew(recs(12, 11, 10), numberOf, cursor, 100).emit).toEqual([]);
	});
});

describe('reachedKnown', () => {
	const cursor: IdCursor = { high: 100, recent: encodeNumbers([100, 99]) };

	test('a page entirely above the mark has not reached known numbers', () => {
		expect(reachedKnown([105, 104, 101], cursor)).toBe(false);
		expect(reachedKnown([], cursor)).toBe(false);
	});

	test('a page holding the mark or anything below it has', () => {
		expect(reachedKnown([103, 102, 100], cursor)).toBe(true);
		expect(reachedKnown([101, 98], cursor)).toBe(true);
	});
});

describe('planNew', () => {
	const base = seedIdCursor(range(90, 100)); // high 100, recent 90..100

	test('nothing new', () => {
		const plan = planNew(recs(100, 99, 98), numberOf, base, 10);
		expect(plan.emit).toEqual([]);
		expect(plan.carried).toBe(0);
		expect(plan.next.high).toBe(100);
		expect(new Set(decodeNumbers(plan.next.recent))).toEqual(new Set(range(90, 100)));
	});

	test('an empty listing changes nothing', () => {
		const plan = planNew([], numberOf, base, 10);
		expect(plan.emit).toEqual([]);
		expect(plan.next.high).toBe(base.high);
	});

	test('new numbers above the mark are emitted oldest first', () => {
		const plan = planNew(recs(104, 103, 101, 100, 99), numberOf, base, 10);
		expect(numbersOf(plan.emit)).toEqual([101, 103, 104]);
		expect(plan.next.high).toBe(104);
		expect(plan.carried).toBe(0);
		expect(planNew(recs(104, 103, 101, 100), numberOf, plan.next, 10).emit).toEqual([]);
	});

	test('the emitted records are the ones given', () => {
		const a = { n: 101, tag: 'a' };
		expect(planNew([a], numberOf, base, 10).emit[0]).toBe(a);
	});

	test('duplicates in seen are emitted once (the first one)', () => {
		const seen = [{ n: 102, tag: 'first' }, { n: 101 }, { n: 102, tag: 'second' }, { n: 101 }];
		const plan = planNew(seen, numberOf, base, 10);
		expect(numbersOf(plan.emit)).toEqual([101, 102]);
		expect(plan.emit[1].tag).toBe('first');
	});

	test('invalid numbers are ignored', () => {
		const plan = planNew(recs(NaN, 0, -5, 101.5, 102), numberOf, base, 10);
		expect(numbersOf(plan.emit)).toEqual([102]);
	});

	test('a late number below the mark, in the window and not known, is emitted once', () => {
		const cursor = seedIdCursor([100, 99, 97, 96, 90]); // 98 missing: committed late
		const first = planNew(recs(100, 99, 98, 97), numberOf, cursor, 10);
		expect(numbersOf(first.emit)).toEqual([98]);
		expect(first.next.high).toBe(100);
		const second = planNew(recs(100, 99, 98, 97), numberOf, first.next, 10);
		expect(second.emit).toEqual([]);
	});

	test('a late number is emitted before newer ones in the same poll', () => {
		const cursor = seedIdCursor([100, 99, 97, 90]);
		const plan = planNew(recs(102, 101, 100, 98), numberOf, cursor, 10);
		expect(numbersOf(plan.emit)).toEqual([98, 101, 102]);
	});

	test('a number below the window floor is never emitted', () => {
		const cursor = seedIdCursor([100, 95]); // floor 95
		expect(planNew(recs(94, 50, 1), numberOf, cursor, 10).emit).toEqual([]);
		const full = seedIdCursor(range(1001, 1000 + RECENT_MAX).filter((n) => n !== 1100)); // floor 1001
		expect(planNew(recs(1000, 999), numberOf, full, 10).emit).toEqual([]);
		expect(numbersOf(planNew(recs(1100), numberOf, full, 10).emit)).toEqual([1100]);
	});

	test('with a full window, a late number just above the floor is still emitted', () => {
		const full = seedIdCursor(range(1001, 1201).filter((n) => n !== 1002)); // 200 numbers, floor 1001
		expect(decodeNumbers(full.recent)).toHaveLength(RECENT_MAX);
		const plan = planNew(recs(1201, 1002, 1001, 1000), numberOf, full, 10);
		expect(numbersOf(plan.emit)).toEqual([1002]);
		expect(planNew(recs(1002), numberOf, plan.next, 10).emit).toEqual([]);
	});

	test('a late number falls out of the window once RECENT_MAX newer numbers were accounted', () => {
		let state = seedIdCursor([100, 98]); // 99 is late
		state = planNew(recs(...range(101, 100 + RECENT_MAX)), numberOf, state, 1000).next;
		expect(planNew(recs(99), numberOf, state, 10).emit).toEqual([]);
	});

	test('the per-poll cap carries the rest to the next poll', () => {
		const seen = recs(...range(101, 110).reverse());
		const first = planNew(seen, numberOf, base, 3);
		expect(numbersOf(first.emit)).toEqual([101, 102, 103]);
		expect(first.carried).toBe(7);
		expect(first.next.high).toBe(103);
		const second = planNew(seen, numberOf, first.next, 3);
		expect(numbersOf(second.emit)).toEqual([104, 105, 106]);
		expect(second.carried).toBe(4);
	});

	test('planning repeatedly with the returned cursor emits every new number once, ascending', () => {
		const cursor = seedIdCursor([100, 98, 96, 90]);
		const seen = recs(120, 115, 111, 110, 105, 104, 103, 101, 100, 99, 98, 97, 96, 95, 91);
		const expected = [91, 95, 97, 99, 101, 103, 104, 105, 110, 111, 115, 120];
		for (const cap of [1, 2, 3, 5, 7, 50]) {
			let state = cursor;
			const emitted: number[] = [];
			for (let poll = 0; poll < 30; poll++) {
				const plan = planNew(seen, numberOf, state, cap);
				expect(plan.emit.length).toBeLessThanOrEqual(cap);
				emitted.push(...numbersOf(plan.emit));
				state = plan.next;
				if (plan.carried === 0) break;
			}
			expect(emitted).toEqual(expected);
			expect(planNew(seen, numberOf, state, cap).emit).toEqual([]);
		}
	});

	test('a cap of 0 emits nothing and keeps everything for later', () => {
		const plan = planNew(recs(101, 102), numberOf, base, 0);
		expect(plan.emit).toEqual([]);
		expect(plan.carried).toBe(2);
		expect(plan.next.high).toBe(100);
	});

	test('records not matching the filter are accounted for, not emitted, and not emitted later', () => {
		const even = (r: Rec) => r.n % 2 === 0;
		const seen = recs(106, 105, 104, 103, 102, 101);
		const first = planNew(seen, numberOf, base, 4, even);
		expect(numbersOf(first.emit)).toEqual([102, 104]);
		expect(first.carried).toBe(2);
		const second = planNew(seen, numberOf, first.next, 4, even);
		expect(numbersOf(second.emit)).toEqual([106]);
		expect(second.carried).toBe(0);
		expect(planNew(seen, numberOf, second.next, 4).emit).toEqual([]);
	});

	test('a late non-matching number is accounted for too', () => {
		const cursor = seedIdCursor([100, 98, 90]);
		const first = planNew(recs(99), numberOf, cursor, 10, () => false);
		expect(first.emit).toEqual([]);
		expect(planNew(recs(99), numberOf, first.next, 10).emit).toEqual([]);
	});

	test('the recent set stays bounded by RECENT_MAX', () => {
		let state = seedIdCursor(range(1, 150));
		for (let poll = 0; poll < 20; poll++) {
			const from = 151 + poll * 120;
			const plan = planNew(recs(...range(from, from + 119)), numberOf, state, 1000);
			expect(plan.emit).toHaveLength(120);
			state = plan.next;
			const recent = decodeNumbers(state.recent);
			expect(recent.length).toBeLessThanOrEqual(RECENT_MAX);
			expect(new Set(recent).size).toBe(recent.length);
			expect(recent[0]).toBe(state.high);
		}
		expect(decodeNumbers(state.recent)).toHaveLength(RECENT_MAX);
	});

	test('the cursor after a poll is plain JSON-able state', () => {
		const plan = planNew(recs(101, 102), numberOf, base, 10);
		expect(JSON.parse(JSON.stringify(plan.next))).toEqual(plan.next);
	});

	test('property: over 300 random scenarios every number arriving after the seed is emitted exactly once', () => {
		for (let scenario = 1; scenario <= 300; scenario++) {
			const seed = (0x9e3779b9 ^ (scenario * 7919)) >>> 0;
			const fail = (what: string) => {
				throw new Error(`seed ${seed} (scenario ${scenario}): ${what}`);
			};
			const rnd = prng(seed);
			const match = rnd.next() < 0.3 ? (r: Rec) => r.n % 3 !== 0 : undefined;

			// increasing numbers with random gaps (a gap number never appears); each becomes visible
			// after a random delay of 0..maxDelay polls, so arrivals are out of order within a small window
			const maxDelay = rnd.int(0, 3);
			const polls = rnd.int(5, 25);
			const arrivals: Array<{ n: number; at: number }> = [];
			let next = rnd.int(1, 5000);
			const history = rnd.int(1, 60);
			for (let i = 0; i < history; i++) {
				arrivals.push({ n: next, at: -20 }); // long visible before the seed
				next += rnd.int(1, 4);
			}
			for (let poll = -3; poll <= polls; poll++) {
				const created = rnd.int(0, 6);
				for (let i = 0; i < created; i++) {
					arrivals.push({ n: next, at: poll + rnd.int(0, maxDelay) });
					next += rnd.int(1, 4);
				}
			}
			arrivals.sort((a, b) => a.at - b.at);
			const visible: number[] = [];
			let arrived = 0;
			const advanceTo = (poll: number) => {
				while (arrived < arrivals.length && arrivals[arrived].at <= poll) visible.push(arrivals[arrived++].n);
				visible.sort((a, b) => b - a); // newest first, as the listing comes
			};

			advanceTo(0);
			let cursor = seedIdCursor(visible);
			const expected = arrivals.filter(({ at }) => at > 0).map(({ n }) => n);
			const emitted: number[] = [];
			let carried = 0;
			for (let poll = 1; poll <= polls + maxDelay + 100; poll++) {
				advanceTo(poll);
				const seen = recs(...visible, ...visible.filter(() => rnd.next() < 0.1)); // with duplicates
				const cap = rnd.int(1, 8);
				const plan = planNew(seen, numberOf, cursor, cap, match);
				const now = numbersOf(plan.emit);
				for (let i = 1; i < now.length; i++) if (now[i] <= now[i - 1]) fail(`poll ${poll} not oldest first: ${now}`);
				if (now.length > cap) fail(`poll ${poll} emitted ${now.length} over the cap ${cap}`);
				if (decodeNumbers(plan.next.recent).length > RECENT_MAX) fail('recent set grew past RECENT_MAX');
				emitted.push(...now);
				cursor = plan.next;
				carried = plan.carried;
				if (arrived === arrivals.length && carried === 0) break;
			}
			if (carried !== 0) fail(`still ${carried} carried at the end`);
			const wanted = expected.filter((n) => !match || match({ n })).sort((a, b) => a - b);
			const got = [...emitted].sort((a, b) => a - b);
			const duplicates = got.filter((n, i) => i > 0 && got[i - 1] === n);
			const gotSet = new Set(got);
			const wantedSet = new Set(wanted);
			const missing = wanted.filter((n) => !gotSet.has(n));
			const extra = got.filter((n) => !wantedSet.has(n));
			if (duplicates.length || missing.length || extra.length) {
				fail(`duplicates [${duplicates}] missing [${missing}] extra [${extra}]`);
			}
			// everything, including what the filter rejected, is accounted for: nothing is left to plan
			const rest = planNew(recs(...visible), numberOf, cursor, Number.MAX_SAFE_INTEGER);
			if (rest.emit.length) fail(`left unaccounted: ${numbersOf(rest.emit)}`);
		}
	});
});

describe('fingerprint', () => {
	test('stable for the same parts', () => {
		const a = fingerprint('2022-05-17T10:04:14-04:00', '1464.27', 'scheduled');
		expect(fingerprint('2022-05-17T10:04:14-04:00', '1464.27', 'scheduled')).toBe(a);
		expect(a).toMatch(/^[0-9a-z]{1,7}$/);
	});

	test('differs when any part changes', () => {
		const a = fingerprint('2022-05-17T10:04:14-04:00', '1464.27', 'scheduled');
		expect(fingerprint('2022-05-17T10:04:15-04:00', '1464.27', 'scheduled')).not.toBe(a);
		expect(fingerprint('2022-05-17T10:04:14-04:00', '1464.28', 'scheduled')).not.toBe(a);
		expect(fingerprint('2022-05-17T10:04:14-04:00', '1464.27', 'complete')).not.toBe(a);
	});

	test('null and undefined are empty', () => {
		expect(fingerprint(null, 'x')).toBe(fingerprint(undefined, 'x'));
		expect(fingerprint(null, 'x')).toBe(fingerprint('', 'x'));
	});

	test('part order matters', () => {
		expect(fingerprint('a', 'b')).not.toBe(fingerprint('b', 'a'));
	});

	test('few collisions over many similar inputs', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 5000; i++) seen.add(fingerprint(`2026-01-01T00:00:${i}`, `${i}.00`, 'scheduled'));
		expect(seen.size).toBeGreaterThanOrEqual(4998);
	});
});

describe('encodeWindow / decodeWindow', () => {
	const jobs: Watched[] = [
		{ n: 617, f: fingerprint('a'), s: 'scheduled', p: 0 },
		{ n: 616, f: fingerprint('b'), s: 'complete', p: 123456 },
		{ n: 615, f: fingerprint('c'), s: 'new', p: 1 },
		{ n: 614, f: fingerprint('d'), s: 'in_progress', p: 0 },
		{ n: 613, f: fingerprint('e'), s: 'on_hold', p: 0 },
		{ n: 612, f: fingerprint('f'), s: 'canceled', p: 0 },
		{ n: 611, f: fingerprint('g'), s: 'unscheduled', p: 0 },
		{ n: 610, f: fingerprint('h'), s: 'waiting_for_parts', p: 7 },
		{ n: 609, f: fingerprint('i'), s: '', p: 0 },
		{ n: 2_147_483_647, f: fingerprint('j'), s: 'complete', p: 2_147_483_647 },
	];

	test('round trip, including an unknown and an empty status', () => {
		const decoded = decodeWindow(encodeWindow(jobs));
		expect(decoded.size).toBe(jobs.length);
		for (const job of jobs) expect(decoded.get(job.n)).toEqual(job);
	});

	test('known statuses are stored as one letter', () => {
		expect(encodeWindow([{ n: 35, f: 'abc', s: 'complete', p: 35 }])).toBe('z:abc:c:z');
	});

	test('empty', () => {
		expect(encodeWindow([])).toBe('');
		expect(decodeWindow('').size).toBe(0);
		expect(decodeWindow(undefined).size).toBe(0);
	});

	// Fixed (was a bug): an entry without its payment id (hand-edited, truncated or older state) decodes p as
	// parseInt(undefined, 36) = parseInt('undefined', 36) = 86464843759093, not 0: the `|| 0` fallback never
	// applies because "undefined" is valid base 36. With p that high, New Payment would never emit a
	// payment of that job again.
	test('a missing payment id decodes as 0', () => {
		expect(decodeWindow('z:abc:c')).toEqual(new Map([[35, { n: 35, f: 'abc', s: 'complete', p: 0 }]]));
	});

	// Fixed (was a bug (edge)): an unknown status is stored verbatim after "=", so a status holding ":" or ";" (the
	// separators) does not round-trip: "on:hold" decodes as status "on" with p = parseInt("hold", 36);
	// "a;b" also yields a phantom job 11 ("b" in base 36).
	test.each([['on:hold'], ['a;b']])('an unknown status holding a separator (%j) round-trips', (status) => {
		const job: Watched = { n: 617, f: 'abc', s: status, p: 5 };
		expect([...decodeWindow(encodeWindow([job])).values()]).toEqual([job]);
	});

	test('500 watched jobs with the largest numbers stay under 16 KB of state', () => {
		const many: Watched[] = range(1, 500).map((i) => ({
			n: 2_147_483_647 - i,
			f: fingerprint(`2026-11-28T09:30:${i}-05:00`, `${i}.00`, 'in_progress'),
			s: i % 2 ? 'in_progress' : 'complete',
			p: 2_147_483_647 - i,
		}));
		const window = encodeWindow(many);
		expect(bytes({ window })).toBeLessThan(16 * 1024);
		expect(decodeWindow(window).size).toBe(500);
	});

	test('a full recent set stays under 16 KB of state', () => {
		const cursor = seedIdCursor(range(2_147_483_647 - 999, 2_147_483_647));
		expect(decodeNumbers(cursor.recent)).toHaveLength(RECENT_MAX);
		expect(bytes(cursor)).toBeLessThan(16 * 1024);
	});
});

describe('watchedOf', () => {
	const job = { id: 9001, job_number: 617, updated_at: '2022-05-17T10:04:14-04:00', balance_remaining: '10.00', status: 'scheduled' };

	test('takes the number, a fingerprint, the status and the payment id', () => {
		const watched = watchedOf(job, 42);
		expect(watched).toEqual({ n: 617, f: expect.stringMatching(/^[0-9a-z]{1,7}$/), s: 'scheduled', p: 42 });
		expect(watchedOf(job).p).toBe(0);
		expect(watchedOf({ ...job }).f).toBe(watched.f);
	});

	test.each([
		['updated_at', { updated_at: '2022-05-17T10:04:15-04:00' }],
		['balance_remaining', { balance_remaining: '0.00' }],
		['status', { status: 'complete' }],
		['id (a reused job number)', { id: 9002 }],
	])('the fingerprint changes with %s', (_label, change) => {
		expect(watchedOf({ ...job, ...change }).f).not.toBe(watchedOf(job).f);
	});

	test('a job number given as text is a number; a missing status is empty', () => {
		const watched = watchedOf({ job_number: '617' as unknown as number });
		expect(watched.n).toBe(617);
		expect(watched.s).toBe('');
	});

	test('the fingerprint ignores the total (only updated_at, balance and status count)', () => {
		const a = watchedOf({ job_number: 1, updated_at: 'x', balance_remaining: '5', status: 's', total: '10' });
		const b = watchedOf({ job_number: 1, updated_at: 'x', balance_remaining: '5', status: 's', total: '99' });
		expect(a.f).toBe(b.f);
	});
});

describe('watchedOf an item of the active-job list (what 0.2.0 stored)', () => {
	const item = { id: 90017, job_number: 617, name: 'Gutter repair', status: 'in_progress', updated_at: '2026-11-28T09:15:00-05:00' };

	test('Job Updated: by name, status and last change, with the internal id as p; byte for byte as 0.2.0 stored it', () => {
		expect(encodeWindow([watchedOf(item, item.id, 'listed')])).toBe('h5:1n1ces3:i:1xgh');
	});

	test('Job Status Changed: no fingerprint, the status and the internal id; byte for byte as 0.2.0 stored it', () => {
		expect(encodeWindow([watchedOf(item, item.id, 'none')])).toBe('h5::i:1xgh');
	});

	test('the listed fingerprint changes with name, status and last change, not with the id', () => {
		const listed = watchedOf(item, 0, 'listed').f;
		for (const change of [{ name: 'Roof' }, { status: 'on_hold' }, { updated_at: 'later' }]) {
			expect(watchedOf({ ...item, ...change }, 0, 'listed').f).not.toBe(listed);
		}
		expect(watchedOf({ ...item, id: 1 }, 0, 'listed').f).toBe(listed);
	});
});

describe('mayHavePayments', () => {
	test('balance equal to the total: no payments', () => {
		expect(mayHavePayments({ job_number: 1, total: '100.00', balance_remaining: '100.00' })).toBe(false);
		expect(mayHavePayments({ job_number: 1, total: '100.00', balance_remaining: '100' })).toBe(false);
		expect(mayHavePayments({ job_number: 1, total: '0.00', balance_remaining: '0.00' })).toBe(false);
	});

	test('balance below (or above) the total: maybe payments', () => {
		expect(mayHavePayments({ job_number: 1, total: '100.00', balance_remaining: '60.00' })).toBe(true);
		expect(mayHavePayments({ job_number: 1, total: '100.00', balance_remaining: '0.00' })).toBe(true);
		expect(mayHavePayments({ job_number: 1, total: '0.00', balance_remaining: '-50.00' })).toBe(true);
	});

	test('unknown amounts: assume payments', () => {
		expect(mayHavePayments({ job_number: 1 })).toBe(true);
		expect(mayHavePayments({ job_number: 1, total: '100.00' })).toBe(true);
		expect(mayHavePayments({ job_number: 1, total: 'abc', balance_remaining: '1' })).toBe(true);
	});
});

describe('classify and windowFloor', () => {
	const previous = decodeWindow(
		encodeWindow([
			watchedOf({ job_number: 620, updated_at: 't1', balance_remaining: '10', status: 'scheduled' }),
			watchedOf({ job_number: 615, updated_at: 't2', balance_remaining: '20', status: 'scheduled' }),
			watchedOf({ job_number: 610, updated_at: 't3', balance_remaining: '30', status: 'complete' }),
		]),
	);
	const floor = windowFloor(previous);

	test('windowFloor is the lowest number watched, 0 when empty', () => {
		expect(floor).toBe(610);
		expect(windowFloor(new Map())).toBe(0);
	});

	test('a job unknown and above the old floor entered new', () => {
		expect(classify({ job_number: 621 }, previous, floor)).toBe('entered-new');
		expect(classify({ job_number: 612 }, previous, floor)).toBe('entered-new');
	});

	test('a job unknown and below the old floor entered old', () => {
		expect(classify({ job_number: 609 }, previous, floor)).toBe('entered-old');
		expect(classify({ job_number: 1 }, previous, floor)).toBe('entered-old');
	});

	test('with no previous window every job entered new', () => {
		expect(classify({ job_number: 1 }, new Map(), windowFloor(new Map()))).toBe('entered-new');
	});

	test('a known job with the same fingerprint is the same', () => {
		expect(classify({ job_number: 615, updated_at: 't2', balance_remaining: '20', status: 'scheduled' }, previous, floor)).toBe(
			'same',
		);
		expect(classify({ job_number: 610, updated_at: 't3', balance_remaining: '30', status: 'complete' }, previous, floor)).toBe(
			'same',
		);
	});

	test('a known job with a different fingerprint changed', () => {
		expect(classify({ job_number: 615, updated_at: 't9', balance_remaining: '20', status: 'scheduled' }, previous, floor)).toBe(
			'changed',
		);
		expect(classify({ job_number: 615, updated_at: 't2', balance_remaining: '0', status: 'scheduled' }, previous, floor)).toBe(
			'changed',
		);
		expect(classify({ job_number: 620, updated_at: 't1', balance_remaining: '10', status: 'complete' }, previous, floor)).toBe(
			'changed',
		);
	});

	test('a job number given as text is matched', () => {
		expect(
			classify(
				{ job_number: '615' as unknown as number, updated_at: 't2', balance_remaining: '20', status: 'scheduled' },
				previous,
				floor,
			),
		).toBe('same');
	});
});
