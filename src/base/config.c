/* Configuration through inih; unknown keys are refused so a typo does not pass silently. */
#include "base/config.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/text.h"

void config_set(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

struct parse_state {
	struct config *cfg;
	char bad[160];
};

static int set_int(int *slot, const char *value, int min, int max)
{
	char *end;
	long v = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || v < min || v > max)
		return 0;
	*slot = (int)v;
	return 1;
}

/* "7,30,365": the lengths of a customer's first, second, ... restriction; after: indefinite. */
static int set_schedule(struct config *cfg, const char *value)
{
	int n = 0;
	const char *p = value;
	while (*p && n < 8) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p || v < 1 || v > 36500)
			return 0;
		cfg->restriction_days[n++] = (int)v;
		p = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return 0;
	}
	if (*p)
		return 0;
	cfg->nrestriction_days = n;
	return 1;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	struct config *cfg = st->cfg;
	int ok = 0;
	if (!strcmp(section, "database") && !strcmp(name, "url")) {
		config_set(&cfg->db_url, value);
		ok = 1;
	} else if (!strcmp(section, "database") && !strcmp(name, "busy_timeout_ms")) {
		ok = set_int(&cfg->db_timeouts.busy_ms, value, 0, 600000);
	} else if (!strcmp(section, "database") && !strcmp(name, "statement_timeout_ms")) {
		/* 0 turns the bound off; below 100 ms no statement could finish. */
		ok = set_int(&cfg->db_timeouts.statement_ms, value, 0, 3600000) &&
		     (cfg->db_timeouts.statement_ms == 0 || cfg->db_timeouts.statement_ms >= 100);
	} else if (!strcmp(section, "database") && !strcmp(name, "network_timeout_ms")) {
		ok = set_int(&cfg->db_timeouts.network_ms, value, 1000, 600000);
	} else if (!strcmp(section, "server") && !strcmp(name, "listen")) {
		config_set(&cfg->listen, value);
		ok = 1;
	} else if (!strcmp(section, "server") && !strcmp(name, "threads")) {
		ok = set_int(&cfg->threads, value, 1, 256);
	} else if (!strcmp(section, "server") && !strcmp(name, "max_body_bytes")) {
		ok = set_int(&cfg->max_body_bytes, value, 1024, 64 << 20);
	} else if (!strcmp(section, "server") && !strcmp(name, "max_connections")) {
		ok = set_int(&cfg->max_connections, value, 16, 100000);
	} else if (!strcmp(section, "server") && !strcmp(name, "max_connections_per_address")) {
		ok = set_int(&cfg->max_connections_per_address, value, 1, 100000);
	} else if (!strcmp(section, "server") && !strcmp(name, "header_timeout_s")) {
		ok = set_int(&cfg->header_timeout_s, value, 1, 600);
	} else if (!strcmp(section, "server") && !strcmp(name, "trusted_proxies")) {
		ok = netaddr_list_parse(value, &cfg->trusted_proxies) == 0;
	} else if (!strcmp(section, "server") && !strcmp(name, "log_level")) {
		config_set(&cfg->log_level, value);
		ok = 1;
	} else if (!strcmp(section, "mail") && !strcmp(name, "smtp_url")) {
		config_set(&cfg->smtp_url, value);
		ok = 1;
	} else if (!strcmp(section, "mail") && !strcmp(name, "from")) {
		config_set(&cfg->smtp_from, value);
		ok = 1;
	} else if (!strcmp(section, "mail") && !strcmp(name, "base_url")) {
		config_set(&cfg->base_url, value);
		ok = 1;
	} else if (!strcmp(section, "library") && !strcmp(name, "name")) {
		config_set(&cfg->library_name, value);
		ok = *value != '\0';
	} else if (!strcmp(section, "restrictions") && !strcmp(name, "schedule_days")) {
		ok = set_schedule(cfg, value);
	} else if (!strcmp(section, "retention") && !strcmp(name, "visit_customer_days")) {
		ok = set_int(&cfg->visit_customer_days, value, 1, 3650);
	} else if (!strcmp(section, "retention") && !strcmp(name, "reference_text_days")) {
		ok = set_int(&cfg->reference_text_days, value, 1, 3650);
	} else if (!strcmp(section, "reminders") && !strcmp(name, "request_untouched_hours")) {
		ok = set_int(&cfg->request_untouched_hours, value, 1, 720);
	} else if (!strcmp(section, "reminders") && !strcmp(name, "shift_close_grace_min")) {
		ok = set_int(&cfg->shift_close_grace_min, value, 0, 240);
	} else if (!strcmp(section, "security") && !strcmp(name, "session_idle_s")) {
		ok = set_int(&cfg->session_idle_s, value, 1, 86400);
	} else if (!strcmp(section, "security") && !strcmp(name, "session_absolute_s")) {
		ok = set_int(&cfg->session_absolute_s, value, 1, 7 * 86400);
	} else if (!strcmp(section, "security") && !strcmp(name, "signing_key_file")) {
		config_set(&cfg->signing_key_file, value);
		ok = *value != '\0';
	} else if (!strcmp(section, "join") && !strcmp(name, "per_address_per_hour")) {
		ok = set_int(&cfg->join_per_address_per_hour, value, 1, 10000);
	} else if (!strcmp(section, "audit") && !strcmp(name, "anchor_interval_s")) {
		ok = set_int(&cfg->anchor_interval_s, value, 1, 86400);
	}
	if (!ok && !st->bad[0])
		snprintf(st->bad, sizeof st->bad, "[%s] %s = %s", section, name, value);
	return ok;
}

