/* frontdesk policy import FILE: a library loads its own policies into the handbook. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "service/handbook.h"

static int policy_import_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"policy import", policy_import_cmd, "policy import FILE.md",
	 "Loads policy sections from Markdown: '# Policy name', 'Approved: YYYY-MM-DD', then a "
	 "'## Title' per section with an optional 'Rules: CS-…' line and a 'Rationale: …' "
	 "paragraph. Unchanged sections are left alone; changed ones get a new version."},
};

int cli_policy(struct cli *c)
{
	return cli_group(c, "policy", commands, 1);
}

#define MAX_FILE_BYTES (4 << 20)

static int policy_import_cmd(struct cli *c)
{
	static const char *const words[] = {"file", NULL};
	struct cli_args args = {.table = &cli_file_table, .words = words};
	struct cli_file in;
	int rc = cli_input(c, &commands[0], &args, &in);
	if (rc >= 0)
		return rc;
	FILE *f = fopen(in.file, "rb");
	if (!f) {
		fprintf(stderr, "frontdesk: cannot read %s\n", in.file);
		return EXIT_REFUSED;
	}
	struct buf text = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len <= MAX_FILE_BYTES)
		buf_append(&text, chunk, n);
	fclose(f);
	if (text.len > MAX_FILE_BYTES) {
		buf_free(&text);
		fprintf(stderr, "frontdesk: %s is larger than 4 MiB\n", in.file);
		return EXIT_REFUSED;
	}
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int added = 0;
	if ((rc = cli_open(c, &s, &a, true)) == 0) {
		if (handbook_import(&s, in.file, buf_str(&text), text.len, &added, &err))
			rc = cli_fail(&err);
		else
			printf("%d section%s added or revised\n", added, added == 1 ? "" : "s");
		cli_close(&s, &a);
	}
	buf_free(&text);
	return rc;
}
