/* frontdesk incident verify ID: proves a signed report was not changed after signing. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_incident_followup.h"
#include "service/incident.h"

static int incident_verify_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"incident verify", incident_verify_cmd, "incident verify ID",
	 "Checks a signed incident report, its attachments' bytes, its branch and its chain of "
	 "addenda against their Ed25519 signatures and the audit log's record of each signing: "
	 "exit 0 when unchanged since signing, 1 naming everything altered."},
};

int cli_incident(struct cli *c)
{
	/* verify here; Headquarters' follow-up in cli_incident_followup.c. */
	const char *sub = c->argc > 1 ? c->argv[1] : "";
	const struct cli_command *more = incident_followup_commands;
	for (size_t i = 0; i < incident_followup_ncommands; i++)
		if (strcmp(sub, strchr(more[i].name, ' ') + 1) == 0)
			return cli_group(c, "incident", more, incident_followup_ncommands);
	int rc = cli_group(c, "incident", commands, 1);
	if (!*sub || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)
		for (size_t i = 0; i < incident_followup_ncommands; i++)
			printf("  %-60s %s\n", more[i].usage, more[i].summary);
	return rc;
}

/* What the signature the report was signed under covers, for the operator. */
static void print_intact(long long id, const struct incident_check *r)
{
	if (r->form == 1)
		printf("incident %lld: the signature is valid (form 1: signed before attachments, "
		       "the "
		       "branch's id and the order of addenda were; they are not covered); %zu "
		       "addend%s; unchanged since it was signed\n",
		       id, r->naddenda, r->naddenda == 1 ? "um" : "a");
	else
		printf("incident %lld: the signature is valid (form %d: the report, its branch and "
		       "every attachment's bytes); %zu addend%s chained to it, each signing in the "
		       "audit log; unchanged since it was signed (check the audit log itself with "
		       "'frontdesk audit verify')\n",
		       id, r->form, r->naddenda, r->naddenda == 1 ? "um" : "a");
}

/* The report to verify, by its id. */
struct verify_input {
	int64_t id;
};
static const struct input_field verify_fields[] = {
	{"id", "Report", INPUT_ID, true, .offset = offsetof(struct verify_input, id)},
};
static const struct input_table verify_table = INPUT_TABLE(verify_fields);

static int incident_verify_cmd(struct cli *c)
{
	static const char *const words[] = {"id", NULL};
	struct cli_args args = {.table = &verify_table, .words = words};
	struct verify_input in;
	int rc = cli_input(c, &commands[0], &args, &in);
	if (rc >= 0)
		return rc;
	long long id = (long long)in.id;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct incident_check r;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (incident_verify(&s, id, &r, &err)) {
		rc = cli_fail(&err);
	} else if (r.nproblems) {
		fprintf(stderr,
			"frontdesk: incident %lld no longer matches what was signed (form %d):\n",
			id, r.form);
		for (size_t k = 0; k < r.nproblems; k++)
			fprintf(stderr, "  - %s\n", r.problems[k]);
		rc = EXIT_REFUSED;
	} else {
		print_intact(id, &r);
	}
	cli_close(&s, &a);
	return rc;
}
