/* The SQLite store on a scratch file: migrations are idempotent, constraints hold, a
 * rolled-back transaction leaves nothing behind, and a signed incident report is not written
 * over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_branch.h"
#include "store/store_incident.h"
#include "store/store_auth.h"
#include "store/store_staff.h"
#include "store/store_visit.h"

struct fixture {
	char path[64];
	struct store *s;
	struct arena a;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct fd_error err = {0};
	snprintf(f->path, sizeof f->path, "/tmp/frontdesk-test-store-%d.db", (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &(struct db_timeouts){.busy_ms = 1000}, &f->s, &err) ||
	    store_migrate(f->s, NULL, &err))
		return -1;
	arena_init(&f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char side[80];
	store_close(f->s);
	arena_free(&f->a);
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static void test_migrate_twice(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	int applied = -1;
	bool ready = false;
	assert_int_equal(store_migrate(f->s, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_is_initialised(f->s, &ready, &err), 0);
	assert_true(ready);
}

static void test_branch_unique_and_rollback(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct branch b = {.code = "KOS",
			   .name = "Kosciusko",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120},
		      got;
	int64_t id;
	assert_int_equal(store_branch_insert(f->s, &b, 1, &id, &err), 0);
	assert_int_equal(store_branch_insert(f->s, &b, 1, &id, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);

	b.code = "TMP";
	assert_int_equal(store_begin(f->s, true, &err), 0);
	assert_int_equal(store_branch_insert(f->s, &b, 1, &id, &err), 0);
	store_rollback(f->s);
	assert_int_equal(store_branch_get(f->s, "TMP", &f->a, &got, &err), -1);
	assert_int_equal(err.code, FD_ENOTFOUND);
	assert_int_equal(store_branch_get(f->s, "KOS", &f->a, &got, &err), 0);
	assert_string_equal(got.name, "Kosciusko");
}

static void test_duty_once(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct branch b = {.code = "DUR",
			   .name = "Durant",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120};
	struct staff st = {
		.login = "pat", .name = "Pat", .role = ROLE_STAFF, .service_start = "2010-01-01"};
	struct duty *list;
	size_t n;
	bool closed;
	assert_int_equal(store_branch_insert(f->s, &b, 1, &b.id, &err), 0);
	st.branch_id = b.id;
	assert_int_equal(store_staff_insert(f->s, &st, 1, &st.id, &err), 0);
	assert_int_equal(store_duty_open(f->s, st.id, b.id, NULL, 10, &err), 0);
	/* Nobody is on duty twice at once. */
	assert_int_equal(store_duty_open(f->s, st.id, b.id, NULL, 11, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	assert_int_equal(store_duty_list(f->s, b.id, &f->a, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].staff.login, "pat");
	assert_int_equal(list[0].on_at, 10);
	assert_int_equal(store_duty_close(f->s, st.id, 20, &closed, &err), 0);
	assert_true(closed);
	assert_int_equal(store_duty_close(f->s, st.id, 21, &closed, &err), 0);
	assert_false(closed);
	assert_int_equal(store_duty_list(f->s, b.id, &f->a, &list, &n, &err), 0);
	assert_int_equal(n, 0);
}

static void test_foreign_keys(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct staff st = {.login = "ghost",
			   .name = "Ghost",
			   .role = ROLE_STAFF,
			   .service_start = "2010-01-01",
			   .branch_id = 9999};
	int64_t id;
	assert_int_equal(store_staff_insert(f->s, &st, 1, &id, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
}

/* A promotion and transfer in one statement; the login, password and state stay as they are. */
static void test_staff_update(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct branch a = {.code = "ACK",
			   .name = "Ackerman",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120},
		      b = a;
	b.code = "WEI";
	b.name = "Weir";
	struct staff st = {.login = "lee",
			   .name = "Lee",
			   .role = ROLE_STAFF,
			   .password_hash = "h",
			   .service_start = "2010-01-01"},
		     got;
	assert_int_equal(store_branch_insert(f->s, &a, 1, &a.id, &err), 0);
	assert_int_equal(store_branch_insert(f->s, &b, 1, &b.id, &err), 0);
	st.branch_id = a.id;
	assert_int_equal(store_staff_insert(f->s, &st, 1, &st.id, &err), 0);
	st.name = "Lee Ann";
	st.role = ROLE_BRANCH_MANAGER;
	st.branch_id = b.id;
	st.email = "lee@example.org";
	st.phone = NULL;
	st.service_start = "2009-06-01";
	assert_int_equal(store_staff_update(f->s, &st, &err), 0);
	assert_int_equal(store_staff_get(f->s, "lee", &f->a, &got, &err), 0);
	assert_int_equal(got.id, st.id);
	assert_string_equal(got.name, "Lee Ann");
	assert_int_equal(got.role, ROLE_BRANCH_MANAGER);
	assert_string_equal(got.branch_code, "WEI");
	assert_string_equal(got.email, "lee@example.org");
	assert_string_equal(got.phone, "");
	assert_string_equal(got.service_start, "2009-06-01");
	assert_string_equal(got.password_hash, "h");
	assert_true(got.active);
	/* A branch that does not exist is refused by the database too. */
	st.branch_id = 9999;
	assert_int_equal(store_staff_update(f->s, &st, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	st.id = 9999;
	st.branch_id = b.id;
	assert_int_equal(store_staff_update(f->s, &st, &err), -1);
	assert_int_equal(err.code, FD_ENOTFOUND);
}

/* A picker's list: active accounts only, by name, of one branch or of all. */
static void test_staff_active(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct branch a = {.code = "ACK",
			   .name = "Ackerman",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120},
		      b = a;
	b.code = "WEI";
	b.name = "Weir";
	assert_int_equal(store_branch_insert(f->s, &a, 1, &a.id, &err), 0);
	assert_int_equal(store_branch_insert(f->s, &b, 1, &b.id, &err), 0);
	struct {
		const char *login, *name;
		int64_t branch_id;
	} people[] = {{"zed", "Ann Zed", a.id},
		      {"amy", "Zoe Amy", a.id},
		      {"gone", "Bea Gone", a.id},
		      {"wei", "Cal Weir", b.id}};
	int64_t gone = 0;
	for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
		struct staff st = {.login = people[i].login,
				   .name = people[i].name,
				   .role = ROLE_STAFF,
				   .branch_id = people[i].branch_id,
				   .service_start = "2010-01-01"};
		assert_int_equal(store_staff_insert(f->s, &st, 1, &st.id, &err), 0);
		if (strcmp(st.login, "gone") == 0)
			gone = st.id;
	}
	assert_int_equal(store_staff_set_active(f->s, gone, false, &err), 0);
	struct staff *got;
	size_t n;
	assert_int_equal(store_staff_active(f->s, a.id, &f->a, &got, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(got[0].login, "zed"); /* by name, not by login */
	assert_string_equal(got[1].login, "amy");
	assert_int_equal(store_staff_active(f->s, 0, &f->a, &got, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(got[1].login, "wei");
}

/* A request thread's connection remembers a token's staff and a queue's stamp (store_memo.c)
 * only while the database is unchanged: a change made on another connection (another thread
 * or process), or on this one, or undone by a rollback, is seen by the next read. */
static void test_memo_forgets_every_change(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct store *other;
	struct branch a = {.code = "ACK",
			   .name = "Ackerman",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120};
	struct staff st = {.login = "lee",
			   .name = "Lee",
			   .role = ROLE_STAFF,
			   .service_start = "2010-01-01"},
		     got;
	int64_t branch_id, last_event, event_id;
	bool found;
	assert_int_equal(store_branch_insert(f->s, &a, 1, &a.id, &err), 0);
	st.branch_id = a.id;
	assert_int_equal(store_staff_insert(f->s, &st, 1, &st.id, &err), 0);
	assert_int_equal(store_token_insert(f->s, "h1", st.id, 1, &err), 0);
	assert_int_equal(store_open(f->path, &(struct db_timeouts){.busy_ms = 1000}, &other, &err),
			 0);

	/* Read twice (the second from memory), then changed by another connection. */
	for (int i = 0; i < 2; i++) {
		store_refresh(f->s);
		assert_int_equal(store_staff_by_token(f->s, "h1", &f->a, &got, &err), 0);
		assert_int_equal(got.role, ROLE_STAFF);
		assert_null(got.duty_branch_code);
		assert_int_equal(store_queue_stamp(f->s, "ACK", &branch_id, &last_event, &err), 0);
		assert_int_equal(last_event, 0);
	}
	st.role = ROLE_VOLUNTEER;
	assert_int_equal(store_staff_update(other, &st, &err), 0);
	assert_int_equal(store_event_append(other, a.id, "arrived", 0, 2, &err), 0);
	assert_int_equal(store_event_max(other, &event_id, &err), 0);
	assert_true(event_id > 0);
	store_refresh(f->s);
	assert_int_equal(store_staff_by_token(f->s, "h1", &f->a, &got, &err), 0);
	assert_int_equal(got.role, ROLE_VOLUNTEER);
	assert_int_equal(store_queue_stamp(f->s, "ACK", &branch_id, &last_event, &err), 0);
	assert_int_equal(last_event, event_id);

	/* A duty taken in a transaction rolled back on this connection was never there. */
	assert_int_equal(store_begin(f->s, true, &err), 0);
	assert_int_equal(store_duty_open(f->s, st.id, a.id, NULL, 3, &err), 0);
	assert_int_equal(store_staff_by_token(f->s, "h1", &f->a, &got, &err), 0);
	assert_string_equal(got.duty_branch_code, "ACK");
	store_rollback(f->s);
	store_refresh(f->s);
	assert_int_equal(store_staff_by_token(f->s, "h1", &f->a, &got, &err), 0);
	assert_null(got.duty_branch_code);

	/* Revoked on this connection, with no refresh between: refused at once. */
	assert_int_equal(store_token_revoke(f->s, "h1", 4, &found, &err), 0);
	assert_true(found);
	assert_int_equal(store_staff_by_token(f->s, "h1", &f->a, &got, &err), -1);
	assert_int_equal(err.code, FD_ENOTFOUND);
	fd_error_clear(&err);

	/* A token made and revoked on the other connection. */
	assert_int_equal(store_token_insert(other, "h2", st.id, 5, &err), 0);
	store_refresh(f->s);
	assert_int_equal(store_staff_by_token(f->s, "h2", &f->a, &got, &err), 0);
	assert_int_equal(store_token_revoke(other, "h2", 6, &found, &err), 0);
	store_refresh(f->s);
	assert_int_equal(store_staff_by_token(f->s, "h2", &f->a, &got, &err), -1);
	assert_int_equal(err.code, FD_ENOTFOUND);
	store_close(other);
}

/* A draft changes; once signed, no copy of it read before (signed_at 0) is written back over the
 * signature, nor are its people, a file, a second signature or a new holder. */
static void test_signed_incident_is_not_written_over(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	struct branch b = {.code = "KOS",
			   .name = "Kosciusko",
			   .time_zone = "America/Chicago",
			   .ack_target_s = 60,
			   .no_show_after_s = 120};
	struct staff st = {
		.login = "pat", .name = "Pat", .role = ROLE_STAFF, .service_start = "2010-01-01"};
	struct incident_person witness = {"Ann Lee", "witness", "saw it", "",
					  .contact = "555-0100"};
	struct incident_person other = {"Bo Roe", "customer", "", "", .care = "first_aid"};
	struct attachment at = {.name = "door.png",
				.content_type = "image/png",
				.data = (const unsigned char *)"\x89PNG",
				.size_bytes = 4,
				.added_at = 5};
	struct incident draft = {.occurred_at = 1,
				 .due_at = 2,
				 .category = INCIDENT_THEFT,
				 .narrative = "A bag was taken.",
				 .actions_taken = "",
				 .people = &witness,
				 .npeople = 1,
				 .created_at = 3},
			got;
	struct attachment *files;
	size_t nfiles;
	assert_int_equal(store_branch_insert(f->s, &b, 1, &b.id, &err), 0);
	st.branch_id = b.id;
	assert_int_equal(store_staff_insert(f->s, &st, 1, &st.id, &err), 0);
	draft.branch_id = b.id;
	draft.reported_by_id = st.id;
	assert_int_equal(store_incident_insert(f->s, &draft, &err), 0);
	/* A draft changes, its people and files too. */
	draft.narrative = "A bag was taken from the desk.";
	assert_int_equal(store_incident_update(f->s, &draft, true, &err), 0);
	assert_int_equal(store_attachment_insert(f->s, draft.id, &at, st.id, &err), 0);

	struct incident sig = draft;
	sig.signed_at = 10;
	sig.signed_by_id = st.id;
	sig.signed_name = "Pat";
	sig.signature = "c2lnbmF0dXJl";
	sig.signed_text = "{\"form\":2}";
	assert_int_equal(store_incident_sign(f->s, &sig, &err), 0);
	sig.signature = "YW5vdGhlcg==";
	assert_int_equal(store_incident_sign(f->s, &sig, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);

	/* The copy read before the signing: every change from it is refused. */
	fd_error_clear(&err);
	draft.narrative = "Nothing was taken.";
	draft.people = &other;
	assert_int_equal(store_incident_update(f->s, &draft, true, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	assert_non_null(strstr(err.message, "signed"));
	fd_error_clear(&err);
	assert_int_equal(store_incident_update(f->s, &draft, false, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	fd_error_clear(&err);
	assert_int_equal(store_attachment_insert(f->s, draft.id, &at, st.id, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	fd_error_clear(&err);
	assert_int_equal(store_incident_hand_to(f->s, draft.id, st.id, &err), 0);

	assert_int_equal(store_incident_get(f->s, draft.id, &f->a, &got, &err), 0);
	assert_int_equal(got.signed_at, 10);
	assert_string_equal(got.signature, "c2lnbmF0dXJl");
	assert_string_equal(got.signed_text, "{\"form\":2}");
	assert_string_equal(got.narrative, "A bag was taken from the desk.");
	assert_int_equal(got.npeople, 1);
	assert_string_equal(got.people[0].name, "Ann Lee");
	assert_int_equal(got.holder_id, 0);
	assert_int_equal(store_attachment_list(f->s, draft.id, &f->a, &files, &nfiles, &err), 0);
	assert_int_equal(nfiles, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_branch_unique_and_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duty_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_active, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memo_forgets_every_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signed_incident_is_not_written_over, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
