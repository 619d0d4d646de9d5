/**
 * bench/RESULTS.md holds two reports: `npm run bench` (n8n-core's engine) first, then, after a marker
 * line, `npm run bench:n8n` (real n8n). Each script rewrites only its own part.
 */
import * as fs from 'fs';

export const MARKER = '<!-- npm run bench:n8n writes below this line; npm run bench keeps it -->';

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/** The part of `npm run bench` (everything before the marker). */
export function writeEnginePart(file: string, text: string): void {
	const old = read(file);
	const at = old.indexOf(MARKER);
	fs.writeFileSync(file, `${text.trimEnd()}\n${at >= 0 ? `\n${old.slice(at)}` : ''}`);
}

/** The part of `npm run bench:n8n` (the marker and everything after it). */
export function writeRealN8nPart(file: string, text: string): void {
	const old = read(file);
	const at = old.indexOf(MARKER);
	const before = (at >= 0 ? old.slice(0, at) : old).trimEnd();
	fs.writeFileSync(file, `${before ? `${before}\n\n` : ''}${MARKER}\n\n${text.trimEnd()}\n`);
}
