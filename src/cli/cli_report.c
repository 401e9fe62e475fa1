/* frontdesk report service: the service report from the command line, as JSON or CSV. */
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "service/report.h"
#include "api/report_out.h"

static int report_service_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"report service", report_service_cmd,
	 "report service [--branch CODE] [--from DAY] [--to DAY] [--csv]",
	 "Prints the service report: visits, waits, callbacks, requests, complaints, incidents, "
	 "late openings and early closings, and customers' satisfaction."},
};

int cli_report(struct cli *c)
{
	return cli_group(c, "report", commands, sizeof commands / sizeof commands[0]);
}

/* The report's range: a branch's code, as the other tables name a branch, and two days. */
struct range_input {
	const char *branch, *from, *to;
};
#define IN(member) .offset = offsetof(struct range_input, member)
static const struct input_field range_fields[] = {
	INPUT_BRANCH_FIELD("branch", "One branch, by its code (default: every branch)", false,
			   offsetof(struct range_input, branch)),
	{"from", "First day (default: six days before --to)", INPUT_DATE, false, IN(from)},
	{"to", "Last day (default: today)", INPUT_DATE, false, IN(to)},
};
static const struct input_table range_table = INPUT_TABLE(range_fields);

static int report_service_cmd(struct cli *c)
{
	struct cli_args args = {.table = &range_table,
				.flag = "csv",
				.flag_help = "one row a day with a header row, instead of JSON"};
	struct range_input in;
	int rc = cli_input(c, &commands[0], &args, &in);
	if (rc >= 0)
		return rc;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct service_report rep;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (report_service(&s, in.branch, in.from, in.to, &rep, &err)) {
		rc = cli_fail(&err);
	} else if (args.flag_given) {
		struct buf out = BUF_INIT;
		report_csv(&rep, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	} else {
		json_t *j = report_json(&rep);
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(j);
	}
	cli_close(&s, &a);
	return rc;
}
