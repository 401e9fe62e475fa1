/* The policy in figures (CS-QUICK, CS-ACK, CS-INPERSON, CS-INCIDENT, CS-HOURS): what one visit,
 * callback, incident or day's closing counts as in the service report, and the wait
 * statistics. Pure functions. */
#ifndef POLICY_FIGURES_H
#define POLICY_FIGURES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vocab.h"
#include "policy/calendar.h"

/* The policy's targets, drawn on the charts: every promised callback is kept (CS-INPERSON)
 * and every incident report is sent the same day (CS-INCIDENT). */
#define FIGURES_CALLBACKS_KEPT_TARGET_PCT 100.0
#define FIGURES_SAME_DAY_TARGET_PCT 100.0

/* The first moment staff turned to a waiting customer: the acknowledgement, or the start of
 * service when it came first (serving a customer acknowledges them). 0: never. */
int64_t figures_first_contact(int64_t acknowledged_at, int64_t started_at);

/* The clocks below run only while the branch is open: spans[0..n) are its open times, as
 * the desk's own clocks count them (policy/calendar.h). */

/* CS-ACK: acknowledged within the branch's target of open time (contact_at 0: never). */
bool figures_ack_met(const struct open_span *spans, size_t n, int64_t arrived_at,
		     int64_t contact_at, int target_s);

/* A visit as CS-ACK judges it: when it arrived, was first contacted (figures_first_contact;
 * 0: never) and ended (its finished_at: served, left the line or removed; 0: not yet). */
struct ack_visit {
	int64_t arrived_at, contact_at, ended_at;
	enum visit_state state;
};
/* CS-ACK for one visit: met or missed by when it was first contacted. A customer never
 * contacted who gave up (left the line, or the desk removed the ticket) after waiting longer
 * than the target is a miss too, or the figure would leave out those who waited longest; one
 * who went sooner, or is still waiting, is not counted. */
enum ack_result { ACK_NOT_COUNTED, ACK_MET, ACK_MISSED };
enum ack_result figures_ack(const struct open_span *spans, size_t n, const struct ack_visit *v,
			    int target_s);

/* CS-INPERSON: a promised callback is kept when made before the branch has been open past the
 * promised time, late when made after that or still not made once it has, and not yet judged
 * before then. */
enum callback_result { CALLBACK_NONE, CALLBACK_PENDING, CALLBACK_KEPT, CALLBACK_LATE };
enum callback_result figures_callback(const struct open_span *spans, size_t n, int64_t promised_at,
				      int64_t done_at, int64_t now);

/* CS-INCIDENT: the report counts once its day is over or it is signed; it was on time when
 * signed by the end of the day it happened. */
enum incident_result { INCIDENT_PENDING, INCIDENT_SAME_DAY, INCIDENT_LATE };
enum incident_result figures_incident(int64_t due_at, int64_t signed_at, int64_t now);

/* A shift at the branch, as the duty table has it: [on_at, off_at); off_at 0 while still on. */
struct duty_span {
	int64_t on_at, off_at;
};

/* CS-HOURS, "full service should be available until the hour the library closes": one day the
 * branch was open (open: when that day's hours open and close, calendar_day_span), judged once
 * its closing time has come, from every shift there that overlaps it.
 *   CLOSING_EARLY:     someone was on duty in its open hours and nobody was at closing time;
 *                      *left_at is when the last of them clocked off.
 *   CLOSING_ON_TIME:   someone was on duty until closing time or later (a shift ended at
 *                      closing time, as one left open is ended, or still open).
 *   CLOSING_UNSTAFFED: nobody was on duty in its open hours: not an early closing.
 *   CLOSING_PENDING:   closing time has not come yet.  CLOSING_NONE: closed all day. */
enum closing_result {
	CLOSING_NONE,
	CLOSING_PENDING,
	CLOSING_ON_TIME,
	CLOSING_EARLY,
	CLOSING_UNSTAFFED,
};
enum closing_result figures_closing(struct open_span open, const struct duty_span *duty, size_t n,
				    int64_t now, int64_t *left_at);

/* Satisfaction: how customers answered "How was your visit today?" (1 very poor … 5 very
 * good). An answer of 4 or 5 counts as satisfied; the share is of the answers given, and a
 * share is never shown without its count (3 answers are not a percentage of anything). */
#define FIGURES_SATISFIED_MIN_SCORE 4
struct satisfaction {
	int64_t answers, satisfied, score_sum;
};
/* Counts one answer; a score outside 1..5 is no answer and is not counted. */
void figures_answer(struct satisfaction *s, int score);
/* The share of answers 4 or 5 in percent, to one decimal; -1 with no answers. */
double figures_satisfied_pct(const struct satisfaction *s);
/* The mean score, to one decimal; -1 with no answers. */
double figures_mean_score(const struct satisfaction *s);

/* part of whole in percent, to one decimal; -1 when whole is 0 (nothing to judge). */
double figures_pct(int64_t part, int64_t whole);

/* Waits grouped by bucket (v is left as it was): writes each bucket's median and 90th percentile (nearest rank: the smallest wait with at least that share of
 * waits at or below it) into median[b] and p90[b]; -1 for a bucket with no waits. */
struct bucket_wait {
	uint32_t bucket;
	int64_t seconds;
};
void figures_percentiles(struct bucket_wait *v, size_t n, size_t nbuckets, int64_t *median,
			 int64_t *p90);

#endif
