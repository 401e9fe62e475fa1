/* The floor for durable writes: THREADS connections each writing what one walk-in writes in
 * frontdesk, in one transaction (WAL, synchronous=FULL, foreign keys checked): a visit row and
 * its queue event. bench/run gives it a database made by `frontdesk init`, so the rows go into
 * frontdesk's own tables with every index they have; on an empty file it makes the tables of
 * an earlier schema below. For SECONDS; prints
 * "floor: N writes/s". Nothing of frontdesk is linked: this is what SQLite on this disk can
 * do with the same rows, with no HTTP, JSON or policy in the way. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *path;
static int seconds;
static atomic_long writes;
static atomic_int failed;

static const char schema[] =
	"PRAGMA journal_mode=WAL;"
	"CREATE TABLE IF NOT EXISTS visit (id INTEGER PRIMARY KEY, branch_id INTEGER NOT NULL, "
	"local_day TEXT NOT NULL, ticket INTEGER NOT NULL, channel TEXT NOT NULL CHECK (channel "
	"IN ('in_person', 'phone')), customer_id INTEGER, new_customer INTEGER NOT NULL DEFAULT "
	"0 CHECK (new_customer IN (0, 1)), note TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, "
	"arrived_at INTEGER NOT NULL, queue_at INTEGER NOT NULL, resumed INTEGER NOT NULL "
	"DEFAULT 0, acknowledged_at INTEGER, acknowledged_by INTEGER, called_at INTEGER, "
	"started_at INTEGER, finished_at INTEGER, served_by INTEGER, hold_at INTEGER, "
	"callback_phone TEXT, callback_promised_at INTEGER, callback_done_at INTEGER, tour TEXT, "
	"tour_at INTEGER, UNIQUE (branch_id, local_day, ticket));"
	"CREATE INDEX IF NOT EXISTS visit_branch_state ON visit (branch_id, state);"
	"CREATE INDEX IF NOT EXISTS visit_branch_finished ON visit (branch_id, finished_at);"
	"CREATE INDEX IF NOT EXISTS visit_branch_arrived ON visit (branch_id, arrived_at);"
	"CREATE INDEX IF NOT EXISTS visit_branch_day_state ON visit (branch_id, local_day, state);"
	"CREATE TABLE IF NOT EXISTS queue_event (id INTEGER PRIMARY KEY, branch_id INTEGER NOT "
	"NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, visit_id INTEGER);";

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *writer(void *arg)
{
	sqlite3 *db;
	sqlite3_stmt *st, *ev;
	(void)arg;
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		failed = 1;
		return NULL;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	/* The next ticket of the day, as frontdesk numbers them. */
	sqlite3_prepare_v2(db,
			   "INSERT INTO visit (branch_id, local_day, ticket, channel, state, "
			   "arrived_at, queue_at) VALUES (1, '2026-11-28', (SELECT coalesce(max("
			   "ticket), 0) + 1 FROM visit WHERE branch_id = 1 AND local_day = "
			   "'2026-11-28'), 'in_person', 'waiting', ?1, ?1)",
			   -1, &st, NULL);
	sqlite3_prepare_v2(db,
			   "INSERT INTO queue_event (branch_id, at, kind, visit_id) VALUES (1, ?1, "
			   "'visit.created', last_insert_rowid())",
			   -1, &ev, NULL);
	double end = now() + seconds;
	while (now() < end) {
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			continue;
		sqlite3_int64 at = (sqlite3_int64)time(NULL);
		sqlite3_bind_int64(st, 1, at);
		sqlite3_bind_int64(ev, 1, at);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			rc = sqlite3_step(ev);
		sqlite3_reset(ev);
		if (rc == SQLITE_DONE && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
			atomic_fetch_add(&writes, 1);
		else
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ev);
	sqlite3_close(db);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: sqlite_floor DB THREADS SECONDS\n");
		return 2;
	}
	path = argv[1];
	int threads = atoi(argv[2]);
	seconds = atoi(argv[3]);
	sqlite3 *db;
	if (threads < 1 || threads > 256 || seconds < 1 || sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite_floor: cannot set up %s\n", path);
		return 1;
	}
	sqlite3_close(db);
	pthread_t t[256];
	double start = now();
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, writer, NULL);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	double took = now() - start;
	printf("floor: %.0f writes/s (%ld in %.1f s, %d connections)\n", (double)writes / took,
	       (long)writes, took, threads);
	return failed;
}
