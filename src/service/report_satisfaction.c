/* Satisfaction in the service report: each answer counts on the day and hour its visit arrived
 * (the answer row keeps both, in the branch's zone), and policy/figures.c judges it. */
#include "service/report.h"

#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "store/store_staff.h"

static void count_one(struct figures *f, const struct answer_fact *a)
{
	figures_answer(&f->answers, a->score);
	if ((unsigned)a->channel < FEEDBACK_CHANNEL__MAX)
		figures_answer(&f->answers_by_channel[a->channel], a->score);
}

void report_count_answers(struct service_report *r, size_t branch_index, int64_t first_day,
			  const struct answer_fact *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int y, m, d;
		if (timefmt_parse_date(a[i].local_day, &y, &m, &d) || a[i].hour < 0 ||
		    a[i].hour > 23)
			continue;
		int64_t day = timefmt_days_from_civil(y, m, d) - first_day;
		if (day < 0 || (size_t)day >= r->ndays)
			continue;
		count_one(&r->total, &a[i]);
		count_one(&r->days[day].f, &a[i]);
		count_one(&r->hours[a[i].hour], &a[i]);
		count_one(&r->branches[branch_index].f, &a[i]);
	}
}

int report_count_mine(struct svc *s, struct service_report *r, struct fd_error *err)
{
	if (!s->actor)
		return 0;
	struct answer_fact *a;
	size_t n;
	if (store_report_answers_of(s->store, s->actor->id, r->from, r->to, s->arena, &a, &n, err))
		return -1;
	r->has_mine = true;
	for (size_t i = 0; i < n; i++)
		figures_answer(&r->mine, a[i].score);
	return 0;
}

/* By name, and the visits nobody was recorded serving last. */
static int by_name(const void *x, const void *y)
{
	const struct report_person *a = x, *b = y;
	if (!a->staff_id || !b->staff_id)
		return (a->staff_id == 0) - (b->staff_id == 0);
	return strcmp(a->name, b->name);
}

/* The person's slot in r->people, added the first time they are met. */
static struct report_person *person(struct service_report *r, size_t cap, int64_t staff_id)
{
	for (size_t i = 0; i < r->npeople; i++)
		if (r->people[i].staff_id == staff_id)
			return &r->people[i];
	if (r->npeople == cap)
		return NULL;
	r->people[r->npeople] = (struct report_person){.staff_id = staff_id};
	return &r->people[r->npeople++];
}

int report_people(struct svc *s, struct service_report *r, const struct branch *b,
		  struct fd_error *err)
{
	struct fd_error refused = {0};
	if (svc_may_at(s, ACTION_REPORT_PEOPLE, b->id, &refused))
		return 0;
	struct answer_fact *a;
	size_t n;
	if (store_report_answers(s->store, (struct branch_set){&b->id, 1}, r->from, r->to, s->arena,
				 &a, &n, err) ||
	    store_report_comments(s->store, b->id, r->from, r->to, REPORT_MAX_COMMENTS, s->arena,
				  &r->comments, &r->ncomments, err))
		return -1;
	r->people_shown = true;
	r->people = arena_alloc(s->arena, (n ? n : 1) * sizeof *r->people);
	for (size_t i = 0; i < n; i++)
		figures_answer(&person(r, n, a[i].served_by)->answers, a[i].score);
	for (size_t i = 0; i < r->npeople; i++) {
		struct report_person *p = &r->people[i];
		struct staff st;
		p->name = "Nobody recorded";
		if (p->staff_id &&
		    store_staff_get_by_id(s->store, p->staff_id, s->arena, &st, err) == 0)
			p->name = st.name;
		else if (p->staff_id)
			return -1;
	}
	qsort(r->people, r->npeople, sizeof *r->people, by_name);
	return 0;
}
