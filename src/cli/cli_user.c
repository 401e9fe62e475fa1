/* frontdesk user add|list|deactivate|set and frontdesk token create|revoke. */
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "service/auth.h"
#include "service/staff.h"

static int user_add_cmd(struct cli *c);
static int user_list_cmd(struct cli *c);
static int user_deactivate_cmd(struct cli *c);
static int user_set_cmd(struct cli *c);
static int token_create_cmd(struct cli *c);

static const struct cli_command user_commands[] = {
	{"user add", user_add_cmd,
	 "user add LOGIN --name NAME --role ROLE [--branch CODE] [--email ADDR] [--phone N] "
	 "[--service-start YYYY-MM-DD] [--password-stdin]",
	 "Adds a staff account."},
	{"user list", user_list_cmd, "user list [--branch CODE]", "Lists staff accounts."},
	{"user deactivate", user_deactivate_cmd, "user deactivate LOGIN",
	 "Deactivates an account: its sessions end and it is clocked off."},
	{"user set", user_set_cmd,
	 "user set LOGIN [--role ROLE] [--branch CODE] [--service-start YYYY-MM-DD] "
	 "[--name NAME] [--email ADDR] [--phone N]",
	 "Changes an account: a promotion or demotion, a transfer to another home branch, new "
	 "details."},
};

static int token_revoke_cmd(struct cli *c);

static const struct cli_command token_commands[] = {
	{"token create", token_create_cmd, "token create LOGIN",
	 "Prints a new API token for LOGIN (use as Authorization: Bearer TOKEN)."},
	{"token revoke", token_revoke_cmd, "token revoke < TOKEN",
	 "Revokes the API token read from standard input: scripts using it stop at once."},
};

int cli_user(struct cli *c)
{
	return cli_group(c, "user", user_commands, sizeof user_commands / sizeof user_commands[0]);
}

int cli_token(struct cli *c)
{
	return cli_group(c, "token", token_commands, 2);
}

/* The first line of standard input, without its line end, in *out. */
static int read_password(struct buf *out)
{
	int ch;
	while ((ch = getchar()) != EOF && ch != '\n')
		buf_putc(out, (char)ch);
	if (out->len && out->data[out->len - 1] == '\r')
		out->data[--out->len] = '\0';
	return out->len ? 0 : -1;
}

/* user add, once its options are read: reads the password from standard input if asked,
 * adds the account and says so. The password is wiped from memory afterwards. */
static int add_with_password(struct cli *c, struct user_input *in, bool from_stdin)
{
	struct buf pw = BUF_INIT;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct staff out;
	if (from_stdin && read_password(&pw)) {
		fprintf(stderr, "frontdesk: password: none given on standard input\n");
		return EXIT_REFUSED;
	}
	/* A password the login page could never send would lock the account out. */
	if (from_stdin && text_check("password", pw.data, pw.len, false, &err)) {
		buf_free(&pw);
		return cli_fail(&err);
	}
	in->password = from_stdin ? buf_str(&pw) : NULL;
	int rc = cli_open(c, &s, &a, true);
	if (!rc) {
		if (user_add(&s, in, &out, &err))
			rc = cli_fail(&err);
		else
			printf("added %s (%s, %s)%s\n", out.login, role_name(out.role),
			       out.branch_code ? out.branch_code : "no branch",
			       out.password_hash ? "" : ", no password: API tokens only");
		cli_close(&s, &a);
	}
	if (pw.data)
		sodium_memzero(pw.data, pw.cap);
	buf_free(&pw);
	in->password = NULL;
	return rc;
}

static int user_add_cmd(struct cli *c)
{
	static const char *const words[] = {"login", NULL}, *const omit[] = {"password", NULL};
	struct cli_args args = {
		.table = &user_add_table,
		.words = words,
		.omit = omit,
		.flag = "password-stdin",
		.flag_help = "read the password (12-128 characters) from the first line of stdin",
		.notes = "The home branch is required for branch roles; the service start "
			 "(seniority "
			 "for who is in\ncharge) is today when not given.\n",
	};
	struct user_input in = {0};
	int rc = cli_input(c, &user_commands[0], &args, &in);
	return rc >= 0 ? rc : add_with_password(c, &in, args.flag_given);
}

