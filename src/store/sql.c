/* The text of every statement in enum stmt, in the SQL that SQLite and PostgreSQL share.
 * Parameters are $1, $2, ...: PostgreSQL's own, and SQLite binds them by name. Where the two
 * dialects differ, the statement is in that dialect's table at the end instead. */
#include "store/columns.h"
#include "store/stmt.h"
#include "store/store_request.h"

/* The FROM of each list in columns.h that is read from more than one statement. */
/* With the branch the person is on duty at now, if any: branch scope goes by it. */
#define STAFF_FROM                                                                                 \
	" FROM staff s LEFT JOIN branch b ON b.id = s.branch_id "                                  \
	"LEFT JOIN duty od ON od.staff_id = s.id AND od.off_at IS NULL "                           \
	"LEFT JOIN branch ob ON ob.id = od.branch_id "
#define STAFF_SELECT "SELECT " COLS_SQL(STAFF_COLUMNS) STAFF_FROM
#define DUTY_SELECT "SELECT " COLS_SQL_MORE(STAFF_COLUMNS) COLS_SQL(DUTY_COLUMNS) STAFF_FROM

#define VISIT_SELECT                                                                               \
	"SELECT " COLS_SQL(VISIT_COLUMNS) " FROM visit v JOIN branch b ON b.id = v.branch_id "     \
					  "LEFT JOIN customer c ON c.id = v.customer_id LEFT "     \
					  "JOIN staff s ON s.id = v.served_by "

#define REQUEST_SELECT                                                                             \
	"SELECT " COLS_SQL(REQUEST_COLUMNS) " FROM request r JOIN branch b ON b.id = r.branch_id " \
					    "LEFT JOIN customer c ON c.id = r.customer_id LEFT "   \
					    "JOIN staff h ON h.id = r.holder_id "                  \
					    "LEFT JOIN staff cb ON cb.id = r.created_by "

#define COMPLAINT_SELECT                                                                           \
	"SELECT " COLS_SQL(                                                                        \
		COMPLAINT_COLUMNS) " FROM complaint k "                                            \
				   "JOIN branch b ON b.id = k.branch_id LEFT JOIN "                \
				   "customer c ON c.id = k.customer_id "                           \
				   "LEFT JOIN staff t ON t.id = k.taken_by LEFT JOIN "             \
				   "staff hc ON hc.id = k.hq_contact_id "                          \
				   "LEFT JOIN feedback_contact kc ON kc.complaint_id = "           \
				   "k.id LEFT JOIN feedback kf ON kf.id = kc.feedback_id "
#define FEEDBACK_SELECT                                                                            \
	"SELECT " COLS_SQL(                                                                        \
		FEEDBACK_COLUMNS) " FROM feedback f JOIN branch b ON b.id = f.branch_id "          \
				  "JOIN visit v ON v.id = f.visit_id LEFT JOIN staff s "           \
				  "ON s.id = f.served_by LEFT JOIN feedback_contact fc "           \
				  "ON fc.feedback_id = f.id "
#define SITUATION_SELECT                                                                           \
	"SELECT " COLS_SQL(                                                                        \
		SITUATION_COLUMNS) " FROM situation x JOIN branch b ON b.id = "                    \
				   "x.branch_id LEFT JOIN staff w ON w.id = x.witness_id LEFT "    \
				   "JOIN staff r ON r.id = "                                       \
				   "x.recorded_by LEFT JOIN staff hc ON hc.id = x.hq_contact_id "
#define JUDGEMENT_SELECT                                                                           \
	"SELECT " COLS_SQL(JUDGEMENT_COLUMNS) " FROM judgement j JOIN branch b ON b.id = "         \
					      "j.branch_id LEFT JOIN staff d ON d.id = "           \
					      "j.decided_by LEFT JOIN staff a ON a.id = "          \
					      "j.acknowledged_by "

#define FETCH_SELECT                                                                               \
	"SELECT " COLS_SQL(FETCH_COLUMNS) " FROM fetch_call f "                                    \
					  "JOIN branch b ON b.id = f.branch_id LEFT JOIN staff a " \
					  "ON a.id = f.asked_by "                                  \
					  "LEFT JOIN staff t ON t.id = f.to_id LEFT JOIN staff w " \
					  "ON w.id = f.answered_by "

#define TASK_SELECT                                                                                \
	"SELECT " COLS_SQL(TASK_COLUMNS) " FROM incident_task t JOIN incident i ON i.id = "        \
					 "t.incident_id JOIN branch b ON b.id = i.branch_id "      \
					 "LEFT JOIN staff o ON o.id = t.owner_id LEFT JOIN "       \
					 "staff c ON c.id = t.created_by LEFT JOIN staff d ON "    \
					 "d.id = t.done_by "

#define SECTION_SELECT "SELECT " COLS_SQL(SECTION_COLUMNS) " FROM policy_section s "

#define INCIDENT_SELECT                                                                            \
	"SELECT " COLS_SQL(INCIDENT_COLUMNS) " FROM incident i "                                   \
					     "JOIN branch b ON b.id = i.branch_id LEFT JOIN "      \
					     "staff rep ON rep.id = i.reported_by "                \
					     "LEFT JOIN staff hq ON hq.id = i.hq_taken_by LEFT "   \
					     "JOIN staff sg ON sg.id = i.signed_by "

#define RESTRICTION_SELECT                                                                         \
	"SELECT " COLS_SQL(RESTRICTION_COLUMNS) " FROM restriction r "                             \
						"JOIN customer c ON c.id = r.customer_id JOIN "    \
						"branch b ON b.id = r.branch_id "                  \
						"LEFT JOIN staff s ON s.id = r.issued_by "

#define ANCHOR_SELECT                                                                              \
	"SELECT " COLS_SQL(ANCHOR_COLUMNS) " FROM audit_anchor a LEFT JOIN audit_log l ON "        \
					   "l.id = a.audit_id "

/* The past in bulk (store_history.c): each table's columns once, for SQLite's insert of a row
 * and PostgreSQL's COPY of many. */
#define HISTORY_VISIT_COLS                                                                         \
	"visit (id, branch_id, local_day, ticket, channel, new_customer, state, arrived_at, "      \
	"queue_at, acknowledged_at, acknowledged_by, called_at, started_at, finished_at, "         \
	"served_by, callback_phone, callback_promised_at, callback_done_at, tour, tour_at)"
#define HISTORY_REQUEST_COLS                                                                       \
	"request (branch_id, kind, text, text_retain_until, level, holder_id, created_by, "        \
	"created_at, status, outcome, closed_at, closed_by)"
#define HISTORY_ANSWER_COLS                                                                        \
	"feedback (visit_id, branch_id, served_by, local_day, local_hour, channel, score, "        \
	"comment, at)"
#define HISTORY_DUTY_COLS "duty (staff_id, branch_id, on_at, off_at)"
#define HISTORY_OPENING_COLS "opening (branch_id, local_day, opened_at, opened_by, late_s)"
#define HISTORY_ROVING_COLS "roving_help (branch_id, staff_id, at)"

/* The service report's facts (store_report.c): each by an index on (branch_id, time), columns
 * as the fact structs and the branch last, of a set of branches given as $1, "1,2,3": one
 * statement for every branch of a report, not one a branch. BRANCHES is the dialect's test. */
#define REPORT_VISITS(BRANCHES)                                                                    \
	"SELECT " COLS_SQL_MORE(VISIT_FACT_COLUMNS) "branch_id FROM visit WHERE " BRANCHES         \
						    " AND arrived_at >= $2 AND arrived_at < $3"
#define REPORT_REQUESTS(BRANCHES)                                                                  \
	"SELECT " COLS_SQL_MORE(REQUEST_FACT_COLUMNS) "branch_id FROM request WHERE " BRANCHES     \
						      " AND created_at >= $2 AND created_at < $3"
#define REPORT_EVENTS(TABLE, AT, DUE, DONE, BRANCHES, MORE)                                        \
	"SELECT " EVENT_FACT_COLUMNS(COL_SQL, COL_SQL, AT, DUE, DONE) "branch_id FROM " TABLE      \
								      " WHERE " BRANCHES           \
								      " AND " AT " >= $2 AND " AT  \
								      " < $3" MORE
/* The shifts that overlap [$2, $3): those that ended after $2 (duty_branch_off) and those
 * still on (duty_open_branch), in the order they began. */
#define REPORT_DUTY(BRANCHES)                                                                      \
	"SELECT " COLS_SQL_MORE(                                                                   \
		DUTY_FACT_COLUMNS) "branch_id FROM duty WHERE " BRANCHES                           \
				   " AND off_at > $2 AND on_at < $3 UNION ALL "                    \
				   "SELECT " COLS_SQL_MORE(                                        \
					   DUTY_FACT_COLUMNS) "branch_id FROM "                    \
							      "duty WHERE " BRANCHES               \
							      " AND off_at IS NULL "               \
							      "AND on_at < $3 "                    \
							      "ORDER BY 1"
/* Customers' answers, by the day they came in the branch's zone: days compare as text
 * (YYYY-MM-DD), by the index on (branch_id, local_day). */
