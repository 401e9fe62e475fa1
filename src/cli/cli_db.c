/* frontdesk init and frontdesk demo. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "service/demo.h"
#include "service/signing.h"

static const struct cli_command init_cmd = {
	"init", cli_init, "init",
	"Creates the database, or brings its schema up to date. Safe to "
	"run again: it changes nothing when there is nothing to do."};

static const struct cli_command demo_cmd = {
	"demo", cli_demo, "demo [--if-new] [--years N] [--branches N]",
	"Creates the database and loads a demo library system (Headquarters and six branches, "
	"with four weeks of past), then prints the demo logins."};

/* text as a whole number from min to max, else -1 (a long that does not fit is refused,
 * not cut down to an int that might). */
static int whole_number(const char *text, int min, int max)
{
	char *end;
	errno = 0;
	long n = strtol(text, &end, 10);
	return *text && !*end && !errno && n >= min && n <= max ? (int)n : -1;
}

static int migrate(struct svc *s)
{
	struct fd_error err = {0};
	const char *moved_to;
	int applied;
	/* First: migration 18 drops the column older versions kept the secret key in. */
	if (signing_move_out_of_database(s, &moved_to, &err))
		return cli_fail(&err);
	if (moved_to)
		printf("moved the installation's signing key out of the database into %s\n",
		       moved_to);
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
	if (cli_wants_help(c))
		return cli_help(&init_cmd, "");
	if (c->argc != 1)
		return cli_usage(&init_cmd, "unexpected argument");
	int rc = cli_open(c, &s, &a, false);
	if (rc)
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
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"if-new", no_argument, NULL, 'f'},
		{"years", required_argument, NULL, 'y'},
		{"branches", required_argument, NULL, 'b'},
		{NULL, 0, NULL, 0},
	};
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct demo_size size = DEMO_SIZE_DEFAULT;
	bool if_new = false;
	int o, n;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'h':
			return cli_help(
				&demo_cmd,
				"  --if-new       load only into an empty database; otherwise "
				"just print the logins\n"
				"  --years N      N years of past instead of four weeks, at a "
				"busy system's pace (for benchmarks)\n"
				"  --branches N   N branches besides Headquarters (6 to 60)\n");
		case 'f': if_new = true; break;
		case 'y':
			if ((n = whole_number(optarg, 1, 20)) < 0)
				return cli_usage(&demo_cmd, "--years is 1 to 20");
			size.days = 365 * n;
			size.visits_per_day = DEMO_BUSY_VISITS_PER_DAY;
			break;
		case 'b':
			if ((n = whole_number(optarg, 6, 60)) < 0)
				return cli_usage(&demo_cmd, "--branches is 6 to 60");
			size.branches = n;
			break;
		default: return cli_usage(&demo_cmd, "unknown option or missing value");
		}
	}
	if (optind < c->argc)
		return cli_usage(&demo_cmd, "unexpected argument");
	int rc = cli_open(c, &s, &a, false);
	if (rc)
		return rc;
	if ((rc = migrate(&s)) != 0)
		goto out;
	if (demo_load(&s, &size, &err)) {
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
