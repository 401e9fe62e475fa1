/* frontdesk.conf (INI) and FRONTDESK_* variables, read once into one struct passed down. */
#ifndef BASE_CONFIG_H
#define BASE_CONFIG_H

#include "base/error.h"
#include "base/netaddr.h"

/* [database]: how long the database may keep a caller waiting (store_open). */
struct db_timeouts {
	int busy_ms;	  /* SQLite: how long a writer waits for another */
	int statement_ms; /* PostgreSQL: one statement and its answer (0: no bound) */
	int network_ms;	  /* PostgreSQL: connecting, and how long a silent connection is trusted */
};

struct config {
	char *db_url; /* "sqlite:frontdesk.db", a path, or "postgresql://…" */
	struct db_timeouts db_timeouts;
	char *listen;		/* "127.0.0.1:8080" */
	int threads;		/* HTTP worker threads */
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

#endif
