/* The administrator's commands: frontdesk backup FILE, frontdesk audit verify|head|anchor,
 * frontdesk roles (the role × action matrix as a Markdown table, for the docs) and frontdesk
 * routes (every route with its action and branch scope, for the access test and the curious). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "cli/cli.h"
#include "policy/role.h"
#include "service/audit.h"
#include "http/routes.h"

static const struct cli_command backup_cmd = {
	"backup", cli_backup, "backup FILE",
	"Writes an online, consistent copy of the SQLite database into a new FILE, which "
	"'frontdesk --db sqlite:FILE init' can open. PostgreSQL: use pg_dump."};

static int audit_verify_cmd(struct cli *c);
static int audit_head_cmd(struct cli *c);
static int audit_anchor_cmd(struct cli *c);

static const struct cli_command audit_commands[] = {
	{"audit verify", audit_verify_cmd, "audit verify [--head ENTRY:HASH]",
	 "Checks the audit log: its hash chain, and that it still reaches the head of every "
	 "anchor (signed with the installation's key) and, with --head, the head a witness "
	 "kept from the daily email. Exit 1 when an entry was changed or removed, or the log "
	 "was cut short."},
	{"audit head", audit_head_cmd, "audit head",
	 "Prints the audit log's newest entry and its last anchored head (entry, time, hash)."},
	{"audit anchor", audit_anchor_cmd, "audit anchor",
	 "Anchors the audit log now: signs its head with the installation's key (serve does "
	 "it every [audit] anchor_interval_s while the log grows, and once a day)."},
};

static const struct cli_command roles_cmd = {
	"roles", cli_roles, "roles", "Prints the role × action matrix as a Markdown table."};

static const struct cli_command routes_cmd = {
	"routes", cli_routes, "routes",
	"Prints every route of the web desk and the API, one a line, tab-separated: method, "
	"path (* is one segment), who may call it (public, user, login), the action of the "
	"role × action matrix it does, and where the branch of its record is named (branch "
	"scope)."};

int cli_backup(struct cli *c)
{
	static const char *const words[] = {"file", NULL};
	struct cli_args args = {.table = &cli_file_table, .words = words};
	struct cli_file in;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int rc = cli_input(c, &backup_cmd, &args, &in);
	if (rc >= 0 || (rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (store_backup(s.store, in.file, &err))
		rc = cli_fail(&err);
	else
		printf("backed up into %s\n", in.file);
	cli_close(&s, &a);
	return rc;
}

int cli_audit(struct cli *c)
{
	return cli_group(c, "audit", audit_commands, 3);
}

/* "ENTRY:HASH", as the witness mail gives it; out->hash points into text. */
static bool parse_head(const char *text, struct audit_head *out)
{
	char *end;
	long long id = strtoll(text, &end, 10);
	if (id < 1 || *end != ':' || strlen(end + 1) != 64 ||
	    strspn(end + 1, "0123456789abcdef") != 64)
		return false;
	*out = (struct audit_head){.id = id, .hash = end + 1};
	return true;
}

static int report_check(const struct audit_check *k, const struct audit_head *witnessed)
{
	char at[RFC3339_LEN];
	if (k->problem) {
		fprintf(stderr, "frontdesk: %s\n", k->problem);
		return EXIT_REFUSED;
	}
	printf("the audit log is intact: %lld entr%s\n", (long long)k->entries,
	       k->entries == 1 ? "y" : "ies");
	if (k->last.id) {
		timefmt_rfc3339(k->last.at, at);
		printf("it reaches its last anchored head, entry %lld (anchored %s with key %s); "
		       "%lld anchor%s checked\n",
		       (long long)k->last.audit_id, at, k->fingerprint, (long long)k->anchors,
		       k->anchors == 1 ? "" : "s");
	} else {
		printf("it has no anchors yet (frontdesk audit anchor, or serve's worker)\n");
	}
	if (witnessed->id)
		printf("it reaches the witnessed head, entry %lld\n", (long long)witnessed->id);
	return 0;
}