#define REPORT_ANSWERS(BRANCHES)                                                                   \
	"SELECT " COLS_SQL_MORE(ANSWER_FACT_COLUMNS) "branch_id FROM feedback WHERE " BRANCHES     \
						     " AND local_day >= $2 AND local_day <= $3"
#define REPORT_STATEMENTS(BRANCHES)                                                                \
	[STMT_REPORT_VISITS] = REPORT_VISITS(BRANCHES),                                            \
	[STMT_REPORT_REQUESTS] = REPORT_REQUESTS(BRANCHES),                                        \
	[STMT_REPORT_COMPLAINTS] = REPORT_EVENTS("complaint", "taken_at", "0", "0", BRANCHES, ""), \
	[STMT_REPORT_FETCHES] = REPORT_EVENTS("fetch_call", "asked_at", "0",                       \
					      "coalesce(answered_at, 0)", BRANCHES, ""),           \
	[STMT_REPORT_ROVING] = REPORT_EVENTS("roving_help", "at", "0", "0", BRANCHES, ""),         \
	[STMT_REPORT_LATE_OPENINGS] =                                                              \
		REPORT_EVENTS("opening", "opened_at", "late_s", "0", BRANCHES, " AND late_s > 0"), \
	[STMT_REPORT_INCIDENTS] =                                                                  \
		REPORT_EVENTS("incident", "occurred_at", "due_at", "signed_at", BRANCHES, ""),     \
	[STMT_REPORT_DUTY] = REPORT_DUTY(BRANCHES),                                                \
	[STMT_REPORT_ANSWERS] = REPORT_ANSWERS(BRANCHES)

