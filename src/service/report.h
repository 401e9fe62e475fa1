/* The service report: how well a branch (or every branch) followed the policy over a range of
 * days, counted in each branch's time zone, in total, by day, by hour of day and by branch.
 * And the live gauges /metrics shows. */
#ifndef SERVICE_REPORT_H
#define SERVICE_REPORT_H
#include <stddef.h>

#include "policy/figures.h"
#include "service/svc.h"
#include "store/store_report.h"

#define REPORT_MAX_DAYS 731    /* two years in one report */
#define REPORT_MAX_COMMENTS 20 /* the latest comments a manager reads on the report */

struct wait_stat {
	int64_t median, p90; /* seconds; -1 when nothing was waited for */
};

struct figures {
	int64_t served, served_by_channel[CHANNEL__MAX];
	struct wait_stat wait_to_ack, wait_to_service;
	int64_t ack_counted, ack_met;		  /* CS-ACK, in-person visits */
	int64_t callbacks_judged, callbacks_kept; /* CS-INPERSON, promised callbacks now due */
	int64_t requests_by_outcome[OUTCOME__MAX], requests_by_level[LEVEL__MAX];
	int64_t complaints;
	int64_t fetches, fetches_answered; /* CS-DIFFICULT: calls for the person in charge */
	int64_t incidents, incidents_judged, incidents_same_day; /* CS-INCIDENT */
	int64_t late_openings, roving_helps;
	/* CS-HOURS: days the last person on duty left before closing time, and the minutes
	 * before closing they left, each day's rounded up to a whole minute. */
	int64_t early_closings, early_closing_min;
	int64_t tours_offered, tours_given; /* CS-NEWCUST: offered counts every outcome */
	/* Renewal calls (CS-INPERSON): the items renewed and refused for callers, counts only. */
	int64_t items_renewed, items_refused;
	/* "How was your visit today?": the answers about visits that arrived in the bucket, and
	 * by where they were given. */
	struct satisfaction answers, answers_by_channel[FEEDBACK_CHANNEL__MAX];
};

/* One person's answers at the branch (report.people), by whoever served the visit. */
struct report_person {
	int64_t staff_id; /* 0: visits nobody was recorded serving */
	const char *name;
	struct satisfaction answers;
};

struct report_day {
	char day[11]; /* YYYY-MM-DD */
	struct figures f;
};

struct report_branch {
	const char *code, *name;
	struct figures f;
};

struct service_report {
	const char *branch; /* NULL: every branch */
	char from[11], to[11];
	bool queue_only; /* desk staff see the queue figures, not requests, complaints, incidents */
	struct figures total;
	struct report_day *days;
	size_t ndays;
	struct figures hours[24]; /* by local hour of day */
	struct report_branch *branches;
	size_t nbranches;
	/* The actor's own answers over the range, wherever they served (has_mine: the actor
	 * is a person, not the command line). */
	bool has_mine;
	struct satisfaction mine;
	/* One branch's people and its latest comments, for those who may see them
	 * (report.people): people_shown false for everyone else. */
	bool people_shown;
	struct report_person *people;
	size_t npeople;
	struct answer_comment *comments;
	size_t ncomments;
};

/* branch NULL or "": every branch (Headquarters only), else the actor's own branch unless
 * they are HQ. from and to are days YYYY-MM-DD, both included; to defaults to today and from
 * to six days before to. */
int report_service(struct svc *s, const char *branch, const char *from, const char *to,
		   struct service_report *out, struct fd_error *err);

/* Satisfaction's part of the counting (report_satisfaction.c), called by report_service:
 * branch branch_index's answers (a, n of them) into the total, day, hour and branch figures (the report's
 * days begin at civil day first_day); the actor's own answers over the report's days (none
 * for the command line); one branch's people and latest comments when the actor may see
 * them (report.people), and for anyone else neither, and no error. */
void report_count_answers(struct service_report *r, size_t branch_index, int64_t first_day,
			  const struct answer_fact *a, size_t n);
int report_count_mine(struct svc *s, struct service_report *r, struct fd_error *err);
int report_people(struct svc *s, struct service_report *r, const struct branch *b,
		  struct fd_error *err);

struct gauges {
	struct queue_gauge *queues;
	size_t nqueues;
	struct store_gauges store;
};

/* For /metrics: no actor, no audit; counts only, never names. */
int report_gauges(struct svc *s, struct gauges *out, struct fd_error *err);

#endif
