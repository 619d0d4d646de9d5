'use strict';
/**
 * The steps of `npm run test:ui`, as a new user would click through the n8n 2.41 editor. Elements are
 * found by n8n's own data-test-id attributes and by visible text.
 */
const path = require('path');

const { expect } = require('./steps');

const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Owner-Passw0rd' };

/** Step name -> README image (docs/img). */
const README_IMAGES = {
	'node panel: the Kickserv node and its actions': 'node-panel.png',
	'Job > Create: the Job Type dropdown lists the sandbox job types': 'job-create.png',
	'execute the node: the output table shows the new job': 'output-table.png',
	'Kickserv Trigger: New Job settings and Fetch Test Event': 'trigger-settings.png',
	'Job Charge > Add: Item and Description at the top; a catalog item is added': 'job-charge-add.png',
	'Check Every Watched Job: its tooltip gives the cost': 'trigger-watch-cost.png',
};

/**
 * What the node panel must show, read from the built package (dist/, which test:ui packs): the number
 * of actions (every resource's operations), of trigger events, and the trigger's description (n8n shows
 * the node and its trigger as one entry, described by the trigger).
 */
function panelFacts() {
	const dist = path.join(__dirname, '..', '..', '..', 'dist', 'nodes', 'Kickserv');
	const { Kickserv } = require(path.join(dist, 'Kickserv.node.js'));
	const { KickservTrigger } = require(path.join(dist, 'KickservTrigger.node.js'));
	const operations = new Kickserv().description.properties.filter((p) => p.name === 'operation');
	const trigger = new KickservTrigger().description;
	return {
		actions: operations.reduce((count, p) => count + p.options.length, 0),
		triggers: trigger.properties.find((p) => p.name === 'event').options.length,
		description: trigger.description,
	};
}
const PANEL = panelFacts();

const byTestId = (page, id) => page.locator(`[data-test-id="${id}"]`);
const visibleOptions = async (page) => (await page.locator('[role=option]:visible').allInnerTexts()).map((t) => t.trim());

/** The sandbox's HTTP API, as the credential sees it. */
function sandboxApi(server) {
	const auth = `Basic ${Buffer.from(`${server.account.token}:${server.account.token}`).toString('base64')}`;
	return async (route) => {
		const response = await fetch(`${server.sandboxUrl}/${server.account.slug}${route}`, { headers: { authorization: auth } });
		if (!response.ok) throw new Error(`sandbox ${route}: ${response.status}`);
		return await response.json();
	};
}

async function openNodeCreatorAndSearch(page, text) {
	await byTestId(page, 'node-creator-plus-button').click();
	await byTestId(page, 'node-creator-search-bar').waitFor();
	await page.keyboard.type(text);
}

/** The open NDV's parameter `name`: its input element. */
const parameter = (page, name) => byTestId(page, `parameter-input-${name}`);

/**
 * Opens the dropdown parameter `name` of the open NDV until its options show. n8n 2.41 may load the
 * options of a new node before it assigns the only credential to it, and then shows "Error fetching
 * options" until the node is opened again: reopen it (the canvas node titled `title`), as a person
 * would. What n8n answered is kept, so that a failure that is ours would show as such.
 */
async function showOptions(page, name, title) {
	const answers = [];
	const listen = async (response) => {
		if (!response.url().includes('/dynamic-node-parameters/options')) return;
		answers.push(response.ok() ? String(response.status()) : `${response.status()} ${(await response.text().catch(() => '')).slice(0, 300)}`);
	};
	page.on('response', listen);
	const placeholder = async () => String(await parameter(page, name).locator('input').first().getAttribute('placeholder'));
	let reopened = 0;
	const reopen = async () => {
		reopened++;
		await byTestId(page, 'ndv-close-button').click();
		await byTestId(page, 'canvas-node').filter({ hasText: title }).dblclick();
		await byTestId(page, 'ndv').waitFor();
	};
	const optionsShown = async () => (await page.locator('[role=option]:visible').count()) > 0;
	try {
		for (let round = 0; round <= 3 && !(await optionsShown()); round++) {
			if (round) await reopen();
			// (the error may show only after a first, ordinary placeholder: watch for a while, not once)
			for (let settled = 0, deadline = Date.now() + 10_000; Date.now() < deadline && settled < 6; ) {
				const text = await placeholder();
				if (/Error/.test(text)) break;
				settled = /Loading/i.test(text) ? 0 : settled + 1;
				await page.waitForTimeout(250);
			}
			if (/Error|Loading/i.test(await placeholder())) continue;
			for (let click = 0; click < 3 && !(await optionsShown()) && !/Error/.test(await placeholder()); click++) {
				await parameter(page, name).click();
				await page.locator('[role=option]:visible').first().waitFor({ timeout: 3000 }).catch(() => {});
			}
		}
	} finally {
		page.off('response', listen);
	}
	if (reopened) {
		const said = answers.length ? answers.join(' | ') : 'no options request was sent';
		process.stderr.write(`note: n8n showed "Error fetching options" on the new node; reopened it ${reopened}x (options requests: ${said})\n`);
	}
	expect(await optionsShown(), `${name} lists its options (placeholder "${await placeholder()}"; options requests: ${answers.join(' | ') || 'none sent'})`);
}

