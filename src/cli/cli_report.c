/* frontdesk report service: the service report from the command line, as JSON or CSV. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "service/report.h"
#include "api/report_out.h"

static int report_service_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"report service", report_service_cmd,
	 "report service [--branch CODE] [--from DAY] [--to DAY] [--csv]",
	 "Prints the service report: visits, waits, callbacks, requests, complaints, incidents, "
	 "late openings and early closings."},
};

int cli_report(struct cli *c)
{
	return cli_group(c, "report", commands, sizeof commands / sizeof commands[0]);
}

static int report_service_cmd(struct cli *c)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},	{"branch", required_argument, NULL, 'b'},
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
		{"csv", no_argument, NULL, 'c'},	{NULL, 0, NULL, 0},
	};
	const char *branch = NULL, *from = NULL, *to = NULL;
	bool csv = false;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'h':
			return cli_help(
				&commands[0],
				"  --branch CODE  one branch (default: every branch)\n"
				"  --from DAY     first day, YYYY-MM-DD (default: six days "
				"before --to)\n"
				"  --to DAY       last day, YYYY-MM-DD (default: today)\n"
				"  --csv          one row a day with a header row, instead of "
				"JSON\n");
		case 'b': branch = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'c': csv = true; break;
		default: return cli_usage(&commands[0], "unknown option or missing value");
		}
	}
	if (optind != c->argc)
		return cli_usage(&commands[0], "unexpected argument");

	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct service_report rep;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (report_service(&s, branch, from, to, &rep, &err)) {
		rc = cli_fail(&err);
	} else if (csv) {
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
