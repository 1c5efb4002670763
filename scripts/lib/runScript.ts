/**
 * A command-line script's end: exit 0 once `main` is done (open handles such
 * as keep-alive sockets or timers of a finished run would otherwise keep the
 * process alive), or print the error's stack and exit 1.
 */
export function runScript(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
}
