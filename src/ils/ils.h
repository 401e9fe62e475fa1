/* The library's catalogue (the ILS) over SIP2: one persistent connection per process, kept by
 * a thread of its own, so that a caller waits at most until its deadline and never longer. */
#ifndef ILS_ILS_H
#define ILS_ILS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/config.h" /* struct ils_settings: [ils] */
#include "base/error.h"

#define ILS_DEADLINE_MS 2000 /* what the desk waits for the catalogue before it goes on */

enum ils_state {
	ILS_OFF,	/* not configured */
	ILS_CONNECTING, /* starting, or reconnecting after the ILS dropped the connection */
	ILS_UP,		/* logged in, and the last exchange answered */
	ILS_DOWN, /* not answering, or refusing the login: calls fail at once until it is back */
	ILS_STATE__MAX
};
const char *ils_state_name(enum ils_state s);  /* "off", "connecting", "up", "down" */
const char *ils_state_label(enum ils_state s); /* "not answering", ... in plain words */

struct ils_health {
	enum ils_state state;
	int64_t since;	    /* unix seconds: in this state since */
	int64_t last_ok_at; /* unix seconds of the last answered exchange; 0: never */
	char error[200];    /* why it is down, in plain words; "" when up */
	uint64_t exchanges, failures, resends, reconnects, timeouts;
	int64_t last_round_trip_us;
	bool tls;
};

/* The ILS's answer to SC Status (98), for `frontdesk ils check` and the health page. */
struct ils_acs_status {
	bool online, checkin_ok, checkout_ok, renewal_policy, status_update_ok, offline_ok;
	int timeout_tenths, retries;
	char *date_time; /* the ACS's clock, as sent */
	char *protocol;	 /* "2.00" */
	char *institution, *library_name, *terminal_location;
	char *supported;		 /* BX as sent: 16 Y/N */
	const char *supported_names[17]; /* the supported messages' names, NULL-terminated */
	char **messages;		 /* AF screen messages */
	size_t nmessages;
};

/* The 14 patron status flags of 24 and 64, in the protocol's order. */
enum ils_block {
	ILS_BLOCK_CHARGE,
	ILS_BLOCK_RENEWAL,
	ILS_BLOCK_RECALL,
	ILS_BLOCK_HOLD,
	ILS_BLOCK_CARD_LOST,
	ILS_BLOCK_TOO_MANY_CHARGED,
	ILS_BLOCK_TOO_MANY_OVERDUE,
	ILS_BLOCK_TOO_MANY_RENEWALS,
	ILS_BLOCK_TOO_MANY_CLAIMS,
	ILS_BLOCK_TOO_MANY_LOST,
	ILS_BLOCK_EXCESSIVE_FINES,
	ILS_BLOCK_EXCESSIVE_FEES,
	ILS_BLOCK_RECALL_OVERDUE,
	ILS_BLOCK_TOO_MANY_BILLED,
	ILS_BLOCK__MAX
};
const char *ils_block_label(enum ils_block b); /* "Card reported lost", ... */

/* Which list a Patron Information request (63) asks for beside the counts. */
enum ils_list {
	ILS_LIST_NONE,
	ILS_LIST_HOLDS,
	ILS_LIST_OVERDUE,
	ILS_LIST_CHARGED,
	ILS_LIST_FINES,
	ILS_LIST_RECALLS,
	ILS_LIST_UNAVAILABLE_HOLDS,
	ILS_LIST__MAX
};

struct ils_patron {
	bool known;	  /* BL: the ILS has this card */
	bool password_ok; /* CQ, when asked */
	char *name;	  /* AE */
	unsigned blocks;  /* 1u << enum ils_block for each flag set */
	char *fines;	  /* BV as sent ("2.50"); NULL: none sent */
	char *currency;	  /* BH ("USD"); NULL: none sent */
	int holds_ready, overdue, charged, fine_items, recalls, unavailable_holds; /* 64's counts */
	char **items; /* the list asked for (AS/AT/AU/AV/BU/CD): item ids */
	size_t nitems;
	char **messages; /* AF */
	size_t nmessages;
};

