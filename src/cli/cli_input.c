/* A command's words and options read through a use case's input table (base/input.h): the
 * options, their help and the checks all come from the table, as the API's and forms' do. */
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"

/* "customer_card" as an option: "customer-card", or the command's alias for it. */
static void option_name(const struct cli_args *args, const char *field, char *out, size_t size)
{
	for (const char *const *a = args->aliases; a && a[0] && a[1]; a += 2)
		if (strcmp(a[1], field) == 0)
			field = a[0];
	snprintf(out, size, "%s", field);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = '-';
}

static bool is_word(const struct cli_args *args, const char *name)
{
	for (const char *const *w = args->words; w && *w; w++)
		if (strcmp(*w, name) == 0)
			return true;
	for (const char *const *w = args->omit; w && *w; w++)
		if (strcmp(*w, name) == 0)
			return true;
	return false;
}

/* "  one of: a, b, c", wrapped under the option's label. */
static void choices(const struct vocab *v, struct buf *b)
{
	size_t col = 0;
	buf_printf(b, "%33s", "");
	for (int i = 0; i < v->count; i++) {
		const char *n = v->name(i);
		if (!n)
			continue;
		if (col && col + strlen(n) > 44) {
			buf_printf(b, ",\n%33s", "");
			col = 0;
		} else if (col) {
			buf_puts(b, ", ");
		}
		buf_puts(b, n);
		col += strlen(n) + 2;
	}
	buf_puts(b, "\n");
}

/* What --help says of the options: each with its label, and an enum's choices from its
 * vocabulary, never spelled here. */
static void help_text(const struct cli_args *args, struct buf *b)
{
	const struct input_table *t = args->table;
	for (size_t i = 0; i < t->n; i++) {
		const struct input_field *f = &t->fields[i];
		char opt[48], meta[48], shown[100];
		if (is_word(args, f->name))
			continue;
		option_name(args, f->name, opt, sizeof opt);
		for (size_t k = 0; k == 0 || opt[k - 1]; k++)
			meta[k] = (char)toupper((unsigned char)opt[k]);
		if (f->type == INPUT_BOOL)
			snprintf(shown, sizeof shown, "%s", opt);
		else
			snprintf(shown, sizeof shown, "%s %s", opt,
				 f->type == INPUT_DATE			       ? "YYYY-MM-DD"
				 : f->type == INPUT_INT || f->type == INPUT_ID ? "N"
									       : meta);
		buf_printf(b, "  --%-28s %s%s\n", shown, f->label,
			   f->required ? " (required)" : "");
		if (f->type == INPUT_ENUM)
			choices(f->vocab, b);
	}
	if (args->flag)
		buf_printf(b, "  --%-28s %s\n", args->flag, args->flag_help ? args->flag_help : "");
	if (args->notes)
		buf_printf(b, "\n%s", args->notes);
}

static int help(const struct cli_command *cmd, const struct cli_args *args)
{
	struct buf b = BUF_INIT;
	help_text(args, &b);
	cli_help(cmd, buf_str(&b));
	buf_free(&b);
	return 0;
}

/* The getopt_long table of args's options: val is the field's index, or -2 for the flag. */
static size_t options_of(const struct cli_args *args, struct option *opts, char names[][48])
{
	const struct input_table *t = args->table;
	size_t n = 0;
	opts[n++] = (struct option){"help", no_argument, NULL, 'h'};
	for (size_t i = 0; i < t->n; i++) {
		const struct input_field *f = &t->fields[i];
		if (is_word(args, f->name))
			continue;
		option_name(args, f->name, names[i], 48);
		opts[n++] = (struct option){names[i],
					    f->type == INPUT_BOOL ? no_argument : required_argument,
					    NULL, 256 + (int)i};
	}
	if (args->flag)
		opts[n++] = (struct option){args->flag, no_argument, NULL, 255};
	opts[n] = (struct option){NULL, 0, NULL, 0};
	return n;
}

int cli_input(struct cli *c, const struct cli_command *cmd, struct cli_args *args, void *out)
{
	const struct input_table *t = args->table;
	struct option opts[INPUT_MAX_FIELDS + 3];
	char names[INPUT_MAX_FIELDS][48];
	struct input_pair pairs[INPUT_MAX_FIELDS];
	struct fd_error err = {0};
	size_t n = 0, nwords = 0;
	int o;
	options_of(args, opts, names);
	args->flag_given = false;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		if (o == 'h')
			return help(cmd, args);
		if (o == 255) {
			args->flag_given = true;
			continue;
		}
		if (o < 256 || n == INPUT_MAX_FIELDS)
			return cli_usage(cmd, "unknown option or missing value");
		const struct input_field *f = &t->fields[o - 256];
		pairs[n++] = (struct input_pair){f->name, f->type == INPUT_BOOL ? "true" : optarg};
	}
	for (const char *const *w = args->words; w && *w; w++)
		nwords++;
	if ((size_t)(c->argc - optind) != nwords)
		return cli_usage(cmd, nwords ? "give the words the usage line shows, and no more"
					     : "unexpected argument");
	for (size_t i = 0; i < nwords && i < CLI_MAX_WORDS; i++) {
		args->word[i] = c->argv[optind + (int)i];
		if (input_find(t, args->words[i]) && n < INPUT_MAX_FIELDS)
			pairs[n++] = (struct input_pair){args->words[i], args->word[i]};
	}
	/* A required option left out is a usage error, as the usage line shows it. */
	for (size_t i = 0; i < t->n; i++) {
		bool given = false;
		for (size_t k = 0; k < n; k++)
			given |= strcmp(pairs[k].name, t->fields[i].name) == 0;
		if (t->fields[i].required && !given) {
			char opt[48], problem[96];
			option_name(args, t->fields[i].name, opt, sizeof opt);
			snprintf(problem, sizeof problem, "--%s is required", opt);
			return cli_usage(cmd, problem);
		}
	}
	return input_fill(t, pairs, n, false, out, &err) ? cli_fail(&err) : -1;
}

static const struct input_field file_fields[] = {
	{"file", "File", INPUT_TEXT, true, 1, PATH_MAX, .offset = offsetof(struct cli_file, file)},
};
const struct input_table cli_file_table = INPUT_TABLE(file_fields);

static const struct input_field day_fields[] = {
	{"date", "Date", INPUT_DATE, true, .offset = offsetof(struct cli_day, date)},
};
const struct input_table cli_day_table = INPUT_TABLE(day_fields);

static const struct input_field login_fields[] = {
	INPUT_LOGIN_FIELD(true, offsetof(struct cli_login, login)),
};
const struct input_table cli_login_table = INPUT_TABLE(login_fields);
