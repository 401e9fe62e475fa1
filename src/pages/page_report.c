/* Dashboards: a branch's figures and charts for its manager (its queue figures for desk
 * staff), and Headquarters comparing every branch. One report per page, drawn on the server. */
#include <stdio.h>

#include "policy/figures.h"
#include "base/timefmt.h"
#include "policy/hours.h"
#include "service/report.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/report_satisfaction.h"
#include "pages/svg.h"

/* A percentage for a tile or a table cell; with nothing to count, words that cannot be
 * taken for 0 % ("none due"). */
static const char *pct_text(struct request *r, double v, const char *none)
{
	return v < 0 ? none : arena_printf(&r->arena, "%.1f%%", v);
}

/* A median wait; a median of nobody is not a number. */
static const char *wait_text(struct request *r, int64_t s)
{
	if (s < 0)
		return "no one yet";
	return page_duration(r, s);
}

/* CS-ACK counts every walk-in greeted, served yet or still waiting: the tile's label says of
 * how many ("0 of 2 walk-ins…") lest its share seem to contradict "0 served". */
static const char *ack_label(struct request *r, const struct figures *f)
{
	if (!f->ack_counted)
		return "walk-ins acknowledged within target (CS-ACK)";
	return arena_printf(&r->arena, "%lld of %lld walk-ins acknowledged within target (CS-ACK)",
			    (long long)f->ack_met, (long long)f->ack_counted);
}

/* CS-HOURS: how many days closed early, and how many minutes before closing in all. */
static const char *closed_early_text(struct request *r, const struct figures *f)
{
	if (!f->early_closings)
		return "0";
	return arena_printf(&r->arena, "%lld (%s)", (long long)f->early_closings,
			    page_duration(r, f->early_closing_min * 60));
}

/* A figure, and beside it the same figure over the period before, when there is one. */
static void tile(struct request *r, const char *label, const char *value, const char *before)
{
	html_printf(&r->out,
		    "<div class=\"tile\"><span class=\"value\">%s</span>"
		    "<span class=\"label\">%s</span>",
		    value, label);
	if (before)
		html_printf(&r->out, "<span class=\"before\">Period before: %s</span>", before);
	html_printf(&r->out, "</div>");
}

/* A renewal call's counts: "14 items renewed, 3 refused". */
static const char *renewals_text(struct request *r, const struct figures *f)
{
	return arena_printf(&r->arena, "%s, %lld refused",
			    page_count(r, f->items_renewed, "item renewed", "items renewed"),
			    (long long)f->items_refused);
}

