/* frontdesk branch add|list (close and reopen are in cli_calendar.c). */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "service/branch.h"

static int branch_add_cmd(struct cli *c);
static int branch_list_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"branch add", branch_add_cmd,
	 "branch add CODE --name NAME [--tz ZONE] [--hours HOURS] [--phone N] [--headquarters]",
	 "Adds a branch."},
	{"branch list", branch_list_cmd, "branch list", "Lists the branches with their hours."},
	{"branch close", cli_branch_close, "branch close CODE DATE --reason TEXT [--hours H]",
	 "Closes a branch for a day, or opens it other hours."},
	{"branch reopen", cli_branch_reopen, "branch reopen CODE DATE",
	 "Takes back a closure or changed hours."},
};

int cli_branch(struct cli *c)
{
	return cli_group(c, "branch", commands, sizeof commands / sizeof commands[0]);
}

static int branch_add_cmd(struct cli *c)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"name", required_argument, NULL, 'n'},
		{"tz", required_argument, NULL, 'z'},
		{"hours", required_argument, NULL, 'o'},
		{"phone", required_argument, NULL, 'p'},
		{"headquarters", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	struct branch in = {0};
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'h':
			return cli_help(
				&commands[0],
				"  --name NAME     the branch's name (required)\n"
				"  --tz ZONE       IANA time zone (default America/Chicago)\n"
				"  --hours HOURS   e.g. \"mon-fri 09:00-18:00,sat 10:00-14:00\"\n"
				"  --phone N       the branch's public phone number\n"
				"  --headquarters  this is the system's Headquarters\n");
		case 'n': in.name = optarg; break;
		case 'z': in.time_zone = optarg; break;
		case 'o': in.hours = optarg; break;
		case 'p': in.phone = optarg; break;
		case 'q': in.headquarters = true; break;
		default: return cli_usage(&commands[0], "unknown option or missing value");
		}
	}
	if (optind != c->argc - 1)
		return cli_usage(&commands[0], "give exactly one branch CODE");
	if (!in.name)
		return cli_usage(&commands[0], "--name is required");
	in.code = c->argv[optind];

	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct branch_view out;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (branch_add(&s, &in, &out, &err))
		rc = cli_fail(&err);
	else
		printf("added branch %s (%s), %s, hours: %s\n", out.branch.code, out.branch.name,
		       out.branch.time_zone, out.branch.hours[0] ? out.branch.hours : "none");
	cli_close(&s, &a);
	return rc;
}

static int branch_list_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&commands[1], "");
	if (c->argc > 1)
		return cli_usage(&commands[1], "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct branch_view *v;
	size_t n;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (branch_list(&s, &v, &n, &err))
		rc = cli_fail(&err);
	for (size_t i = 0; !rc && i < n; i++)
		printf("%-6s %-34s %-16s %-6s %s\n", v[i].branch.code, v[i].branch.name,
		       v[i].branch.time_zone, v[i].open_now ? "open" : "closed", v[i].branch.hours);
	cli_close(&s, &a);
	return rc;
}
