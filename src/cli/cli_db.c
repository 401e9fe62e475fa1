/* frontdesk init and frontdesk demo. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "service/demo.h"

static const struct cli_command init_cmd = {
	"init", cli_init, "init",
	"Creates the database, or brings its schema up to date. Safe to "
	"run again: it changes nothing when there is nothing to do."};

static const struct cli_command demo_cmd = {
	"demo", cli_demo, "demo [--if-new]",
	"Creates the database and loads a demo library system (Headquarters and six branches), "
	"then prints the demo logins."};

/* Options of init and demo: --help, and the one flag (flag_name) a command may have.
 * Returns -1 to go on, else the exit status. */
static int simple_options(struct cli *c, const struct cli_command *cmd, const char *help,
			  bool *flag, const char *flag_name)
{
	struct option opts[3] = {{"help", no_argument, NULL, 'h'}};
	if (flag_name)
		opts[1] = (struct option){flag_name, no_argument, NULL, 'f'};
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		if (o == 'h')
			return cli_help(cmd, help);
		if (o != 'f')
			return cli_usage(cmd, "unknown option");
		*flag = true;
	}
	if (optind < c->argc)
		return cli_usage(cmd, "unexpected argument");
	return -1;
}

static int migrate(struct svc *s)
{
	struct fd_error err = {0};
	int applied;
	if (store_migrate(s->store, &applied, &err))
		return cli_fail(&err);
	if (applied)
		printf("database schema brought up to date (%d migration%s applied)\n", applied,
		       applied == 1 ? "" : "s");
	else
		printf("database schema already up to date\n");
	return 0;
}

int cli_init(struct cli *c)
{
	struct svc s;
	struct arena a;
	int rc = simple_options(c, &init_cmd, "", NULL, NULL);
	if (rc >= 0 || (rc = cli_open(c, &s, &a, false)) != 0)
		return rc;
	rc = migrate(&s);
	cli_close(&s, &a);
	return rc;
}

static void print_logins(void)
{
	size_t n;
	const struct demo_login *l = demo_logins(&n);
	printf("\nDemo logins (password for all: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < n; i++)
		printf("  %-15s %-28s %-4s %s\n", l[i].login, l[i].role, l[i].branch, l[i].name);
}

int cli_demo(struct cli *c)
{
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	bool if_new = false;
	int rc = simple_options(
		c, &demo_cmd,
		"  --if-new   load only into an empty database; otherwise just print "
		"the logins\n",
		&if_new, "if-new");
	if (rc >= 0 || (rc = cli_open(c, &s, &a, false)) != 0)
		return rc;
	if ((rc = migrate(&s)) != 0)
		goto out;
	if (demo_load(&s, &err)) {
		if (!(if_new && err.code == FD_ECONFLICT)) {
			rc = cli_fail(&err);
			goto out;
		}
		printf("the database already holds data: demo not loaded again\n");
	} else {
		printf("demo library system loaded\n");
	}
	print_logins();
out:
	cli_close(&s, &a);
	return rc;
}