const char *const sql_common[STMT__MAX] = {
	[STMT_MIGRATION_APPLIED] = "SELECT count(*) FROM schema_migration WHERE version = $1",
	[STMT_MIGRATION_RECORD] = "INSERT INTO schema_migration (version, name, applied_at) "
				  "VALUES ($1, $2, $3)",
	/* /healthz: cheap, and it reads a real table, so the database is there and has its schema. */
	[STMT_HEALTH] = "SELECT coalesce(max(version), 0) FROM schema_migration",
	[STMT_BRANCH_INSERT] =
		"INSERT INTO branch (code, name, time_zone, hours, phone, headquarters, "
		"ack_target_s, created_at, no_show_after_s, address) VALUES ($1, $2, $3, $4, $5, "
		"$6, $7, $8, $9, $10) RETURNING id",
	[STMT_BRANCH_GET] = "SELECT " COLS_SQL(BRANCH_COLUMNS) " FROM branch WHERE code = $1",
	[STMT_BRANCH_GET_BY_ID] = "SELECT " COLS_SQL(BRANCH_COLUMNS) " FROM branch WHERE id = $1",
	[STMT_BRANCH_LIST] =
		"SELECT " COLS_SQL(BRANCH_COLUMNS) " FROM branch ORDER BY headquarters DESC, name",
	[STMT_BRANCH_COUNT] = "SELECT count(*) FROM branch",
	/* The code and whether it is Headquarters never change: records and roles name them. */
	[STMT_BRANCH_UPDATE] =
		"UPDATE branch SET name = $2, time_zone = $3, hours = $4, phone = $5, "
		"address = $6, ack_target_s = $7, no_show_after_s = $8 WHERE id = $1",
	[STMT_STAFF_INSERT] =
		"INSERT INTO staff (login, name, role, branch_id, email, phone, password_hash, "
		"service_start, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) "
		"RETURNING id",
	[STMT_STAFF_GET] = STAFF_SELECT "WHERE s.login = $1",
	[STMT_STAFF_GET_BY_ID] = STAFF_SELECT "WHERE s.id = $1",
	[STMT_STAFF_LIST] = STAFF_SELECT "ORDER BY s.login",
	[STMT_STAFF_LIST_BRANCH] = STAFF_SELECT "WHERE s.branch_id = $1 ORDER BY s.login",
	/* The people a form may name, as a picker lists them: by name. */
	[STMT_STAFF_ACTIVE] = STAFF_SELECT "WHERE s.active = 1 ORDER BY s.name, s.login",
	[STMT_STAFF_ACTIVE_BRANCH] =
		STAFF_SELECT "WHERE s.active = 1 AND s.branch_id = $1 ORDER BY s.name, s.login",
	[STMT_STAFF_SET_ACTIVE] = "UPDATE staff SET active = $2 WHERE id = $1 RETURNING id",
	[STMT_STAFF_SET_LAST_LOGIN] =
		"UPDATE staff SET last_login_at = $2 WHERE id = $1 RETURNING id",
	/* A promotion, a transfer or new details: everything but the login, password and state. */
	[STMT_STAFF_UPDATE] = "UPDATE staff SET name = $2, role = $3, branch_id = $4, email = $5, "
			      "phone = $6, service_start = $7 WHERE id = $1 RETURNING id",
	[STMT_DUTY_OPEN] = "INSERT INTO duty (staff_id, branch_id, on_at, desk) VALUES ($1, $2, "
			   "$3, $4) RETURNING id",
	[STMT_DUTY_SET_DESK] = "UPDATE duty SET desk = $2 WHERE staff_id = $1 AND off_at IS NULL "
			       "RETURNING id",
	[STMT_DUTY_CLOSE] = "UPDATE duty SET off_at = CASE WHEN $2 > on_at THEN $2 ELSE on_at END "
			    "WHERE staff_id = $1 AND off_at IS NULL RETURNING id",
	[STMT_DUTY_CURRENT] = DUTY_SELECT "JOIN duty d ON d.staff_id = s.id AND d.off_at IS NULL "
					  "JOIN branch db ON db.id = d.branch_id WHERE s.id = $1",
	[STMT_DUTY_LIST] =
		DUTY_SELECT "JOIN duty d ON d.staff_id = s.id AND d.off_at IS NULL "
			    "JOIN branch db ON db.id = d.branch_id WHERE d.branch_id = $1 "
			    "ORDER BY d.on_at, s.login",
	[STMT_DUTY_RECORD] =
		"INSERT INTO duty (staff_id, branch_id, on_at, off_at) VALUES ($1, $2, "
		"$3, $4) RETURNING id",
	[STMT_DUTY_ENDED_SINCE] =
		DUTY_SELECT "JOIN duty d ON d.staff_id = s.id AND d.off_at >= $2 "
			    "JOIN branch db ON db.id = d.branch_id WHERE d.branch_id = $1 "
			    "AND s.id <> $3 ORDER BY d.off_at DESC, s.login",
	[STMT_SESSION_INSERT] =
		"INSERT INTO session (token_hash, staff_id, csrf_token, "
		"created_at, last_seen_at, address) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
	[STMT_SESSION_GET] =
		"SELECT " COLS_SQL(SESSION_COLUMNS) " FROM session WHERE token_hash = $1",
	[STMT_SESSION_TOUCH] = "UPDATE session SET last_seen_at = $2 WHERE id = $1 RETURNING id",
	[STMT_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = $1 RETURNING id",
	[STMT_SESSION_DELETE_STAFF] = "DELETE FROM session WHERE staff_id = $1 RETURNING id",
	[STMT_TOKEN_INSERT] = "INSERT INTO api_token (token_hash, staff_id, created_at) "
			      "VALUES ($1, $2, $3) RETURNING id",
	/* Every API call starts with these two: one statement each, no more. */
	[STMT_STAFF_BY_TOKEN] =
		STAFF_SELECT "WHERE s.id = (SELECT staff_id FROM "
			     "api_token WHERE token_hash = $1 AND revoked_at IS NULL)",
	[STMT_QUEUE_STAMP] = "SELECT " COLS_SQL(STAMP_COLUMNS) " FROM branch WHERE code = $1",
	/* Branch scope (CS-SCOPE): the branch of the record a request names. */
	[STMT_BRANCH_OF_CODE] = "SELECT id FROM branch WHERE code = $1",
	[STMT_BRANCH_OF_VISIT] = "SELECT branch_id FROM visit WHERE id = $1",
	[STMT_BRANCH_OF_REQUEST] = "SELECT branch_id FROM request WHERE id = $1",
	[STMT_BRANCH_OF_COMPLAINT] = "SELECT branch_id FROM complaint WHERE id = $1",
	[STMT_BRANCH_OF_SITUATION] = "SELECT branch_id FROM situation WHERE id = $1",
	[STMT_BRANCH_OF_INCIDENT] = "SELECT branch_id FROM incident WHERE id = $1",
	[STMT_BRANCH_OF_RESTRICTION] = "SELECT branch_id FROM restriction WHERE id = $1",
	[STMT_BRANCH_OF_JUDGEMENT] = "SELECT branch_id FROM judgement WHERE id = $1",
	[STMT_BRANCH_OF_FETCH] = "SELECT branch_id FROM fetch_call WHERE id = $1",
	[STMT_BRANCH_OF_TASK] = "SELECT i.branch_id FROM incident_task t JOIN incident i ON i.id = "
				"t.incident_id WHERE t.id = $1",
	[STMT_FETCH_INSERT] =
		"INSERT INTO fetch_call (branch_id, asked_by, asked_at, to_id, about, "
		"note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	[STMT_FETCH_GET] = FETCH_SELECT "WHERE f.id = $1",
	[STMT_FETCH_LIST_OPEN] =
		FETCH_SELECT "WHERE f.branch_id = $1 AND f.answered_at IS NULL ORDER BY f.id",
	[STMT_FETCH_LIST_HQ] =
		FETCH_SELECT "WHERE f.to_id IS NULL AND f.answered_at IS NULL ORDER BY f.id",
	/* The counts behind the header's "Needs you" badge, in one read: each the count of the
	 * list /needs shows, by branch where the service still judges the branch (CS-SCOPE). In
	 * order, as enum need_tally numbers them: REQUEST_LIST_HOLDER above the desk,
	 * REQUEST_LIST_HQ nobody holds, HANDOVER_LIST_TO, VISIT_CALLBACKS_HELD,
	 * INCIDENT_DRAFTS_HELD, FETCH_LIST_OPEN at the duty branch ($3, 0 off duty) to the person,
	 * FETCH_LIST_HQ, JUDGEMENT_LIST_OPEN, COMPLAINT_LIST_REFERRED, INCIDENT_LIST_OVERDUE,
	 * FOLLOWUP_AWAITING and TASKS_DUE to the person.
	 * $5 = 1 for Headquarters: its kinds are not read for anyone else. */
	[STMT_NEEDS_TALLY] = "SELECT " COLS_SQL(
		NEED_TALLY_COLUMNS) " FROM (SELECT 0 AS what, branch_id, "
				    "count(*) AS n FROM request WHERE holder_id = $1 AND status = "
				    "'open' AND level "
				    "<> 'desk' GROUP BY branch_id "
				    "UNION ALL SELECT 1, branch_id, count(*) FROM request WHERE $5 "
				    "= 1 AND level = "
				    "'headquarters' AND status = 'open' AND holder_id IS NULL "
				    "GROUP BY branch_id "
				    "UNION ALL SELECT 2, 0, count(*) FROM handover WHERE to_id = "
				    "$1 AND at >= $2 "
				    "UNION ALL SELECT 3, 0, count(*) FROM visit WHERE state = "
				    "'callback' AND "
				    "served_by = $1 "
				    "UNION ALL SELECT 4, 0, count(*) FROM incident WHERE signed_at "
				    "IS NULL AND "
				    "coalesce(holder_id, reported_by) = $1 "
				    "UNION ALL SELECT 5, 0, count(*) FROM fetch_call WHERE "
				    "branch_id = $3 AND to_id = $1 AND "
				    "answered_at IS NULL "
				    "UNION ALL SELECT 6, 0, count(*) FROM fetch_call WHERE $5 = 1 "
				    "AND to_id IS NULL "
				    "AND answered_at IS NULL "
				    "UNION ALL SELECT 7, 0, count(*) FROM judgement WHERE $5 = 1 "
				    "AND acknowledged_at "
				    "IS NULL "
				    "UNION ALL SELECT 8, 0, count(*) FROM complaint WHERE $5 = 1 "
				    "AND "
				    "referred_director_at IS NOT NULL AND resolved_at IS NULL "
				    "UNION ALL SELECT 9, branch_id, count(*) FROM incident WHERE "
				    "$5 = 1 AND "
				    "signed_at IS NULL AND due_at <= $4 GROUP BY branch_id "
				    "UNION ALL SELECT 10, 0, count(*) FROM incident WHERE $5 = 1 "
				    "AND reviewed_at IS NULL AND signed_at IS NOT NULL "
				    "UNION ALL SELECT 11, 0, count(*) FROM incident_task WHERE "
				    "owner_id = $1 AND done_at IS NULL AND due_from <= $4) t",
	[STMT_FETCH_ANSWER] =
		"UPDATE fetch_call SET answered_by = $2, answered_at = $3 WHERE id = $1 "
		"AND answered_at IS NULL RETURNING id",
	[STMT_COMPLAINT_HQ_CONTACT] = "UPDATE complaint SET hq_contact_id = $2, hq_contacted_at = "
				      "$3 WHERE id = $1 RETURNING id",
	[STMT_SITUATION_HQ_CONTACT] = "UPDATE situation SET hq_contact_id = $2, hq_contacted_at = "
				      "$3 WHERE id = $1 RETURNING id",
	/* Headquarters' follow-up (schema 25). A review takes a signed report not reviewed yet;
	 * a close a reviewed report not closed yet, with no task left open (the service says
	 * which; this is the store's own guard). */
	[STMT_FOLLOWUP_GET] = "SELECT " COLS_SQL(
		FOLLOWUP_COLUMNS) " FROM incident i JOIN branch b ON b.id = i.branch_id "
				  "LEFT JOIN staff rv ON rv.id = i.reviewed_by "
				  "LEFT JOIN staff cl ON cl.id = i.closed_by WHERE i.id = $1",
	[STMT_FOLLOWUP_REVIEW] = "UPDATE incident SET reviewed_at = $2, reviewed_by = $3, "
				 "review_note = $4 WHERE id = $1 AND signed_at IS NOT NULL AND "
				 "reviewed_at IS NULL AND closed_at IS NULL RETURNING id",
	[STMT_FOLLOWUP_CLOSE] =
		"UPDATE incident SET closed_at = $2, closed_by = $3, close_note = $4 WHERE id = $1 "
		"AND reviewed_at IS NOT NULL AND closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
		"incident_task WHERE incident_id = $1 AND done_at IS NULL) RETURNING id",
	[STMT_FOLLOWUP_AWAITING] = "SELECT " COLS_SQL(
		AWAITING_COLUMNS) " FROM incident i JOIN branch b ON b.id = i.branch_id WHERE "
				  "i.reviewed_at IS NULL AND i.signed_at IS NOT NULL ORDER BY "
				  "i.signed_at, i.id LIMIT 500",
	[STMT_TASK_INSERT] = "INSERT INTO incident_task (incident_id, kind, description, owner_id, "
			     "due_on, due_from, created_by, created_at) VALUES ($1, $2, $3, $4, "
			     "$5, $6, $7, $8) RETURNING id",
	[STMT_TASK_GET] = TASK_SELECT "WHERE t.id = $1",
	[STMT_TASK_LIST] = TASK_SELECT "WHERE t.incident_id = $1 ORDER BY t.due_from, t.id",
	[STMT_TASK_DONE] = "UPDATE incident_task SET done_at = $2, done_by = $3, done_note = $4 "
			   "WHERE id = $1 AND done_at IS NULL RETURNING id",
	/* Open tasks due by $2, of owner $1 (0: everyone's). The cast: from "$1 = 0" alone
	 * PostgreSQL would take $1 for an int4, and refuse an id past 2^31. */
	[STMT_TASKS_DUE] = TASK_SELECT "WHERE t.done_at IS NULL AND t.due_from <= $2 AND (CAST($1 "
				       "AS BIGINT) = 0 OR t.owner_id = $1) ORDER BY t.due_from, "
				       "t.id LIMIT 500",
	/* BEGIN IMMEDIATE already orders the writers: attempts at a login take turns. */
	[STMT_LOGIN_LOCK_LOGIN] = "SELECT $1",
	[STMT_LOGIN_LOCK_ADDRESS] = "SELECT $1",
	/* Failed logins by the login tried, known or not, and where from (login_throttle.h). */
	[STMT_LOGIN_FAILURE_ADD] = "INSERT INTO failed_login (login, address, at) VALUES ($1, $2, "
				   "$3) RETURNING id",
	/* One read for the three counts of an attempt: this login from this address, this
	 * address, this login; and whether the login has succeeded from here since $4. */
	[STMT_LOGIN_HISTORY] =
		"SELECT " COLS_SQL(LOGIN_HISTORY_COLUMNS) " FROM failed_login WHERE (login = $1 OR "
							  "address = $2) AND at >= $3",
	[STMT_LOGIN_FAILURES_CLEAR] = "DELETE FROM failed_login WHERE login = $1 AND address = $2 "
				      "RETURNING id",
	[STMT_LOGIN_FAMILIAR_MARK] =
		"INSERT INTO familiar_address (login, address, last_at) VALUES ($1, $2, $3) "
		"ON CONFLICT (login, address) DO UPDATE SET last_at = excluded.last_at "
		"RETURNING last_at",
	[STMT_LOGIN_FAILURES_FORGET] = "DELETE FROM failed_login WHERE at < $1 RETURNING id",
	[STMT_LOGIN_FAMILIAR_FORGET] = "DELETE FROM familiar_address WHERE last_at < $1 "
				       "RETURNING last_at",
	[STMT_CUSTOMER_INSERT] = "INSERT INTO customer (card, name, phone, email, registered_at) "
				 "VALUES ($1, $2, $3, $4, $5) RETURNING id",
	/* Two desks registering one card at once: the second adds nothing and reads the first's
	 * (on PostgreSQL a unique violation would abort the caller's transaction). */
	[STMT_CUSTOMER_INSERT_NEW] =
		"INSERT INTO customer (card, name, phone, email, "
		"registered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (card) "
		"DO NOTHING RETURNING id",
	[STMT_CUSTOMER_GET] = "SELECT " COLS_SQL(CUSTOMER_COLUMNS) " FROM customer WHERE card = $1",
	[STMT_CUSTOMER_GET_ID] =
		"SELECT " COLS_SQL(CUSTOMER_COLUMNS) " FROM customer WHERE id = $1",
	/* $1..$3: up to three words, each the start of a word of the name (an empty one
	 * matches all: every name is read after a space); $4 the start of a card; $5 digits
	 * somewhere in the phone number, punctuation aside. All lower case, LIKE-escaped. */
	[STMT_CUSTOMER_SEARCH] = "SELECT " COLS_SQL(
		CUSTOMER_COLUMNS) " FROM customer WHERE ($1 <> '' AND "
				  "(' ' || lower(name)) LIKE '% ' || $1 || '%' ESCAPE '\\' AND "
				  "(' ' || lower(name)) LIKE '% ' || $2 || '%' ESCAPE '\\' AND "
				  "(' ' || lower(name)) LIKE '% ' || $3 || '%' ESCAPE '\\') OR ($4 "
				  "<> '' AND "
				  "lower(card) LIKE $4 || '%' ESCAPE '\\') OR ($5 <> '' AND "
				  "replace(replace(replace(replace(replace(replace(phone, ' ', "
				  "''), '-', ''), '(', "
				  "''), ')', ''), '.', ''), '+', '') LIKE '%' || $5 || '%') ORDER "
				  "BY lower(name), "
				  "card LIMIT $6",
	/* Only a request with nobody linked yet: a link is never silently replaced. */
	[STMT_REQUEST_LINK_CUSTOMER] = "UPDATE request SET customer_id = $2 WHERE id = $1 AND "
				       "customer_id IS NULL RETURNING id",
	[STMT_AUDIT_APPEND] =
		"INSERT INTO audit_log (at, staff_id, action, object_kind, "
		"object_key, source, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, "
		"$7, $8) RETURNING id",
	[STMT_AUDIT_LAST] = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
	[STMT_AUDIT_ALL] = "SELECT " COLS_SQL(
		AUDIT_COLUMNS) " FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000",
	[STMT_AUDIT_HEAD] =
		"SELECT " COLS_SQL(AUDIT_HEAD_COLUMNS) " FROM audit_log ORDER BY id DESC LIMIT 1",
	[STMT_AUDIT_ENTRY_HASH] = "SELECT hash FROM audit_log WHERE id = $1",
	[STMT_ANCHOR_LOCK] = "SELECT 1",
	[STMT_ANCHOR_INSERT] = "INSERT INTO audit_anchor (audit_id, head_hash, at, signature) "
			       "VALUES ($1, $2, $3, $4) RETURNING id",
	/* Each anchor with the hash its entry has now: NULL when the entry is gone. */
	[STMT_ANCHOR_LAST] = ANCHOR_SELECT "ORDER BY a.id DESC LIMIT 1",
	[STMT_ANCHOR_PAGE] = ANCHOR_SELECT "WHERE a.id > $1 ORDER BY a.id LIMIT 1000",
	[STMT_ANCHOR_WITNESSED] =
		"UPDATE audit_anchor SET witnessed_at = $2 WHERE id = $1 RETURNING id",
	[STMT_ANCHOR_LAST_WITNESSED] = "SELECT coalesce(max(witnessed_at), 0) FROM audit_anchor",
	/* CS-CONFIDENTIAL: what a customer asked is forgotten; that it was asked is kept. At
	 * most $2 at a time, so a backlog of years drains in statements that each end. */
	[STMT_PURGE_REFERENCE_TEXT] =
		"UPDATE request SET text = '" REQUEST_TEXT_PURGED "', "
		"text_retain_until = NULL WHERE id IN (SELECT id FROM request WHERE "
		"text_retain_until IS NOT NULL AND text_retain_until <= $1 ORDER BY id LIMIT $2) "
		"RETURNING id",
	/* Who a visit was for: the customer linked, and the first name given with a phone
	 * ticket, once the visit is over (left the line and removed by the desk included). */
	[STMT_PURGE_VISIT_CUSTOMERS] =
		"UPDATE visit SET customer_id = NULL, first_name = NULL WHERE (customer_id IS NOT "
		"NULL OR first_name IS NOT NULL) AND state IN ('finished', 'no_show', 'left', "
		"'removed') AND coalesce(finished_at, arrived_at) <= $1 RETURNING id",
	[STMT_TOKEN_REVOKE] = "UPDATE api_token SET revoked_at = $2 WHERE token_hash = $1 AND "
			      "revoked_at IS NULL RETURNING id",
	[STMT_AUDIT_LIST] = "SELECT " COLS_SQL(
		AUDIT_ENTRY_COLUMNS) " FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
				     "WHERE a.object_kind = $1 AND a.object_key = $2 ORDER BY a.id",
	[STMT_BRANCH_LOCK] = "SELECT id FROM branch WHERE id = $1",
	/* The ticket is the next of the branch's day: the branch lock keeps it unique. */
	[STMT_VISIT_INSERT] =
		"INSERT INTO visit (branch_id, local_day, ticket, channel, customer_id, "
		"new_customer, note, state, arrived_at, queue_at, joined, language, first_name, "
		"reason) VALUES ($1, $2, (SELECT coalesce(max(ticket), 0) + 1 FROM visit WHERE "
		"branch_id = $1 AND local_day = $2), $3, $4, $5, $6, 'waiting', $7, $7, $8, $9, "
		"$10, $11) RETURNING id",
	[STMT_VISIT_GET] = VISIT_SELECT "WHERE v.id = $1",
	[STMT_VISIT_LIST_CUSTOMER] = VISIT_SELECT "WHERE v.customer_id = $1 ORDER BY v.arrived_at, "
						  "v.id",
	/* Two index searches: an OR across them would scan every visit of the branch's past. */
	[STMT_VISIT_LIST_OPEN] = VISIT_SELECT
	"WHERE v.id IN (SELECT id FROM visit WHERE branch_id = $1 AND state IN ('waiting', "
	"'serving', 'on_hold', 'callback') UNION ALL SELECT id FROM visit WHERE branch_id = $1 "
	"AND state = 'no_show' AND local_day = $2) ORDER BY v.id",
	[STMT_VISIT_UPDATE] =
		"UPDATE visit SET state = $2, queue_at = $3, resumed = $4, acknowledged_at = $5, "
		"acknowledged_by = $6, called_at = $7, started_at = $8, finished_at = $9, "
		"served_by = $10, hold_at = $11, callback_phone = $12, callback_promised_at = $13, "
		"callback_done_at = $14, tour = $15, tour_at = $16, new_customer = $17, desk = "
		"$18, "
		"reason = $19 WHERE id = $1 "
		"RETURNING id",
	/* A renewal call's counts (schema 35): how many items, never which. */
	[STMT_VISIT_RENEWAL_COUNT] = "UPDATE visit SET renewed = renewed + $2, renew_refused = "
				     "renew_refused + $3 WHERE id = $1 RETURNING id",
	/* A renewal sent on the visit since the queue's event $2 (the newest ones only, by id). */
	[STMT_VISIT_RENEWAL_SINCE] = "SELECT count(*) FROM queue_event WHERE id >= $2 AND "
				     "visit_id = $1 AND kind = 'visit.renewal'",
	/* A card typed on a call that had none (a renewal call's): only a visit without one. */
	[STMT_VISIT_LINK_CUSTOMER] = "UPDATE visit SET customer_id = $2 WHERE id = $1 AND "
				     "customer_id IS NULL RETURNING id",
	[STMT_VISIT_SERVICE_TIMES] =
		"SELECT finished_at - started_at FROM visit WHERE branch_id = $1 AND state = "
		"'finished' AND started_at IS NOT NULL AND finished_at >= $2 "
		"ORDER BY finished_at DESC LIMIT 20",
	/* Whether one walk-in waits: all a phone caller who just called needs (CS-INPERSON). */
	[STMT_VISIT_WALKIN_WAITING] =
		"SELECT count(*) FROM (SELECT 1 FROM visit WHERE branch_id = "
		"$1 AND state = 'waiting' AND channel = 'in_person' LIMIT 1) w",
	/* Whether someone serves a customer at the branch now: one at a time. */
	/* And whether that someone is in the library: a renewal call is then asked to hold. */
	[STMT_VISIT_SERVING_BY] = "SELECT count(*), coalesce(sum(CASE WHEN channel = 'in_person' "
				  "THEN 1 ELSE 0 END), 0) FROM visit WHERE branch_id = $1 AND "
				  "state = 'serving' AND served_by = $2",
	[STMT_VISIT_WAITING_COUNT] = "SELECT count(*) FROM visit WHERE branch_id = $1 AND state IN "
				     "('waiting', 'on_hold')",
	[STMT_VISIT_SERVED_COUNT] = "SELECT count(*) FROM visit WHERE branch_id = $1 AND "
				    "local_day = $2 AND state = 'finished'",
	[STMT_OPENING_INSERT] = "INSERT INTO opening (branch_id, local_day, opened_at, opened_by, "
				"late_s) VALUES ($1, $2, $3, $4, $5) RETURNING id",
	[STMT_OPENING_GET] = "SELECT " COLS_SQL(
		OPENING_COLUMNS) " FROM opening o JOIN staff s ON s.id = o.opened_by "
				 "WHERE o.branch_id = $1 AND o.local_day = $2",
	[STMT_ROVING_INSERT] = "INSERT INTO roving_help (branch_id, staff_id, at) "
			       "VALUES ($1, $2, $3) RETURNING id",
	[STMT_ROVING_COUNT] = "SELECT count(*) FROM roving_help WHERE branch_id = $1 AND at >= $2",
	[STMT_EVENT_APPEND] = "INSERT INTO queue_event (branch_id, at, kind, visit_id) "
			      "VALUES ($1, $2, $3, $4) RETURNING id",
	[STMT_EVENTS_SINCE] = "SELECT " COLS_SQL(
		EVENT_COLUMNS) " FROM queue_event e JOIN branch b ON b.id = e.branch_id WHERE e.id "
			       "> $1 ORDER BY e.id LIMIT 500",
	[STMT_EVENT_MAX] = "SELECT coalesce(max(id), 0) FROM queue_event",
	[STMT_REQUEST_INSERT] =
		"INSERT INTO request (branch_id, visit_id, customer_id, kind, text, "
		"text_retain_until, level, holder_id, created_by, created_at) VALUES ($1, $2, $3, "
		"$4, $5, $6, 'desk', $7, $7, $8) RETURNING id",
	[STMT_REQUEST_GET] = REQUEST_SELECT "WHERE r.id = $1",
	[STMT_REQUEST_LIST_BRANCH] = REQUEST_SELECT
	"WHERE r.branch_id = $1 AND r.status = 'open' ORDER BY r.created_at, r.id",
	[STMT_REQUEST_LIST_HOLDER] = REQUEST_SELECT
	"WHERE r.holder_id = $1 AND r.status = 'open' ORDER BY r.created_at, r.id",
	[STMT_REQUEST_LIST_HQ] = REQUEST_SELECT "WHERE r.level = 'headquarters' AND r.status = "
						"'open' ORDER BY r.created_at, r.id",
	[STMT_REQUEST_UPDATE] =
		"UPDATE request SET status = $2, level = $3, holder_id = $4, outcome = $5, "
		"closed_at = $6, closed_by = $7, close_note = $8 WHERE id = $1 RETURNING id",
	[STMT_ALT_INSERT] = "INSERT INTO request_alternative (request_id, kind, note, accepted, "
			    "offered_by, offered_at, answered_at) VALUES ($1, $2, $3, $4, $5, $6, "
			    "$7) RETURNING id",
	[STMT_ALT_ANSWER] = "UPDATE request_alternative SET accepted = $3, answered_at = $4 "
			    "WHERE id = $1 AND request_id = $2 RETURNING id",
	[STMT_ALT_LIST] = "SELECT " COLS_SQL(
		ALT_COLUMNS) " FROM request_alternative a LEFT JOIN staff s ON s.id = a.offered_by "
			     "WHERE a.request_id = $1 ORDER BY a.id",
	[STMT_REQUEST_EVENT_APPEND] =
		"INSERT INTO request_event (request_id, at, staff_id, action, "
		"detail) VALUES ($1, $2, $3, $4, $5) RETURNING id",
	[STMT_STAFF_EMAILS_ROLE] =
		"SELECT " COLS_SQL(RECIPIENT_COLUMNS) " FROM staff WHERE role = $1 AND active = 1 "
						      "AND email <> '' ORDER BY id",
	[STMT_STAFF_EMAILS_ROLE_BRANCH] = "SELECT " COLS_SQL(
		RECIPIENT_COLUMNS) " FROM staff WHERE role = $1 AND branch_id = $2 AND active = 1 "
				   "AND email <> '' ORDER BY id",
	[STMT_OUTBOX_INSERT] = "INSERT INTO outbox (created_at, to_addr, to_name, subject, body, "
			       "about_kind, about_id, next_attempt_at, message_id, to_role) VALUES "
			       "($1, $2, $3, $4, $5, $6, $7, $1, $8, $9) RETURNING id",
	/* The lease keeps a message to one sender; PostgreSQL also skips rows another node has
	 * locked this instant (see sql_postgresql). */
	[STMT_OUTBOX_CLAIM] =
		"UPDATE outbox SET lease_until = $2, attempts = attempts + 1 WHERE id = (SELECT id "
		"FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 AND (lease_until IS "
		"NULL OR lease_until < $1) ORDER BY id LIMIT 1) RETURNING " COLS_SQL(
			OUTBOX_CLAIM_COLUMNS),
	/* Only for a notice queued before Message-IDs were kept (schema 19). */
	[STMT_OUTBOX_SET_MESSAGE_ID] = "UPDATE outbox SET message_id = $2 WHERE id = $1 AND "
				       "message_id IS NULL RETURNING id",
	[STMT_OUTBOX_SENT] =
		"UPDATE outbox SET sent_at = $2, lease_until = NULL, last_error = NULL "
		"WHERE id = $1 RETURNING id",
	[STMT_OUTBOX_RETRY] = "UPDATE outbox SET next_attempt_at = $2, lease_until = NULL, "
			      "last_error = $3 WHERE id = $1 RETURNING id",
	[STMT_OUTBOX_ABOUT] =
		"SELECT " COLS_SQL(OUTBOX_ABOUT_COLUMNS) " FROM outbox WHERE about_kind = $1 AND "
							 "about_id = $2 ORDER BY id",
	[STMT_COMPLAINT_INSERT] =
		"INSERT INTO complaint (branch_id, customer_id, text, policy_section, taken_by, "
		"taken_at, hq_contact_required, manager_notified) VALUES ($1, $2, $3, $4, $5, $6, "
		"$7, "
		"$8) RETURNING id",
	[STMT_COMPLAINT_GET] = COMPLAINT_SELECT "WHERE k.id = $1",
	[STMT_COMPLAINT_LIST] = COMPLAINT_SELECT "WHERE k.branch_id = $1 ORDER BY k.taken_at DESC, "
						 "k.id DESC LIMIT 200",
	[STMT_COMPLAINT_LIST_REFERRED] =
		COMPLAINT_SELECT "WHERE k.referred_director_at IS NOT NULL "
				 "AND k.resolved_at IS NULL ORDER BY k.id",
	[STMT_COMPLAINT_LIST_CUSTOMER] = COMPLAINT_SELECT "WHERE k.customer_id = $1 ORDER BY "
							  "k.taken_at, k.id",
	[STMT_COMPLAINT_UPDATE] =
		"UPDATE complaint SET referred_director_at = $2, referred_by = $3, "
		"resolution = $4, resolved_at = $5 WHERE id = $1 RETURNING id",
	[STMT_SITUATION_INSERT] = "INSERT INTO situation (branch_id, text, private_area, "
				  "witness_id, in_charge_included, recorded_by, recorded_at, "
				  "flagged, hq_contact_required, manager_notified) VALUES ($1, $2, "
				  "$3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
	[STMT_SITUATION_GET] = SITUATION_SELECT "WHERE x.id = $1",
	[STMT_SITUATION_LIST] = SITUATION_SELECT "WHERE x.branch_id = $1 AND x.flagged >= $2 "
						 "ORDER BY x.recorded_at DESC, x.id DESC LIMIT 200",
	[STMT_JUDGEMENT_INSERT] =
		"INSERT INTO judgement (branch_id, situation, decision, hq_reachable, decided_by, "
		"decided_at, by_phone, manager_unreachable) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8) RETURNING id",
	[STMT_JUDGEMENT_GET] = JUDGEMENT_SELECT "WHERE j.id = $1",
	[STMT_JUDGEMENT_LIST_OPEN] =
		JUDGEMENT_SELECT "WHERE j.acknowledged_at IS NULL ORDER BY j.id",
	[STMT_JUDGEMENT_ACK] = "UPDATE judgement SET acknowledged_by = $2, acknowledged_at = $3 "
			       "WHERE id = $1 AND acknowledged_at IS NULL RETURNING id",
	[STMT_SECTION_INSERT] =
		"INSERT INTO policy_section (section_key, policy, title, text, rationale, rules, "
		"approved_on, version, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10) RETURNING id",
	[STMT_SECTION_RETIRE] = "UPDATE policy_section SET current = 0 WHERE section_key = $1 AND "
				"current = 1 RETURNING version",
	[STMT_SECTION_GET] = SECTION_SELECT "WHERE s.id = $1",
	[STMT_SECTION_CURRENT_BY_KEY] = SECTION_SELECT "WHERE s.section_key = $1 AND s.current = 1",
	[STMT_SECTION_LIST_CURRENT] = SECTION_SELECT "WHERE s.current = 1 ORDER BY s.policy, s.id",
	[STMT_SECTION_BY_RULE] = SECTION_SELECT
	"WHERE s.current = 1 AND (' ' || s.rules || ' ') LIKE $1 ORDER BY s.id",
	[STMT_SECTION_ACK] =
		"INSERT INTO policy_ack (staff_id, section_id, at) VALUES ($1, $2, $3) "
		"ON CONFLICT (staff_id, section_id) DO NOTHING",
	[STMT_SECTION_ACKED] = "SELECT count(*) FROM policy_ack WHERE staff_id = $1 AND "
			       "section_id = $2",
	[STMT_SECTION_UNREAD] = "SELECT " COLS_SQL(
		UNREAD_COLUMNS) " FROM staff st JOIN policy_section s ON s.current = 1 LEFT JOIN "
				"policy_ack a ON a.staff_id = st.id AND a.section_id = s.id WHERE "
				"st.branch_id = $1 AND st.active = 1 AND a.id IS NULL ORDER BY "
				"st.login, s.id",
	[STMT_INCIDENT_INSERT] =
		"INSERT INTO incident (branch_id, occurred_at, due_at, category, narrative, "
		"actions_taken, police_called, reported_by, created_at, discovered_at, location, "
		"police_report_number, police_officer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		"$10, $11, $12, $13) RETURNING id",
	[STMT_INCIDENT_GET] = INCIDENT_SELECT "WHERE i.id = $1",
	/* A draft's facts only, and never once it is signed: a copy read before the signing
	 * cannot be written back over it (store_incident_update). */
	[STMT_INCIDENT_UPDATE] =
		"UPDATE incident SET occurred_at = $2, due_at = $3, category = $4, narrative = $5, "
		"actions_taken = $6, police_called = $7, hq_notified_at = $8, hq_taken_by = $9, "
		"business_manager_contacted_at = $10, discovered_at = $11, location = $12, "
		"police_report_number = $13, police_officer = $14 WHERE id = $1 AND signed_at IS "
		"NULL RETURNING id",
	/* The one statement that writes a signature: on a draft only, so it is made once. */
	[STMT_INCIDENT_SIGN] = "UPDATE incident SET signed_at = $2, signed_by = $3, signed_name = "
			       "$4, signature = $5, signed_text = $6 WHERE id = $1 AND signed_at "
			       "IS NULL RETURNING id",
	[STMT_INCIDENT_LIST_BRANCH] = INCIDENT_SELECT "WHERE i.branch_id = $1 ORDER BY "
						      "i.occurred_at DESC, i.id DESC LIMIT 500",
	[STMT_INCIDENT_LIST_ALL] =
		INCIDENT_SELECT "ORDER BY i.occurred_at DESC, i.id DESC LIMIT 500",
	[STMT_INCIDENT_LIST_OVERDUE] = INCIDENT_SELECT "WHERE i.signed_at IS NULL AND i.due_at <= "
						       "$1 ORDER BY i.due_at, i.id",
	/* The people of a draft only, like its facts. */
	[STMT_INCIDENT_PERSON_DELETE] = "DELETE FROM incident_person WHERE incident_id = $1 AND "
					"incident_id IN (SELECT id FROM incident WHERE id = $1 "
					"AND signed_at IS NULL) RETURNING id",
	[STMT_INCIDENT_PERSON_INSERT] =
		"INSERT INTO incident_person (incident_id, name, kind, part, injuries, "
		"customer_id, "
		"description, care, contact) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE "
		"EXISTS "
		"(SELECT 1 FROM incident WHERE id = $1 AND signed_at IS NULL) RETURNING id",
	[STMT_INCIDENT_PERSON_LIST] = "SELECT " COLS_SQL(
		INCIDENT_PERSON_COLUMNS) " FROM incident_person WHERE incident_id = $1 ORDER BY id",
	[STMT_INCIDENT_ADDENDUM_INSERT] =
		"INSERT INTO incident_addendum (incident_id, text, signed_at, signed_by, "
		"signed_name, signature, signed_text) VALUES ($1, $2, $3, $4, $5, $6, $7) "
		"RETURNING id",
	[STMT_INCIDENT_ADDENDUM_LIST] = "SELECT " COLS_SQL(
		ADDENDUM_COLUMNS) " FROM incident_addendum a LEFT JOIN staff s ON s.id = "
				  "a.signed_by WHERE a.incident_id = $1 ORDER BY a.id",
	/* Only the public half: the secret one is in the key file (service/signing.c). */
	[STMT_SIGNING_KEY_GET] = "SELECT public_key FROM signing_key WHERE id = 1",
	[STMT_SIGNING_KEY_INSERT] = "INSERT INTO signing_key (id, public_key, created_at) "
				    "VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
	/* Before migration 18 only: the secret key as older versions kept it, to be moved. */
	[STMT_SIGNING_KEY_LEGACY_GET] = "SELECT " COLS_SQL(
		LEGACY_KEY_COLUMNS) " FROM signing_key WHERE id = 1 AND secret_key <> ''",
	[STMT_SIGNING_KEY_LEGACY_ERASE] =
		"UPDATE signing_key SET secret_key = '' WHERE id = 1 RETURNING id",
	[STMT_RESTRICTION_INSERT] =
		"INSERT INTO restriction (customer_id, branch_id, scope, starts_at, ends_at, "
		"reason, "
		"incident_id, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
	[STMT_RESTRICTION_GET] = RESTRICTION_SELECT "WHERE r.id = $1",
	[STMT_RESTRICTION_LIST_CUSTOMER] = RESTRICTION_SELECT "WHERE r.customer_id = $1 "
							      "ORDER BY r.starts_at, r.id",
	[STMT_RESTRICTION_COUNT_SCOPE] = "SELECT count(*) FROM restriction WHERE customer_id = $1 "
					 "AND scope = $2",
	[STMT_RESTRICTION_UPDATE] =
		"UPDATE restriction SET ends_at = $2, lifted_at = $3, lifted_by = $4, appeal_note "
		"= "
		"$5, appeal_outcome = $6, appealed_at = $7 WHERE id = $1 RETURNING id",
	/* The terms after WHERE are the partial index's own (027), so SQLite uses it too. */
	[STMT_RESTRICTION_BANS_IN_FORCE] =
		RESTRICTION_SELECT "WHERE r.lifted_at IS NULL AND r.scope IN ('computer', "
				   "'building') AND r.starts_at <= $1 AND (r.ends_at IS NULL OR "
				   "r.ends_at > $1) ORDER BY r.starts_at, r.id",
	/* A file goes on a draft only: a signed report is what was signed (CS-INCIDENT). */
	[STMT_ATTACHMENT_INSERT] =
		"INSERT INTO incident_attachment (incident_id, name, content_type, size_bytes, "
		"data, added_by, added_at, sha256) SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE "
		"EXISTS (SELECT 1 FROM incident WHERE id = $1 AND signed_at IS NULL) RETURNING id",
	[STMT_ATTACHMENT_LIST] = "SELECT " COLS_SQL(
		ATTACHMENT_COLUMNS) " FROM incident_attachment WHERE incident_id = $1 ORDER BY id",
	[STMT_ATTACHMENT_GET] =
		"SELECT " COLS_SQL(ATTACHMENT_DATA_COLUMNS) " FROM incident_attachment WHERE id = "
							    "$1 AND incident_id = $2",
	/* A hash is recorded once, and before the signing that covers it. */
	[STMT_ATTACHMENT_SET_SHA256] =
		"UPDATE incident_attachment SET sha256 = $2 WHERE id = $1 AND sha256 IS NULL AND "
		"incident_id IN (SELECT id FROM incident WHERE signed_at IS NULL) RETURNING id",
	[STMT_INCIDENT_DUE_SOON] = INCIDENT_SELECT "WHERE i.signed_at IS NULL AND "
						   "i.due_warning_at IS NULL AND i.due_at > $1 "
						   "AND i.due_at <= $2 ORDER BY i.id",
	[STMT_INCIDENT_WARNED] = "UPDATE incident SET due_warning_at = $2 WHERE id = $1 "
				 "RETURNING id",
	[STMT_REQUEST_EVENTS] = "SELECT " COLS_SQL(
		HISTORY_COLUMNS) " FROM request_event e LEFT JOIN staff s ON s.id = e.staff_id "
				 "WHERE e.request_id = $1 ORDER BY e.id",
	[STMT_REQUEST_LIST_CUSTOMER] = REQUEST_SELECT "WHERE r.customer_id = $1 ORDER BY "
						      "r.created_at, r.id",
	[STMT_REPORT_ANSWERS_OF] =
		"SELECT " COLS_SQL_MORE(ANSWER_FACT_COLUMNS) "branch_id FROM feedback WHERE "
							     "served_by = $1 AND local_day >= "
							     "$2 AND local_day <= $3",
	[STMT_REPORT_COMMENTS] = "SELECT " COLS_SQL(
		ANSWER_COMMENT_COLUMNS) " FROM feedback WHERE branch_id = $1 AND local_day >= $2 "
					"AND local_day <= $3 AND comment <> '' ORDER BY at DESC, "
					"id "
					"DESC LIMIT $4",
	[STMT_REPORT_ANSWER_ADD] =
		"INSERT INTO feedback (visit_id, branch_id, served_by, local_day, local_hour, "
		"channel, "
		"score, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_GAUGE_QUEUES] = "SELECT " COLS_SQL(
		QUEUE_GAUGE_COLUMNS) " FROM branch b LEFT JOIN visit v ON v.branch_id = b.id AND "
				     "v.state = 'waiting' GROUP BY b.code ORDER BY b.code",
	[STMT_GAUGE_OUTBOX] = "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
	[STMT_GAUGE_INCIDENTS_OVERDUE] = "SELECT count(*) FROM incident WHERE signed_at IS NULL "
					 "AND due_at < $1",
	/* The branch calendar: days are YYYY-MM-DD, compared as text. */
	[STMT_HOLIDAY_PUT] =
		"INSERT INTO holiday (day, name, added_by, added_at) VALUES ($1, $2, $3, "
		"$4) ON CONFLICT (day) DO UPDATE SET name = excluded.name, "
		"added_by = excluded.added_by, added_at = excluded.added_at",
	[STMT_HOLIDAY_DELETE] = "DELETE FROM holiday WHERE day = $1 RETURNING day",
	[STMT_HOLIDAY_LIST] = "SELECT " COLS_SQL(
		HOLIDAY_COLUMNS) " FROM holiday h LEFT JOIN staff s ON s.id = h.added_by WHERE "
				 "h.day >= $1 AND h.day <= $2 ORDER BY h.day",
	[STMT_BRANCH_DAY_PUT] =
		"INSERT INTO branch_day (branch_id, day, opens_min, closes_min, reason, set_by, "
		"set_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (branch_id, day) DO "
		"UPDATE "
		"SET opens_min = excluded.opens_min, closes_min = excluded.closes_min, reason = "
		"excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at",
	[STMT_BRANCH_DAY_DELETE] = "DELETE FROM branch_day WHERE branch_id = $1 AND day = $2 "
				   "RETURNING day",
	[STMT_BRANCH_DAY_LIST] =
		"SELECT " COLS_SQL(BRANCH_DAY_COLUMNS) " FROM branch_day d LEFT JOIN staff s ON "
						       "s.id = d.set_by WHERE d.branch_id = $1 AND "
						       "d.day >= $2 AND d.day <= $3 ORDER BY d.day",
	/* Shift handover: what a person holds, and passing it on. */
	[STMT_VISIT_CALLBACKS_HELD] =
		VISIT_SELECT "WHERE v.state = 'callback' AND v.served_by = $1 "
			     "ORDER BY v.callback_promised_at, v.id",
	[STMT_VISIT_HAND_TO] = "UPDATE visit SET served_by = $2 WHERE id = $1",
	/* Phone tickets (schema 31): the secret and the device are known only by their hashes. */
	[STMT_JOIN_INSERT] = "INSERT INTO join_ticket (secret_hash, visit_id, branch_id, "
			     "device_hash, address, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
			     "RETURNING visit_id",
	[STMT_JOIN_FIND] = "SELECT visit_id FROM join_ticket WHERE secret_hash = $1",
	/* The states of the device's tickets at the branch since $3: which are still in play
	 * is the policy's word (join_stage), not a list of states here. */
	[STMT_JOIN_DEVICE_STATES] =
		"SELECT v.state FROM join_ticket j JOIN visit v ON v.id = j.visit_id WHERE "
		"j.branch_id = $1 AND j.device_hash = $2 AND j.created_at >= $3 ORDER BY "
		"j.visit_id",
	/* The device and address a phone ticket came from, once the bounds are done with them;
	 * '' matches no device's hash and no address. */
	[STMT_JOIN_FORGET] = "UPDATE join_ticket SET device_hash = '', address = '' WHERE "
			     "created_at <= $1 AND (device_hash <> '' OR address <> '') RETURNING "
			     "visit_id",
	[STMT_JOIN_ADDRESS_COUNT] = "SELECT count(*) FROM join_ticket WHERE branch_id = $1 AND "
				    "address = $2 AND created_at >= $3",
	[STMT_INCIDENT_DRAFTS_HELD] = INCIDENT_SELECT "WHERE i.signed_at IS NULL AND coalesce("
						      "i.holder_id, i.reported_by) = $1 ORDER BY "
						      "i.occurred_at, i.id",
	[STMT_INCIDENT_HAND_TO] = "UPDATE incident SET holder_id = $2 WHERE id = $1 AND "
				  "signed_at IS NULL",
	[STMT_HANDOVER_INSERT] = "INSERT INTO handover (branch_id, from_id, to_id, note, at, "
				 "requests, callbacks, incidents) VALUES ($1, $2, $3, $4, $5, $6, "
				 "$7, $8) RETURNING id",
	[STMT_HANDOVER_LIST_TO] = "SELECT " COLS_SQL(
		HANDOVER_COLUMNS) " FROM handover h JOIN branch b ON b.id = h.branch_id JOIN staff "
				  "f ON f.id = h.from_id WHERE h.to_id = $1 AND h.at >= $2 ORDER "
				  "BY h.at DESC, h.id DESC",
	/* Reminders: the last touch is the newest history entry that is not a reminder. */
	[STMT_REQUEST_REMINDER_FACTS] =
		"SELECT " COLS_SQL(REMINDER_COLUMNS) " FROM request r WHERE r.status = 'open' "
						     "ORDER BY r.branch_id, r.id",
	[STMT_REQUEST_REMINDED] = "UPDATE request SET reminded_level = $2, reminded_at = $3 WHERE "
				  "id = $1",
	[STMT_DUTY_OPEN_ALL] =
		"SELECT " COLS_SQL(OPEN_DUTY_COLUMNS) " FROM duty d WHERE d.off_at IS NULL ORDER "
						      "BY d.branch_id, d.on_at",
	/* One answer per visit: a second, even from a race, inserts nothing and returns no id. */
	[STMT_FEEDBACK_INSERT] =
		"INSERT INTO feedback (visit_id, branch_id, served_by, local_day, local_hour, "
		"channel, score, comment, contact_name, contact, language, at) VALUES ($1, $2, $3, "
		"$4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (visit_id) DO NOTHING "
		"RETURNING id",
	[STMT_FEEDBACK_BY_VISIT] = FEEDBACK_SELECT "WHERE f.visit_id = $1",
	[STMT_FEEDBACK_GET] = FEEDBACK_SELECT "WHERE f.id = $1",
	[STMT_FEEDBACK_LIST_BRANCH] =
		FEEDBACK_SELECT "WHERE f.branch_id = $1 AND f.local_day >= $2 "
				"ORDER BY f.at DESC, f.id DESC LIMIT $3",
	[STMT_FEEDBACK_LINK_INSERT] = "INSERT INTO feedback_link (token_hash, visit_id, "
				      "created_at, channel) VALUES ($1, $2, $3, $4)",
	[STMT_FEEDBACK_LINK_FIND] =
		"SELECT visit_id, channel FROM feedback_link WHERE token_hash = $1",
	[STMT_FEEDBACK_LINK_FORGET] = "DELETE FROM feedback_link WHERE created_at < $1",
	[STMT_FEEDBACK_CONTACT_INSERT] = "INSERT INTO feedback_contact (feedback_id, branch_id, "
					 "kind, complaint_id) VALUES ($1, $2, $3, $4)",
	/* Compliments not yet passed on; a complaint's own record says when it is resolved. */
	[STMT_FEEDBACK_CONTACT_OPEN] = FEEDBACK_SELECT "WHERE fc.branch_id = $1 AND fc.kind = "
						       "'compliment' AND fc.done_at IS NULL ORDER "
						       "BY f.at, f.id",
	/* A customer who asked to be contacted about a complaint, until it is resolved. */
	[STMT_FEEDBACK_COMPLAINTS_OPEN] = FEEDBACK_SELECT
	"JOIN complaint cp ON cp.id = fc.complaint_id WHERE fc.branch_id = $1 AND fc.kind = "
	"'complaint' AND cp.resolved_at IS NULL ORDER BY f.at, f.id",
	[STMT_FEEDBACK_CONTACT_DONE] =
		"UPDATE feedback_contact SET done_by = $2, done_at = $3 WHERE feedback_id = $1 "
		"AND kind = 'compliment' AND done_at IS NULL RETURNING feedback_id",
	/* Retention: the name and the contact a customer gave to be contacted; the score, the
	 * comment and what the request became stay. */
	[STMT_FEEDBACK_FORGET_CONTACT] =
		"UPDATE feedback SET contact_name = NULL, contact = NULL WHERE (contact_name IS "
		"NOT NULL OR contact IS NOT NULL) AND at <= $1 RETURNING id",
	[STMT_VISIT_BY_TICKET] = "SELECT id FROM visit WHERE branch_id = $1 AND local_day = $2 AND "
				 "ticket = $3 AND channel = 'in_person'",
	[STMT_KIOSK_ADD] = "INSERT INTO kiosk_device (token_hash, branch_id, created_by, "
			   "created_at) VALUES ($1, $2, $3, $4) RETURNING id",
	/* A kiosk is its branch's only: the token of another branch's tablet finds nothing. */
	[STMT_KIOSK_FIND] = "SELECT id FROM kiosk_device WHERE token_hash = $1 AND branch_id = $2 "
			    "AND retired_at IS NULL",
	[STMT_KIOSK_LIST] = "SELECT " COLS_SQL(KIOSK_COLUMNS) " FROM kiosk_device k LEFT JOIN "
							      "staff s ON s.id = k.created_by "
							      "WHERE k.branch_id = $1 AND "
							      "k.retired_at IS NULL ORDER BY "
							      "k.created_at, k.id",
	[STMT_KIOSK_RETIRE] = "UPDATE kiosk_device SET retired_at = $3 WHERE id = $1 AND "
			      "branch_id = $2 AND retired_at IS NULL RETURNING id",
	[STMT_KIOSK_TRY_COUNT] = "SELECT count(*) FROM kiosk_try WHERE kiosk_id = $1 AND at > $2",
	[STMT_KIOSK_TRY_ADD] = "INSERT INTO kiosk_try (kiosk_id, at) VALUES ($1, $2)",
	[STMT_KIOSK_TRY_FORGET] = "DELETE FROM kiosk_try WHERE at <= $1",
	[STMT_HISTORY_VISITS] =
		"INSERT INTO " HISTORY_VISIT_COLS " VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
	[STMT_HISTORY_REQUESTS] =
		"INSERT INTO " HISTORY_REQUEST_COLS " VALUES ($1, $2, $3, $4, $5, "
		"$6, $7, $8, $9, $10, $11, $12)",
	[STMT_HISTORY_ANSWERS] =
		"INSERT INTO " HISTORY_ANSWER_COLS " VALUES ($1, $2, $3, $4, $5, $6, "
		"$7, $8, $9)",
	[STMT_HISTORY_DUTY] = "INSERT INTO " HISTORY_DUTY_COLS " VALUES ($1, $2, $3, $4)",
	[STMT_HISTORY_OPENINGS] =
		"INSERT INTO " HISTORY_OPENING_COLS " VALUES ($1, $2, $3, $4, $5)",
	[STMT_HISTORY_ROVING] = "INSERT INTO " HISTORY_ROVING_COLS " VALUES ($1, $2, $3)",
};

