/* frontdesk: the customer-service desk of a multi-branch public library system.
 * This file only reads the global options and hands over to a subcommand in src/cli/. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli/cli.h"

static const struct cli_command commands[] = {
	{"init", cli_init, "init", "create or migrate the database (idempotent)"},
	{"demo", cli_demo, "demo [--if-new]", "init + load a demo library system; prints logins"},
	{"serve", cli_serve, "serve [--listen HOST:PORT]", "serve the web desk and the JSON API"},
	{"branch", cli_branch, "branch add|list|close|reopen ...", "branches, hours, closures"},
	{"holiday", cli_holiday, "holiday add|remove|list|import ...", "the system's holidays"},
	{"remind", cli_remind, "remind", "request reminders and shifts left open, now"},
	{"user", cli_user, "user add|list|set|deactivate ...", "staff accounts"},
	{"token", cli_token, "token create LOGIN", "API tokens for scripts"},
	{"purge", cli_purge, "purge", "apply the retention periods now"},
	{"report", cli_report, "report service ...", "how well each branch follows the policy"},
	{"backup", cli_backup, "backup FILE", "an online copy of the SQLite database"},
	{"audit", cli_audit, "audit verify|head|anchor", "check, show or anchor the audit log"},
	{"roles", cli_roles, "roles", "the role x action matrix, as Markdown"},
	{"routes", cli_routes, "routes", "every route with its action and branch scope"},
	{"incident", cli_incident, "incident verify|review|task|task-done|close ...",
	 "check a signed incident report; follow it up"},
	{"policy", cli_policy, "policy import FILE.md", "load policy sections into the handbook"},
	{"ils", cli_ils, "ils check", "log in to the library's catalogue (SIP2) and show its status"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: frontdesk [--db URL] [--config FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-32s %s\n", commands[i].usage, commands[i].summary);
	fprintf(f,
		"\n--db URL      the database: sqlite:FILE (default sqlite:frontdesk.db) or "
		"postgresql://USER@HOST/DB; also FRONTDESK_DB\n--config FILE settings (default "
		"./frontdesk.conf when present)\n"
		"--version     print the version\n\nfrontdesk COMMAND --help for each command.\n");
}

/* Takes --db and --config from anywhere on the line (they are global to every command),
 * leaving the rest in order. Returns -1 on a missing value. */
static int take_globals(int *argc, char **argv, const char **db, const char **config)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char **slot = NULL;
		const char *arg = argv[i];
		size_t n = 0;
		if (strncmp(arg, "--db", 4) == 0 && (arg[4] == '\0' || arg[4] == '='))
			slot = db, n = 4;
		else if (strncmp(arg, "--config", 8) == 0 && (arg[8] == '\0' || arg[8] == '='))
			slot = config, n = 8;
		if (!slot) {
			argv[out++] = argv[i];
			continue;
		}
		if (arg[n] == '=')
			*slot = arg + n + 1;
		else if (i + 1 < *argc)
			*slot = argv[++i];
		else
			return -1;
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *config = NULL;
	struct cli c;
	struct fd_error err = {0};
	if (cli_check_arguments(argc, argv))
		return EXIT_REFUSED;
	if (take_globals(&argc, argv, &db, &config)) {
		fprintf(stderr, "frontdesk: --db and --config need a value\n");
		return EXIT_USAGE;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("frontdesk %s\n", FRONTDESK_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	const struct cli_command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "frontdesk: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "frontdesk: libsodium failed to start\n");
		return EXIT_REFUSED;
	}
	if (config_load(&c.cfg, config, &err)) {
		config_free(&c.cfg);
		return cli_fail(&err);
	}
	if (db)
		config_set(&c.cfg.db_url, db);
	static const char *const levels[] = {"debug", "info", "warn", "error"};
	for (int i = 0; i < LOG_LEVEL__MAX; i++)
		if (strcmp(c.cfg.log_level, levels[i]) == 0)
			log_set_level((enum log_level)i);
	c.argc = argc - 1;
	c.argv = argv + 1;
	int rc = cmd->run(&c);
	config_free(&c.cfg);
	log_flush(true); /* the counts of repeats still held back */
	return rc;
}
