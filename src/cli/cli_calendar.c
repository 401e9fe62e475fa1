/* frontdesk holiday add|remove|list|import, frontdesk branch close|reopen, and frontdesk
 * remind: the branch calendar and the reminders at the command line (issue 13). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "service/calendar.h"
#include "service/reminder.h"

static int holiday_add_cmd(struct cli *c);
static int holiday_remove_cmd(struct cli *c);
static int holiday_list_cmd(struct cli *c);
static int holiday_import_cmd(struct cli *c);

static const struct cli_command holiday_commands[] = {
	{"holiday add", holiday_add_cmd, "holiday add DATE NAME",
	 "Adds a holiday: every branch is closed that day (YYYY-MM-DD)."},
	{"holiday remove", holiday_remove_cmd, "holiday remove DATE", "Removes a holiday."},
	{"holiday list", holiday_list_cmd, "holiday list", "Lists the holidays."},
	{"holiday import", holiday_import_cmd, "holiday import FILE.ics",
	 "Adds every day of every event in an iCalendar file as a holiday."},
};

int cli_holiday(struct cli *c)
{
	return cli_group(c, "holiday", holiday_commands,
			 sizeof holiday_commands / sizeof holiday_commands[0]);
}

/* Opens the database, runs one service call, closes: the shape of every command here. */
#define RUN(c, call)                                                                               \
	do {                                                                                       \
		struct svc s;                                                                      \
		struct arena a;                                                                    \
		struct fd_error err = {0};                                                         \
		int rc_ = cli_open(c, &s, &a, true);                                               \
		if (rc_)                                                                           \
			return rc_;                                                                \
		if (call)                                                                          \
			rc_ = cli_fail(&err);                                                      \
		cli_close(&s, &a);                                                                 \
		return rc_;                                                                        \
	} while (0)

static int holiday_add_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&holiday_commands[0], "");
	if (c->argc != 3)
		return cli_usage(&holiday_commands[0], "give a DATE and a NAME");
	RUN(c, holiday_add(&s, c->argv[1], c->argv[2], &err) ||
		       printf("holiday %s: %s\n", c->argv[1], c->argv[2]) < 0);
}

static int holiday_remove_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&holiday_commands[1], "");
	if (c->argc != 2)
		return cli_usage(&holiday_commands[1], "give a DATE");
	RUN(c, holiday_remove(&s, c->argv[1], &err));
}

static int print_holidays(struct svc *s, struct fd_error *err)
{
	struct calendar_entry *h;
	size_t n;
	if (holiday_list(s, NULL, NULL, &h, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		printf("%s  %s\n", h[i].day, h[i].reason);
	return 0;
}

static int holiday_list_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&holiday_commands[2], "");
	if (c->argc != 1)
		return cli_usage(&holiday_commands[2], "unexpected argument");
	RUN(c, print_holidays(&s, &err));
}

static int import_file(struct svc *s, const char *path, struct fd_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf text = BUF_INIT;
	char chunk[4096];
	size_t got;
	int days;
	if (!f)
		return fd_fail_field(err, "ics", "cannot read %s", path);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < (4u << 20))
		buf_append(&text, chunk, got);
	fclose(f);
	int rc = holiday_import(s, text.data ? text.data : "", text.len, &days, err);
	if (!rc)
		printf("imported %d holiday%s from %s\n", days, days == 1 ? "" : "s", path);
	buf_free(&text);
	return rc;
}

static int holiday_import_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&holiday_commands[3], "");
	if (c->argc != 2)
		return cli_usage(&holiday_commands[3], "give one FILE.ics");
	RUN(c, import_file(&s, c->argv[1], &err));
}

static const struct cli_command close_cmd = {
	"branch close", cli_branch_close,
	"branch close CODE DATE --reason TEXT [--hours HH:MM-HH:MM]",
	"Closes a branch for a day (weather, power, a judgement call), or with --hours opens it "
	"other hours that day."};
static const struct cli_command reopen_cmd = {"branch reopen", cli_branch_reopen,
					      "branch reopen CODE DATE",
					      "Takes back a closure or changed hours."};

int cli_branch_close(struct cli *c)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"reason", required_argument, NULL, 'r'},
		{"hours", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *reason = NULL, *hours = NULL;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'h':
			return cli_help(
				&close_cmd,
				"  --reason TEXT   why (required): \"ice storm\"\n"
				"  --hours H       open only these hours, e.g. 10:00-14:00\n");
		case 'r': reason = optarg; break;
		case 'o': hours = optarg; break;
		default: return cli_usage(&close_cmd, "unknown option or missing value");
		}
	}
	if (optind != c->argc - 2)
		return cli_usage(&close_cmd, "give a branch CODE and a DATE");
	if (!reason)
		return cli_usage(&close_cmd, "--reason is required");
	RUN(c, closure_set(&s, c->argv[optind], c->argv[optind + 1], hours, reason, &err));
}

int cli_branch_reopen(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&reopen_cmd, "");
	if (c->argc != 3)
		return cli_usage(&reopen_cmd, "give a branch CODE and a DATE");
	RUN(c, closure_remove(&s, c->argv[1], c->argv[2], &err));
}

static const struct cli_command remind_cmd = {
	"remind", cli_remind, "remind",
	"Sends the reminders about requests left untouched for open hours, and ends shifts left "
	"open after their branch closed (serve does both every minute)."};

static int remind_once(struct svc *s, struct fd_error *err)
{
	int sent, closed;
	if (reminders_requests(s, &sent, err) || reminders_shifts(s, &closed, err))
		return -1;
	printf("%d reminder%s, %d shift%s closed\n", sent, sent == 1 ? "" : "s", closed,
	       closed == 1 ? "" : "s");
	return 0;
}

int cli_remind(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&remind_cmd, "");
	if (c->argc != 1)
		return cli_usage(&remind_cmd, "unexpected argument");
	RUN(c, remind_once(&s, &err));
}
