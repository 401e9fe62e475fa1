/* frontdesk branch add|set|list|close|reopen. */
#include <stdio.h>

#include "cli/cli.h"
#include "service/branch.h"
#include "service/calendar.h"

static int branch_add_cmd(struct cli *c);
static int branch_set_cmd(struct cli *c);
static int branch_list_cmd(struct cli *c);
static int branch_close_cmd(struct cli *c);
static int branch_reopen_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"branch add", branch_add_cmd,
	 "branch add CODE --name NAME [--tz ZONE] [--hours HOURS] [--phone N] [--address TEXT] "
	 "[--headquarters] [--ack-target-s N] [--no-show-after-s N]",
	 "Adds a branch."},
	{"branch set", branch_set_cmd,
	 "branch set CODE [--name NAME] [--phone N] [--address TEXT] [--tz ZONE] [--hours HOURS] "
	 "[--ack-target-s N] [--no-show-after-s N]",
	 "Changes what is given of a branch: its address, for the letterhead, or its name, "
	 "phone, time zone, hours or targets."},
	{"branch list", branch_list_cmd, "branch list", "Lists the branches with their hours."},
	{"branch close", branch_close_cmd,
	 "branch close CODE DATE --reason TEXT [--hours HH:MM-HH:MM]",
	 "Closes a branch for a day (weather, power, a judgement call), or with --hours opens it "
	 "other hours that day."},
	{"branch reopen", branch_reopen_cmd, "branch reopen CODE DATE",
	 "Takes back a closure or changed hours."},
};

int cli_branch(struct cli *c)
{
	return cli_group(c, "branch", commands, sizeof commands / sizeof commands[0]);
}

static int add_branch(struct svc *s, void *arg, struct fd_error *err)
{
	struct branch_view out;
	if (branch_add(s, arg, &out, err))
		return -1;
	printf("added branch %s (%s), %s, hours: %s\n", out.branch.code, out.branch.name,
	       out.branch.time_zone, out.branch.hours[0] ? out.branch.hours : "none");
	return 0;
}

static int branch_add_cmd(struct cli *c)
{
	static const char *const words[] = {"code", NULL}, *const aliases[] = {"tz", "time_zone",
									       NULL};
	struct cli_args args = {.table = &branch_input_table, .words = words, .aliases = aliases};
	struct branch in = {0};
	int rc = cli_input(c, &commands[0], &args, &in);
	return rc >= 0 ? rc : cli_run(c, add_branch, &in);
}

struct branch_change {
	const char *code;
	struct branch in;
};

static int set_branch(struct svc *s, void *arg, struct fd_error *err)
{
	const struct branch_change *ch = arg;
	struct branch_view out;
	const char *changed;
	if (branch_update(s, ch->code, &ch->in, &out, &changed, err))
		return -1;
	if (*changed)
		printf("changed branch %s (%s): %s\n", out.branch.code, out.branch.name, changed);
	else
		printf("branch %s (%s) is as given already: nothing changed\n", out.branch.code,
		       out.branch.name);
	return 0;
}

static int branch_set_cmd(struct cli *c)
{
	static const char *const words[] = {"code", NULL}, *const aliases[] = {"tz", "time_zone",
									       NULL};
	struct cli_args args = {
		.table = &branch_change_table,
		.words = words,
		.aliases = aliases,
		.notes =
			"The code and --headquarters do not change. An empty --phone, --address or "
			"--hours clears it.\nEach change is written to the audit log.\n",
	};
	const struct cli_command *cmd = &commands[1];
	struct branch_change ch = {0};
	int rc = cli_input(c, cmd, &args, &ch.in);
	if (rc >= 0)
		return rc;
	ch.code = args.word[0];
	const struct branch *in = &ch.in;
	if (!in->name && !in->time_zone && !in->hours && !in->phone && !in->address &&
	    !in->ack_target_s && !in->no_show_after_s)
		return cli_usage(cmd, "say what to change");
	return cli_run(c, set_branch, &ch);
}

static int print_branches(struct svc *s, void *arg, struct fd_error *err)
{
	struct branch_view *v;
	size_t n;
	(void)arg;
	if (branch_list(s, &v, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		printf("%-6s %-34s %-16s %-6s %s\n", v[i].branch.code, v[i].branch.name,
		       v[i].branch.time_zone, v[i].open_now ? "open" : "closed", v[i].branch.hours);
	return 0;
}

static int branch_list_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&commands[2], "");
	if (c->argc > 1)
		return cli_usage(&commands[2], "unexpected argument");
	return cli_run(c, print_branches, NULL);
}

struct day_change {
	const char *code;
	struct closure_input in;
};

static int set_day(struct svc *s, void *arg, struct fd_error *err)
{
	const struct day_change *d = arg;
	return closure_set(s, d->code, &d->in, err);
}

static int branch_close_cmd(struct cli *c)
{
	static const char *const words[] = {"code", "date", NULL};
	struct cli_args args = {.table = &closure_input_table, .words = words};
	struct day_change d = {0};
	int rc = cli_input(c, &commands[3], &args, &d.in);
	d.code = args.word[0];
	return rc >= 0 ? rc : cli_run(c, set_day, &d);
}

struct day_back {
	const char *code;
	struct cli_day in;
};

static int take_back_day(struct svc *s, void *arg, struct fd_error *err)
{
	const struct day_back *d = arg;
	return closure_remove(s, d->code, d->in.date, err);
}

static int branch_reopen_cmd(struct cli *c)
{
	static const char *const words[] = {"code", "date", NULL};
	struct cli_args args = {.table = &cli_day_table, .words = words};
	struct day_back d = {0};
	int rc = cli_input(c, &commands[4], &args, &d.in);
	d.code = args.word[0];
	return rc >= 0 ? rc : cli_run(c, take_back_day, &d);
}
