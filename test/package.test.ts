/**
 * The package as n8n meets it: `npm pack`, the tarball installed into a folder the way n8n installs a
 * community package, and loaded with n8n-core's own PackageDirectoryLoader.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
// the one definition of what the tarball holds, shared with `npm run scan` (plain JS)
const { contentProblems } = require('../scripts/tarball-contents') as {
	contentProblems: (repo: string, pack: { files: string[]; size: number; unpackedSize: number }, manifest: object) => string[];
};

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let installed: string;
let files: string[];
let packed: { size: number; unpackedSize: number };
let loader: PackageDirectoryLoader;

beforeAll(async () => {
	if (!fs.existsSync(path.join(root, 'dist', 'nodes', 'Kickserv', 'Kickserv.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run check does)');
	}
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kickserv-pack-'));
	const [info] = JSON.parse(
		execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	) as Array<{ filename: string; files: Array<{ path: string }>; size: number; unpackedSize: number }>;
	files = info.files.map((f) => f.path);
	packed = info;
	const tarball = path.join(work, path.basename(info.filename));
	const nodesDir = path.join(work, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync(npm, ['install', tarball, '--ignore-scripts', '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund', '--offline'], {
		cwd: nodesDir,
		encoding: 'utf8',
	});
	installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-kickserv');
	// n8n provides n8n-workflow to the packages it loads: here, the copy the engine in this repo uses
	fs.symlinkSync(path.join(root, 'node_modules', 'n8n-workflow'), path.join(nodesDir, 'node_modules', 'n8n-workflow'), 'dir');
	loader = new PackageDirectoryLoader(installed);
	await loader.loadAll();
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const description = (name: string) => loader.nodeTypes[name].type.description as INodeTypeDescription;

test('the tarball ships the built nodes and credential and the docs only, and no runtime dependencies', () => {
	const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
	expect(contentProblems(root, { ...packed, files }, manifest)).toEqual([]);
	expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'dist/nodes/Kickserv/Kickserv.node.js']));
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	// installing it brought nothing else along
	expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false);
	expect(fs.readdirSync(path.dirname(installed)).sort()).toEqual(['.package-lock.json', 'n8n-nodes-kickserv', 'n8n-workflow']);
});

test("n8n-core's package loader finds both nodes and the credential, with icons and codex", () => {
	expect(loader.packageName).toBe('n8n-nodes-kickserv');
	expect(Object.keys(loader.nodeTypes).sort()).toEqual(['kickserv', 'kickservTrigger']);
	expect(Object.keys(loader.credentialTypes)).toEqual(['kickservApi']);
	for (const name of ['kickserv', 'kickservTrigger']) {
		const node = description(name);
		expect(node.iconUrl).toEqual({
			light: 'icons/n8n-nodes-kickserv/dist/nodes/Kickserv/kickserv.svg',
			dark: 'icons/n8n-nodes-kickserv/dist/nodes/Kickserv/kickserv.dark.svg',
		});
		expect(node.codex?.categories).toEqual(['Productivity', 'Sales']);
		expect(node.codex?.resources?.primaryDocumentation?.[0].url).toMatch(/^https:\/\//);
		expect(node.credentials?.map((c) => c.name)).toEqual(['kickservApi']);
	}
	const credential = loader.credentialTypes.kickservApi.type;
	expect(credential.iconUrl).toEqual({
		light: 'icons/n8n-nodes-kickserv/dist/credentials/kickserv.svg',
		dark: 'icons/n8n-nodes-kickserv/dist/credentials/kickserv.dark.svg',
	});
	for (const icon of ['dist/nodes/Kickserv/kickserv.svg', 'dist/nodes/Kickserv/kickserv.dark.svg', 'dist/credentials/kickserv.svg']) {
		expect(fs.readFileSync(path.join(installed, icon), 'utf8')).toMatch(/^<svg /);
	}
	expect(loader.known.credentials.kickservApi.supportedNodes?.sort()).toEqual(['kickserv', 'kickservTrigger']);
	// the loader adds the poll-times parameter to the trigger, and nothing that clashes with ours
	expect(description('kickservTrigger').properties.map((p) => p.name)).toContain('pollTimes');
	expect(description('kickservTrigger').usableAsTool).toBeFalsy();
	expect(description('kickserv').usableAsTool).toBe(true);
});

test("every operation's parameters resolve, each operation has a request, and the lists come from methods", () => {
	const node = loader.nodeTypes.kickserv.type as INodeType;
	const properties = node.description.properties;
	const resources = (properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
	let operations = 0;
	for (const resource of resources) {
		const operationProperty = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		) as INodeProperties & { options: Array<{ value: string; action?: string; routing?: { request?: { url?: string } } }> };
		for (const option of operationProperty.options) {
			operations++;
			expect(option.action).toMatch(/^[A-Z][a-z]/);
			expect(option.routing?.request?.url).toBeTruthy();
			const parameters = NodeHelpers.getNodeParameters(
				properties,
				{ resource, operation: option.value },
				true,
				false,
				null,
				node.description,
			);
			expect(parameters).toMatchObject({ resource, operation: option.value });
			for (const property of properties) {
				const searchMethod = (property.modes ?? []).find((m) => m.typeOptions?.searchListMethod)?.typeOptions?.searchListMethod;
				if (searchMethod) expect(node.methods?.listSearch?.[searchMethod]).toBeInstanceOf(Function);
				const loadMethod = property.typeOptions?.loadOptionsMethod;
				if (loadMethod) expect(node.methods?.loadOptions?.[loadMethod]).toBeInstanceOf(Function);
			}
		}
	}
	// Customer 7, Job 5, Note 5, Payment 5, Task 6, Job Charge 4, Time Entry 2, Employee 2, Item 1, Invoice 1, Opportunity 4, Job Type 1
	expect(operations).toBe(43);
});
