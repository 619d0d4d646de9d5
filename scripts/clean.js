// Removes dist/ before a build (no rimraf download needed).
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
