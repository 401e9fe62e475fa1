/* Configuration through inih; unknown keys are refused so a typo does not pass silently. */
#include "base/config.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/text.h"
#include "base/tz.h"

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

/* The character sets an ILS's SIP server is set to (Koha's and Evergreen's `encoding`), by
 * the names iconv knows them by. */
static int set_charset(char **slot, const char *value)
{
	static const struct {
		const char *name, *iconv;
	} sets[] = {
		{"UTF-8", "UTF-8"},	    {"UTF8", "UTF-8"},	      {"ISO-8859-1", "ISO-8859-1"},
		{"LATIN1", "ISO-8859-1"},   {"CP850", "CP850"},	      {"IBM850", "CP850"},
		{"ASCII", "US-ASCII"},	    {"US-ASCII", "US-ASCII"}, {"CP1252", "CP1252"},
		{"WINDOWS-1252", "CP1252"},
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		if (!strcasecmp(value, sets[i].name)) {
			config_set(slot, sets[i].iconv);
			return 1;
		}
	return 0;
}

static int set_bool(bool *slot, const char *value)
{
	if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1"))
		*slot = true;
	else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0"))
		*slot = false;
	else
		return 0;
	return 1;
}

/* A text setting that may not be empty. */
static int set_text(char **slot, const char *value)
{
	config_set(slot, value);
	return *value != '\0';
}

/* This machine's zone, as the ILS's default: SIP2 dates are in the ILS's local time, and an
 * ILS is mostly run where the library is. TZ, else /etc/timezone, else UTC. */
static const char *machine_zone(void)
{
	static char name[64];
	const char *tz = getenv("TZ");
	if (tz && *tz == ':')
		tz++;
	if (tz && *tz && tz_valid(tz))
		return tz;
	FILE *f = fopen("/etc/timezone", "r");
	if (f) {
		bool got = fgets(name, sizeof name, f) != NULL;
		fclose(f);
		name[strcspn(name, "\n")] = '\0';
		if (got && tz_valid(name))
			return name;
	}
	return "UTC";
}

/* [ils]: the catalogue's SIP2 server (docs/operations.md, "The library catalogue"). */
static int on_ils(struct ils_settings *ils, const char *name, const char *value)
{
	if (!strcmp(name, "host"))
		return set_text(&ils->host, value);
	if (!strcmp(name, "port"))
		return set_int(&ils->port, value, 1, 65535);
	if (!strcmp(name, "tls"))
		return set_bool(&ils->tls, value);
	if (!strcmp(name, "ca_file"))
		return set_text(&ils->ca_file, value) && access(value, R_OK) == 0;
	if (!strcmp(name, "login"))
		return set_text(&ils->login, value);
	if (!strcmp(name, "password"))
		return set_text(&ils->password, value);
	if (!strcmp(name, "institution"))
		return set_text(&ils->institution, value);
	if (!strcmp(name, "location"))
		return set_text(&ils->location, value);
	if (!strcmp(name, "terminal_password"))
		return set_text(&ils->terminal_password, value);
	if (!strcmp(name, "charset"))
		return set_charset(&ils->charset, value);
	if (!strcmp(name, "time_zone"))
		return set_text(&ils->time_zone, value) && tz_valid(value);
	if (!strcmp(name, "timeout_ms")) /* under 100 ms no ILS answers; over 10 s the desk waits */
		return set_int(&ils->timeout_ms, value, 100, 10000);
	if (!strcmp(name, "probe_seconds"))
		return set_int(&ils->probe_s, value, 1, 3600);
	return 0;
}

/* [ils locations]: BRANCH = LOCATION, one line per branch whose ILS location is its own. */
static int on_ils_location(struct ils_settings *ils, const char *branch, const char *code)
{
	if (!*code || strlen(branch) > 16)
		return 0;
	for (size_t i = 0; i < ils->nlocations; i++)
		if (!strcasecmp(ils->locations[i].branch, branch))
			return 0; /* twice: which one was meant? */
	ils->locations = xrealloc(ils->locations, (ils->nlocations + 1) * sizeof *ils->locations);
	ils->locations[ils->nlocations].branch = xstrdup(branch);
	ils->locations[ils->nlocations].code = xstrdup(code);
	ils->nlocations++;
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
	} else if (!strcmp(section, "ils")) {
		ok = on_ils(&cfg->ils, name, value);
	} else if (!strcmp(section, "ils locations")) {
		ok = on_ils_location(&cfg->ils, name, value);
	}
	if (!ok && !st->bad[0])
		snprintf(st->bad, sizeof st->bad, "[%s] %s = %s", section, name, value);
	return ok;
}

