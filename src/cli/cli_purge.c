/* frontdesk purge: applies the retention periods now (serve also does it daily). */
#include <stdio.h>

#include "cli/cli.h"
#include "service/request.h"

static const struct cli_command purge_cmd = {
	"purge", cli_purge, "purge",
	"Applies the retention periods ([retention] in the config): removes the text of "
	"reference questions past their date, who finished visits were for (the customer, a "
	"first name given), the device and address of phone tickets after a day, and the contact "
	"given with feedback answers; the records and their counts stay. Incident reports are "
	"kept."};

int cli_purge(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&purge_cmd, "");
	if (c->argc != 1)
		return cli_usage(&purge_cmd, "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct retention_purged p;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (retention_purge(&s, &p, &err))
		rc = cli_fail(&err);
	else
		printf("purged the text of %lld reference question%s, the customer of %lld "
		       "visit%s, "
		       "the device and address of %lld phone ticket%s and the contact of %lld "
		       "feedback answer%s\n",
		       (long long)p.texts, p.texts == 1 ? "" : "s", (long long)p.visits,
		       p.visits == 1 ? "" : "s", (long long)p.join_tickets,
		       p.join_tickets == 1 ? "" : "s", (long long)p.feedback_contacts,
		       p.feedback_contacts == 1 ? "" : "s");
	cli_close(&s, &a);
	return rc;
}
