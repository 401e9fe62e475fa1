/* frontdesk ils check: logs in to the library's catalogue as [ils] says, asks for its status
 * (SC Status) and prints what it says it supports, so an administrator sees the settings work
 * before a desk depends on them. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "cli/cli.h"
#include "ils/ils.h"

static int ils_check_cmd(struct cli *c);

static const struct cli_command commands[] = {
	{"ils check", ils_check_cmd, "ils check",
	 "Connects to the library's catalogue as [ils] in frontdesk.conf says, logs in, asks for "
	 "its status (SIP2 SC Status) and prints what it answers: online, the protocol, the "
	 "institution, the library's name, whether renewals are allowed, the messages it supports, "
	 "the round trip and whether TLS is on. Exits 1 with the reason when it cannot connect, "
	 "log in, or have an answer within [ils] timeout_ms."},
};

int cli_ils(struct cli *c)
{
	return cli_group(c, "ils", commands, 1);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void print_status(const struct ils_acs_status *st, const struct ils_health *h)
{
	printf("online: %s\n", yes_no(st->online));
	printf("protocol: %s\n", st->protocol);
	printf("institution: %s\n", st->institution ? st->institution : "(not said)");
	printf("library name: %s\n", st->library_name ? st->library_name : "(not said)");
	if (st->terminal_location && *st->terminal_location)
		printf("terminal location: %s\n", st->terminal_location);
	printf("renewal allowed: %s\n", yes_no(st->renewal_policy));
	printf("checkout allowed: %s\n", yes_no(st->checkout_ok));
	printf("checkin allowed: %s\n", yes_no(st->checkin_ok));
	printf("supports:");
	for (int i = 0; st->supported_names[i]; i++)
		printf("%s %s", i ? "," : "", st->supported_names[i]);
	printf("%s\n", st->supported_names[0] ? "" : " (it does not say)");
	for (size_t i = 0; i < st->nmessages; i++)
		if (*st->messages[i])
			printf("message: %s\n", st->messages[i]);
	printf("round trip: %.1f ms\n", (double)h->last_round_trip_us / 1000.0);
	printf("tls: %s\n", h->tls ? "on" : "off");
}

static int ils_check_cmd(struct cli *c)
{
	if (cli_wants_help(c))
		return cli_help(&commands[0], "");
	if (c->argc > 1)
		return cli_usage(&commands[0], "ils check takes no arguments");
	const struct ils_settings *set = &c->cfg.ils;
	if (!set->host) {
		fprintf(stderr,
			"frontdesk: no library catalogue is set up: [ils] host, login, "
			"password and institution in frontdesk.conf (docs/operations.md)\n");
		return EXIT_REFUSED;
	}
	log_set_level(LOG_ERROR); /* what went wrong is said once, below, not logged too */
	struct ils *ils = ils_new(set);
	struct arena a;
	struct fd_error err = {0};
	struct ils_acs_status st;
	struct ils_health h;
	arena_init(&a);
	printf("catalogue: %s:%d as %s\n", set->host, set->port, set->login);
	fflush(stdout);
	/* The connection's thread logs in first; the status request waits behind it. */
	int rc = ils_sc_status(ils, &a, clock_ms() + set->timeout_ms, &st, &err);
	ils_health(ils, &h);
	if (rc == 0) {
		print_status(&st, &h);
	} else {
		/* What the connection found (refused, not trusted, silent) says more than the
		 * desk's "not answering"; so does any other reason the call gave (damaged
		 * answers, a character the ILS's set cannot hold). */
		if (h.state == ILS_DOWN && h.error[0])
			fprintf(stderr, "frontdesk: %s\n", h.error);
		else if (strcmp(err.message, "The library catalogue is not answering.") != 0)
			fprintf(stderr, "frontdesk: %s\n", err.message);
		else
			fprintf(stderr,
				"frontdesk: the catalogue at %s:%d did not answer in %d ms "
				"([ils] timeout_ms)\n",
				set->host, set->port, set->timeout_ms);
		rc = EXIT_REFUSED;
	}
	ils_free(ils);
	arena_free(&a);
	return rc;
}
