// n8n-core's InstanceSettings writes a config file under N8N_USER_FOLDER on import:
// keep it out of the developer's home.
const os = require('os');
const path = require('path');
const fs = require('fs');
if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'n8n-nodes-kickserv-test');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
