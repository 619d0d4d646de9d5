/**
 * `npx ts-node --transpile-only scripts/bench/top.ts FILE.cpuprofile [N]`: self time by area and the
 * top N self-time functions of a .cpuprofile (from `node --cpu-prof` or bench/profiles/).
 */
import * as fs from 'fs';

import { byArea, topFunctions, type CpuProfile } from './profile';

const [file, count] = process.argv.slice(2);
if (!file) {
	process.stderr.write('usage: top.ts FILE.cpuprofile [N]\n');
	process.exit(2);
}
const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const skip = (area: string) => area === 'profiler';
for (const a of byArea(p, skip)) process.stdout.write(`${a.label.padEnd(40)} ${a.ms.toFixed(1).padStart(9)} ms ${(a.share * 100).toFixed(1).padStart(5)}%\n`);
process.stdout.write('\n');
for (const f of topFunctions(p, Number(count ?? 30), skip)) {
	process.stdout.write(`${f.ms.toFixed(1).padStart(9)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.label}\n`);
}
