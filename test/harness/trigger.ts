import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { KickservTrigger } from '../../nodes/Kickserv/KickservTrigger.node';
import { runPoll, type PollRun, type TestCredential } from './engine';

export const trigger = new KickservTrigger();

/**
 * One activated trigger: its parameters and the workflow static data n8n keeps for it between polls.
 * `restart()` stores and reloads that data as JSON, as n8n does across a restart.
 */
export class TriggerUnderTest {
	data: IDataObject = {};

	constructor(
		private readonly parameters: IDataObject,
		private readonly credentials: () => TestCredential,
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
		return await runPoll(trigger, this.parameters, this.credentials(), this.data, mode);
	}

	/** Polls and fails the test on an error. */
	async emitted(): Promise<INodeExecutionData[]> {
		const run = await this.poll();
		if (run.error) throw run.error;
		return run.items ?? [];
	}

	restart() {
		this.data = JSON.parse(JSON.stringify(this.data)) as IDataObject;
	}

	/** The node's static data: `{ v, key, state }`. */
	get nodeData(): IDataObject {
		return (this.data['node:Kickserv Trigger'] ?? {}) as IDataObject;
	}

	/** The cursor the strategy stored. */
	get state(): IDataObject {
		return (this.nodeData.state ?? {}) as IDataObject;
	}

	snapshot(): string {
		return JSON.stringify(this.data);
	}

	stateBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.nodeData), 'utf8');
	}
}

export const jobNumbers = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => Number(i.json.job_number));
export const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => Number(i.json.id));