/* user list's filter: a branch's code, as the other tables name a branch. */
struct list_input {
	const char *branch;
};
static const struct input_field list_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Only the staff of the branch of this code", false,
			   offsetof(struct list_input, branch)),
};
static const struct input_table list_table = INPUT_TABLE(list_fields);

static int user_list_cmd(struct cli *c)
{
	struct cli_args args = {.table = &list_table};
	struct list_input in;
	int rc = cli_input(c, &user_commands[1], &args, &in);
	if (rc >= 0)
		return rc;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct staff *st;
	size_t n;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (user_list(&s, in.branch, &st, &n, &err))
		rc = cli_fail(&err);
	for (size_t i = 0; !rc && i < n; i++)
		printf("%-16s %-28s %-5s %-8s %s\n", st[i].login, role_name(st[i].role),
		       st[i].branch_code ? st[i].branch_code : "-",
		       st[i].active ? "active" : "inactive", st[i].name);
	cli_close(&s, &a);
	return rc;
}

/* The shape of "user deactivate LOGIN" and "token create LOGIN": the word read through the
 * login field every table shares. */
static int one_login(struct cli *c, const struct cli_command *cmd, const char **login)
{
	static const char *const words[] = {"login", NULL};
	struct cli_args args = {.table = &cli_login_table, .words = words};
	struct cli_login in = {0};
	int rc = cli_input(c, cmd, &args, &in);
	*login = in.login;
	return rc;
}

static int user_deactivate_cmd(struct cli *c)
{
	const char *login = NULL;
	int rc = one_login(c, &user_commands[2], &login);
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct staff out;
	if (rc >= 0 || (rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (user_deactivate(&s, login, &out, &err))
		rc = cli_fail(&err);
	else
		printf("deactivated %s\n", out.login);
	cli_close(&s, &a);
	return rc;
}

static int user_set_cmd(struct cli *c)
{
	static const char *const words[] = {"login", NULL};
	struct cli_args args = {
		.table = &user_change_table,
		.words = words,
		.notes = "A role of volunteer or page passes what they hold to the person in "
			 "charge; "
			 "a new home branch\nleaves a shift under way as it is; an empty email or "
			 "phone clears it.\nEach change is written to the audit log.\n",
	};
	const struct cli_command *cmd = &user_commands[3];
	struct user_input in = {0};
	int rc = cli_input(c, cmd, &args, &in);
	if (rc >= 0)
		return rc;
	if (in.role == ROLE__MAX && !in.branch && !in.service_start && !in.name && !in.email &&
	    !in.phone)
		return cli_usage(cmd, "say what to change");
	in.login = args.word[0];

	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	struct staff out;
	const char *changed;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (user_update(&s, &in, &out, &changed, &err))
		rc = cli_fail(&err);
	else if (*changed)
		printf("changed %s: %s\n", out.login, changed);
	else
		printf("%s: nothing to change\n", out.login);
	cli_close(&s, &a);
	return rc;
}

static int token_create_cmd(struct cli *c)
{
	const char *login = NULL, *token = NULL;
	int rc = one_login(c, &token_commands[0], &login);
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	if (rc >= 0 || (rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (auth_token_create(&s, login, &token, &err))
		rc = cli_fail(&err);
	else
		printf("%s\n", token);
	cli_close(&s, &a);
	return rc;
}

static int token_revoke_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&token_commands[1], "");
	if (c->argc != 1)
		return cli_usage(&token_commands[1],
				 "give the token on standard input, not as an "
				 "argument (it would show in the process list)");
	struct buf token = BUF_INIT;
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	if (read_password(&token)) {
		fprintf(stderr, "frontdesk: no token on standard input\n");
		return EXIT_REFUSED;
	}
	int rc = cli_open(c, &s, &a, true);
	if (!rc) {
		if (auth_token_revoke(&s, buf_str(&token), &err))
			rc = cli_fail(&err);
		else
			printf("token revoked\n");
		cli_close(&s, &a);
	}
	sodium_memzero(token.data, token.cap);
	buf_free(&token);
	return rc;
}