struct ils_item {
	char *id;	 /* AB */
	char *title;	 /* AJ */
	char *due;	 /* AH as the ILS sent it; NULL: none */
	int64_t due_at;	 /* AH read as the SIP2 date (YYYYMMDDZZZZHHMMSS) in unix seconds; 0: not */
	int circulation; /* the two-digit circulation status (01..13); 0: not sent */
	int hold_queue;	 /* CF; -1: not sent */
	char *location;	 /* AP current location; NULL: not sent */
	char **messages; /* AF */
	size_t nmessages;
};

struct ils_renewal {
	char *item, *title;
	bool renewed;
	char *due; /* the new due date as sent, when renewed */
	int64_t due_at;
	char **messages; /* AF: why not, in the ILS's words */
	size_t nmessages;
};

struct ils;
/* Starts the connection's thread; NULL when set->host is NULL (nothing configured). The
 * settings are copied. Free with ils_free, which closes the connection. */
struct ils *ils_new(const struct ils_settings *set);
void ils_free(struct ils *ils);
void ils_health(struct ils *ils, struct ils_health *out); /* ils NULL: ILS_OFF */
/* When a desk's call made now must have its answer: now plus [ils] timeout_ms (clock_ms()). */
int64_t ils_deadline(const struct ils *ils);
/* A recent round trip to the ILS in ms (the larger of the last and the running average; 0
 * before any answer, or ils NULL): a call made with less time than this left before its
 * deadline cannot be answered in time, so a service may skip it (a detail it can do without).
 * The connection's thread does not send a request with less than this left. */
int64_t ils_round_trip_ms(const struct ils *ils);
/* The ILS's location code for a branch's code: its [ils locations] entry, else the branch's
 * code itself (an ILS's library codes are usually the same); NULL for ils or code NULL. */
const char *ils_location_of(const struct ils *ils, const char *branch_code);
/* The other way: the branch code whose location code is code (case aside), else code itself. */
const char *ils_branch_of(const struct ils *ils, const char *code);

/* Each asks the ILS once (one request, one answer, resent on a checksum error) and gives up
 * at deadline_ms (clock_ms()); results live in a. On failure err says, in plain words for
 * the desk, "The library catalogue is not answering." (FD_EUNAVAILABLE) or what the ILS
 * refused; an ILS that is down fails at once. A caller that gives up leaves the exchange to
 * run on to the ILS's own limit ([ils] timeout_ms), its answer dropped: only an ILS that
 * is silent that long is marked down.
 * Renew and Renew All change the account: once any byte of one may have reached the ILS, a
 * failure (no answer in time, the connection closed, answers damaged or not understood) sets
 * err->outcome_unknown and says "The library catalogue did not confirm: look at the account
 * before trying again."; "not answering" (outcome_unknown false) means it was never sent. */
int ils_sc_status(struct ils *ils, struct arena *a, int64_t deadline_ms, struct ils_acs_status *out,
		  struct fd_error *err);
int ils_patron_status(struct ils *ils, struct arena *a, const char *card, int64_t deadline_ms,
		      struct ils_patron *out, struct fd_error *err); /* 23/24: no counts, no list */
int ils_patron(struct ils *ils, struct arena *a, const char *card, enum ils_list list,
	       int64_t deadline_ms, struct ils_patron *out, struct fd_error *err); /* 63/64 */
int ils_item(struct ils *ils, struct arena *a, const char *item_id, int64_t deadline_ms,
	     struct ils_item *out, struct fd_error *err); /* 17/18 */
int ils_renew(struct ils *ils, struct arena *a, const char *card, const char *item_id,
	      int64_t deadline_ms, struct ils_renewal *out, struct fd_error *err); /* 29/30 */
/* 65/66: *out gets one entry per item the ILS names, renewed (BM) or not (BN); the answer's
 * screen messages go to each one not renewed. An answer "not ok" naming no item is the ILS
 * refusing the card as a whole (blocked, unknown): FD_ECONFLICT with its screen messages. */
int ils_renew_all(struct ils *ils, struct arena *a, const char *card, int64_t deadline_ms,
		  struct ils_renewal **out, size_t *n, struct fd_error *err);

#endif