/* The head a witness kept, checked as ENTRY:HASH by parse_head. */
struct verify_input {
	const char *head;
};
static const struct input_field verify_fields[] = {
	{"head", "A head kept outside the database, ENTRY:HASH as the daily witness email gives it",
	 INPUT_TEXT, false, 1, 100, .offset = offsetof(struct verify_input, head)},
};
static const struct input_table verify_table = INPUT_TABLE(verify_fields);

static int audit_verify_cmd(struct cli *c)
{
	const struct cli_command *cmd = &audit_commands[0];
	struct cli_args args = {.table = &verify_table};
	struct audit_head witnessed = {0};
	struct verify_input in;
	int rc = cli_input(c, cmd, &args, &in);
	if (rc >= 0)
		return rc;
	if (in.head && !parse_head(in.head, &witnessed))
		return cli_usage(cmd, "--head is ENTRY:HASH, an entry number and its "
				      "64 hex digit hash");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct audit_check k;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	rc = audit_verify(&s, &witnessed, &k, &err) ? cli_fail(&err) : report_check(&k, &witnessed);
	cli_close(&s, &a);
	return rc;
}

static int audit_head_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&audit_commands[1], "");
	if (c->argc != 1)
		return cli_usage(&audit_commands[1], "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct audit_head head;
	struct audit_anchor last;
	const char *fingerprint;
	char at[RFC3339_LEN];
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (audit_head_show(&s, &head, &last, &fingerprint, &err)) {
		rc = cli_fail(&err);
	} else {
		timefmt_rfc3339(head.at, at);
		if (head.id)
			printf("head:     entry %lld  %s  %s\n", (long long)head.id, at, head.hash);
		else
			printf("head:     none (the audit log is empty)\n");
		timefmt_rfc3339(last.at, at);
		if (last.id)
			printf("anchored: entry %lld  %s  %s  key %s\n", (long long)last.audit_id,
			       at, last.head_hash, fingerprint);
		else
			printf("anchored: never\n");
	}
	cli_close(&s, &a);
	return rc;
}

static int audit_anchor_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&audit_commands[2], "");
	if (c->argc != 1)
		return cli_usage(&audit_commands[2], "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct audit_anchor an;
	const char *fingerprint;
	bool already;
	char at[RFC3339_LEN];
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (audit_anchor_now(&s, &an, &fingerprint, &already, &err)) {
		rc = cli_fail(&err);
	} else if (already) {
		timefmt_rfc3339(an.at, at);
		printf("entry %lld, the head, is anchored already (%s with key %s): nothing was "
		       "added\n",
		       (long long)an.audit_id, at, fingerprint);
	} else {
		printf("anchored entry %lld  %s  key %s\n", (long long)an.audit_id, an.head_hash,
		       fingerprint);
	}
	cli_close(&s, &a);
	return rc;
}

int cli_roles(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&roles_cmd, "");
	static const char *const reach[REACH__MAX] = {"", "where one works", "own branch"};
	printf("| action | what | branch scope |");
	for (int r = 0; r < ROLE__MAX; r++)
		printf(" %s |", role_name((enum role)r));
	printf("\n|---|---|:-:|");
	for (int r = 0; r < ROLE__MAX; r++)
		printf(":-:|");
	printf("\n");
	for (int a = 0; a < ACTION__MAX; a++) {
		printf("| %s | %s | %s |", action_name((enum action)a), action_what((enum action)a),
		       reach[action_reach((enum action)a)]);
		for (int r = 0; r < ROLE__MAX; r++)
			printf(" %s |", role_may((enum role)r, (enum action)a) ? "yes" : "");
		printf("\n");
	}
	return 0;
}

int cli_routes(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&routes_cmd, "");
	if (c->argc != 1)
		return cli_usage(&routes_cmd, "unexpected argument");
	for (size_t i = 0; routes_at(i); i++) {
		const struct route *rt = routes_at(i);
		static const char *const auth[] = {"public", "user", "login"};
		printf("%s\t%s\t%s\t%s\t%s\n", route_method_name(rt->method), rt->pattern,
		       auth[rt->auth], rt->auth == ROUTE_USER ? action_name(rt->action) : "-",
		       route_scope_name(rt->scope));
	}
	return 0;
}
