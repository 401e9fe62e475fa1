/* frontdesk purge: applies the retention periods now (serve also does it daily). */
#include <stdio.h>

#include "cli/cli.h"
#include "service/request.h"

static const struct cli_command purge_cmd = {
	"purge", cli_purge, "purge",
	"Applies the retention periods ([retention] in the config): removes the text of "
	"reference questions past their date and who finished visits were for; the records and "
	"their counts stay. Incident reports are kept."};

int cli_purge(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&purge_cmd, "");
	if (c->argc != 1)
		return cli_usage(&purge_cmd, "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int64_t texts, visits;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (retention_purge(&s, &texts, &visits, &err))
		rc = cli_fail(&err);
	else
		printf("purged the text of %lld reference question%s and the customer of %lld "
		       "visit%s\n",
		       (long long)texts, texts == 1 ? "" : "s", (long long)visits,
		       visits == 1 ? "" : "s");
	cli_close(&s, &a);
	return rc;
}