static void tiles(struct request *r, const struct service_report *rep,
		  const struct service_report *prev)
{
	const struct figures *f = &rep->total, *p = prev ? &prev->total : NULL;
	html_printf(&r->out, "<section class=\"tiles\" aria-label=\"Figures\">");
	tile(r, "customers served", arena_printf(&r->arena, "%lld", (long long)f->served),
	     p ? arena_printf(&r->arena, "%lld", (long long)p->served) : NULL);
	tile(r, "median wait of those served", wait_text(r, f->wait_to_service.median),
	     p ? wait_text(r, p->wait_to_service.median) : NULL);
	tile(r, ack_label(r, f),
	     pct_text(r, figures_pct(f->ack_met, f->ack_counted), "nobody waited"),
	     p ? pct_text(r, figures_pct(p->ack_met, p->ack_counted), "nobody waited") : NULL);
	tile(r, "callbacks kept on time (CS-INPERSON)",
	     pct_text(r, figures_pct(f->callbacks_kept, f->callbacks_judged), "none due"),
	     p ? pct_text(r, figures_pct(p->callbacks_kept, p->callbacks_judged), "none due")
	       : NULL);
	tile(r, satisfied_label(r, "customers", &f->answers), satisfied_share(r, &f->answers),
	     p ? satisfied_text(r, &p->answers) : NULL);
	if (rep->has_mine && !role_is_headquarters(r->actor.role))
		tile(r, satisfied_label(r, "your own customers", &rep->mine),
		     satisfied_share(r, &rep->mine),
		     prev && prev->has_mine ? satisfied_text(r, &prev->mine) : NULL);
	tile(r, "roving helps (CS-ROVE)",
	     arena_printf(&r->arena, "%lld", (long long)f->roving_helps), NULL);
	tile(r, "tours given (CS-NEWCUST)",
	     arena_printf(&r->arena, "%lld", (long long)f->tours_given), NULL);
	tile(r, "renewals by phone (CS-INPERSON)", renewals_text(r, f),
	     p ? renewals_text(r, p) : NULL);
	if (!rep->queue_only) {
		tile(r, "requests still open",
		     arena_printf(&r->arena, "%lld",
				  (long long)f->requests_by_outcome[OUTCOME_NONE]),
		     NULL);
		tile(r, "complaints", arena_printf(&r->arena, "%lld", (long long)f->complaints),
		     p ? arena_printf(&r->arena, "%lld", (long long)p->complaints) : NULL);
		tile(r, "times the person in charge was fetched (CS-DIFFICULT)",
		     arena_printf(&r->arena, "%lld (%lld answered)", (long long)f->fetches,
				  (long long)f->fetches_answered),
		     NULL);
		tile(r, "incident reports sent the same day (CS-INCIDENT)",
		     pct_text(r, figures_pct(f->incidents_same_day, f->incidents_judged),
			      "no incidents"),
		     p ? pct_text(r, figures_pct(p->incidents_same_day, p->incidents_judged),
				  "no incidents")
		       : NULL);
		tile(r, "opened late (CS-HOURS)",
		     arena_printf(&r->arena, "%lld", (long long)f->late_openings), NULL);
		tile(r, "closed early (CS-HOURS)", closed_early_text(r, f), NULL);
	}
	html_printf(&r->out, "</section>");
}

/* The period of the same length just before rep's, for comparison; NULL when it cannot be
 * read (the error is the current period's to show, not this one's). */
static const struct service_report *previous(struct request *r, const char *branch,
					     const struct service_report *rep)
{
	int y, m, d;
	if (timefmt_parse_date(rep->from, &y, &m, &d))
		return NULL;
	int64_t from = timefmt_days_from_civil(y, m, d);
	if (timefmt_parse_date(rep->to, &y, &m, &d))
		return NULL;
	int64_t len = timefmt_days_from_civil(y, m, d) - from + 1;
	char pfrom[11], pto[11];
	timefmt_date(from - len, pfrom);
	timefmt_date(from - 1, pto);
	struct service_report *prev = arena_alloc(&r->arena, sizeof *prev);
	struct fd_error err = {0};
	return report_service(&r->svc, branch, pfrom, pto, prev, &err) ? NULL : prev;
}

/* Requests by how they closed (CS-ALT), in words; the open ones first. */
static void outcome_table(struct request *r, const struct service_report *rep)
{
	if (rep->queue_only)
		return;
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"by-outcome\"><h2 "
			     "id=\"by-outcome\">Requests by outcome</h2><table id=\"outcomes\">"
			     "<thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">Requests"
			     "</th></tr></thead><tbody>");
	for (int o = 0; o < OUTCOME__MAX; o++)
		html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%lld</td></tr>",
			    request_outcome_label((enum request_outcome)o),
			    (long long)rep->total.requests_by_outcome[o]);
	html_printf(&r->out, "</tbody></table></section>");
}

static void range_form(struct request *r, const char *action, const struct service_report *rep)
{
	html_printf(&r->out,
		    "<form method=\"get\" action=\"%s\" class=\"range\"><label>From <input "
		    "type=\"date\" name=\"from\" value=\"%s\"></label><label>To <input "
		    "type=\"date\" name=\"to\" value=\"%s\"></label><button "
		    "type=\"submit\">Show</button> <a class=\"button\" href=\"/api/v1/reports/"
		    "service.csv?branch=%s&amp;from=%s&amp;to=%s\">Download CSV</a></form>",
		    action, rep->from, rep->to,
		    html_url_part(&r->arena, rep->branch ? rep->branch : ""),
		    html_url_part(&r->arena, rep->from), html_url_part(&r->arena, rep->to));
}