/**
 * Closes the open NDV and leaves no node selected, so that the next node from the panel stands alone (n8n
 * connects a new node to the selected one, which would run it once per item of that node).
 */
async function closeAndDeselect(page) {
	await byTestId(page, 'ndv-close-button').click();
	await byTestId(page, 'ndv').waitFor({ state: 'hidden' }).catch(() => {});
	await page.locator('.vue-flow__pane').first().click({ position: { x: 12, y: 12 } }).catch(() => {});
	await page.keyboard.press('Escape');
}

/** Adds a Kickserv action (by its panel text, e.g. "Get many tasks") from the node panel; its NDV opens. */
async function addKickservAction(page, action) {
	await openNodeCreatorAndSearch(page, 'Kickserv');
	await byTestId(page, 'node-creator-item-name').filter({ hasText: /^Kickserv$/ }).first().click();
	await byTestId(page, 'node-creator-item-name').filter({ hasText: action }).first().click();
	await byTestId(page, 'ndv').waitFor();
}

/** Shows the tooltip of the NDV parameter labelled `label` (its "?" icon, shown while the label is hovered). */
async function hoverTooltip(page, label) {
	const row = byTestId(page, 'ndv').locator('[data-test-id=input-label]').filter({ hasText: new RegExp(`^\\s*${label}`) }).first();
	await row.hover();
	await row.locator('[class*=infoIcon] svg, [class*=infoIcon]').first().hover();
}

/** Picks `option` (its visible text) in the options parameter `name` of the open NDV. */
async function choose(page, name, option) {
	await parameter(page, name).click();
	await page.locator('[role=option]:visible').filter({ hasText: option }).first().click();
	await page.locator('[role=option]:visible').first().waitFor({ state: 'hidden' }).catch(() => {});
}

/** Types a date and time into the dateTime parameter `name` (n8n's picker takes "YYYY-MM-DD HH:mm:ss"). */
async function typeDateTime(page, name, text) {
	const input = parameter(page, name).locator('input').first();
	await input.click();
	await input.fill(text);
	await input.press('Enter');
	await byTestId(page, 'ndv').locator('[data-test-id=node-title-container], .node-title, header').first().click({ force: true }).catch(() => {});
}

