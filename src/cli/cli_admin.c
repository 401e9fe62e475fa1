/* The administrator's commands: frontdesk backup FILE, frontdesk audit verify, frontdesk
 * roles (the role × action matrix as a Markdown table, for the docs) and frontdesk routes
 * (every route with its action and branch scope, for the access test and the curious). */
#include <stdio.h>

#include "cli/cli.h"
#include "policy/role.h"
#include "service/customer.h"
#include "web/routes.h"

static const struct cli_command backup_cmd = {
	"backup", cli_backup, "backup FILE",
	"Writes an online, consistent copy of the SQLite database into a new FILE, which "
	"'frontdesk --db sqlite:FILE init' can open. PostgreSQL: use pg_dump."};

static int audit_verify_cmd(struct cli *c);

static const struct cli_command audit_commands[] = {
	{"audit verify", audit_verify_cmd, "audit verify",
	 "Checks the audit log's hash chain: exit 1 when an entry was changed or removed."},
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
	if (cli_wants_help(c))
		return cli_help(&backup_cmd, "");
	if (c->argc != 2 || c->argv[1][0] == '-')
		return cli_usage(&backup_cmd, "give the FILE to write");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (store_backup(s.store, c->argv[1], &err))
		rc = cli_fail(&err);
	else
		printf("backed up into %s\n", c->argv[1]);
	cli_close(&s, &a);
	return rc;
}

int cli_audit(struct cli *c)
{
	return cli_group(c, "audit", audit_commands, 1);
}

static int audit_verify_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&audit_commands[0], "");
	if (c->argc != 1)
		return cli_usage(&audit_commands[0], "unexpected argument");
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	int64_t checked = 0, bad = 0;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
		return rc;
	if (audit_verify(&s, &checked, &bad, &err)) {
		rc = cli_fail(&err);
	} else if (bad) {
		fprintf(stderr,
			"frontdesk: the audit log was altered: entry %lld does not follow "
			"from the one before (%lld entries before it are intact)\n",
			(long long)bad, (long long)checked);
		rc = EXIT_REFUSED;
	} else {
		printf("the audit log is intact: %lld entries\n", (long long)checked);
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
