/* frontdesk holiday add|remove|list|import and frontdesk remind: the system's holidays and
 * the reminders at the command line (a branch's own days are in cli_branch.c). */
#include <stdio.h>
#include <string.h>

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

static int add_holiday(struct svc *s, void *arg, struct fd_error *err)
{
	const struct holiday_input *in = arg;
	if (holiday_add(s, in, err))
		return -1;
	printf("holiday %s: %s\n", in->date, in->name);
	return 0;
}

static int holiday_add_cmd(struct cli *c)
{
	static const char *const words[] = {"date", "name", NULL};
	struct cli_args args = {.table = &holiday_input_table, .words = words};
	struct holiday_input in;
	int rc = cli_input(c, &holiday_commands[0], &args, &in);
	return rc >= 0 ? rc : cli_run(c, add_holiday, &in);
}

static int remove_holiday(struct svc *s, void *arg, struct fd_error *err)
{
	return holiday_remove(s, ((const struct cli_day *)arg)->date, err);
}

static int holiday_remove_cmd(struct cli *c)
{
	static const char *const words[] = {"date", NULL};
	struct cli_args args = {.table = &cli_day_table, .words = words};
	struct cli_day d;
	int rc = cli_input(c, &holiday_commands[1], &args, &d);
	return rc >= 0 ? rc : cli_run(c, remove_holiday, &d);
}

static int print_holidays(struct svc *s, void *arg, struct fd_error *err)
{
	struct calendar_entry *h;
	size_t n;
	(void)arg;
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
	return cli_run(c, print_holidays, NULL);
}

static int import_file(struct svc *s, void *arg, struct fd_error *err)
{
	const char *path = ((const struct cli_file *)arg)->file;
	FILE *f = fopen(path, "rb");
	struct buf text = BUF_INIT;
	char chunk[4096];
	size_t got;
	int days, rc = 0;
	if (!f)
		return fd_fail_field(err, "ics", "cannot read %s", path);
	while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_append(&text, chunk, got);
		if (text.len > HOLIDAY_ICS_MAX_BYTES)
			rc = fd_fail_field(err, "ics", "%s is larger than %d MiB", path,
					   HOLIDAY_ICS_MAX_BYTES >> 20);
	}
	fclose(f);
	if (!rc)
		rc = holiday_import(s, text.data ? text.data : "", text.len, &days, err);
	if (rc && strcmp(err->field, "ics") == 0) {
		/* "line 4 (SUMMARY): …" of which file. */
		char was[sizeof err->message];
		snprintf(was, sizeof was, "%s", err->message);
		fd_fail_field(err, "ics", "%s, %s", path, was);
	}
	if (!rc)
		printf("imported %d holiday%s from %s\n", days, days == 1 ? "" : "s", path);
	buf_free(&text);
	return rc;
}

static int holiday_import_cmd(struct cli *c)
{
	static const char *const words[] = {"file", NULL};
	struct cli_args args = {.table = &cli_file_table, .words = words};
	struct cli_file in;
	int rc = cli_input(c, &holiday_commands[3], &args, &in);
	return rc >= 0 ? rc : cli_run(c, import_file, &in);
}

static const struct cli_command remind_cmd = {
	"remind", cli_remind, "remind",
	"Sends the reminders about requests left untouched for open hours, and ends shifts left "
	"open after their branch closed (serve does both every minute)."};

static int remind_once(struct svc *s, void *arg, struct fd_error *err)
{
	int sent, closed;
	(void)arg;
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
	return cli_run(c, remind_once, NULL);
}