static double *values(struct request *r, size_t n)
{
	return arena_alloc(&r->arena, (n ? n : 1) * sizeof(double));
}

/* How many days apart a day chart writes its days ("Mon, Nov 23"), so they do not overlap. */
static size_t chart_day_every(size_t ndays)
{
	return ndays > 14 ? 7 : ndays > 4 ? 2 : 1;
}

/* Visits per day by channel, stacked. */
static void chart_days(struct request *r, const struct service_report *rep)
{
	const char **days = arena_alloc(&r->arena, rep->ndays * sizeof *days);
	double *walk_in = values(r, rep->ndays), *phone = values(r, rep->ndays);
	for (size_t d = 0; d < rep->ndays; d++) {
		days[d] = page_day(r, rep->days[d].day);
		walk_in[d] = (double)rep->days[d].f.served_by_channel[CHANNEL_IN_PERSON];
		phone[d] = (double)rep->days[d].f.served_by_channel[CHANNEL_PHONE];
	}
	struct svg_series s[] = {{"in_person", "In person", walk_in, FILL_BLACK},
				 {"phone", "Phone", phone, FILL_HATCH}};
	struct svg_chart c = {.id = "visits-per-day",
			      .title = "Customers served per day, by channel",
			      .unit = "served",
			      .categories = days,
			      .n = rep->ndays,
			      .label_every = chart_day_every(rep->ndays),
			      .stacked = true};
	html_printf(&r->out, "<figure class=\"card\"><h2>Customers served per day</h2>");
	svg_bars(&r->out, &c, s, 2);
	html_printf(&r->out, "</figure>");
}

/* Waits to service by hour of day: the median and the 90th percentile, in minutes, over the
 * hours that had visits (a day's opening hours at least). */
static void chart_hours(struct request *r, const struct service_report *rep)
{
	int first = 9, last = 17;
	for (int h = 0; h < 24; h++)
		if (rep->hours[h].wait_to_service.median >= 0) {
			first = h < first ? h : first;
			last = h > last ? h : last;
		}
	size_t n = (size_t)(last - first + 1);
	const char **hours = arena_alloc(&r->arena, n * sizeof *hours);
	double *median = values(r, n), *p90 = values(r, n);
	for (size_t i = 0; i < n; i++) {
		const struct figures *f = &rep->hours[first + (int)i];
		char clock[HOURS_CLOCK_LEN]; /* the pages' one clock: "9 am" */
		hours_time_label((first + (int)i) * 60, clock);
		hours[i] = arena_printf(&r->arena, "%s", clock);
		median[i] = f->wait_to_service.median < 0 ? -1 : f->wait_to_service.median / 60.0;
		p90[i] = f->wait_to_service.p90 < 0 ? -1 : f->wait_to_service.p90 / 60.0;
	}
	struct svg_series s[] = {{"median", "Median wait", median, FILL_BLACK},
				 {"p90", "90th percentile", p90, FILL_HATCH}};
	struct svg_chart c = {.id = "waits-by-hour",
			      .title = "Wait to service by hour of day, in minutes",
			      .unit = "min",
			      .categories = hours,
			      .n = n,
			      .label_every = n > 12 ? 2 : 1};
	html_printf(&r->out, "<figure class=\"card\"><h2>Wait to service by hour of day</h2>");
	svg_bars(&r->out, &c, s, 2);
	html_printf(&r->out, "</figure>");
}

