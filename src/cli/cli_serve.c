/* frontdesk serve. */
#include <getopt.h>
#include <stdio.h>

#include "base/log.h"
#include "cli/cli.h"
#include "service/signing.h"
#include "http/server.h"

static const struct cli_command serve_cmd = {
	"serve", cli_serve, "serve [--listen HOST:PORT] [--threads N]",
	"Serves the staff web desk and the JSON API until SIGTERM or SIGINT, then stops cleanly, "
	"letting requests in flight finish."};

int cli_serve(struct cli *c)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(c->argc, c->argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 'h':
			return cli_help(
				&serve_cmd,
				"  --listen HOST:PORT   where to listen (default 127.0.0.1:8080; "
				"FRONTDESK_LISTEN)\n"
				"  --threads N          worker threads (default 2)\n");
		case 'l': config_set(&c->cfg.listen, optarg); break;
		case 't':
			if (sscanf(optarg, "%d", &c->cfg.threads) != 1 || c->cfg.threads < 1 ||
			    c->cfg.threads > 256)
				return cli_usage(&serve_cmd, "--threads takes 1 to 256");
			break;
		default: return cli_usage(&serve_cmd, "unknown option or missing value");
		}
	}
	if (optind < c->argc)
		return cli_usage(&serve_cmd, "unexpected argument");

	/* Check the database and the signing key before listening, so a mistake shows at once,
	 * not per request. */
	struct svc s;
	struct arena a;
	struct fd_error err = {0};
	const char *fingerprint, *key_file;
	int pending = 0;
	int rc = cli_open(c, &s, &a, true);
	if (rc)
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
