/* frontdesk serve. */
#include <stddef.h>

#include "base/log.h"
#include "cli/cli.h"
#include "service/signing.h"
#include "http/server.h"

static const struct cli_command serve_cmd = {
	"serve", cli_serve, "serve [--listen HOST:PORT] [--threads N]",
	"Serves the staff web desk and the JSON API until SIGTERM or SIGINT, then stops cleanly, "
	"letting requests in flight finish."};

/* Where to listen and how many threads, over what the configuration says. */
struct serve_input {
	const char *listen;
	int threads; /* 0: not given */
};
static const struct input_field serve_fields[] = {
	{"listen", "Where to listen, HOST:PORT (default 127.0.0.1:8080; FRONTDESK_LISTEN)",
	 INPUT_TEXT, false, 1, 255, .offset = offsetof(struct serve_input, listen)},
	{"threads", "Worker threads (default 2 on SQLite, 8 on PostgreSQL)", INPUT_INT, false, 1,
	 256, .offset = offsetof(struct serve_input, threads)},
};
static const struct input_table serve_table = INPUT_TABLE(serve_fields);

int cli_serve(struct cli *c)
{
	struct cli_args args = {.table = &serve_table};
	struct serve_input in;
	int rc = cli_input(c, &serve_cmd, &args, &in);
	if (rc >= 0)
		return rc;
	if (in.listen) {
		config_set(&c->cfg.listen, in.listen);
		config_listen_changed(&c->cfg);
	}
	if (in.threads)
		c->cfg.threads = in.threads;
	/* SQLite's calls compute, so two threads keep two cores busy; PostgreSQL's wait on round
	 * trips and the commit's flush, so a node needs more calls in flight (bench/consortium:
	 * one node with two fell behind a consortium's Saturday, with eight it kept up). */
	if (!c->cfg.threads)
		c->cfg.threads = store_sqlite_file(c->cfg.db_url) ? 2 : 8;

	/* Check the database and the signing key before listening, so a mistake shows at once,
	 * not per request. */
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	const char *fingerprint, *key_file;
	int pending = 0;
	if ((rc = cli_open(c, &s, &a, true)) != 0)
		return rc;
	if (store_migrations_pending(s.store, &pending, &err) == 0 && pending)
		fd_fail(&err, FD_EINVAL,
			"the database's schema is older than this frontdesk (%d migration%s to "
			"apply): run 'frontdesk init' first",
			pending, pending == 1 ? "" : "s");
	else if (!err.code && signing_ready(&s, &fingerprint, &key_file, &err) == 0)
		log_info("signing with key %s from %s", fingerprint, key_file);
	cli_close(&s, &a);
	if (err.code)
		return cli_fail(&err);
	return server_run(&c->cfg, &err) ? cli_fail(&err) : 0;
}
