/* What every use case gets: the store, an arena for its results, who is acting and when.
 * Each public service function is one transaction. */
#ifndef SERVICE_SVC_H
#define SERVICE_SVC_H
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/error.h"
#include "policy/role.h"
#include "store/store_branch.h"
#include "store/store_staff.h"

struct ils;

struct svc {
	struct store *store;
	struct ils *ils;	   /* the library's catalogue (ILS); NULL: none configured */
	struct arena *arena;	   /* results live here */
	const struct staff *actor; /* NULL: the administrator at the command line */
	const struct config *config;
	int64_t now;
	const char *client; /* where the request came from (an address, or "command line"), for
			     * the audit log */
	/* A card frontdesk did not know that the catalogue named before the transaction began
	 * (catalogue_card_ask), for the link to register; NULL: none. */
	const char *catalogue_card, *catalogue_name;
	/* A card frontdesk did not know that the catalogue did not answer for: the link says so
	 * rather than "no such customer". NULL: none. */
	const char *catalogue_silent_card;
};

/* Policy warnings that do not refuse (docs/api.md: "warnings":[{"rule","message"}]). */
#define MAX_WARNINGS 6
struct warning {
	const char *rule, *message;
};
struct warnings {
	struct warning w[MAX_WARNINGS];
	int n;
};
void svc_warn(struct warnings *w, const char *rule, const char *message);

/* Secrets handed out once (a session, a ticket's page, a feedback link, a device, a form's
 * token): a new one is 256 random bits in base64url, 43 characters (s->arena). */
const char *svc_secret_new(struct svc *s);
/* What the store keeps of a secret it must find again: its SHA-256, in hex (s->arena). */
const char *svc_secret_hash(struct svc *s, const char *secret);
/* What a per-address bound counts an address (text) against: an IPv4 address as it is, an
 * IPv6 address's /64, since one host is usually handed a whole /64 (netaddr_group_text);
 * anything else as given. In s->arena. */
const char *svc_address_group(struct svc *s, const char *address);

/* 0 when the actor's role may do a (the command line may do anything), else FD_EFORBID
 * with a plain sentence and the rule behind it. */
int svc_may(const struct svc *s, enum action a, struct fd_error *err);
/* The same, and branch scope for a record of branch_id (CS-SCOPE; 0: of no branch). */
int svc_may_at(const struct svc *s, enum action a, int64_t branch_id, struct fd_error *err);
/* Where the actor works, for branch scope (the actor must not be NULL). */
struct workplace svc_workplace(const struct svc *s);
/* CS-SCOPE: is branch_id one the actor works at (always, for the command line)? */
bool svc_reaches(const struct svc *s, int64_t branch_id);
/* CS-CONFIDENTIAL: may the actor see customers' names, cards and contacts? */
bool svc_sees_customers(const struct svc *s);
/* Before a route's handler: may the actor do a to the record kind/key names (a branch code
 * or a record's id; NULL: none)? A record that does not exist is left for the handler to
 * report. */
int svc_authorize(struct svc *s, enum action a, enum record_kind kind, const char *key,
		  struct fd_error *err);
/* Text input checks that name the field: length in characters, no control characters. */
int svc_check_text(const char *field, const char *value, int min_chars, int max_chars,
		   struct fd_error *err);
/* A token (a handbook rule's id): ASCII letters, digits and the given punctuation only. */
int svc_check_token(const char *field, const char *value, int min, int max, const char *punct,
		    struct fd_error *err);
int svc_check_phone(const char *field, const char *value, struct fd_error *err);
/* A date field, "YYYY-MM-DD", into its civil day (timefmt_days_from_civil). */
int svc_check_date(const char *field, const char *text, int64_t *day, struct fd_error *err);

/* Inside a write transaction: an audit entry saying the actor did action (read, change, ...)
 * to the record kind/key, from s->client (CS-CONFIDENTIAL). */
int svc_audit(struct svc *s, const char *action, const char *kind, int64_t key,
	      struct fd_error *err);

/* A branch's code as every table reads it (branch add's, and each use case's "branch"): 2 to
 * 16 letters, digits, - and _. name, label, required, and where it goes (an offsetof). */
#define INPUT_BRANCH_FIELD(name, label, required, where)                                           \
	{                                                                                          \
		name, label, INPUT_TOKEN, required, 2, 16, "-_", .offset = (where)                 \
	}
/* A staff member's login as every table reads it (user add's, and whose duty or handover):
 * 2 to 32 letters, digits, ".", "_" and "-". */
#define INPUT_LOGIN_FIELD(required, where)                                                         \
	{                                                                                          \
		"login", "Login", INPUT_TOKEN, required, 2, 32, "._-", .offset = (where)           \
	}
/* The branch whose code was given in the request's "branch" field; an error names that field. */
int svc_branch(struct svc *s, const char *code, struct branch *b, struct fd_error *err);
/* The same for an address typed by hand (a door sign, a wall screen, a tablet): /join/kos is
 * KOS's when no branch is coded "kos". */
int svc_branch_any_case(struct svc *s, const char *code, struct branch *b, struct fd_error *err);
/* A use case's transaction: svc_begin, the work, then svc_end with the work's status, which
 * commits on 0 and rolls back otherwise, returning the final status. */
int svc_begin(struct svc *s, bool write, struct fd_error *err);
int svc_end(struct svc *s, int rc, struct fd_error *err);

#endif
