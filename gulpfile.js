// Copies the node and credential icons next to the compiled files in dist/.
const { src, dest, task } = require('gulp');

function buildIcons() {
	src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

task('build:icons', buildIcons);
