import { execFileSync } from 'child_process';
import * as path from 'path';

// The README's demo command, end to end: sandbox, example workflows in n8n-core's engine, tables.
test('npm run demo runs every example workflow and prints its results', () => {
	const root = path.join(__dirname, '..');
	const output = execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '--prefer-ts-exts', 'scripts/demo.ts'], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, N8N_USER_FOLDER: '' },
		timeout: 120_000,
	});
	expect(output).toMatch(/=== Kickserv: website lead to customer and job/);
	expect(output).toMatch(/-- Create Job\n\s+job_number .*\n.*\n\s+\d+ .*Website request\s+unscheduled/);
	// run twice, the lead's customer is found the second time, not created again
	const again = output.slice(output.indexOf('(the same lead again'), output.indexOf('=== Kickserv: nightly'));
	expect(again).toMatch(/-- Find Customer\n.*\n.*\n\s+\d+ .*Dana Whitfield.*\s+true\n/);
	expect(again).toMatch(/-- Create Job\n/);
	expect(again).not.toMatch(/-- Create Customer/);
	expect(output).toMatch(/-- One Line per Job\n\s+job_number\s+line/);
	expect(output).toMatch(/-- Log Crew Hours\n.*\n.*\n\s+\d+\s+\d+\s+11302\s+\S+\s+\S+\s+2\.50/);
	expect(output).toMatch(/-- Add Part Used\n.*\n.*\n\s+\d+\s+Capacitor 45\/5 MFD/);
	expect(output).toMatch(/-- One Line per Task\n\s+line\s+technicians\s+task_id\n.*\n\s+\d{2}:\d{2} \S.*(Maria Alvarez|Dan Okafor|Priya Shah|Tom Becker)/);
	expect(output).toMatch(/the next poll emitted 1 payment/);
	expect(output).toMatch(/-- Thank-You Note\n.*\n.*\n.*Thank you for your payment of \$150\.00/);
	expect(output).toMatch(/the next poll emitted 1 paid invoice\)/);
	expect(output).toMatch(/Your invoice for job #\d+ \(\$[\d.]+\) is paid in full/);
	expect(output).not.toMatch(/^!! /m);
}, 150_000);