/* A percentage per branch (HQ) or per day (a branch), as horizontal or vertical bars. */
static void chart_pct(struct request *r, const struct service_report *rep, const char *id,
		      const char *title, bool incidents)
{
	bool by_branch = rep->branch == NULL;
	size_t n = by_branch ? rep->nbranches : rep->ndays;
	const char **names = arena_alloc(&r->arena, (n ? n : 1) * sizeof *names);
	double *v = values(r, n);
	for (size_t i = 0; i < n; i++) {
		const struct figures *f = by_branch ? &rep->branches[i].f : &rep->days[i].f;
		names[i] = by_branch ? rep->branches[i].name : page_day(r, rep->days[i].day);
		v[i] = incidents ? figures_pct(f->incidents_same_day, f->incidents_judged)
				 : figures_pct(f->callbacks_kept, f->callbacks_judged);
	}
	struct svg_series s = {incidents ? "same_day" : "kept",
			       incidents ? "Sent the same day" : "Kept on time", v,
			       incidents ? FILL_GREY : FILL_HATCH};
	struct svg_chart c = {.id = id,
			      .title = title,
			      .unit = "%",
			      .categories = names,
			      .n = n,
			      .label_every = by_branch ? 1 : chart_day_every(n),
			      .max = 100,
			      .target = incidents ? FIGURES_SAME_DAY_TARGET_PCT
						  : FIGURES_CALLBACKS_KEPT_TARGET_PCT,
			      .target_label = "Target: every one",
			      .none_label = incidents ? "no incidents" : "no callbacks due"};
	html_printf(&r->out, "<figure class=\"card\"><h2>%s</h2>", title);
	if (by_branch)
		svg_hbars(&r->out, &c, &s);
	else
		svg_bars(&r->out, &c, &s, 1);
	html_printf(&r->out, "</figure>");
}

/* by_day: the day-by-day table, which has room for satisfaction; the branches' table, with
 * their long names, shows it in its own table (satisfaction_sections). */
static void figures_cells(struct request *r, const struct figures *f, bool queue_only, bool by_day)
{
	html_printf(&r->out,
		    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%s</td><td>%s</td><td>%s</td>",
		    (long long)f->served, (long long)f->served_by_channel[CHANNEL_IN_PERSON],
		    (long long)f->served_by_channel[CHANNEL_PHONE],
		    wait_text(r, f->wait_to_service.median),
		    pct_text(r, figures_pct(f->ack_met, f->ack_counted), "nobody waited"),
		    pct_text(r, figures_pct(f->callbacks_kept, f->callbacks_judged), "none due"));
	/* By day only: the branches side by side already fill a 1024 px screen, and their
	 * renewals are on the tile above. "14 of 17" items the callers asked to renew. */
	if (by_day && f->items_renewed + f->items_refused)
		html_printf(&r->out, "<td>%lld of %lld</td>", (long long)f->items_renewed,
			    (long long)(f->items_renewed + f->items_refused));
	else if (by_day)
		html_printf(&r->out, "<td>none asked</td>");
	if (by_day)
		html_printf(&r->out, "<td>%s</td>", satisfied_cell(r, &f->answers));
	if (!queue_only)
		html_printf(&r->out,
			    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%s</td><td>%lld</td>"
			    "<td>%lld",
			    (long long)(f->requests_by_outcome[OUTCOME_NONE]),
			    (long long)f->complaints, (long long)f->incidents,
			    pct_text(r, figures_pct(f->incidents_same_day, f->incidents_judged),
				     "none"),
			    (long long)f->late_openings, (long long)f->early_closings);
	/* The minutes under the count: "1 (1 h 37 min)" on one line pushed the table past
	 * a 1024 px screen. */
	if (!queue_only && f->early_closings)
		html_printf(&r->out, " <small>(%s)</small>",
			    page_duration(r, f->early_closing_min * 60));
	if (!queue_only)
		html_printf(&r->out, "</td>");
}

static void table_head(struct request *r, const char *first, bool queue_only, bool by_day)
{
	html_printf(&r->out,
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">Served</th><th "
		    "scope=\"col\">In person</th><th scope=\"col\">Phone</th><th "
		    "scope=\"col\">Median wait</th><th scope=\"col\">On time</th>"
		    "<th scope=\"col\">Callbacks kept</th>",
		    first);
	if (by_day)
		html_printf(&r->out, "<th scope=\"col\">Renewed by phone</th><th "
				     "scope=\"col\">Satisfied, of answers</th>");
	if (!queue_only)
		html_printf(&r->out, "<th scope=\"col\">Open requests</th><th "
				     "scope=\"col\">Complaints</th><th scope=\"col\">Incidents</th>"
				     "<th scope=\"col\">Same day</th><th scope=\"col\">Opened "
				     "late</th><th scope=\"col\">Closed early</th>");
	html_printf(&r->out, "</tr></thead>");
}

