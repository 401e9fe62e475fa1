/* Customers' satisfaction on the figures pages, in plain words: a share is never shown without
 * the number of answers it is of, and no answers read "no answers yet", never 0 %. */
#include "pages/report_satisfaction.h"

#include "policy/hours.h"
#include "http/page.h"

const char *satisfied_text(struct request *r, const struct satisfaction *a)
{
	if (a->answers <= 0)
		return "no answers yet";
	return arena_printf(&r->arena, "%.1f%% of %lld answer%s", figures_satisfied_pct(a),
			    (long long)a->answers, a->answers == 1 ? "" : "s");
}

const char *satisfied_share(struct request *r, const struct satisfaction *a)
{
	if (a->answers <= 0)
		return "no answers yet";
	return arena_printf(&r->arena, "%.1f%%", figures_satisfied_pct(a));
}

const char *satisfied_label(struct request *r, const char *whose, const struct satisfaction *a)
{
	if (a->answers <= 0)
		return arena_printf(&r->arena, "%s satisfied (answers 4 or 5 of 5)", whose);
	return arena_printf(&r->arena, "%s satisfied: %lld of %lld answer%s 4 or 5 of 5", whose,
			    (long long)a->satisfied, (long long)a->answers,
			    a->answers == 1 ? "" : "s");
}

const char *satisfied_cell(struct request *r, const struct satisfaction *a)
{
	if (a->answers <= 0)
		return "none yet";
	return arena_printf(&r->arena, "%.0f%% of %lld", figures_satisfied_pct(a),
			    (long long)a->answers);
}

static const char *mean_text(struct request *r, const struct satisfaction *a)
{
	return a->answers <= 0 ? "—" : arena_printf(&r->arena, "%.1f", figures_mean_score(a));
}

static void section_head(struct request *r, const char *id, const char *title, const char *first)
{
	html_printf(&r->out,
		    "<section class=\"card\" tabindex=\"0\" aria-labelledby=\"%s-h\"><h2 "
		    "id=\"%s-h\">%s</h2><table id=\"%s\"><thead><tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\">Satisfied (4 or 5 of 5)</th><th scope=\"col\">Mean score</th>"
		    "</tr></thead><tbody>",
		    id, id, title, id, first);
}

static void row(struct request *r, const char *name, const struct satisfaction *a)
{
	html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", name,
		    satisfied_text(r, a), mean_text(r, a));
}

static void by_channel(struct request *r, const struct service_report *rep)
{
	section_head(r, "satisfaction-channel", "How customers answered, by where they answered",
		     "Where");
	for (int c = 0; c < FEEDBACK_CHANNEL__MAX; c++)
		row(r, feedback_channel_label((enum feedback_channel)c),
		    &rep->total.answers_by_channel[c]);
	html_printf(&r->out, "</tbody></table></section>");
}

/* The hours that had answers: the busy hours are where low scores tend to gather. */
static void by_hour(struct request *r, const struct service_report *rep)
{
	section_head(r, "satisfaction-hour", "How customers answered, by the hour they came",
		     "Hour");
	bool any = false;
	for (int h = 0; h < 24; h++) {
		if (!rep->hours[h].answers.answers)
			continue;
		char clock[HOURS_CLOCK_LEN];
		hours_time_label(h * 60, clock);
		row(r, clock, &rep->hours[h].answers);
		any = true;
	}
	if (!any)
		html_printf(&r->out, "<tr><td colspan=\"3\">No answers yet.</td></tr>");
	html_printf(&r->out, "</tbody></table></section>");
}

/* Every branch side by side (Headquarters' page). */
static void by_branch(struct request *r, const struct service_report *rep)
{
	section_head(r, "satisfaction-branch", "How customers answered, by branch", "Branch");
	for (size_t b = 0; b < rep->nbranches; b++)
		row(r, rep->branches[b].name, &rep->branches[b].f.answers);
	html_printf(&r->out, "</tbody></table></section>");
}

static void people(struct request *r, const struct service_report *rep)
{
	section_head(r, "satisfaction-people", "How customers answered, by who served them",
		     "Served by");
	for (size_t i = 0; i < rep->npeople; i++)
		row(r, rep->people[i].name, &rep->people[i].answers);
	if (!rep->npeople)
		html_printf(&r->out, "<tr><td colspan=\"3\">No answers yet.</td></tr>");
	html_printf(&r->out, "</tbody></table></section>");
}

static const char *const score_words[] = {"", "Very poor", "Poor", "Fair", "Good", "Very good"};

/* What customers wrote, newest first; who wrote it and how to reach them are not shown. */
static void comments(struct request *r, const struct service_report *rep)
{
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"satisfaction-comments-h\">"
			     "<h2 id=\"satisfaction-comments-h\">What customers wrote</h2>");
	if (!rep->ncomments) {
		html_printf(&r->out, "<p class=\"empty\" id=\"satisfaction-comments\">No comments "
				     "in these days.</p></section>");
		return;
	}
	html_printf(&r->out, "<ul id=\"satisfaction-comments\">");
	for (size_t i = 0; i < rep->ncomments; i++) {
		const struct answer_comment *c = &rep->comments[i];
		char clock[HOURS_CLOCK_LEN];
		hours_time_label(c->hour * 60, clock);
		html_printf(&r->out,
			    "<li><strong>%s</strong> (%s, came at %s, %s): &ldquo;%s&rdquo;</li>",
			    c->score >= 1 && c->score <= 5 ? score_words[c->score] : "No score",
			    page_day(r, c->local_day), clock, feedback_channel_label(c->channel),
			    c->comment);
	}
	html_printf(&r->out, "</ul></section>");
}

void satisfaction_sections(struct request *r, const struct service_report *rep)
{
	html_printf(&r->out, "<div class=\"charts\">");
	if (!rep->branch)
		by_branch(r, rep);
	by_channel(r, rep);
	by_hour(r, rep);
	if (rep->people_shown) {
		people(r, rep);
		comments(r, rep);
	}
	html_printf(&r->out, "</div>");
}
