/* Staff accounts and their duty: who is clocked on where. */
#ifndef STORE_STORE_STAFF_H
#define STORE_STORE_STAFF_H
#include "store/store.h"

struct staff {
	int64_t id;
	const char *login, *name, *email, *phone;
	enum role role;
	int64_t branch_id;	   /* 0: none */
	const char *branch_code;   /* NULL: none */
	const char *password_hash; /* NULL: no password login */
	const char *service_start; /* YYYY-MM-DD */
	bool active;
	int64_t created_at, last_login_at;
	int64_t duty_branch_id;	      /* on duty there now; 0: off duty */
	const char *duty_branch_code; /* NULL: off duty */
	const char *duty_desk;	      /* the desk they work at there; NULL: none said */
};

int store_staff_insert(struct store *s, const struct staff *st, int64_t now, int64_t *id,
		       struct fd_error *err);
int store_staff_get(struct store *s, const char *login, struct arena *a, struct staff *out,
		    struct fd_error *err);
int store_staff_get_by_id(struct store *s, int64_t id, struct arena *a, struct staff *out,
			  struct fd_error *err);
/* All accounts, or those of one branch when branch_id is not 0, by login. */
int store_staff_list(struct store *s, int64_t branch_id, struct arena *a, struct staff **out,
		     size_t *n, struct fd_error *err);
/* The active accounts, or those of one branch when branch_id is not 0, by name: whom a
 * form's picker may list. */
int store_staff_active(struct store *s, int64_t branch_id, struct arena *a, struct staff **out,
		       size_t *n, struct fd_error *err);
int store_staff_set_active(struct store *s, int64_t id, bool active, struct fd_error *err);
int store_staff_set_last_login(struct store *s, int64_t id, int64_t at, struct fd_error *err);
/* Writes st's name, role, home branch, email, phone and service start to account st->id. */
int store_staff_update(struct store *s, const struct staff *st, struct fd_error *err);

struct duty {
	struct staff staff;
	int64_t branch_id;
	const char *branch_code;
	int64_t on_at;
};

/* desk: the desk they work at (NULL: none said). */
int store_duty_open(struct store *s, int64_t staff_id, int64_t branch_id, const char *desk,
		    int64_t now, struct fd_error *err);
/* Moves the staff member's open duty to another desk (NULL: none). */
int store_duty_set_desk(struct store *s, int64_t staff_id, const char *desk, struct fd_error *err);
/* Closes the staff member's open duty, if any; *closed says whether there was one. */
int store_duty_close(struct store *s, int64_t staff_id, int64_t now, bool *closed,
		     struct fd_error *err);
/* The staff member's open duty; *found false when off duty. */
int store_duty_current(struct store *s, int64_t staff_id, struct arena *a, struct duty *out,
		       bool *found, struct fd_error *err);
/* Everyone on duty at a branch, in the order they clocked on. */
int store_duty_list(struct store *s, int64_t branch_id, struct arena *a, struct duty **out,
		    size_t *n, struct fd_error *err);
/* Shifts at a branch that ended at or after since, but staff_id's, the latest first (on_at
 * is when each began): who left while someone else stayed on. */
int store_duty_ended_since(struct store *s, int64_t branch_id, int64_t since, int64_t staff_id,
			   struct arena *a, struct duty **out, size_t *n, struct fd_error *err);
/* A shift that is over already, whole (the demo's made-up past). */
int store_duty_record(struct store *s, int64_t staff_id, int64_t branch_id, int64_t on_at,
		      int64_t off_at, struct fd_error *err);

/* The active or not staff member an unrevoked API token belongs to, without the password
 * hash; FD_ENOTFOUND when none. One statement: it needs no transaction around it. Answered
 * from memory after store_refresh while the database is unchanged (store_memo.c). */
int store_staff_by_token(struct store *s, const char *token_hash, struct arena *a,
			 struct staff *out, struct fd_error *err);

/* Every open duty: who, where, since when. */
struct open_duty {
	int64_t staff_id, branch_id, on_at;
};
int store_duties_open(struct store *s, struct arena *a, struct open_duty **out, size_t *n,
		      struct fd_error *err);

#endif
