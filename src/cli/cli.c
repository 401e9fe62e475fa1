/* Helpers shared by the subcommands. */
#include "cli/cli.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"

int cli_open(struct cli *c, struct svc *s, struct arena *a, bool need_schema)
{
	struct fd_error err = {0};
	memset(s, 0, sizeof *s);
	arena_init(a);
	s->arena = a;
	s->config = &c->cfg;
	s->now = time_now();
	s->client = "command line"; /* what the audit log says such an entry came from */
	/* A person is waiting and can stop it: a report or a check over years of rows may take
	 * longer than a desk's request is allowed to. */
	struct db_timeouts t = c->cfg.db_timeouts;
	t.statement_ms = 0;
	/* Only init and demo (need_schema false) make the database: any other command run
	 * where there is none must not leave an empty file behind. */
	int rc = need_schema ? store_open_existing(c->cfg.db_url, &t, &s->store, &err)
			     : store_open(c->cfg.db_url, &t, &s->store, &err);
	if (rc && err.code != FD_ENOTFOUND)
		return cli_fail(&err);
	bool ready = rc == 0; /* no file: no schema either */
	if (ready && need_schema && store_is_initialised(s->store, &ready, &err))
		ready = true; /* err says why it could not be told */
	if (!ready) {
		fd_error_clear(&err);
		fd_fail(&err, FD_EINVAL,
			"the database %s has no frontdesk schema: run "
			"'frontdesk init' first",
			c->cfg.db_url);
	}
	if (err.code) {
		cli_close(s, a);
		return cli_fail(&err);
	}
	return 0;
}

void cli_close(struct svc *s, struct arena *a)
{
	store_close(s->store);
	s->store = NULL;
	arena_free(a);
}

int cli_run(struct cli *c, cli_work_fn work, void *arg)
{
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (work(&s, arg, &err))
		rc = cli_fail(&err);
	cli_close(&s, &a);
	return rc;
}

/* Does message name field as a word ("customer_card" read as "customer card" too)? */
static bool mentions(const char *message, const char *field)
{
	size_t n = strlen(field);
	for (const char *m = message; n && *m; m++) {
		size_t k = 0;
		while (k < n && m[k] &&
		       (tolower((unsigned char)m[k]) == tolower((unsigned char)field[k]) ||
			(field[k] == '_' && m[k] == ' ')))
			k++;
		if (k == n && (m == message || !isalnum((unsigned char)m[-1])) &&
		    !isalnum((unsigned char)m[n]))
			return true;
	}
	return false;
}

int cli_fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdesk: ");
	/* The field only when the message does not already name it: "no branch HQ", not
	 * "branch: no branch HQ"; but "hours: Monday is given twice". */
	if (err->field[0] && !mentions(err->message, err->field))
		fprintf(stderr, "%s: ", err->field);
	fprintf(stderr, "%s", err->message);
	if (err->rule)
		fprintf(stderr, " (%s)", err->rule);
	fprintf(stderr, "\n");
	return EXIT_REFUSED;
}

int cli_usage(const struct cli_command *cmd, const char *problem)
{
	fprintf(stderr, "frontdesk: %s\nusage: frontdesk %s\n(frontdesk %s --help for more)\n",
		problem, cmd->usage, cmd->name);
	return EXIT_USAGE;
}

int cli_help(const struct cli_command *cmd, const char *options)
{
	printf("usage: frontdesk %s\n\n%s\n", cmd->usage, cmd->summary);
	if (options && *options)
		printf("\noptions:\n%s", options);
	printf("\nglobal options: --db URL (sqlite:FILE or postgresql://…; FRONTDESK_DB; default "
	       "sqlite:frontdesk.db), "
	       "--config FILE\n");
	return 0;
}

int cli_group(struct cli *c, const char *group, const struct cli_command *table, size_t n)
{
	const char *sub = c->argc > 1 ? c->argv[1] : NULL;
	if (!sub || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		printf("usage: frontdesk %s COMMAND ...\n\ncommands:\n", group);
		for (size_t i = 0; i < n; i++)
			printf("  %-60s %s\n", table[i].usage, table[i].summary);
		return sub ? 0 : EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(sub, strchr(table[i].name, ' ') + 1) == 0) {
			c->argc--;
			c->argv++;
			return table[i].run(c);
		}
	}
	fprintf(stderr, "frontdesk: unknown command '%s %s' (frontdesk %s --help)\n", group, sub,
		group);
	return EXIT_USAGE;
}

bool cli_wants_help(const struct cli *c)
{
	for (int i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
			return true;
	return false;
}

int cli_check_arguments(int argc, char **argv)
{
	struct fd_error err = {0};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *before = argv[i - 1];
		char name[64];
		if (i > 1 && strncmp(before, "--", 2) == 0 && !strchr(before, '=') &&
		    text_valid(before, strlen(before), false, NULL))
			snprintf(name, sizeof name, "argument %d (after %.32s)", i, before);
		else
			snprintf(name, sizeof name, "argument %d", i);
		if (text_check(name, arg, strlen(arg), true, &err))
			return cli_fail(&err);
	}
	return 0;
}