const char *const sql_sqlite[STMT__MAX] = {
	/* The set of branches as a JSON array, which SQLite reads as a table. */
	REPORT_STATEMENTS("branch_id IN (SELECT value FROM json_each('[' || $1 || ']'))"),
	/* Ids for n new visits, inside the one writer's transaction: after the largest. */
	[STMT_HISTORY_VISIT_IDS] =
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
		"WHERE i < $1) SELECT (SELECT coalesce(max(id), 0) FROM visit) + "
		"i FROM n",
	[STMT_IS_INITIALISED] =
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'branch'",
	/* BEGIN IMMEDIATE has the write lock already. */
	[STMT_MIGRATE_LOCK] = "SELECT 1",
	/* FTS5 with Porter stemming; the highlights are marked with bytes 2 and 3. */
	[STMT_SECTION_SEARCH] = "SELECT " COLS_SQL_MORE(
		SECTION_COLUMNS) "snippet(policy_fts, 1, char(2), char(3), '…', 18) FROM "
				 "policy_fts JOIN policy_section s ON s.id = policy_fts.rowid "
				 "WHERE policy_fts MATCH $1 AND s.current = 1 ORDER BY "
				 "bm25(policy_fts, 10.0, 1.0, 0.5) LIMIT 50",
	/* The current sections one search word (or its synonyms) is found in. */
	[STMT_SECTION_MATCHING] = "SELECT s.id FROM policy_fts JOIN policy_section s ON s.id = "
				  "policy_fts.rowid WHERE policy_fts MATCH $1 AND s.current = 1",
	/* BEGIN IMMEDIATE already orders the writers: the audit chain needs no more. */
	[STMT_AUDIT_LOCK] = "SELECT 1",
	[STMT_REMINDER_LOCK] = "SELECT 1",
	[STMT_GAUGE_DATABASE_BYTES] = "SELECT page_count * page_size FROM pragma_page_count(), "
				      "pragma_page_size()",
};

