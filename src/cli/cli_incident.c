/* frontdesk incident verify ID: proves a signed report was not changed after signing. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "service/incident.h"

static int incident_verify_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"incident verify", incident_verify_cmd, "incident verify ID",
	 "Checks a signed incident report and its addenda against their Ed25519 signatures: exit "
	 "0 when unchanged since signing, 1 when anything was altered."},
};

int cli_incident(struct cli *c)
{
	return cli_group(c, "incident", commands, 1);
}

static int incident_verify_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&commands[0], "");
	char *end;
	long long id = c->argc == 2 ? strtoll(c->argv[1], &end, 10) : 0;
	if (c->argc != 2 || *end || id <= 0)
		return cli_usage(&commands[0], "give one report ID");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	bool valid = false;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (incident_verify(&s, id, &valid, &err))
		rc = cli_fail(&err);
	else if (!valid)
		rc = cli_fail(&err);
	else
		printf("incident %lld: the signature is valid; unchanged since it was signed\n",
		       id);
	cli_close(&s, &a);
	return rc;
}