/* The settings that are text end up in mail headers, links and the log: UTF-8 without
 * control characters, whether they came from the file or the environment. */
static int check_text(const struct config *cfg, struct fd_error *err)
{
	const struct {
		const char *name, *value;
	} settings[] = {
		{"[database] url (FRONTDESK_DB)", cfg->db_url},
		{"[server] listen (FRONTDESK_LISTEN)", cfg->listen},
		{"[server] log_level (FRONTDESK_LOG_LEVEL)", cfg->log_level},
		{"[mail] smtp_url (FRONTDESK_SMTP_URL)", cfg->smtp_url},
		{"[mail] from (FRONTDESK_SMTP_FROM)", cfg->smtp_from},
		{"[mail] base_url (FRONTDESK_BASE_URL)", cfg->base_url},
		{"[library] name", cfg->library_name},
	};
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (settings[i].value && text_check(settings[i].name, settings[i].value,
						    strlen(settings[i].value), false, err))
			return -1;
	return 0;
}

int config_load(struct config *cfg, const char *path, struct fd_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->db_url = xstrdup("sqlite:frontdesk.db");
	cfg->listen = xstrdup("127.0.0.1:8080");
	cfg->log_level = xstrdup("info");
	cfg->threads = 2;
	cfg->max_body_bytes = 1 << 20;
	cfg->max_connections = 1000;
	/* A branch's desks behind one NAT address share this; behind a trusted proxy it does not
	 * apply (docs/operations.md). */
	cfg->max_connections_per_address = 64;
	cfg->header_timeout_s = 10;
	cfg->session_idle_s = 30 * 60;
	cfg->session_absolute_s = 12 * 3600;
	cfg->db_timeouts.busy_ms = 5000;
	/* A desk's request waits at most about this (and a second) for PostgreSQL, then
	 * answers 503: with threads = 2, two requests held longer hold every other caller too.
	 * Under header_timeout_s, so that a call waiting behind it on its thread is still
	 * answered rather than cut. */
	cfg->db_timeouts.statement_ms = 5000;
	cfg->db_timeouts.network_ms = 5000;
	cfg->reference_text_days = 90;
	cfg->visit_customer_days = 30;
	cfg->request_untouched_hours = 8; /* a working day of open hours */
	cfg->shift_close_grace_min = 30;
	/* A family, or everyone on the library's wifi, shares one address (docs/operations.md). */
	cfg->join_per_address_per_hour = 30;
	cfg->restriction_days[0] = 7;
	cfg->restriction_days[1] = 30;
	cfg->restriction_days[2] = 365;
	cfg->nrestriction_days = 3;
	cfg->smtp_from = xstrdup("frontdesk@localhost");
	cfg->library_name = xstrdup("Public Library");
	cfg->anchor_interval_s = 300;

	const char *file = path;
	if (!file && access("frontdesk.conf", F_OK) == 0)
		file = "frontdesk.conf";
	if (file) {
		struct parse_state st = {.cfg = cfg};
		int rc = ini_parse(file, on_entry, &st);
		if (rc < 0)
			return fd_fail(err, FD_EINVAL, "cannot read config file %s", file);
		if (rc > 0)
			return fd_fail(err, FD_EINVAL, "%s line %d: unknown or bad setting %s",
				       file, rc, st.bad);
	}
	const char *env;
	if ((env = getenv("FRONTDESK_DB")) && *env)
		config_set(&cfg->db_url, env);
	if ((env = getenv("FRONTDESK_LISTEN")) && *env)
		config_set(&cfg->listen, env);
	if ((env = getenv("FRONTDESK_LOG_LEVEL")) && *env)
		config_set(&cfg->log_level, env);
	if ((env = getenv("FRONTDESK_SMTP_URL")) && *env)
		config_set(&cfg->smtp_url, env);
	if ((env = getenv("FRONTDESK_SMTP_FROM")) && *env)
		config_set(&cfg->smtp_from, env);
	if ((env = getenv("FRONTDESK_BASE_URL")) && *env)
		config_set(&cfg->base_url, env);
	if ((env = getenv("FRONTDESK_SIGNING_KEY_FILE")) && *env)
		config_set(&cfg->signing_key_file, env);
	cfg->base_url_from_listen = !cfg->base_url;
	config_listen_changed(cfg);
	return check_text(cfg, err);
}

void config_listen_changed(struct config *cfg)
{
	/* Links in notices, PDFs and QR codes point where this desk answers, unless told
	 * otherwise (behind nginx, or listening on every address: set [mail] base_url). */
	if (!cfg->base_url_from_listen)
		return;
	free(cfg->base_url);
	size_t n = strlen(cfg->listen) + sizeof "http://";
	cfg->base_url = xmalloc(n);
	snprintf(cfg->base_url, n, "http://%s", cfg->listen);
}

void config_free(struct config *cfg)
{
	free(cfg->db_url);
	free(cfg->listen);
	free(cfg->log_level);
	free(cfg->smtp_url);
	free(cfg->smtp_from);
	free(cfg->base_url);
	free(cfg->library_name);
	netaddr_list_free(&cfg->trusted_proxies);
	free(cfg->signing_key_file);
	memset(cfg, 0, sizeof *cfg);
}
