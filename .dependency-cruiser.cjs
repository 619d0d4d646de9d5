/**
 * The architecture rules of docs/architecture.md, checked by `npm run deps` (part of `npm run check`)
 * with dependency-cruiser over the import graph of the TypeScript sources. Type-only imports count
 * (`tsPreCompilationDeps`): a cycle through `import type` is a cycle.
 */
/** The store's ground floor: one typed account database, the records it returns, the value helpers. */
const STORE_GROUND = '^sandbox/store/(values|records|db)[.]ts$';
/** Store modules that other resource modules may build on (a child resource imports its parent). */
const STORE_PARENTS = '^sandbox/store/(values|records|db|account|customers|items|jobs)[.]ts$';
/** The sandbox's own ground floor, shared by the store, the routes and the server. */
const SANDBOX_GROUND = '^sandbox/(errors|paging|options)[.]ts$';

/** A rule every import must keep: none may go `from` -> `to`. */
const forbid = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

module.exports = {
	forbidden: [
		forbid('no-circular', 'No import cycle anywhere (sandbox/, nodes/, scripts/, credentials/, test/); type-only imports count.', {}, { circular: true }),
		forbid('not-to-unresolvable', 'Every import resolves.', {}, { couldNotResolve: true }),
		// ----- the published package (nodes/, credentials/) ------------------------------------------
		forbid('published-not-to-dev-code', 'The published code (nodes/, credentials/) never imports the sandbox, the tests or the scripts.', { path: '^(nodes|credentials)/' }, { path: '^(sandbox|test|scripts)/' }),
		forbid('published-not-to-dev-deps', 'The published code imports no package that is only a devDependency (n8n-workflow is a peer dependency as well) and no runtime dependency (the package has none).', { path: '^(nodes|credentials)/' }, { dependencyTypes: ['npm-dev', 'npm', 'npm-optional', 'npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['npm-peer'] }),
		forbid('transport-is-ground', 'nodes/Kickserv/transport/ is the ground floor of the nodes: it imports nothing of nodes/ above it (descriptions, trigger, methods, the node files).', { path: '^nodes/Kickserv/transport/' }, { path: '^nodes/', pathNot: '^nodes/Kickserv/transport/' }),
		forbid('descriptions-not-to-trigger', "The action node's descriptions and the trigger's strategies stand side by side on the transport: neither imports the other.", { path: '^nodes/Kickserv/descriptions/' }, { path: '^nodes/Kickserv/(trigger|methods)/' }),
		forbid('trigger-not-to-descriptions', "The trigger's strategies do not import the action node's descriptions or methods.", { path: '^nodes/Kickserv/trigger/' }, { path: '^nodes/Kickserv/(descriptions|methods)/' }),
		forbid('node-files-on-top', 'The node files (*.node.ts) are the top floor of nodes/: nothing in nodes/ imports them.', { path: '^nodes/' }, { path: '[.]node[.]ts$' }),
		// ----- the sandbox ---------------------------------------------------------------------------
		forbid('sandbox-stands-alone', 'The sandbox plays Kickserv: it never imports the nodes it is there to test, the tests or the scripts.', { path: '^sandbox/' }, { path: '^(nodes|credentials|test|scripts)/' }),
		forbid('sandbox-ground', 'errors.ts, paging.ts and options.ts are the ground floor of the sandbox: they import nothing of it but each other.', { path: SANDBOX_GROUND }, { path: '^sandbox/', pathNot: '^sandbox/(errors|paging)[.]ts$' }),
		forbid('store-not-to-http', "The store is pure: it never imports the routes, the server, the seeds or the sandbox's entry points, only its own modules and the sandbox's ground.", { path: '^sandbox/store/' }, { path: '^sandbox/', pathNot: ['^sandbox/store/', SANDBOX_GROUND] }),
		forbid('store-ground', "The store's ground floor (values.ts, records.ts, db.ts) imports nothing of the store's resources.", { path: STORE_GROUND }, { path: '^sandbox/', pathNot: [STORE_GROUND, '^sandbox/(errors|paging)[.]ts$'] }),
		forbid('store-facade-on-top', "store/index.ts (AccountStore) is the store's top floor: no store module imports it.", { path: '^sandbox/store/', pathNot: '^sandbox/store/index[.]ts$' }, { path: '^sandbox/store/index[.]ts$' }),
		forbid('store-downward-only', 'A resource module imports the ground and its parent resources only (account, customers, items, jobs): resources that nothing builds on (notes, payments, charges, tasks, ...) are imported by the facade alone.', { path: '^sandbox/store/', pathNot: '^sandbox/store/index[.]ts$' }, { path: '^sandbox/store/', pathNot: STORE_PARENTS }),
		forbid('routes-below-server', 'Routes take options and types from below the server: they never import server.ts, cli.ts, seed.ts or the sandbox entry point.', { path: '^sandbox/routes/' }, { path: '^sandbox/(server|cli|seed|index)[.]ts$' }),
		forbid('routes-through-store-facade', 'Routes reach the store through its facade (store/index.ts), not its modules.', { path: '^sandbox/routes/' }, { path: '^sandbox/store/', pathNot: '^sandbox/store/index[.]ts$' }),
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(^|/)dist/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.test.json' },
		moduleSystems: ['cjs', 'es6'],
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.json', '.d.ts'],
		},
	},
};
