/* frontdesk init and frontdesk demo. */
#include <stddef.h>
#include <stdio.h>

#include "base/vocab.h"
#include "cli/cli.h"
#include "service/demo.h"
#include "service/signing.h"

static const struct cli_command init_cmd = {
	"init", cli_init, "init",
	"Creates the database, or brings its schema up to date. Safe to "
	"run again: it changes nothing when there is nothing to do."};

static const struct cli_command demo_cmd = {
	"demo", cli_demo, "demo [--if-new] [--years N] [--branches N] [--visits N]",
	"Creates the database and loads a demo library system (Headquarters and six branches, "
	"with four weeks of past), then prints the demo logins."};

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
	size_t n, nlive;
	const struct demo_login *l = demo_logins(&n);
	const char *const *live = demo_live_logins(&nlive);
	printf("\nDemo logins (password for all: %s):\n", DEMO_PASSWORD);
	printf("  %-15s %-29s %-33s %s\n", "Login", "Role", "Branch", "Name");
	for (size_t i = 0; i < n; i++) /* people read it: the role's words, the branch's name */
		printf("  %-15s %-29s %-33s %s\n", l[i].login,
		       role_label((enum role)vocab_from_name(&vocab_role, l[i].role)),
		       demo_branch_name(l[i].branch), l[i].name);
	printf("\n%s is open now, whatever the day, with these on duty:",
	       demo_branch_name(DEMO_LIVE_BRANCH));
	for (size_t i = 0; i < nlive; i++)
		printf("%s %s", i ? "," : "", live[i]);
	printf("\nIts public board (no login) is at /board/%s\n\n", DEMO_LIVE_BRANCH);
}

/* How big a demo to make: 0 leaves the default. */
struct demo_input {
	int years, branches, visits;
};
static const struct input_field demo_fields[] = {
	{"years", "Years of past instead of four weeks, at a busy system's pace (benchmarks)",
	 INPUT_INT, false, 1, 20, .offset = offsetof(struct demo_input, years)},
	{"branches", "Branches besides Headquarters", INPUT_INT, false, 6, 400,
	 .offset = offsetof(struct demo_input, branches)},
	{"visits",
	 "Desk visits on an average branch's ordinary day, the branches sized as a consortium's: "
	 "small rural, town and city",
	 INPUT_INT, false, 1, 500, .offset = offsetof(struct demo_input, visits)},
};
static const struct input_table demo_table = INPUT_TABLE(demo_fields);

int cli_demo(struct cli *c)
{
	struct cli_args args = {
		.table = &demo_table,
		.flag = "if-new",
		.flag_help = "load only into an empty database; otherwise just print the logins"};
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct demo_size size = DEMO_SIZE_DEFAULT;
	struct demo_input in;
	bool loaded = false;
	int rc = cli_input(c, &demo_cmd, &args, &in);
	if (rc >= 0)
		return rc;
	if (in.years) {
		size.days = 365 * in.years;
		size.visits_per_day = DEMO_BUSY_VISITS_PER_DAY;
	}
	if (in.branches)
		size.branches = in.branches;
	if (in.visits) {
		size.visits_per_day = in.visits;
		size.spread = true;
	}
	if ((rc = cli_open(c, &s, &a, false)) != 0)
		return rc;
	if ((rc = migrate(&s)) != 0)
		goto out;
	if (demo_load(&s, &size, &err)) {
		if (!(args.flag_given && err.code == FD_ECONFLICT)) {
			rc = cli_fail(&err);
			goto out;
		}
		printf("the database already holds data: demo not loaded again\n");
	} else {
		printf("demo library system loaded\n");
		loaded = true;
	}
	/* CS-HOURS is kept: the day's hours are changed, as a manager would, and say so. */
	if (demo_live(&s, loaded, &err)) {
		if (loaded || err.code != FD_ECONFLICT) {
			rc = cli_fail(&err);
			goto out;
		}
		printf("%s\n", err.message); /* --if-new on someone's own data: served as it is */
		goto out;
	}
	print_logins();
out:
	cli_close(&s, &a);
	return rc;
}
