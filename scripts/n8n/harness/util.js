'use strict';
/** Small helpers shared by the harness modules: logging, formatting, JSON files, ports, ids. */

const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');

function log(...args) {
	process.stderr.write(`[n8n-harness] ${args.join(' ')}\n`);
}

function tail(text, lines = 40) {
	const all = String(text || '').trimEnd().split('\n');
	return all.slice(-lines).join('\n');
}

function fmtMs(ms) {
	if (ms < 1000) return `${ms} ms`;
	const s = ms / 1000;
	if (s < 120) return `${s.toFixed(1)} s`;
	return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}
function writeJson(file, data) {
	fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * Find a JSON object/array in command output that may be surrounded by log lines.
 * Tries every line that starts with `{` or `[` (at column 0) and parses up to the
 * matching last closing bracket; falls back to a bracket-balanced scan.
 */
function parseJsonFromOutput(text) {
	const s = String(text);
	const lines = s.split('\n');
	let offset = 0;
	const starts = [];
	for (const line of lines) {
		if (line.startsWith('{') || line.startsWith('[')) starts.push(offset);
		offset += line.length + 1;
	}
	for (const start of starts) {
		const close = s[start] === '{' ? '}' : ']';
		let end = s.lastIndexOf(close);
		while (end > start) {
			try {
				return JSON.parse(s.slice(start, end + 1));
			} catch {
				end = s.lastIndexOf(close, end - 1);
			}
			// Guard against pathological output: only try a handful of ends.
			if (s.length - end > 200000) break;
		}
	}
	throw new Error(`no JSON found in output:\n${tail(s, 30)}`);
}

function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** n8n-style id (16 alphanumeric characters). */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.randomBytes(16);
	let id = '';
	for (const b of bytes) id += alphabet[b % alphabet.length];
	return id;
}

module.exports = { log, tail, fmtMs, readJson, writeJson, sleep, pidAlive, parseJsonFromOutput, getFreePort, newId };
