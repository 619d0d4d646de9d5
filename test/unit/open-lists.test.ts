/** statusKey: a status as /jobs.json spells it, from how the active-job list may spell it. */
import { statusKey } from '../../nodes/Kickserv/transport/filters';

test.each([
	['in_progress', 'in_progress'],
	['In Progress', 'in_progress'],
	['on-hold', 'on_hold'],
	[' Scheduled ', 'scheduled'],
	[null, ''],
])('statusKey(%j) is %j', (given, key) => {
	expect(statusKey(given)).toBe(key);
});
