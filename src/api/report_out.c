/* The service report as JSON and CSV: the same figures under the same names in both. */
#include "api/report_out.h"

#include "base/csv.h"
#include "policy/figures.h"

static json_t *maybe(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static json_t *seconds(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *wait_json(const struct wait_stat *w)
{
	return json_pack("{s:o, s:o}", "median", seconds(w->median), "p90", seconds(w->p90));
}

/* Answers, the share of 4-5 and the mean: a share always beside its count, null with none. */
static json_t *answers_json(const struct satisfaction *a)
{
	return json_pack("{s:I, s:I, s:o, s:o}", "answers", (json_int_t)a->answers, "satisfied",
			 (json_int_t)a->satisfied, "satisfied_pct", maybe(figures_satisfied_pct(a)),
			 "mean_score", maybe(figures_mean_score(a)));
}

static json_t *satisfaction_json(const struct figures *f)
{
	json_t *j = answers_json(&f->answers), *by_channel = json_object();
	for (int c = 0; c < FEEDBACK_CHANNEL__MAX; c++)
		json_object_set_new(by_channel, feedback_channel_name((enum feedback_channel)c),
				    answers_json(&f->answers_by_channel[c]));
	json_object_set_new(j, "by_channel", by_channel);
	return j;
}

static json_t *figures_json(const struct figures *f, bool queue_only)
{
	json_t *by_channel = json_object();
	for (int c = 0; c < CHANNEL__MAX; c++)
		json_object_set_new(by_channel, channel_name((enum channel)c),
				    json_integer(f->served_by_channel[c]));
	json_t *j = json_pack(
		"{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I}", "served", (json_int_t)f->served,
		"served_by_channel", by_channel, "wait_to_ack_s", wait_json(&f->wait_to_ack),
		"wait_to_service_s", wait_json(&f->wait_to_service), "ack_target_met_pct",
		maybe(figures_pct(f->ack_met, f->ack_counted)), "callbacks_kept_pct",
		maybe(figures_pct(f->callbacks_kept, f->callbacks_judged)), "roving_helps",
		(json_int_t)f->roving_helps, "tours", (json_int_t)f->tours_given, "tours_offered",
		(json_int_t)f->tours_offered);
	json_object_set_new(j, "satisfaction", satisfaction_json(f));
	json_object_set_new(j, "renewals",
			    json_pack("{s:I, s:I}", "renewed", (json_int_t)f->items_renewed,
				      "refused", (json_int_t)f->items_refused));
	if (queue_only)
		return j;
	json_t *outcome = json_object(), *level = json_object();
	for (int o = 0; o < OUTCOME__MAX; o++)
		json_object_set_new(outcome,
				    o ? request_outcome_name((enum request_outcome)o) : "open",
				    json_integer(f->requests_by_outcome[o]));
	for (int l = 0; l < LEVEL__MAX; l++)
		json_object_set_new(level, request_level_name((enum request_level)l),
				    json_integer(f->requests_by_level[l]));
	json_object_set_new(j, "requests_by_outcome", outcome);
	json_object_set_new(j, "requests_by_level", level);
	json_object_set_new(j, "complaints", json_integer(f->complaints));
	json_object_set_new(j, "fetches", json_integer(f->fetches));
	json_object_set_new(j, "fetches_answered", json_integer(f->fetches_answered));
	json_object_set_new(j, "incidents", json_integer(f->incidents));
	json_object_set_new(j, "incidents_same_day_pct",
			    maybe(figures_pct(f->incidents_same_day, f->incidents_judged)));
	json_object_set_new(j, "late_openings", json_integer(f->late_openings));
	json_object_set_new(j, "early_closings", json_integer(f->early_closings));
	json_object_set_new(j, "early_closing_minutes", json_integer(f->early_closing_min));
	return j;
}

/* A branch's people (report.people only) and its latest comments, never their writers. */
static void people_json(json_t *j, const struct service_report *r)
{
	json_t *people = json_array(), *comments = json_array();
	for (size_t i = 0; i < r->npeople; i++) {
		const struct report_person *p = &r->people[i];
		json_t *o = answers_json(&p->answers);
		json_object_set_new(o, "staff_id",
				    p->staff_id ? json_integer(p->staff_id) : json_null());
		json_object_set_new(o, "name", p->staff_id ? json_string(p->name) : json_null());
		json_array_append_new(people, o);
	}
	for (size_t i = 0; i < r->ncomments; i++) {
		const struct answer_comment *c = &r->comments[i];
		json_array_append_new(comments,
				      json_pack("{s:s, s:i, s:s, s:i, s:s}", "day", c->local_day,
						"hour", c->hour, "channel",
						feedback_channel_name(c->channel), "score",
						c->score, "comment", c->comment));
	}
	json_object_set_new(j, "people", people);
	json_object_set_new(j, "comments", comments);
}

json_t *report_json(const struct service_report *r)
{
	json_t *j = figures_json(&r->total, r->queue_only);
	json_t *days = json_array(), *hours = json_array(), *branches = json_array();
	for (size_t d = 0; d < r->ndays; d++) {
		json_t *day = figures_json(&r->days[d].f, r->queue_only);
		json_object_set_new(day, "day", json_string(r->days[d].day));
		json_array_append_new(days, day);
	}
	for (int h = 0; h < 24; h++) {
		json_t *hour = figures_json(&r->hours[h], r->queue_only);
		json_object_set_new(hour, "hour", json_integer(h));
		json_array_append_new(hours, hour);
	}
	for (size_t b = 0; b < r->nbranches; b++) {
		json_t *branch = figures_json(&r->branches[b].f, r->queue_only);
		json_object_set_new(branch, "code", json_string(r->branches[b].code));
		json_object_set_new(branch, "name", json_string(r->branches[b].name));
		json_array_append_new(branches, branch);
	}
	json_object_set_new(j, "branch", r->branch ? json_string(r->branch) : json_null());
	json_object_set_new(j, "from", json_string(r->from));
	json_object_set_new(j, "to", json_string(r->to));
	json_object_set_new(j, "scope", json_string(r->queue_only ? "queue" : "full"));
	json_object_set_new(j, "days", days);
	json_object_set_new(j, "hours", hours);
	json_object_set_new(j, "branches", branches);
	if (r->has_mine)
		json_object_set_new(j, "mine", answers_json(&r->mine));
	if (r->people_shown)
		people_json(j, r);
	return j;
}

static const char *const queue_columns[] = {
	"day",
	"served",
	"served_in_person",
	"served_phone",
	"wait_to_ack_median_s",
	"wait_to_ack_p90_s",
	"wait_to_service_median_s",
	"wait_to_service_p90_s",
	"ack_target_met_pct",
	"callbacks_kept_pct",
	"roving_helps",
	"tours",
	"tours_offered",
	"answers",
	"satisfied",
	"satisfied_pct",
	"mean_score",
	"items_renewed",
	"items_refused",
};
static const char *const full_columns[] = {
	"requests_open",
	"requests_fulfilled",
	"requests_alternative_accepted",
	"requests_not_fulfilled",
	"requests_customer_declined",
	"requests_customer_left",
	"requests_at_desk",
	"requests_at_branch",
	"requests_at_headquarters",
	"complaints",
	"fetches",
	"fetches_answered",
	"incidents",
	"incidents_same_day_pct",
	"late_openings",
	"early_closings",
	"early_closing_minutes",
};

_Static_assert(OUTCOME__MAX == 6 && LEVEL__MAX == 3, "full_columns names each outcome and level");

static void csv_seconds(struct csv *c, int64_t v)
{
	if (v < 0)
		csv_text(c, "");
	else
		csv_int(c, v);
}

static void figures_row(struct csv *c, const char *day, const struct figures *f, bool queue_only)
{
	csv_text(c, day);
	csv_int(c, f->served);
	csv_int(c, f->served_by_channel[CHANNEL_IN_PERSON]);
	csv_int(c, f->served_by_channel[CHANNEL_PHONE]);
	csv_seconds(c, f->wait_to_ack.median);
	csv_seconds(c, f->wait_to_ack.p90);
	csv_seconds(c, f->wait_to_service.median);
	csv_seconds(c, f->wait_to_service.p90);
	csv_figure(c, figures_pct(f->ack_met, f->ack_counted));
	csv_figure(c, figures_pct(f->callbacks_kept, f->callbacks_judged));
	csv_int(c, f->roving_helps);
	csv_int(c, f->tours_given);
	csv_int(c, f->tours_offered);
	csv_int(c, f->answers.answers);
	csv_int(c, f->answers.satisfied);
	csv_figure(c, figures_satisfied_pct(&f->answers));
	csv_figure(c, figures_mean_score(&f->answers));
	csv_int(c, f->items_renewed);
	csv_int(c, f->items_refused);
	if (!queue_only) {
		for (int o = 0; o < OUTCOME__MAX; o++)
			csv_int(c, f->requests_by_outcome[o]);
		for (int l = 0; l < LEVEL__MAX; l++)
			csv_int(c, f->requests_by_level[l]);
		csv_int(c, f->complaints);
		csv_int(c, f->fetches);
		csv_int(c, f->fetches_answered);
		csv_int(c, f->incidents);
		csv_figure(c, figures_pct(f->incidents_same_day, f->incidents_judged));
		csv_int(c, f->late_openings);
		csv_int(c, f->early_closings);
		csv_int(c, f->early_closing_min);
	}
	csv_end_row(c);
}

void report_csv(const struct service_report *r, struct buf *out)
{
	struct csv c = {.out = out};
	for (size_t i = 0; i < sizeof queue_columns / sizeof queue_columns[0]; i++)
		csv_text(&c, queue_columns[i]);
	for (size_t i = 0; !r->queue_only && i < sizeof full_columns / sizeof full_columns[0]; i++)
		csv_text(&c, full_columns[i]);
	csv_end_row(&c);
	for (size_t d = 0; d < r->ndays; d++)
		figures_row(&c, r->days[d].day, &r->days[d].f, r->queue_only);
}