const char *const sql_postgresql[STMT__MAX] = {
	/* The set of branches as an array: an index scan for each. */
	REPORT_STATEMENTS("branch_id = ANY (CAST(string_to_array($1, ',') AS BIGINT[]))"),
	[STMT_IS_INITIALISED] = "SELECT count(*) FROM information_schema.tables "
				"WHERE table_schema = current_schema() AND table_name = 'branch'",
	/* Held to the end of the transaction: one node migrates at a time. */
	[STMT_MIGRATE_LOCK] = "SELECT pg_advisory_xact_lock(20261128)",
	/* One node at a time reminds and closes shifts, so nobody is reminded twice. */
	[STMT_REMINDER_LOCK] = "SELECT pg_advisory_xact_lock(20261129)",
	/* Queue changes at one branch take turns, on whichever node they arrive. */
	[STMT_BRANCH_LOCK] = "SELECT id FROM branch WHERE id = $1 FOR UPDATE",
	/* Text search with English stemming; the highlights are marked with bytes 2 and 3. */
	[STMT_SECTION_SEARCH] = "SELECT " COLS_SQL_MORE(
		SECTION_COLUMNS) "ts_headline('english', s.text, q, 'StartSel=' || chr(2) || ', "
				 "StopSel=' || chr(3) || ', MaxWords=30, MinWords=12') FROM "
				 "policy_section s, to_tsquery('english', $1) q WHERE s.search @@ "
				 "q AND s.current = 1 ORDER BY ts_rank(s.search, q) DESC, s.id "
				 "LIMIT 50",
	[STMT_SECTION_MATCHING] = "SELECT id FROM policy_section WHERE search @@ "
				  "to_tsquery('english', $1) AND current = 1",
	/* One audit entry at a time, across nodes, so the hash chain never forks. */
	[STMT_AUDIT_LOCK] = "SELECT pg_advisory_xact_lock(20261130)",
	/* Attempts at one login, and from one address, take turns across nodes until their
	 * transaction ends, so that each counts the ones before it (store_login_lock). */
	[STMT_LOGIN_LOCK_LOGIN] = "SELECT pg_advisory_xact_lock(20261919, hashtext($1))",
	[STMT_LOGIN_LOCK_ADDRESS] = "SELECT pg_advisory_xact_lock(20261920, hashtext($1))",
	/* One node at a time anchors the audit log, so a head is signed and witnessed once. */
	[STMT_ANCHOR_LOCK] = "SELECT pg_advisory_xact_lock(20261904)",
	/* One sender per message even when several nodes look at once. */
	[STMT_OUTBOX_CLAIM] =
		"UPDATE outbox SET lease_until = $2, attempts = attempts + 1 WHERE id = (SELECT id "
		"FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 AND (lease_until IS "
		"NULL OR lease_until < $1) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
		"RETURNING " COLS_SQL(OUTBOX_CLAIM_COLUMNS),
	/* The event and its notice in one round trip: the notice is delivered at commit to
	 * every node that LISTENs, with the event's id. */
	[STMT_EVENT_APPEND] = "WITH e AS (INSERT INTO queue_event (branch_id, at, kind, visit_id) "
			      "VALUES ($1, $2, $3, $4) RETURNING id) SELECT e.id FROM e, "
			      "pg_notify('frontdesk_queue', CAST(e.id AS text))",
	[STMT_GAUGE_DATABASE_BYTES] = "SELECT pg_database_size(current_database())",
	/* Taken from the sequence, so that other writers never get them too. */
	[STMT_HISTORY_VISIT_IDS] = "SELECT nextval(pg_get_serial_sequence('visit', 'id')) FROM "
				   "generate_series(1, CAST($1 AS BIGINT))",
	[STMT_HISTORY_VISITS] = "COPY " HISTORY_VISIT_COLS " FROM STDIN",
	[STMT_HISTORY_REQUESTS] = "COPY " HISTORY_REQUEST_COLS " FROM STDIN",
	[STMT_HISTORY_ANSWERS] = "COPY " HISTORY_ANSWER_COLS " FROM STDIN",
	[STMT_HISTORY_DUTY] = "COPY " HISTORY_DUTY_COLS " FROM STDIN",
	[STMT_HISTORY_OPENINGS] = "COPY " HISTORY_OPENING_COLS " FROM STDIN",
	[STMT_HISTORY_ROVING] = "COPY " HISTORY_ROVING_COLS " FROM STDIN",
};

const char *stmt_sql(const char *const *dialect, enum stmt stmt)
{
	return dialect[stmt] ? dialect[stmt] : sql_common[stmt];
}
