/* frontdesk.conf (INI) and FRONTDESK_* variables, read once into one struct passed down. */
#ifndef BASE_CONFIG_H
#define BASE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/netaddr.h"

/* [database]: how long the database may keep a caller waiting (store_open). */
struct db_timeouts {
	int busy_ms;	  /* SQLite: how long a writer waits for another */
	int statement_ms; /* PostgreSQL: one statement and its answer (0: no bound) */
	int network_ms;	  /* PostgreSQL: connecting, and how long a silent connection is trusted */
};

/* [ils] in frontdesk.conf: the library's catalogue over SIP2 (src/ils/); host NULL: no
 * catalogue configured. FRONTDESK_ILS_PASSWORD overrides the password. */
struct ils_location {
	char *branch; /* a branch's code */
	char *code;   /* the ILS's location code for it */
};
struct ils_settings {
	char *host;
	int port;	   /* 6001 */
	bool tls;	   /* TLS to the ILS (or its stunnel) */
	char *ca_file;	   /* the CA the ILS's certificate is checked against; NULL: the system's */
	char *login;	   /* the SIP2 account's user id (CN) */
	char *password;	   /* and password (CO) */
	char *institution; /* AO, in every message */
	char *location;	   /* CP at login: the system's location code */
	char *terminal_password; /* AC, when the ILS wants one; NULL: empty */
	char *charset;	 /* what the ILS sends and expects: "UTF-8", "ISO-8859-1", "CP850" */
	char *time_zone; /* the zone the ILS's dates are written in (an IANA name) */
	int timeout_ms;	 /* a caller's deadline: ILS_DEADLINE_MS */
	int probe_s;	 /* an idle connection is checked (SC Status) this often */
	struct ils_location *locations; /* [ils locations]: BRANCH = CODE */
	size_t nlocations;
};

struct config {
	char *db_url; /* "sqlite:frontdesk.db", a path, or "postgresql://…" */
	struct db_timeouts db_timeouts;
	char *listen;		/* "127.0.0.1:8080" */
	int threads;		/* HTTP worker threads; 0: 2 on SQLite, 8 on PostgreSQL */
	int max_body_bytes;	/* larger request bodies get 413 */
	int session_idle_s;	/* ASVS V3.3: 30 minutes */
	int session_absolute_s; /* ASVS V3.3: 12 hours */
	char *log_level;
	int reference_text_days; /* CS-CONFIDENTIAL: a reference question's text is kept this long */
	int visit_customer_days;     /* and who a finished visit was for */
	char *smtp_url;		     /* "smtp://host:25"; NULL: notices wait in the outbox */
	char *smtp_from;	     /* the From address of notices */
	char *base_url;		     /* how staff reach this desk, for links in notices */
	bool base_url_from_listen;   /* not configured: http:// and the listen address */
	char *library_name;	     /* the system's name, on printed letterheads */
	int restriction_days[8];     /* the graduated schedule of restrictions, in days */
	int request_untouched_hours; /* open hours untouched before each reminder level */
	int shift_close_grace_min;   /* a shift still open this long after closing is ended */
	int nrestriction_days;

	/* Who may connect, and how slowly (docs/operations.md, "Proxies and connections"). */
	struct netaddr_list trusted_proxies; /* whose X-Forwarded-For names the client */
	int max_connections;		     /* open at once, from everywhere */
	int max_connections_per_address;     /* one address (IPv6: a /64); not a trusted proxy */
	int header_timeout_s;	/* for a request's headers, from connecting or the last answer */
	char *signing_key_file; /* the installation's Ed25519 secret key; NULL: beside a SQLite
				 * database (PostgreSQL's nodes must name one file they share) */
	int anchor_interval_s;	/* how often the audit log's head is signed while it moves */
	int join_per_address_per_hour; /* tickets taken by phone from one address at a branch */
	struct ils_settings ils;
};

/* Fills cfg with defaults, then the file (path, or ./frontdesk.conf when path is NULL and it
 * exists), then FRONTDESK_DB / FRONTDESK_LISTEN / FRONTDESK_LOG_LEVEL / FRONTDESK_SMTP_URL /
 * FRONTDESK_SMTP_FROM / FRONTDESK_BASE_URL / FRONTDESK_SIGNING_KEY_FILE. 0 on success. */
int config_load(struct config *cfg, const char *path, struct fd_error *err);
/* Replaces a string setting (frees the old value). */
void config_set(char **slot, const char *value);
/* After the listen address changes (serve --listen): a base URL not configured follows it. */
void config_listen_changed(struct config *cfg);
void config_free(struct config *cfg);
/* Frees what an ils_settings holds (config_free does, for the one in a config). */
void ils_settings_free(struct ils_settings *ils);

#endif
