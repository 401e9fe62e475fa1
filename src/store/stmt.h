/* Every SQL statement the store runs, by name; each dialect has a table of their texts. */
#ifndef STORE_STMT_H
#define STORE_STMT_H

enum stmt {
	STMT_IS_INITIALISED,
	STMT_MIGRATE_LOCK,
	STMT_MIGRATION_APPLIED,
	STMT_MIGRATION_RECORD,
	STMT_BRANCH_INSERT,
	STMT_BRANCH_GET,
	STMT_BRANCH_GET_BY_ID,
	STMT_BRANCH_LIST,
	STMT_BRANCH_COUNT,
	STMT_STAFF_INSERT,
	STMT_STAFF_GET,
	STMT_STAFF_GET_BY_ID,
	STMT_STAFF_LIST,
	STMT_STAFF_LIST_BRANCH,
	STMT_STAFF_SET_ACTIVE,
	STMT_STAFF_SET_PASSWORD,
	STMT_STAFF_SET_LAST_LOGIN,
	STMT_DUTY_OPEN,
	STMT_DUTY_CLOSE,
	STMT_DUTY_CURRENT,
	STMT_DUTY_LIST,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_STAFF,
	STMT_TOKEN_INSERT,
	STMT_TOKEN_STAFF,
	STMT_LOGIN_FAILURE_ADD,
	STMT_LOGIN_FAILURES,
	STMT_LOGIN_FAILURES_CLEAR,
	STMT_CUSTOMER_INSERT,
	STMT_CUSTOMER_GET,
	STMT_AUDIT_APPEND,
	STMT_AUDIT_LIST,
	STMT__MAX
};

extern const char *const sql_common[STMT__MAX];
extern const char *const sql_sqlite[STMT__MAX];	    /* where SQLite differs */
extern const char *const sql_postgresql[STMT__MAX]; /* where PostgreSQL differs */

/* The text of stmt in a dialect: its own if it has one, else the common one. */
const char *stmt_sql(const char *const *dialect, enum stmt stmt);

#endif
