/* The command line: one function per subcommand, sharing option parsing and the way a
 * command opens the database and reports an error. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include "base/config.h"
#include "base/input.h"
#include "service/svc.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE 2

struct cli {
	struct config cfg;
	int argc; /* the subcommand's own arguments, argv[0] being its name */
	char **argv;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c);
	const char *usage;   /* one line: "branch add CODE --name NAME ..." */
	const char *summary; /* what it does */
};

/* Opens the store and a service context for the command line (actor NULL: the administrator).
 * need_schema: refuse a database `frontdesk init` has not created. Returns an exit status. */
int cli_open(struct cli *c, struct svc *s, struct arena *a, bool need_schema);
void cli_close(struct svc *s, struct arena *a);
/* A command's body: opens the database, runs work(s, arg, err), reports its error, closes.
 * Returns the exit status. */
typedef int (*cli_work_fn)(struct svc *s, void *arg, struct fd_error *err);
int cli_run(struct cli *c, cli_work_fn work, void *arg);
/* Prints "frontdesk: message" (naming the field and rule) and returns EXIT_REFUSED. */
int cli_fail(const struct fd_error *err);
/* Prints a usage error with the command's usage line and returns EXIT_USAGE. */
int cli_usage(const struct cli_command *cmd, const char *problem);
/* Prints the command's help to stdout and returns 0. */
int cli_help(const struct cli_command *cmd, const char *options);
/* Was --help or -h among the command's arguments? */
bool cli_wants_help(const struct cli *c);
/* Every argument may end up stored: one that is not UTF-8, or holds a control character but
 * tab and line breaks, is refused before any command sees it, naming its place. Returns 0 or
 * EXIT_REFUSED (after printing why). */
int cli_check_arguments(int argc, char **argv);
/* Runs the subcommand of a group ("branch add") from table[0..n). */
int cli_group(struct cli *c, const char *group, const struct cli_command *table, size_t n);

/* How a command reads its arguments through an input table (cli_input.c). */
#define CLI_MAX_WORDS 4
struct cli_args {
	const struct input_table *table;
	/* The words, in the usage line's order (NULL-ended): the table's fields are filled from
	 * them, and each word given is in word[] too (a LOGIN a change names). */
	const char *const *words;
	const char *word[CLI_MAX_WORDS];
	const char *const *omit; /* fields the command does not take at all; NULL-ended */
	/* Shorter option names the command has always had: {"tz", "time_zone", NULL}. */
	const char *const *aliases;
	const char *flag; /* an option of the command's own, without a value, or NULL */
	const char *flag_help;
	bool flag_given;
	const char *notes; /* said after the options in --help, or NULL */
};
/* Fills out from the command's words and options: --customer-card VALUE for customer_card,
 * a bare --headquarters for a boolean, the words of args->words exactly. Returns -1 when out
 * is filled, else the exit status (0 after --help, EXIT_USAGE, or EXIT_REFUSED for a value
 * the table refuses, said naming the field). */
int cli_input(struct cli *c, const struct cli_command *cmd, struct cli_args *args, void *out);
/* A command whose one word is a FILE to read or write (policy import, holiday import, backup). */
struct cli_file {
	const char *file;
};
extern const struct input_table cli_file_table;
/* A command's DATE word (holiday remove, branch reopen), checked as a date. */
struct cli_day {
	const char *date;
};
extern const struct input_table cli_day_table;
/* A command's LOGIN word (user deactivate, token create), checked as a login. */
struct cli_login {
	const char *login;
};
extern const struct input_table cli_login_table;

int cli_init(struct cli *c);
int cli_demo(struct cli *c);
int cli_serve(struct cli *c);
int cli_branch(struct cli *c);
int cli_user(struct cli *c);
int cli_token(struct cli *c);
int cli_policy(struct cli *c);
int cli_ils(struct cli *c);
int cli_incident(struct cli *c);
int cli_backup(struct cli *c);
int cli_audit(struct cli *c);
int cli_roles(struct cli *c);
int cli_routes(struct cli *c);
int cli_purge(struct cli *c);
int cli_report(struct cli *c);
int cli_holiday(struct cli *c);
int cli_remind(struct cli *c);

#endif