/* A catalogue named must say how to log in to it; "|" would end a SIP2 field early. */
static int check_ils(const struct ils_settings *ils, struct fd_error *err)
{
	const struct {
		const char *name, *value;
	} sent[] = {
		{"login", ils->login},
		{"password", ils->password},
		{"institution", ils->institution},
		{"location", ils->location},
		{"terminal_password", ils->terminal_password},
	};
	for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++)
		if (sent[i].value && strchr(sent[i].value, '|'))
			return fd_fail(err, FD_EINVAL,
				       "[ils] %s may not hold a \"|\" (SIP2 ends a "
				       "field there)",
				       sent[i].name);
	for (size_t i = 0; i < ils->nlocations; i++)
		if (strchr(ils->locations[i].code, '|'))
			return fd_fail(err, FD_EINVAL, "[ils locations] %s may not hold a \"|\"",
				       ils->locations[i].branch);
	if (!ils->host)
		return ils->nlocations || ils->login
			       ? fd_fail(err, FD_EINVAL,
					 "[ils] host is missing: the catalogue's "
					 "SIP2 server must be named")
			       : 0;
	if (!ils->login || !ils->password)
		return fd_fail(err, FD_EINVAL,
			       "[ils] %s is missing: the SIP2 account frontdesk "
			       "logs in with needs both login and password",
			       !ils->login ? "login" : "password (or FRONTDESK_ILS_PASSWORD)");
	if (!ils->institution)
		return fd_fail(err, FD_EINVAL,
			       "[ils] institution is missing: the ILS's "
			       "institution id, sent in every message");
	return 0;
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
		{"[ils] host", cfg->ils.host},
		{"[ils] login", cfg->ils.login},
		{"[ils] password (FRONTDESK_ILS_PASSWORD)", cfg->ils.password},
		{"[ils] institution", cfg->ils.institution},
		{"[ils] location", cfg->ils.location},
		{"[ils] terminal_password", cfg->ils.terminal_password},
	};
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (settings[i].value && text_check(settings[i].name, settings[i].value,
						    strlen(settings[i].value), false, err))
			return -1;
	return check_ils(&cfg->ils, err);
}

int config_load(struct config *cfg, const char *path, struct fd_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->db_url = xstrdup("sqlite:frontdesk.db");
	cfg->listen = xstrdup("127.0.0.1:8080");
	cfg->log_level = xstrdup("info");
	cfg->threads = 0; /* by the database: serve chooses */
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
	 * answers 503: with SQLite's two threads, two requests held longer hold every other caller too.
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
	cfg->ils.port = 6001; /* Koha's and Evergreen's SIP servers' usual port */
	/* SIP2's own set is ASCII, which UTF-8 reads alike; Koha sends UTF-8 when its account
	 * names no encoding, Evergreen "ascii" or "utf8": UTF-8 reads all three rightly. */
	cfg->ils.charset = xstrdup("UTF-8");
	cfg->ils.timeout_ms = 2000; /* ILS_DEADLINE_MS */
	cfg->ils.time_zone = xstrdup(machine_zone());
	cfg->ils.probe_s = 60;

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
	if ((env = getenv("FRONTDESK_ILS_PASSWORD")) && *env) /* not in the file, then */
		config_set(&cfg->ils.password, env);
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
	ils_settings_free(&cfg->ils);
	memset(cfg, 0, sizeof *cfg);
}

void ils_settings_free(struct ils_settings *ils)
{
	char **strings[] = {
		&ils->time_zone, &ils->host,	    &ils->ca_file,  &ils->login,
		&ils->password,	 &ils->institution, &ils->location, &ils->terminal_password,
		&ils->charset};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		free(*strings[i]);
		*strings[i] = NULL;
	}
	for (size_t i = 0; i < ils->nlocations; i++) {
		free(ils->locations[i].branch);
		free(ils->locations[i].code);
	}
	free(ils->locations);
	ils->locations = NULL;
	ils->nlocations = 0;
}