static int load(struct request *r, const char *branch, struct service_report *rep)
{
	struct fd_error err = {0};
	if (report_service(&r->svc, branch, req_query(r, "from"), req_query(r, "to"), rep, &err)) {
		page_error(r, &err);
		return -1;
	}
	return 0;
}

void page_report_branch(struct request *r)
{
	struct service_report rep;
	if (load(r, r->params[0], &rep))
		return;
	const char *name = rep.nbranches ? rep.branches[0].name : rep.branch;
	page_begin(r, arena_printf(&r->arena, "Figures: %s", name));
	html_printf(&r->out, "<h1>%s: how the policy is followed</h1>", name);
	range_form(r, arena_printf(&r->arena, "/reports/%s", rep.branch), &rep);
	tiles(r, &rep, previous(r, rep.branch, &rep));
	html_printf(&r->out, "<div class=\"charts\">");
	chart_days(r, &rep);
	chart_hours(r, &rep);
	chart_pct(r, &rep, "callbacks-kept", "Callbacks kept on time", false);
	if (!rep.queue_only)
		chart_pct(r, &rep, "incidents-same-day", "Incident reports sent the same day",
			  true);
	html_printf(&r->out, "</div>");
	satisfaction_sections(r, &rep);
	outcome_table(r, &rep);
	html_printf(&r->out, "<section class=\"card\" tabindex=\"0\" "
			     "aria-labelledby=\"by-day\"><h2 id=\"by-day\">Day by day</h2>"
			     "<table class=\"figures days\">");
	table_head(r, "Day", rep.queue_only, true);
	html_printf(&r->out, "<tbody>");
	for (size_t d = 0; d < rep.ndays; d++) {
		html_printf(&r->out, "<tr><th scope=\"row\">%s</th>", page_day(r, rep.days[d].day));
		figures_cells(r, &rep.days[d].f, rep.queue_only, true);
		html_printf(&r->out, "</tr>");
	}
	html_printf(&r->out, "</tbody></table></section>");
	page_end(r);
}

void page_reports(struct request *r)
{
	/* Branch staff go straight to their own branch's figures. */
	if (!role_is_headquarters(r->actor.role) && r->actor.branch_code) {
		req_redirect(r, arena_printf(&r->arena, "/reports/%s", r->actor.branch_code));
		return;
	}
	struct service_report rep;
	if (load(r, NULL, &rep))
		return;
	page_begin(r, "Figures: every branch");
	html_printf(&r->out, "<h1>Every branch: how the policy is followed</h1>");
	range_form(r, "/reports", &rep);
	tiles(r, &rep, previous(r, NULL, &rep));
	html_printf(&r->out, "<div class=\"charts\">");
	chart_pct(r, &rep, "incidents-same-day", "Incident reports sent the same day, by branch",
		  true);
	chart_pct(r, &rep, "callbacks-kept", "Callbacks kept on time, by branch", false);
	chart_days(r, &rep);
	chart_hours(r, &rep);
	html_printf(&r->out, "</div>");
	satisfaction_sections(r, &rep);
	outcome_table(r, &rep);
	html_printf(&r->out, "<section class=\"card\" tabindex=\"0\" "
			     "aria-labelledby=\"by-branch\"><h2 id=\"by-branch\">Branches side by "
			     "side</h2><table class=\"figures\">");
	table_head(r, "Branch", rep.queue_only, false);
	html_printf(&r->out, "<tbody>");
	for (size_t b = 0; b < rep.nbranches; b++) {
		html_printf(&r->out,
			    "<tr><th scope=\"row\"><a href=\"/reports/%s?from=%s&amp;to=%s\">%s</a>"
			    "</th>",
			    html_url_part(&r->arena, rep.branches[b].code),
			    html_url_part(&r->arena, rep.from), html_url_part(&r->arena, rep.to),
			    rep.branches[b].name);
		figures_cells(r, &rep.branches[b].f, rep.queue_only, false);
		html_printf(&r->out, "</tr>");
	}
	html_printf(&r->out, "</tbody></table></section>");
	page_end(r);
}
