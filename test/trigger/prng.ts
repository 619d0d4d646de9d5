/** A small seeded PRNG (xorshift32) for the randomized trigger tests. */
export function prng(seed: number) {
	let state = seed >>> 0 || 1;
	const next = () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: T[]) => list[Math.floor(next() * list.length)],
		chance: (p: number) => next() < p,
	};
}
