/* Inside the store only: run a named statement with bound arguments, a callback per row.
 * The per-noun files (store_branch.c, ...) are written against this, not against SQLite. */
#ifndef STORE_DB_H
#define STORE_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "store/stmt.h"

struct store;
struct db_row;

enum db_arg_type { DB_NULL, DB_INT, DB_TEXT, DB_BLOB };

struct db_arg {
	enum db_arg_type type;
	int64_t i;
	const char *s;
	size_t len; /* DB_BLOB */
};

#define DB_ARG_INT(v) ((struct db_arg){.type = DB_INT, .i = (v)})
#define DB_ARG_TEXT(v) ((struct db_arg){.type = (v) ? DB_TEXT : DB_NULL, .s = (v)})
/* 0 is stored as NULL: for optional references such as a staff member's branch. */
#define DB_ARG_REF(v) ((struct db_arg){.type = (v) ? DB_INT : DB_NULL, .i = (v)})

/* Called per result row; a non-zero return stops the query and is returned by db_query. */
typedef int (*db_row_fn)(void *ctx, struct db_row *row);

/* Runs stmt; *rows (may be NULL) gets the number of rows. A unique, foreign-key or check
 * violation is FD_ECONFLICT, anything else from the database FD_EINTERNAL. */
int db_query(struct store *s, enum stmt stmt, const struct db_arg *args, size_t nargs, db_row_fn fn,
	     void *ctx, int64_t *rows, struct fd_error *err);

/* Writes nrows rows of ncols cells each (row after row in cells) with stmt, an insert of one
 * row whose $1..$ncols are the cells: many rows at once, for bulk loads (PostgreSQL runs
 * stmt's text as a COPY ... FROM STDIN). Errors as db_query's. */
int db_copy(struct store *s, enum stmt stmt, const struct db_arg *cells, size_t ncols, size_t nrows,
	    struct fd_error *err);

int64_t db_int(struct db_row *row, int col);
bool db_is_null(struct db_row *row, int col);
/* Valid until the callback returns; NULL for SQL NULL. */
const char *db_text(struct db_row *row, int col);
/* Bytes of a blob column into a (*len gets their number); NULL for SQL NULL. */
const unsigned char *db_blob(struct db_row *row, int col, struct arena *a, size_t *len);

struct person;

/* A person from three columns starting at col: login, name, role (all NULL: nobody). */
void db_person(struct db_row *row, int col, struct arena *a, struct person *p);

/* Common callback: the first column of the first row into an int64_t. */
int db_row_int(void *ctx, struct db_row *row);

#define DB_ARGS(...)                                                                               \
	((const struct db_arg[]){__VA_ARGS__}),                                                    \
		(sizeof((const struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg))

#endif
