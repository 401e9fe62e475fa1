/* Inside the store: the columns each kind of row is selected with, declared once. A list gives
 * sql.c its SELECT text (COLS_SQL) and the decoding in store_*.c an enum of column numbers, so
 * the two cannot fall out of step: adding a column is one line here and one where it is read. */
#ifndef STORE_COLUMNS_H
#define STORE_COLUMNS_H

/* A list is NAME_COLUMNS(X, LAST): X(enum name, SQL expression) for each column but the last,
 * LAST for that one, which has no comma after it in the SELECT text. */
#define COL_ENUM(name, sql) name,
#define COL_SQL(name, sql) sql ", "
#define COL_SQL_LAST(name, sql) sql
/* The SELECT text of a list; COLS_SQL_MORE when the statement adds columns after it. */
#define COLS_SQL(list) list(COL_SQL, COL_SQL_LAST)
#define COLS_SQL_MORE(list) list(COL_SQL, COL_SQL)
/* The enum of a list's column numbers, NAME__MAX being how many there are. */
#define COLS_ENUM(list) list(COL_ENUM, COL_ENUM)

/* A person as db_person reads one: the login, name and role of the staff row aliased t. */
#define PERSON_COLUMNS(X, LAST, prefix, t)                                                         \
	X(prefix##_LOGIN, t ".login") X(prefix##_NAME, t ".name") LAST(prefix##_ROLE, t ".role")

#define BRANCH_COLUMNS(X, LAST)                                                                    \
	X(BRANCH_COL_ID, "id")                                                                     \
	X(BRANCH_COL_CODE, "code")                                                                 \
	X(BRANCH_COL_NAME, "name")                                                                 \
	X(BRANCH_COL_TIME_ZONE, "time_zone")                                                       \
	X(BRANCH_COL_HOURS, "hours")                                                               \
	X(BRANCH_COL_PHONE, "phone")                                                               \
	X(BRANCH_COL_ADDRESS, "address")                                                           \
	X(BRANCH_COL_HEADQUARTERS, "headquarters")                                                 \
	X(BRANCH_COL_ACK_TARGET_S, "ack_target_s")                                                 \
	LAST(BRANCH_COL_NO_SHOW_AFTER_S, "no_show_after_s")
enum branch_col { COLS_ENUM(BRANCH_COLUMNS) BRANCH_COL__MAX };

/* With the branch the person is on duty at now, if any (od, ob in STAFF_FROM). */
#define STAFF_COLUMNS(X, LAST)                                                                     \
	X(STAFF_COL_ID, "s.id")                                                                    \
	X(STAFF_COL_LOGIN, "s.login")                                                              \
	X(STAFF_COL_NAME, "s.name")                                                                \
	X(STAFF_COL_ROLE, "s.role")                                                                \
	X(STAFF_COL_BRANCH_ID, "s.branch_id")                                                      \
	X(STAFF_COL_BRANCH_CODE, "b.code")                                                         \
	X(STAFF_COL_EMAIL, "s.email")                                                              \
	X(STAFF_COL_PHONE, "s.phone")                                                              \
	X(STAFF_COL_PASSWORD_HASH, "s.password_hash")                                              \
	X(STAFF_COL_SERVICE_START, "s.service_start")                                              \
	X(STAFF_COL_ACTIVE, "s.active")                                                            \
	X(STAFF_COL_CREATED_AT, "s.created_at")                                                    \
	X(STAFF_COL_LAST_LOGIN_AT, "s.last_login_at")                                              \
	X(STAFF_COL_DUTY_BRANCH_ID, "od.branch_id")                                                \
	X(STAFF_COL_DUTY_DESK, "od.desk")                                                          \
	LAST(STAFF_COL_DUTY_BRANCH_CODE, "ob.code")
enum staff_col { COLS_ENUM(STAFF_COLUMNS) STAFF_COL__MAX };

/* A duty row is a staff row and then the duty's own branch and start. */
#define DUTY_COLUMNS(X, LAST)                                                                      \
	X(DUTY_COL_BRANCH_ID, "d.branch_id")                                                       \
	X(DUTY_COL_BRANCH_CODE, "db.code")                                                         \
	LAST(DUTY_COL_ON_AT, "d.on_at")
enum duty_col { DUTY_COL__BEFORE = STAFF_COL__MAX - 1, COLS_ENUM(DUTY_COLUMNS) DUTY_COL__MAX };

#define VISIT_COLUMNS(X, LAST)                                                                     \
	X(VISIT_COL_ID, "v.id")                                                                    \
	X(VISIT_COL_BRANCH_ID, "v.branch_id")                                                      \
	X(VISIT_COL_BRANCH_CODE, "b.code")                                                         \
	X(VISIT_COL_LOCAL_DAY, "v.local_day")                                                      \
	X(VISIT_COL_TICKET, "v.ticket")                                                            \
	X(VISIT_COL_CHANNEL, "v.channel")                                                          \
	X(VISIT_COL_CUSTOMER_ID, "v.customer_id")                                                  \
	X(VISIT_COL_CUSTOMER_CARD, "c.card")                                                       \
	X(VISIT_COL_CUSTOMER_NAME, "c.name")                                                       \
	X(VISIT_COL_CUSTOMER_REGISTERED_AT, "c.registered_at")                                     \
	X(VISIT_COL_NEW_CUSTOMER, "v.new_customer")                                                \
	X(VISIT_COL_NOTE, "v.note")                                                                \
	X(VISIT_COL_STATE, "v.state")                                                              \
	X(VISIT_COL_ARRIVED_AT, "v.arrived_at")                                                    \
	X(VISIT_COL_QUEUE_AT, "v.queue_at")                                                        \
	X(VISIT_COL_RESUMED, "v.resumed")                                                          \
	X(VISIT_COL_ACKNOWLEDGED_AT, "v.acknowledged_at")                                          \
	X(VISIT_COL_CALLED_AT, "v.called_at")                                                      \
	X(VISIT_COL_STARTED_AT, "v.started_at")                                                    \
	X(VISIT_COL_FINISHED_AT, "v.finished_at")                                                  \
	X(VISIT_COL_SERVED_BY, "v.served_by")                                                      \
	PERSON_COLUMNS(X, X, VISIT_COL_SERVED_BY, "s")                                             \
	X(VISIT_COL_HOLD_AT, "v.hold_at")                                                          \
	X(VISIT_COL_CALLBACK_PHONE, "v.callback_phone")                                            \
	X(VISIT_COL_CALLBACK_PROMISED_AT, "v.callback_promised_at")                                \
	X(VISIT_COL_CALLBACK_DONE_AT, "v.callback_done_at")                                        \
	X(VISIT_COL_TOUR, "v.tour")                                                                \
	X(VISIT_COL_TOUR_AT, "v.tour_at")                                                          \
	X(VISIT_COL_DESK, "v.desk")                                                                \
	X(VISIT_COL_ACKNOWLEDGED_BY, "v.acknowledged_by")                                          \
	X(VISIT_COL_JOINED, "v.joined")                                                            \
	X(VISIT_COL_LANGUAGE, "v.language")                                                        \
	X(VISIT_COL_FIRST_NAME, "v.first_name")                                                    \
	X(VISIT_COL_REASON, "v.reason")                                                            \
	X(VISIT_COL_RENEWED, "v.renewed")                                                          \
	LAST(VISIT_COL_RENEW_REFUSED, "v.renew_refused")
enum visit_col { COLS_ENUM(VISIT_COLUMNS) VISIT_COL__MAX };

#define OPENING_COLUMNS(X, LAST)                                                                   \
	X(OPENING_COL_OPENED_AT, "o.opened_at")                                                    \
	X(OPENING_COL_LATE_S, "o.late_s")                                                          \
	PERSON_COLUMNS(X, LAST, OPENING_COL_BY, "s")
enum opening_col { COLS_ENUM(OPENING_COLUMNS) OPENING_COL__MAX };

#define EVENT_COLUMNS(X, LAST)                                                                     \
	X(EVENT_COL_ID, "e.id")                                                                    \
	X(EVENT_COL_BRANCH_CODE, "b.code")                                                         \
	X(EVENT_COL_KIND, "e.kind")                                                                \
	X(EVENT_COL_VISIT_ID, "e.visit_id")                                                        \
	LAST(EVENT_COL_AT, "e.at")
enum event_col { COLS_ENUM(EVENT_COLUMNS) EVENT_COL__MAX };

/* A branch's id and the newest queue event anywhere, at one instant. */
#define STAMP_COLUMNS(X, LAST)                                                                     \
	X(STAMP_COL_BRANCH_ID, "id")                                                               \
	LAST(STAMP_COL_LAST_EVENT, "(SELECT coalesce(max(id), 0) FROM queue_event)")
enum stamp_col { COLS_ENUM(STAMP_COLUMNS) STAMP_COL__MAX };

#define SESSION_COLUMNS(X, LAST)                                                                   \
	X(SESSION_COL_ID, "id")                                                                    \
	X(SESSION_COL_STAFF_ID, "staff_id")                                                        \
	X(SESSION_COL_CSRF_TOKEN, "csrf_token")                                                    \
	X(SESSION_COL_CREATED_AT, "created_at")                                                    \
	LAST(SESSION_COL_LAST_SEEN_AT, "last_seen_at")
enum session_col { COLS_ENUM(SESSION_COLUMNS) SESSION_COL__MAX };

/* Failures since $3 of login $1 from address $2, of the address, of the login, each with the
 * latest; and whether the login has succeeded from the address since $4. */
#define LOGIN_HISTORY_COLUMNS(X, LAST)                                                             \
	X(LOGIN_COL_PAIR,                                                                          \
	  "coalesce(sum(CASE WHEN login = $1 AND address = $2 THEN 1 ELSE 0 END), 0)")             \
	X(LOGIN_COL_PAIR_LAST_AT,                                                                  \
	  "coalesce(max(CASE WHEN login = $1 AND address = $2 THEN at END), 0)")                   \
	X(LOGIN_COL_ADDRESS, "coalesce(sum(CASE WHEN address = $2 THEN 1 ELSE 0 END), 0)")         \
	X(LOGIN_COL_ADDRESS_LAST_AT, "coalesce(max(CASE WHEN address = $2 THEN at END), 0)")       \
	X(LOGIN_COL_LOGIN, "coalesce(sum(CASE WHEN login = $1 THEN 1 ELSE 0 END), 0)")             \
	X(LOGIN_COL_LOGIN_LAST_AT, "coalesce(max(CASE WHEN login = $1 THEN at END), 0)")           \
	LAST(LOGIN_COL_FAMILIAR, "(SELECT count(*) FROM familiar_address WHERE login = $1 AND "    \
				 "address = $2 AND last_at >= $4)")
enum login_history_col { COLS_ENUM(LOGIN_HISTORY_COLUMNS) LOGIN_COL__MAX };

#define CUSTOMER_COLUMNS(X, LAST)                                                                  \
	X(CUSTOMER_COL_ID, "id")                                                                   \
	X(CUSTOMER_COL_CARD, "card")                                                               \
	X(CUSTOMER_COL_NAME, "name")                                                               \
	X(CUSTOMER_COL_PHONE, "phone")                                                             \
	X(CUSTOMER_COL_EMAIL, "email")                                                             \
	X(CUSTOMER_COL_CARD_STATUS, "card_status")                                                 \
	LAST(CUSTOMER_COL_REGISTERED_AT, "registered_at")
enum customer_col { COLS_ENUM(CUSTOMER_COLUMNS) CUSTOMER_COL__MAX };

/* The audit log's own columns, which its hash chain covers. */
#define AUDIT_COLUMNS(X, LAST)                                                                     \
	X(AUDIT_COL_ID, "id")                                                                      \
	X(AUDIT_COL_AT, "at")                                                                      \
	X(AUDIT_COL_STAFF_ID, "staff_id")                                                          \
	X(AUDIT_COL_ACTION, "action")                                                              \
	X(AUDIT_COL_OBJECT_KIND, "object_kind")                                                    \
	X(AUDIT_COL_OBJECT_KEY, "object_key")                                                      \
	X(AUDIT_COL_SOURCE, "source")                                                              \
	X(AUDIT_COL_PREV_HASH, "prev_hash")                                                        \
	LAST(AUDIT_COL_HASH, "hash")
enum audit_col { COLS_ENUM(AUDIT_COLUMNS) AUDIT_COL__MAX };

/* An entry as a record's history shows it: who by login, and their home branch. */
#define AUDIT_ENTRY_COLUMNS(X, LAST)                                                               \
	X(AUDIT_ENTRY_COL_ID, "a.id")                                                              \
	X(AUDIT_ENTRY_COL_AT, "a.at")                                                              \
	X(AUDIT_ENTRY_COL_LOGIN, "s.login")                                                        \
	X(AUDIT_ENTRY_COL_NAME, "s.name")                                                          \
	X(AUDIT_ENTRY_COL_ACTION, "a.action")                                                      \
	X(AUDIT_ENTRY_COL_OBJECT_KIND, "a.object_kind")                                            \
	X(AUDIT_ENTRY_COL_OBJECT_KEY, "a.object_key")                                              \
	X(AUDIT_ENTRY_COL_SOURCE, "a.source")                                                      \
	LAST(AUDIT_ENTRY_COL_STAFF_BRANCH_ID, "s.branch_id")
enum audit_entry_col { COLS_ENUM(AUDIT_ENTRY_COLUMNS) AUDIT_ENTRY_COL__MAX };

#define AUDIT_HEAD_COLUMNS(X, LAST)                                                                \
	X(AUDIT_HEAD_COL_ID, "id")                                                                 \
	X(AUDIT_HEAD_COL_AT, "at")                                                                 \
	LAST(AUDIT_HEAD_COL_HASH, "hash")
enum audit_head_col { COLS_ENUM(AUDIT_HEAD_COLUMNS) AUDIT_HEAD_COL__MAX };

/* Each anchor with the hash its entry has now (l: NULL when the entry is gone). */
#define ANCHOR_COLUMNS(X, LAST)                                                                    \
	X(ANCHOR_COL_ID, "a.id")                                                                   \
	X(ANCHOR_COL_AUDIT_ID, "a.audit_id")                                                       \
	X(ANCHOR_COL_HEAD_HASH, "a.head_hash")                                                     \
	X(ANCHOR_COL_AT, "a.at")                                                                   \
	X(ANCHOR_COL_SIGNATURE, "a.signature")                                                     \
	X(ANCHOR_COL_WITNESSED_AT, "a.witnessed_at")                                               \
	LAST(ANCHOR_COL_ENTRY_HASH, "l.hash")
enum anchor_col { COLS_ENUM(ANCHOR_COLUMNS) ANCHOR_COL__MAX };

#define REQUEST_COLUMNS(X, LAST)                                                                   \
	X(REQUEST_COL_ID, "r.id")                                                                  \
	X(REQUEST_COL_BRANCH_ID, "r.branch_id")                                                    \
	X(REQUEST_COL_BRANCH_CODE, "b.code")                                                       \
	X(REQUEST_COL_VISIT_ID, "r.visit_id")                                                      \
	X(REQUEST_COL_CUSTOMER_ID, "r.customer_id")                                                \
	X(REQUEST_COL_CUSTOMER_CARD, "c.card")                                                     \
	X(REQUEST_COL_CUSTOMER_NAME, "c.name")                                                     \
	X(REQUEST_COL_KIND, "r.kind")                                                              \
	X(REQUEST_COL_TEXT, "r.text")                                                              \
	X(REQUEST_COL_TEXT_RETAIN_UNTIL, "r.text_retain_until")                                    \
	X(REQUEST_COL_STATUS, "r.status")                                                          \
	X(REQUEST_COL_LEVEL, "r.level")                                                            \
	X(REQUEST_COL_HOLDER_ID, "r.holder_id")                                                    \
	PERSON_COLUMNS(X, X, REQUEST_COL_HOLDER, "h")                                              \
	X(REQUEST_COL_CREATED_BY, "r.created_by")                                                  \
	PERSON_COLUMNS(X, X, REQUEST_COL_CREATED_BY, "cb")                                         \
	X(REQUEST_COL_CREATED_AT, "r.created_at")                                                  \
	X(REQUEST_COL_OUTCOME, "r.outcome")                                                        \
	X(REQUEST_COL_CLOSED_AT, "r.closed_at")                                                    \
	LAST(REQUEST_COL_CLOSE_NOTE, "r.close_note")
enum request_col { COLS_ENUM(REQUEST_COLUMNS) REQUEST_COL__MAX };

#define ALT_COLUMNS(X, LAST)                                                                       \
	X(ALT_COL_ID, "a.id")                                                                      \
	X(ALT_COL_KIND, "a.kind")                                                                  \
	X(ALT_COL_NOTE, "a.note")                                                                  \
	X(ALT_COL_ACCEPTED, "a.accepted")                                                          \
	X(ALT_COL_OFFERED_BY_LOGIN, "s.login")                                                     \
	X(ALT_COL_OFFERED_AT, "a.offered_at")                                                      \
	LAST(ALT_COL_ANSWERED_AT, "a.answered_at")
enum alt_col { COLS_ENUM(ALT_COLUMNS) ALT_COL__MAX };

#define HISTORY_COLUMNS(X, LAST)                                                                   \
	X(HISTORY_COL_AT, "e.at")                                                                  \
	X(HISTORY_COL_LOGIN, "s.login")                                                            \
	X(HISTORY_COL_NAME, "s.name")                                                              \
	X(HISTORY_COL_ACTION, "e.action")                                                          \
	LAST(HISTORY_COL_DETAIL, "e.detail")
enum history_col { COLS_ENUM(HISTORY_COLUMNS) HISTORY_COL__MAX };

#define RECIPIENT_COLUMNS(X, LAST)                                                                 \
	X(RECIPIENT_COL_EMAIL, "email")                                                            \
	LAST(RECIPIENT_COL_NAME, "name")
enum recipient_col { COLS_ENUM(RECIPIENT_COLUMNS) RECIPIENT_COL__MAX };

/* What a claimed message is sent with (a RETURNING list). */
#define OUTBOX_CLAIM_COLUMNS(X, LAST)                                                              \
	X(CLAIM_COL_ID, "id")                                                                      \
	X(CLAIM_COL_TO_ADDR, "to_addr")                                                            \
	X(CLAIM_COL_TO_NAME, "to_name")                                                            \
	X(CLAIM_COL_SUBJECT, "subject")                                                            \
	X(CLAIM_COL_BODY, "body")                                                                  \
	X(CLAIM_COL_ATTEMPTS, "attempts")                                                          \
	X(CLAIM_COL_ABOUT_KIND, "about_kind")                                                      \
	X(CLAIM_COL_ABOUT_ID, "about_id")                                                          \
	LAST(CLAIM_COL_MESSAGE_ID, "message_id")
enum outbox_claim_col { COLS_ENUM(OUTBOX_CLAIM_COLUMNS) CLAIM_COL__MAX };

/* The messages about a record, body left out. */
#define OUTBOX_ABOUT_COLUMNS(X, LAST)                                                              \
	X(ABOUT_COL_ID, "id")                                                                      \
	X(ABOUT_COL_TO_ADDR, "to_addr")                                                            \
	X(ABOUT_COL_TO_NAME, "to_name")                                                            \
	X(ABOUT_COL_SUBJECT, "subject")                                                            \
	X(ABOUT_COL_CREATED_AT, "created_at")                                                      \
	X(ABOUT_COL_SENT_AT, "sent_at")                                                            \
	X(ABOUT_COL_ATTEMPTS, "attempts")                                                          \
	X(ABOUT_COL_TO_ROLE, "to_role")                                                            \
	X(ABOUT_COL_LAST_ERROR, "last_error")                                                      \
	LAST(ABOUT_COL_NEXT_ATTEMPT_AT, "next_attempt_at")
enum outbox_about_col { COLS_ENUM(OUTBOX_ABOUT_COLUMNS) ABOUT_COL__MAX };

#define COMPLAINT_COLUMNS(X, LAST)                                                                 \
	X(COMPLAINT_COL_ID, "k.id")                                                                \
	X(COMPLAINT_COL_BRANCH_ID, "k.branch_id")                                                  \
	X(COMPLAINT_COL_BRANCH_CODE, "b.code")                                                     \
	X(COMPLAINT_COL_CUSTOMER_CARD, "c.card")                                                   \
	X(COMPLAINT_COL_CUSTOMER_NAME, "c.name")                                                   \
	X(COMPLAINT_COL_TEXT, "k.text")                                                            \
	X(COMPLAINT_COL_POLICY_SECTION, "k.policy_section")                                        \
	PERSON_COLUMNS(X, X, COMPLAINT_COL_TAKEN_BY, "t")                                          \
	X(COMPLAINT_COL_TAKEN_AT, "k.taken_at")                                                    \
	X(COMPLAINT_COL_HQ_CONTACT_REQUIRED, "k.hq_contact_required")                              \
	X(COMPLAINT_COL_MANAGER_NOTIFIED, "k.manager_notified")                                    \
	X(COMPLAINT_COL_REFERRED_DIRECTOR_AT, "k.referred_director_at")                            \
	X(COMPLAINT_COL_RESOLUTION, "k.resolution")                                                \
	X(COMPLAINT_COL_RESOLVED_AT, "k.resolved_at")                                              \
	PERSON_COLUMNS(X, X, COMPLAINT_COL_HQ_CONTACT, "hc")                                       \
	X(COMPLAINT_COL_HQ_CONTACTED_AT, "k.hq_contacted_at")                                      \
	X(COMPLAINT_COL_CUSTOMER_ID, "k.customer_id")                                              \
	X(COMPLAINT_COL_FEEDBACK_SCORE, "kf.score")                                                \
	X(COMPLAINT_COL_CONTACT_NAME, "kf.contact_name")                                           \
	LAST(COMPLAINT_COL_CONTACT, "kf.contact")
enum complaint_col { COLS_ENUM(COMPLAINT_COLUMNS) COMPLAINT_COL__MAX };

/* An answer to "How was your visit today?", with what its contact request became (fc) and the
 * visit's ticket. */
#define FEEDBACK_COLUMNS(X, LAST)                                                                  \
	X(FEEDBACK_COL_ID, "f.id")                                                                 \
	X(FEEDBACK_COL_VISIT_ID, "f.visit_id")                                                     \
	X(FEEDBACK_COL_BRANCH_ID, "f.branch_id")                                                   \
	X(FEEDBACK_COL_BRANCH_CODE, "b.code")                                                      \
	X(FEEDBACK_COL_SERVED_BY, "f.served_by")                                                   \
	X(FEEDBACK_COL_SERVED_BY_NAME, "s.name")                                                   \
	X(FEEDBACK_COL_LOCAL_DAY, "f.local_day")                                                   \
	X(FEEDBACK_COL_LOCAL_HOUR, "f.local_hour")                                                 \
	X(FEEDBACK_COL_CHANNEL, "f.channel")                                                       \
	X(FEEDBACK_COL_SCORE, "f.score")                                                           \
	X(FEEDBACK_COL_COMMENT, "f.comment")                                                       \
	X(FEEDBACK_COL_CONTACT_NAME, "f.contact_name")                                             \
	X(FEEDBACK_COL_CONTACT, "f.contact")                                                       \
	X(FEEDBACK_COL_LANGUAGE, "f.language")                                                     \
	X(FEEDBACK_COL_AT, "f.at")                                                                 \
	X(FEEDBACK_COL_FOLLOW, "fc.kind")                                                          \
	X(FEEDBACK_COL_COMPLAINT_ID, "fc.complaint_id")                                            \
	X(FEEDBACK_COL_DONE_AT, "fc.done_at")                                                      \
	LAST(FEEDBACK_COL_TICKET, "v.ticket")
enum feedback_col { COLS_ENUM(FEEDBACK_COLUMNS) FEEDBACK_COL__MAX };

/* An exit kiosk in service, with the name of who set it up. */
#define KIOSK_COLUMNS(X, LAST)                                                                     \
	X(KIOSK_COL_ID, "k.id")                                                                    \
	X(KIOSK_COL_BRANCH_ID, "k.branch_id")                                                      \
	X(KIOSK_COL_CREATED_AT, "k.created_at")                                                    \
	LAST(KIOSK_COL_CREATED_BY_NAME, "s.name")
enum kiosk_col { COLS_ENUM(KIOSK_COLUMNS) KIOSK_COL__MAX };

#define SITUATION_COLUMNS(X, LAST)                                                                 \
	X(SITUATION_COL_ID, "x.id")                                                                \
	X(SITUATION_COL_BRANCH_ID, "x.branch_id")                                                  \
	X(SITUATION_COL_BRANCH_CODE, "b.code")                                                     \
	X(SITUATION_COL_TEXT, "x.text")                                                            \
	X(SITUATION_COL_PRIVATE_AREA, "x.private_area")                                            \
	PERSON_COLUMNS(X, X, SITUATION_COL_WITNESS, "w")                                           \
	X(SITUATION_COL_IN_CHARGE_INCLUDED, "x.in_charge_included")                                \
	PERSON_COLUMNS(X, X, SITUATION_COL_RECORDED_BY, "r")                                       \
	X(SITUATION_COL_RECORDED_AT, "x.recorded_at")                                              \
	X(SITUATION_COL_FLAGGED, "x.flagged")                                                      \
	X(SITUATION_COL_HQ_CONTACT_REQUIRED, "x.hq_contact_required")                              \
	X(SITUATION_COL_MANAGER_NOTIFIED, "x.manager_notified")                                    \
	PERSON_COLUMNS(X, X, SITUATION_COL_HQ_CONTACT, "hc")                                       \
	LAST(SITUATION_COL_HQ_CONTACTED_AT, "x.hq_contacted_at")
enum situation_col { COLS_ENUM(SITUATION_COLUMNS) SITUATION_COL__MAX };

#define JUDGEMENT_COLUMNS(X, LAST)                                                                 \
	X(JUDGEMENT_COL_ID, "j.id")                                                                \
	X(JUDGEMENT_COL_BRANCH_ID, "j.branch_id")                                                  \
	X(JUDGEMENT_COL_BRANCH_CODE, "b.code")                                                     \
	X(JUDGEMENT_COL_SITUATION, "j.situation")                                                  \
	X(JUDGEMENT_COL_DECISION, "j.decision")                                                    \
	X(JUDGEMENT_COL_HQ_REACHABLE, "j.hq_reachable")                                            \
	PERSON_COLUMNS(X, X, JUDGEMENT_COL_DECIDED_BY, "d")                                        \
	X(JUDGEMENT_COL_DECIDED_AT, "j.decided_at")                                                \
	PERSON_COLUMNS(X, X, JUDGEMENT_COL_ACKNOWLEDGED_BY, "a")                                   \
	X(JUDGEMENT_COL_ACKNOWLEDGED_AT, "j.acknowledged_at")                                      \
	X(JUDGEMENT_COL_BY_PHONE, "j.by_phone")                                                    \
	LAST(JUDGEMENT_COL_MANAGER_UNREACHABLE, "j.manager_unreachable")
enum judgement_col { COLS_ENUM(JUDGEMENT_COLUMNS) JUDGEMENT_COL__MAX };

#define FETCH_COLUMNS(X, LAST)                                                                     \
	X(FETCH_COL_ID, "f.id")                                                                    \
	X(FETCH_COL_BRANCH_ID, "f.branch_id")                                                      \
	X(FETCH_COL_BRANCH_CODE, "b.code")                                                         \
	X(FETCH_COL_ASKED_AT, "f.asked_at")                                                        \
	PERSON_COLUMNS(X, X, FETCH_COL_ASKED_BY, "a")                                              \
	PERSON_COLUMNS(X, X, FETCH_COL_TO, "t")                                                    \
	X(FETCH_COL_ABOUT, "f.about")                                                              \
	X(FETCH_COL_NOTE, "f.note")                                                                \
	PERSON_COLUMNS(X, X, FETCH_COL_ANSWERED_BY, "w")                                           \
	X(FETCH_COL_ANSWERED_AT, "f.answered_at")                                                  \
	LAST(FETCH_COL_TO_ID, "f.to_id")
enum fetch_col { COLS_ENUM(FETCH_COLUMNS) FETCH_COL__MAX };

/* One tally of "Needs you": which (enum need_tally), at which branch (0: any) and how many. */
#define NEED_TALLY_COLUMNS(X, LAST)                                                                \
	X(NEED_TALLY_COL_WHAT, "what")                                                             \
	X(NEED_TALLY_COL_BRANCH_ID, "branch_id")                                                   \
	LAST(NEED_TALLY_COL_N, "n")
enum need_tally_col { COLS_ENUM(NEED_TALLY_COLUMNS) NEED_TALLY_COL__MAX };

/* Search adds the snippet after these, in each dialect's own words (SECTION_COL_SNIPPET). */
#define SECTION_COLUMNS(X, LAST)                                                                   \
	X(SECTION_COL_ID, "s.id")                                                                  \
	X(SECTION_COL_KEY, "s.section_key")                                                        \
	X(SECTION_COL_POLICY, "s.policy")                                                          \
	X(SECTION_COL_TITLE, "s.title")                                                            \
	X(SECTION_COL_TEXT, "s.text")                                                              \
	X(SECTION_COL_RATIONALE, "s.rationale")                                                    \
	X(SECTION_COL_RULES, "s.rules")                                                            \
	X(SECTION_COL_APPROVED_ON, "s.approved_on")                                                \
	X(SECTION_COL_VERSION, "s.version")                                                        \
	X(SECTION_COL_CURRENT, "s.current")                                                        \
	LAST(SECTION_COL_CREATED_AT, "s.created_at")
enum section_col { COLS_ENUM(SECTION_COLUMNS) SECTION_COL_SNIPPET, SECTION_COL__MAX };

#define UNREAD_COLUMNS(X, LAST)                                                                    \
	PERSON_COLUMNS(X, X, UNREAD_COL_WHO, "st")                                                 \
	X(UNREAD_COL_SECTION_ID, "s.id")                                                           \
	X(UNREAD_COL_TITLE, "s.title")                                                             \
	LAST(UNREAD_COL_VERSION, "s.version")
enum unread_col { COLS_ENUM(UNREAD_COLUMNS) UNREAD_COL__MAX };

#define INCIDENT_COLUMNS(X, LAST)                                                                  \
	X(INCIDENT_COL_ID, "i.id")                                                                 \
	X(INCIDENT_COL_BRANCH_ID, "i.branch_id")                                                   \
	X(INCIDENT_COL_BRANCH_CODE, "b.code")                                                      \
	X(INCIDENT_COL_BRANCH_NAME, "b.name")                                                      \
	X(INCIDENT_COL_OCCURRED_AT, "i.occurred_at")                                               \
	X(INCIDENT_COL_DUE_AT, "i.due_at")                                                         \
	X(INCIDENT_COL_CATEGORY, "i.category")                                                     \
	X(INCIDENT_COL_NARRATIVE, "i.narrative")                                                   \
	X(INCIDENT_COL_ACTIONS_TAKEN, "i.actions_taken")                                           \
	X(INCIDENT_COL_POLICE_CALLED, "i.police_called")                                           \
	PERSON_COLUMNS(X, X, INCIDENT_COL_REPORTED_BY, "rep")                                      \
	X(INCIDENT_COL_CREATED_AT, "i.created_at")                                                 \
	X(INCIDENT_COL_HQ_NOTIFIED_AT, "i.hq_notified_at")                                         \
	PERSON_COLUMNS(X, X, INCIDENT_COL_HQ_TAKEN_BY, "hq")                                       \
	X(INCIDENT_COL_BUSINESS_MANAGER_CONTACTED_AT, "i.business_manager_contacted_at")           \
	X(INCIDENT_COL_SIGNED_AT, "i.signed_at")                                                   \
	PERSON_COLUMNS(X, X, INCIDENT_COL_SIGNED_BY, "sg")                                         \
	X(INCIDENT_COL_SIGNED_NAME, "i.signed_name")                                               \
	X(INCIDENT_COL_SIGNATURE, "i.signature")                                                   \
	X(INCIDENT_COL_REPORTED_BY_ID, "i.reported_by")                                            \
	X(INCIDENT_COL_HQ_TAKEN_BY_ID, "i.hq_taken_by")                                            \
	X(INCIDENT_COL_SIGNED_BY_ID, "i.signed_by")                                                \
	X(INCIDENT_COL_HOLDER_ID, "i.holder_id")                                                   \
	X(INCIDENT_COL_SIGNED_TEXT, "i.signed_text")                                               \
	X(INCIDENT_COL_DISCOVERED_AT, "i.discovered_at")                                           \
	X(INCIDENT_COL_LOCATION, "i.location")                                                     \
	X(INCIDENT_COL_POLICE_REPORT_NUMBER, "i.police_report_number")                             \
	LAST(INCIDENT_COL_POLICE_OFFICER, "i.police_officer")
enum incident_col { COLS_ENUM(INCIDENT_COLUMNS) INCIDENT_COL__MAX };

#define INCIDENT_PERSON_COLUMNS(X, LAST)                                                           \
	X(PERSON_COL_NAME, "name")                                                                 \
	X(PERSON_COL_KIND, "kind")                                                                 \
	X(PERSON_COL_PART, "part")                                                                 \
	X(PERSON_COL_INJURIES, "injuries")                                                         \
	X(PERSON_COL_CUSTOMER_ID, "customer_id")                                                   \
	X(PERSON_COL_DESCRIPTION, "description")                                                   \
	X(PERSON_COL_CARE, "care")                                                                 \
	LAST(PERSON_COL_CONTACT, "contact")
enum incident_person_col { COLS_ENUM(INCIDENT_PERSON_COLUMNS) PERSON_COL__MAX };

#define ADDENDUM_COLUMNS(X, LAST)                                                                  \
	X(ADDENDUM_COL_ID, "a.id")                                                                 \
	X(ADDENDUM_COL_TEXT, "a.text")                                                             \
	X(ADDENDUM_COL_SIGNED_AT, "a.signed_at")                                                   \
	X(ADDENDUM_COL_SIGNED_BY_LOGIN, "s.login")                                                 \
	X(ADDENDUM_COL_SIGNED_NAME, "a.signed_name")                                               \
	X(ADDENDUM_COL_SIGNATURE, "a.signature")                                                   \
	LAST(ADDENDUM_COL_SIGNED_TEXT, "a.signed_text")
enum addendum_col { COLS_ENUM(ADDENDUM_COLUMNS) ADDENDUM_COL__MAX };

/* An incident's files as listed, without their bytes. */
#define ATTACHMENT_COLUMNS(X, LAST)                                                                \
	X(ATTACHMENT_COL_ID, "id")                                                                 \
	X(ATTACHMENT_COL_NAME, "name")                                                             \
	X(ATTACHMENT_COL_CONTENT_TYPE, "content_type")                                             \
	X(ATTACHMENT_COL_SIZE_BYTES, "size_bytes")                                                 \
	X(ATTACHMENT_COL_ADDED_AT, "added_at")                                                     \
	LAST(ATTACHMENT_COL_SHA256, "sha256")
enum attachment_col { COLS_ENUM(ATTACHMENT_COLUMNS) ATTACHMENT_COL__MAX };

/* One file to download, with its bytes. */
#define ATTACHMENT_DATA_COLUMNS(X, LAST)                                                           \
	X(ATTACHMENT_DATA_COL_NAME, "name")                                                        \
	X(ATTACHMENT_DATA_COL_CONTENT_TYPE, "content_type")                                        \
	LAST(ATTACHMENT_DATA_COL_DATA, "data")
enum attachment_data_col { COLS_ENUM(ATTACHMENT_DATA_COLUMNS) ATTACHMENT_DATA_COL__MAX };

#define RESTRICTION_COLUMNS(X, LAST)                                                               \
	X(RESTRICTION_COL_ID, "r.id")                                                              \
	X(RESTRICTION_COL_CUSTOMER_CARD, "c.card")                                                 \
	X(RESTRICTION_COL_CUSTOMER_NAME, "c.name")                                                 \
	X(RESTRICTION_COL_BRANCH_CODE, "b.code")                                                   \
	X(RESTRICTION_COL_SCOPE, "r.scope")                                                        \
	X(RESTRICTION_COL_STARTS_AT, "r.starts_at")                                                \
	X(RESTRICTION_COL_ENDS_AT, "r.ends_at")                                                    \
	X(RESTRICTION_COL_REASON, "r.reason")                                                      \
	X(RESTRICTION_COL_INCIDENT_ID, "r.incident_id")                                            \
	PERSON_COLUMNS(X, X, RESTRICTION_COL_ISSUED_BY, "s")                                       \
	X(RESTRICTION_COL_LIFTED_AT, "r.lifted_at")                                                \
	X(RESTRICTION_COL_APPEAL_NOTE, "r.appeal_note")                                            \
	X(RESTRICTION_COL_APPEAL_OUTCOME, "r.appeal_outcome")                                      \
	X(RESTRICTION_COL_APPEALED_AT, "r.appealed_at")                                            \
	X(RESTRICTION_COL_CUSTOMER_ID, "r.customer_id")                                            \
	X(RESTRICTION_COL_BRANCH_NAME, "b.name")                                                   \
	X(RESTRICTION_COL_BRANCH_TIME_ZONE, "b.time_zone")                                         \
	LAST(RESTRICTION_COL_BRANCH_ID, "r.branch_id")
enum restriction_col { COLS_ENUM(RESTRICTION_COLUMNS) RESTRICTION_COL__MAX };

/* Before migration 18 only: the key pair as older versions kept it. */
#define LEGACY_KEY_COLUMNS(X, LAST)                                                                \
	X(LEGACY_KEY_COL_PUBLIC, "public_key")                                                     \
	LAST(LEGACY_KEY_COL_SECRET, "secret_key")
enum legacy_key_col { COLS_ENUM(LEGACY_KEY_COLUMNS) LEGACY_KEY_COL__MAX };

/* The bare facts reports count (store_report.c), as the fact structs. */
#define VISIT_FACT_COLUMNS(X, LAST)                                                                \
	X(VISIT_FACT_COL_ARRIVED_AT, "arrived_at")                                                 \
	X(VISIT_FACT_COL_ACKNOWLEDGED_AT, "acknowledged_at")                                       \
	X(VISIT_FACT_COL_STARTED_AT, "started_at")                                                 \
	X(VISIT_FACT_COL_FINISHED_AT, "finished_at")                                               \
	X(VISIT_FACT_COL_CALLBACK_PROMISED_AT, "callback_promised_at")                             \
	X(VISIT_FACT_COL_CALLBACK_DONE_AT, "callback_done_at")                                     \
	X(VISIT_FACT_COL_CHANNEL, "channel")                                                       \
	X(VISIT_FACT_COL_STATE, "state")                                                           \
	X(VISIT_FACT_COL_TOUR, "tour")                                                             \
	X(VISIT_FACT_COL_RENEWED, "renewed")                                                       \
	LAST(VISIT_FACT_COL_RENEW_REFUSED, "renew_refused")
enum visit_fact_col { COLS_ENUM(VISIT_FACT_COLUMNS) VISIT_FACT_COL__MAX };

#define REQUEST_FACT_COLUMNS(X, LAST)                                                              \
	X(REQUEST_FACT_COL_CREATED_AT, "created_at")                                               \
	X(REQUEST_FACT_COL_LEVEL, "level")                                                         \
	LAST(REQUEST_FACT_COL_OUTCOME, "outcome")
enum request_fact_col { COLS_ENUM(REQUEST_FACT_COLUMNS) REQUEST_FACT_COL__MAX };

/* Each kind of event fact is its own table and statement, in this one shape: when it happened,
 * when it was due (or how late) and when it was done; 0 where a kind has none. */
#define EVENT_FACT_COLUMNS(X, LAST, at, due, done)                                                 \
	X(EVENT_FACT_COL_AT, at) X(EVENT_FACT_COL_DUE, due) LAST(EVENT_FACT_COL_DONE, done)
#define EVENT_FACT_NONE(X, LAST) EVENT_FACT_COLUMNS(X, LAST, "", "", "")
enum event_fact_col { COLS_ENUM(EVENT_FACT_NONE) EVENT_FACT_COL__MAX };

#define DUTY_FACT_COLUMNS(X, LAST)                                                                 \
	X(DUTY_FACT_COL_ON_AT, "on_at")                                                            \
	LAST(DUTY_FACT_COL_OFF_AT, "off_at")
enum duty_fact_col { COLS_ENUM(DUTY_FACT_COLUMNS) DUTY_FACT_COL__MAX };

/* A customer's answer as reports count it: never the contact columns. */
#define ANSWER_FACT_COLUMNS(X, LAST)                                                               \
	X(ANSWER_FACT_COL_LOCAL_DAY, "local_day")                                                  \
	X(ANSWER_FACT_COL_LOCAL_HOUR, "local_hour")                                                \
	X(ANSWER_FACT_COL_CHANNEL, "channel")                                                      \
	X(ANSWER_FACT_COL_SCORE, "score")                                                          \
	LAST(ANSWER_FACT_COL_SERVED_BY, "coalesce(served_by, 0)")
enum answer_fact_col { COLS_ENUM(ANSWER_FACT_COLUMNS) ANSWER_FACT_COL__MAX };

/* A comment as the branch's manager reads it: what was said, when and how, not who said it. */
#define ANSWER_COMMENT_COLUMNS(X, LAST)                                                            \
	X(ANSWER_COMMENT_COL_LOCAL_DAY, "local_day")                                               \
	X(ANSWER_COMMENT_COL_LOCAL_HOUR, "local_hour")                                             \
	X(ANSWER_COMMENT_COL_CHANNEL, "channel")                                                   \
	X(ANSWER_COMMENT_COL_SCORE, "score")                                                       \
	LAST(ANSWER_COMMENT_COL_COMMENT, "comment")
enum answer_comment_col { COLS_ENUM(ANSWER_COMMENT_COLUMNS) ANSWER_COMMENT_COL__MAX };

#define QUEUE_GAUGE_COLUMNS(X, LAST)                                                               \
	X(GAUGE_COL_BRANCH_CODE, "b.code")                                                         \
	X(GAUGE_COL_WAITING, "count(v.id)")                                                        \
	LAST(GAUGE_COL_OLDEST_QUEUE_AT, "min(v.arrived_at)")
enum queue_gauge_col { COLS_ENUM(QUEUE_GAUGE_COLUMNS) GAUGE_COL__MAX };

/* The branch calendar: a holiday's name, a branch's changed hours, and who set either. */
#define HOLIDAY_COLUMNS(X, LAST)                                                                   \
	X(HOLIDAY_COL_DAY, "h.day")                                                                \
	X(HOLIDAY_COL_NAME, "h.name")                                                              \
	PERSON_COLUMNS(X, LAST, HOLIDAY_COL_ADDED_BY, "s")
enum holiday_col { COLS_ENUM(HOLIDAY_COLUMNS) HOLIDAY_COL__MAX };

#define BRANCH_DAY_COLUMNS(X, LAST)                                                                \
	X(BRANCH_DAY_COL_DAY, "d.day")                                                             \
	X(BRANCH_DAY_COL_OPENS_MIN, "d.opens_min")                                                 \
	X(BRANCH_DAY_COL_CLOSES_MIN, "d.closes_min")                                               \
	X(BRANCH_DAY_COL_REASON, "d.reason")                                                       \
	PERSON_COLUMNS(X, LAST, BRANCH_DAY_COL_SET_BY, "s")
enum branch_day_col { COLS_ENUM(BRANCH_DAY_COLUMNS) BRANCH_DAY_COL__MAX };

#define HANDOVER_COLUMNS(X, LAST)                                                                  \
	X(HANDOVER_COL_ID, "h.id")                                                                 \
	X(HANDOVER_COL_BRANCH_CODE, "b.code")                                                      \
	PERSON_COLUMNS(X, X, HANDOVER_COL_FROM, "f")                                               \
	X(HANDOVER_COL_NOTE, "h.note")                                                             \
	X(HANDOVER_COL_AT, "h.at")                                                                 \
	X(HANDOVER_COL_REQUESTS, "h.requests")                                                     \
	X(HANDOVER_COL_CALLBACKS, "h.callbacks")                                                   \
	LAST(HANDOVER_COL_INCIDENTS, "h.incidents")
enum handover_col { COLS_ENUM(HANDOVER_COLUMNS) HANDOVER_COL__MAX };

/* The last touch is the newest history entry that is not a reminder. */
#define REMINDER_COLUMNS(X, LAST)                                                                  \
	X(REMINDER_COL_REQUEST_ID, "r.id")                                                         \
	X(REMINDER_COL_BRANCH_ID, "r.branch_id")                                                   \
	X(REMINDER_COL_HOLDER_ID, "r.holder_id")                                                   \
	X(REMINDER_COL_LEVEL, "r.level")                                                           \
	X(REMINDER_COL_REMINDED_LEVEL, "r.reminded_level")                                         \
	X(REMINDER_COL_REMINDED_AT, "r.reminded_at")                                               \
	LAST(REMINDER_COL_LAST_TOUCH,                                                              \
	     "coalesce((SELECT max(e.at) FROM request_event e WHERE "                              \
	     "e.request_id = r.id AND e.action <> 'reminded'), r.created_at)")
enum reminder_col { COLS_ENUM(REMINDER_COLUMNS) REMINDER_COL__MAX };

#define OPEN_DUTY_COLUMNS(X, LAST)                                                                 \
	X(OPEN_DUTY_COL_STAFF_ID, "d.staff_id")                                                    \
	X(OPEN_DUTY_COL_BRANCH_ID, "d.branch_id")                                                  \
	LAST(OPEN_DUTY_COL_ON_AT, "d.on_at")
enum open_duty_col { COLS_ENUM(OPEN_DUTY_COLUMNS) OPEN_DUTY_COL__MAX };

/* Headquarters' follow-up of a report (schema 25): its review and its closing, and the zone
 * of its branch, whose days its tasks are due on. */
#define FOLLOWUP_COLUMNS(X, LAST)                                                                  \
	X(FOLLOWUP_COL_TIME_ZONE, "b.time_zone")                                                   \
	X(FOLLOWUP_COL_REVIEWED_AT, "i.reviewed_at")                                               \
	PERSON_COLUMNS(X, X, FOLLOWUP_COL_REVIEWED_BY, "rv")                                       \
	X(FOLLOWUP_COL_REVIEW_NOTE, "i.review_note")                                               \
	X(FOLLOWUP_COL_CLOSED_AT, "i.closed_at")                                                   \
	PERSON_COLUMNS(X, X, FOLLOWUP_COL_CLOSED_BY, "cl")                                         \
	LAST(FOLLOWUP_COL_CLOSE_NOTE, "i.close_note")
enum followup_col { COLS_ENUM(FOLLOWUP_COLUMNS) FOLLOWUP_COL__MAX };

/* A follow-up task, with its report's branch (and zone: its due day is a day there). */
#define TASK_COLUMNS(X, LAST)                                                                      \
	X(TASK_COL_ID, "t.id")                                                                     \
	X(TASK_COL_INCIDENT_ID, "t.incident_id")                                                   \
	X(TASK_COL_BRANCH_ID, "i.branch_id")                                                       \
	X(TASK_COL_BRANCH_CODE, "b.code")                                                          \
	X(TASK_COL_BRANCH_NAME, "b.name")                                                          \
	X(TASK_COL_TIME_ZONE, "b.time_zone")                                                       \
	X(TASK_COL_CATEGORY, "i.category")                                                         \
	X(TASK_COL_KIND, "t.kind")                                                                 \
	X(TASK_COL_DESCRIPTION, "t.description")                                                   \
	X(TASK_COL_OWNER_ID, "t.owner_id")                                                         \
	PERSON_COLUMNS(X, X, TASK_COL_OWNER, "o")                                                  \
	X(TASK_COL_DUE_ON, "t.due_on")                                                             \
	X(TASK_COL_DUE_FROM, "t.due_from")                                                         \
	PERSON_COLUMNS(X, X, TASK_COL_CREATED_BY, "c")                                             \
	X(TASK_COL_CREATED_AT, "t.created_at")                                                     \
	X(TASK_COL_DONE_AT, "t.done_at")                                                           \
	PERSON_COLUMNS(X, X, TASK_COL_DONE_BY, "d")                                                \
	LAST(TASK_COL_DONE_NOTE, "t.done_note")
enum task_col { COLS_ENUM(TASK_COLUMNS) TASK_COL__MAX };

/* A signed report nobody has reviewed yet, as Headquarters' inbox lists it. */
#define AWAITING_COLUMNS(X, LAST)                                                                  \
	X(AWAITING_COL_ID, "i.id")                                                                 \
	X(AWAITING_COL_BRANCH_CODE, "b.code")                                                      \
	X(AWAITING_COL_BRANCH_NAME, "b.name")                                                      \
	X(AWAITING_COL_CATEGORY, "i.category")                                                     \
	LAST(AWAITING_COL_SIGNED_AT, "i.signed_at")
enum awaiting_col { COLS_ENUM(AWAITING_COLUMNS) AWAITING_COL__MAX };

#endif