async function editorSteps(runner, server) {
	const { step } = { step: runner.step.bind(runner) };
	const api = sandboxApi(server);
	const url = server.url;

	await step('sign up the owner', async (page) => {
		await page.goto(`${url}/setup`);
		await page.fill('input[name=email]', OWNER.email);
		await page.fill('input[name=firstName]', OWNER.firstName);
		await page.fill('input[name=lastName]', OWNER.lastName);
		await page.fill('input[name=password]', OWNER.password);
		await byTestId(page, 'form-submit-button').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/setup'));
	});

	await step('node panel: the Kickserv node and its actions', async (page) => {
		await page.goto(`${url}/workflow/new`);
		await byTestId(page, 'canvas-add-button').click();
		await byTestId(page, 'node-creator-search-bar').waitFor();
		await page.keyboard.type('Manual');
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /Trigger manually/ }).first().waitFor();
		await page.keyboard.press('Enter');
		await byTestId(page, 'canvas-node').first().waitFor();
		await openNodeCreatorAndSearch(page, 'Kickserv');
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /^Kickserv$/ }).first().click();
		await byTestId(page, 'node-creator-category-item').filter({ hasText: `Actions (${PANEL.actions})` }).waitFor();
		// one entry for the node and its trigger, described by the trigger's description: it names both
		await byTestId(page, 'node-creator').getByText(PANEL.description.slice(0, 60)).first().waitFor();
		const actions = await byTestId(page, 'node-creator-item-name').allInnerTexts();
		for (const action of ['Create a customer', 'Find a customer by exact name', 'Create a job', 'Get many jobs', 'Create a payment']) {
			expect(actions.includes(action), `the panel lists "${action}" (got ${actions.join(', ')})`);
		}
		await byTestId(page, 'node-creator-category-item').filter({ hasText: `Triggers (${PANEL.triggers})` }).waitFor();
	});

	await step('Job > Create: the Job Type dropdown lists the sandbox job types', async (page) => {
		await byTestId(page, 'node-creator-item-name').filter({ hasText: 'Create a job' }).click();
		await byTestId(page, 'ndv').waitFor();
		const credential = await byTestId(page, 'node-credentials-select').locator('input').inputValue();
		expect(credential === 'Kickserv sandbox', `the credential is preselected (got "${credential}")`);
		await showOptions(page, 'jobTypeId', 'Create a job');
		const { job_types: types } = await api('/calendar.json');
		const expected = types.map((t) => t.name).sort((a, b) => a.localeCompare(b));
		const shown = await visibleOptions(page);
		expect(JSON.stringify(shown) === JSON.stringify(expected), `job types ${JSON.stringify(shown)} = the sandbox's ${JSON.stringify(expected)}`);
	});

	await step('customer locator: By Number mode, search finds a customer', async (page) => {
		await page.locator('[role=option]:visible').filter({ hasText: 'Furnace Tune-Up' }).click();
		await page.locator('[role=option]:visible').first().waitFor({ state: 'hidden' });
		const locator = byTestId(page, 'resource-locator-customer');
		await locator.locator('[data-test-id=rlc-mode-selector]').click();
		await page.locator('[role=option]:visible').filter({ hasText: 'By URL' }).waitFor();
		const modes = await visibleOptions(page);
		expect(JSON.stringify(modes) === JSON.stringify(['From list', 'By Number', 'By URL']), `modes ${JSON.stringify(modes)}`);
		await page.keyboard.press('Escape');
		await page.locator('[role=option]:visible').first().waitFor({ state: 'hidden' });
		await locator.locator('[data-test-id=rlc-input]').click();
		await page.keyboard.type('Lakeside');
		await page.getByText('Lakeside Dental Group (#3)').click();
		const chosen = await locator.locator('[data-test-id=rlc-input] input, input[data-test-id=rlc-input]').first().inputValue();
		expect(/Lakeside Dental Group/.test(chosen), `the locator shows the chosen customer (got "${chosen}")`);
	});

	await step('execute the node: the output table shows the new job', async (page) => {
		const before = (await api('/jobs.json?per_page=1')).jobs[0].job_number;
		await byTestId(page, 'node-execute-button').click();
		const output = byTestId(page, 'output-panel');
		await output.locator('table').first().waitFor();
		const headers = (await output.locator('table th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		expect(headers.includes('job_number') && headers.includes('customer_id'), `output columns ${headers.join(', ')}`);
		const { jobs } = await api('/jobs.json?per_page=1');
		const job = jobs[0];
		expect(job.job_number === before + 1 && job.job_type_id === 62, `the sandbox got job #${before + 1} of type 62 (newest: ${JSON.stringify(job)})`);
		await output.getByText(String(job.job_number), { exact: true }).first().waitFor();
	});

	await step('a customer that does not exist: the error shows its text and code 404', async (page) => {
		const docs = await byTestId(page, 'ndv').locator('a').filter({ hasText: 'Docs' }).first().getAttribute('href');
		expect(
			docs.startsWith('https://github.com/n8n-nodes-kickserv/n8n-nodes-kickserv/blob/main/docs/Kickserv.md') && !docs.includes('#'),
			`the Docs link opens the node's page, without an anchor n8n's query would break (got ${docs})`,
		);
		const locator = byTestId(page, 'resource-locator-customer');
		await locator.locator('[data-test-id=rlc-mode-selector]').click();
		await page.locator('[role=option]:visible').filter({ hasText: 'By Number' }).click();
		await page.locator('[role=option]:visible').first().waitFor({ state: 'hidden' });
		const input = locator.locator('input').last();
		const placeholder = await input.getAttribute('placeholder');
		expect(placeholder === 'Customer number, e.g. 380', `By Number placeholder (got "${placeholder}")`);
		await input.fill('99999');
		await byTestId(page, 'node-execute-button').click();
		const output = byTestId(page, 'output-panel');
		await output.getByText('Kickserv account "demo-hvac" has no customer 99999').first().waitFor();
		await output.getByText('Check the number (the one the Kickserv web app shows)', { exact: false }).first().waitFor();
		await output.getByText('Error details').first().click();
		await output.getByText('From Kickserv').first().click();
		await output.getByText('Error code').first().waitFor();
		const text = await output.innerText();
		expect(/Error code\s*404/.test(text), `Error details show the HTTP code 404:\n${text}`);
	});

	await step('Kickserv Trigger: New Job settings and Fetch Test Event', async (page) => {
		await byTestId(page, 'ndv-close-button').click();
		const action = byTestId(page, 'canvas-node').filter({ hasText: 'Create a job' });
		await openNodeCreatorAndSearch(page, 'Kickserv');
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /^Kickserv$/ }).first().click();
		await byTestId(page, 'node-creator-category-item').filter({ hasText: `Triggers (${PANEL.triggers})` }).click();
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /new job/i }).first().click();
		await byTestId(page, 'ndv').waitFor();
		const event = await parameter(page, 'event').locator('input').first().inputValue();
		expect(event === 'New Job', `the Event is New Job (got "${event}")`);
		await byTestId(page, 'node-execute-button').filter({ hasText: 'Fetch Test Event' }).click();
		const { jobs } = await api('/jobs.json?per_page=1');
		await byTestId(page, 'output-panel').getByText(String(jobs[0].job_number), { exact: true }).first().waitFor();
		void action;
	});

	await step('Fetch Test Event with a filter that matches nothing says which filter', async (page) => {
		const created = await (
			await fetch(`${server.sandboxUrl}/${server.account.slug}/customers.json`, {
				method: 'POST',
				headers: {
					authorization: `Basic ${Buffer.from(`${server.account.token}:${server.account.token}`).toString('base64')}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({ customer: { name: 'Harbor View Condos' } }),
			})
		).json();
		const number = (created.customer || created).customer_number;
		await byTestId(page, 'collection-parameter-add').click();
		await page.locator('[role=option]:visible').filter({ hasText: /^Customer$/ }).click();
		const picker = byTestId(page, 'resource-locator-customerNumber');
		await picker.locator('[data-test-id=rlc-input]').click();
		await page.keyboard.type('Harbor');
		await page.getByText(`Harbor View Condos (#${number})`).click();
		await byTestId(page, 'node-execute-button').filter({ hasText: 'Fetch Test Event' }).click();
		const output = byTestId(page, 'output-panel');
		await output.getByText(new RegExp(`No job matches the filter "Customer ${number}" among the \\d+ most recent jobs`)).first().waitFor();
	});

	await step('canvas: both nodes read like a sentence', async (page) => {
		await byTestId(page, 'ndv-close-button').click();
		const texts = (await byTestId(page, 'canvas-node').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
		expect(texts.some((t) => /When a job is created/.test(t)), `the trigger's subtitle (canvas: ${JSON.stringify(texts)})`);
		expect(texts.some((t) => /Create a job/.test(t) && /Job: Create/.test(t)), `the action's name and its subtitle, not the same words twice (canvas: ${JSON.stringify(texts)})`);
		expect(!texts.some((t) => /newJob|create: job/.test(t)), `no raw values on the canvas (${JSON.stringify(texts)})`);
	});

	await step('node panel: the words users type find Kickserv (opportunity, time entry, job charge, invoice paid, timesheet)', async (page) => {
		for (const words of ['opportunity', 'time entry', 'job charge', 'invoice paid', 'timesheet']) {
			await openNodeCreatorAndSearch(page, words);
			const found = byTestId(page, 'node-creator-item-name').filter({ hasText: /^Kickserv/ }).first();
			await found.waitFor({ timeout: 5000 }).catch(() => {});
			expect(await found.isVisible(), `searching "${words}" shows the Kickserv node (shown: ${(await byTestId(page, 'node-creator-item-name').allInnerTexts()).join(', ') || 'nothing'})`);
			await page.keyboard.press('Escape');
			await byTestId(page, 'node-creator').waitFor({ state: 'hidden' }).catch(() => {});
		}
	});

	await step('Task > Get Many: Starts At or After above Starts Before; a time in it is refused, not dropped; not shown as from Kickserv', async (page) => {
		await addKickservAction(page, 'Get many tasks');
		const { tasks } = await api('/tasks.json');
		expect(tasks.length > 0, 'the sandbox has tasks');
		const day = String(tasks[0].starts_at).slice(0, 10);
		await page.locator('[data-test-id="collection-parameter-add"]:visible').last().click();
		// the day range reads in order in the list of filters: its start above its end
		await page.locator('[role=option]:visible').filter({ hasText: /^Starts Before$/ }).waitFor();
		const filters = (await page.locator('[role=option]:visible').allInnerTexts()).map((text) => text.trim());
		expect(
			filters.indexOf('Starts At or After') >= 0 && filters.indexOf('Starts At or After') < filters.indexOf('Starts Before'),
			`Starts At or After is listed above Starts Before (listed: ${filters.join(', ')})`,
		);
		await page.locator('[role=option]:visible').filter({ hasText: /^Starts At or After$/ }).click();
		await typeDateTime(page, 'from', `${day} 15:00:00`);
		await byTestId(page, 'node-execute-button').click();
		const output = byTestId(page, 'output-panel');
		await output.getByText(`Starts At or After takes a day, not a time`, { exact: false }).first().waitFor();
		await output.getByText('Nothing was sent to Kickserv.').first().waitFor();
		await output.getByText('Error details').first().click();
		await page.waitForTimeout(300);
		const details = await output.innerText();
		expect(!/From Kickserv|Error code/.test(details), `an input error is not presented as Kickserv's answer:\n${details}`);
		// the same day at 00:00 (what the picker gives for a day) lists that day's tasks
		await typeDateTime(page, 'from', `${day} 00:00:00`);
		await byTestId(page, 'node-execute-button').click();
		await output.locator('table').first().waitFor();
		const headers = (await output.locator('table th').allInnerTexts()).map((t) => t.trim());
		expect(headers.includes('starts_at'), `the tasks' table (columns ${headers.join(', ')})`);
	});

	await step('Job Charge > Add: Item and Description at the top; a catalog item is added', async (page) => {
		await closeAndDeselect(page);
		await addKickservAction(page, 'Add a job charge');
		for (const name of ['itemId', 'description', 'jobChargeTypeId']) {
			expect(await parameter(page, name).isVisible(), `${name} is shown at the top, outside Additional Fields`);
		}
		const { jobs } = await api('/jobs.json?per_page=1');
		const job = jobs[0];
		const picker = byTestId(page, 'resource-locator-job');
		await picker.locator('[data-test-id=rlc-input]').click();
		await page.keyboard.type(String(job.job_number));
		await byTestId(page, 'rlc-item').filter({ hasText: `#${job.job_number}` }).first().click();
		await showOptions(page, 'itemId', 'Add a job charge');
		const item = (await visibleOptions(page)).find((text) => /^Air filter/.test(text));
		expect(item, `the catalog lists an air filter (options: ${JSON.stringify(await visibleOptions(page))})`);
		await page.locator('[role=option]:visible').filter({ hasText: item }).first().click();
		const before = new Set((await api(`/jobs/${job.job_number}/job_charges.json`)).job_charges.map((c) => c.id));
		await byTestId(page, 'node-execute-button').click();
		const output = byTestId(page, 'output-panel');
		await output.locator('table').first().waitFor();
		const added = (await api(`/jobs/${job.job_number}/job_charges.json`)).job_charges.filter((c) => !before.has(c.id));
		expect(added.length === 1 && /^Air filter/.test(added[0].description) && added[0].item_id, `job #${job.job_number} got one air filter line (${JSON.stringify(added.map((c) => c.description))})`);
		await output.getByText(String(added[0].id), { exact: true }).first().waitFor();
		// Charge Type says what it is in Kickserv's terms (its tooltip)
		await hoverTooltip(page, 'Charge Type');
		await page.getByText(/kind of line item \(job_charge_type_id\)/).first().waitFor();
		// (the tooltip away again, for the screenshot of the fields)
		await byTestId(page, 'output-panel').hover();
		await page.getByText(/kind of line item \(job_charge_type_id\)/).first().waitFor({ state: 'hidden' }).catch(() => {});
	});

	await step('Opportunity > Mark as Won: the picker lists open opportunities only; one is marked won', async (page) => {
		await closeAndDeselect(page);
		await addKickservAction(page, 'Mark an opportunity as won');
		const { opportunities } = await api('/opportunities.json?status=new');
		expect(opportunities.length > 0, 'the sandbox has open opportunities');
		const picker = byTestId(page, 'resource-locator-job');
		await picker.locator('[data-test-id=rlc-input]').click();
		const items = byTestId(page, 'rlc-item');
		await items.first().waitFor();
		const shown = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		expect(shown.length > 0 && shown.every((text) => /\(new\)$/.test(text)), `only opportunities (status new) are offered: ${JSON.stringify(shown)}`);
		const first = shown[0];
		const number = Number(/^#(\d+)/.exec(first)[1]);
		await items.filter({ hasText: first }).first().click();
		await byTestId(page, 'node-execute-button').click();
		const output = byTestId(page, 'output-panel');
		await output.locator('table').first().waitFor();
		const job = await api(`/jobs/${number}.json`);
		expect((job.job || job).status === 'won', `job #${number} is won in the sandbox (${(job.job || job).status})`);
	});

	await step('Kickserv Trigger: Jobs to Watch stays after Payments Of: One Customer and a switch to Job Status Changed', async (page) => {
		await closeAndDeselect(page);
		await openNodeCreatorAndSearch(page, 'Kickserv');
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /^Kickserv$/ }).first().click();
		await byTestId(page, 'node-creator-category-item').filter({ hasText: `Triggers (${PANEL.triggers})` }).click();
		await byTestId(page, 'node-creator-item-name').filter({ hasText: /new payment/i }).first().click();
		await byTestId(page, 'ndv').waitFor();
		expect(await parameter(page, 'jobsToWatch').isVisible(), 'New Payment of the account shows Jobs to Watch');
		await choose(page, 'paymentScope', 'One Customer');
		await byTestId(page, 'resource-locator-customer').waitFor();
		expect(!(await parameter(page, 'jobsToWatch').isVisible()), 'One Customer reads its payments: no Jobs to Watch');
		for (const event of ['Job Status Changed', 'Job Updated']) {
			await choose(page, 'event', event);
			await parameter(page, 'jobsToWatch').waitFor({ timeout: 5000 }).catch(() => {});
			expect(await parameter(page, 'jobsToWatch').isVisible(), `${event} (after Payments Of: One Customer) shows Jobs to Watch`);
			expect(await parameter(page, 'watch').isVisible(), `${event} shows Watch`);
		}
	});

	await step('Check Every Watched Job: its tooltip gives the cost', async (page) => {
		await choose(page, 'event', 'New Payment');
		await choose(page, 'paymentScope', 'Recent Jobs of the Account');
		await hoverTooltip(page, 'Check Every Watched Job');
		await page.getByText(/about 255 requests a poll/).first().waitFor();
	});

	await step('Settings > Community nodes lists the package', async (page) => {
		await page.goto(`${url}/settings/community-nodes`);
		await page.getByText('n8n-nodes-kickserv').first().waitFor();
	});

	await step('credential: Test succeeds, then fails with a wrong token', async (page) => {
		await page.goto(`${url}/home/credentials`);
		await page.getByText('Kickserv sandbox').first().click();
		const modal = page.locator('[data-test-id=editCredential-modal], .el-dialog:visible').first();
		await modal.waitFor();
		await modal.getByText(/Connection tested successfully/).first().waitFor();
		const token = modal.locator('[data-test-id=parameter-input-apiToken] input, [data-test-id=credential-connection-parameter] input[type=password]').first();
		await token.fill('wrong-token');
		await byTestId(page, 'credential-save-button').click();
		await modal.getByText(/Couldn.t connect with these settings/).first().waitFor();
		await modal.getByText('More details').first().click();
		await page.getByText(/check the API Token/).first().waitFor();
		const text = await modal.innerText();
		expect(!text.includes('wrong-token'), 'the token is not shown in the error');
	});
}

module.exports = { editorSteps, README_IMAGES };
