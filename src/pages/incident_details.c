/* An incident report's details on its page, and the draft's form that writes them: every time
 * a date and a time picker on the branch's clock, the people one at a time (no JavaScript
 * needed: "Add this person" saves the draft with the person; "Remove" only removes one). */
#include "pages/incident_details.h"

#include <stdio.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "http/page.h"

void incident_picker_values(const char *zone, int64_t t, char date[11], char time[6])
{
	struct tm tm = {0};
	date[0] = time[0] = '\0';
	if (!t || tz_localtime(zone, t, &tm))
		return;
	timefmt_date(timefmt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), date);
	snprintf(time, 6, "%02u:%02u", (unsigned)tm.tm_hour % 24u, (unsigned)tm.tm_min % 60u);
}

void incident_clock_fields(struct request *r, const char *name, const char *label, const char *zone,
			   int64_t t, bool required)
{
	char date[11], time[6];
	incident_picker_values(zone, t, date, time);
	html_printf(&r->out,
		    "<fieldset class=\"clock\"><legend>%s</legend><label for=\"%s_date\">Date"
		    "</label><input type=\"date\" id=\"%s_date\" name=\"%s_date\" value=\"%s\"%s>"
		    "<label for=\"%s_time\">Time</label><input type=\"time\" id=\"%s_time\" "
		    "name=\"%s_time\" value=\"%s\"%s></fieldset>",
		    label, name, name, name, date, required ? " required" : "", name, name, name,
		    time, required ? " required" : "");
}

static const char *or_none(const char *s, const char *none)
{
	return s && *s ? s : none;
}

static void person_line(struct request *r, const struct incident_person *p)
{
	int kind = vocab_from_name(&vocab_person_kind, p->kind);
	int care = vocab_from_name(&vocab_person_care, p->care);
	html_printf(&r->out, "<strong>%s</strong> (%s)", *p->name ? p->name : "Name not known",
		    kind < 0 ? "Other" : person_kind_label((enum person_kind)kind));
	if (*p->description)
		html_printf(&r->out, " — looked like: %s", p->description);
	if (*p->part)
		html_printf(&r->out, " — their part: %s", p->part);
	if (*p->injuries)
		html_printf(&r->out, " — injuries: %s", p->injuries);
	if (care >= 0)
		html_printf(&r->out, " — care: %s", person_care_label((enum person_care)care));
	if (*p->contact)
		html_printf(&r->out, " — contact: %s", p->contact);
}

void incident_details_show(struct request *r, const struct incident *i, const char *zone)
{
	html_printf(&r->out, "<section class=\"card\" id=\"details\"><h2>The details</h2><dl>"
			     "<dt>When it happened</dt><dd>");
	page_local_day_time(r, zone, i->occurred_at);
	html_printf(&r->out, "</dd><dt>Discovered</dt><dd>");
	if (i->discovered_at)
		page_local_day_time(r, zone, i->discovered_at);
	else
		html_printf(&r->out, "As it happened");
	/* due_at is the first instant after the day it is due on: that day's end, in words. */
	html_printf(&r->out, "</dd><dt>Due by</dt><dd>the end of %s",
		    page_local_day(r, zone, i->due_at - 1));
	html_printf(&r->out, "</dd><dt>Where in the building</dt><dd>%s</dd><dt>Police</dt><dd>%s",
		    or_none(i->location, "Not given"), i->police_called ? "Called" : "Not called");
	if (*i->police_report_number || *i->police_officer)
		html_printf(&r->out, ": report number %s, officer %s",
			    or_none(i->police_report_number, "not given"),
			    or_none(i->police_officer, "not given"));
	html_printf(&r->out,
		    "</dd><dt>Actions taken</dt><dd class=\"text\">%s</dd>"
		    "<dt>Verbal report to Headquarters</dt><dd>",
		    or_none(i->actions_taken, "None recorded"));
	if (i->hq_notified_at) {
		html_printf(&r->out, "Taken by %s, ",
			    i->hq_taken_by.name ? i->hq_taken_by.name : "Headquarters");
		page_local_day_time(r, zone, i->hq_notified_at);
	} else {
		html_printf(&r->out, "Not made yet");
	}
	if (i->category == INCIDENT_INJURY) { /* CS-INSURANCE */
		html_printf(&r->out, "</dd><dt>Business Manager contacted</dt><dd>");
		if (i->business_manager_contacted_at)
			page_local_day_time(r, zone, i->business_manager_contacted_at);
		else
			html_printf(&r->out, "Not yet");
	}
	html_printf(&r->out, "</dd></dl><h3>People involved</h3><ul id=\"people\">");
	for (size_t k = 0; k < i->npeople; k++) {
		html_printf(&r->out, "<li>");
		person_line(r, &i->people[k]);
		html_printf(&r->out, "</li>");
	}
	if (!i->npeople)
		html_printf(&r->out, "<li>None recorded yet.</li>");
	html_printf(&r->out, "</ul></section>");
}

static void people_to_change(struct request *r, const struct incident *i)
{
	html_printf(&r->out, "<h3>People involved</h3><ul class=\"people\">");
	for (size_t k = 0; k < i->npeople; k++) {
		html_printf(&r->out, "<li>");
		person_line(r, &i->people[k]);
		/* The button's form is the one after the draft's (forms do not nest), so Enter in
		 * the draft's fields saves it rather than pressing the first Remove. */
		html_printf(
			&r->out,
			" <button type=\"submit\" form=\"remove-person\" name=\"remove_person\" "
			"value=\"%d\">Remove</button></li>",
			(int)k + 1);
	}
	if (!i->npeople)
		html_printf(&r->out, "<li>None added yet: add each below, one at a time.</li>");
	html_printf(&r->out, "</ul>");
}

static void options(struct request *r, const struct vocab *v, int skip, const char *none)
{
	html_printf(&r->out, "<option value=\"\" selected>%s</option>", none);
	for (int k = 0; k < v->count; k++)
		if (k != skip)
			html_printf(&r->out, "<option value=\"%s\">%s</option>", v->name(k),
				    v->label(k));
}

/* One person at a time: who they were, and what a reader of the report needs of them. */
static void person_to_add(struct request *r)
{
	html_printf(&r->out, "<fieldset class=\"person\"><legend>Add a person</legend>"
			     "<label for=\"pkind\">Who they were</label><select id=\"pkind\" "
			     "name=\"kind\">");
	options(r, &vocab_person_kind, PERSON_OTHER, "Choose…");
	html_printf(&r->out,
		    "</select><label for=\"pname\">Name</label><input id=\"pname\" name=\"name\" "
		    "maxlength=\"100\"><label for=\"pcust\">Or the customer (find by name, card or "
		    "phone)</label><input id=\"pcust\" name=\"customer\" list=\"pcust-list\" "
		    "data-suggest=\"incident-customer\" autocomplete=\"off\" maxlength=\"32\">"
		    "<datalist id=\"pcust-list\"></datalist><label for=\"pdesc\">What they looked "
		    "like (for an unknown person)</label><input id=\"pdesc\" name=\"description\" "
		    "maxlength=\"500\"><label for=\"ppart\">Their part</label><input id=\"ppart\" "
		    "name=\"part\" maxlength=\"500\"><label for=\"pinj\">Injuries</label><input "
		    "id=\"pinj\" name=\"injuries\" maxlength=\"500\"><label for=\"pcare\">Care "
		    "given</label><select id=\"pcare\" name=\"care\">");
	options(r, &vocab_person_care, -1, "Not recorded");
	html_printf(&r->out, "</select><label for=\"pcontact\">Phone or email (a witness's)</label>"
			     "<input id=\"pcontact\" name=\"contact\" maxlength=\"200\"><button "
			     "type=\"submit\">Add this person</button></fieldset>");
}

void incident_details_form(struct request *r, const struct incident *i, const char *zone)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/incidents/%lld/edit\" id=\"write\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    (long long)i->id, page_csrf(r));
	incident_clock_fields(r, "occurred", "When it happened", zone, i->occurred_at, true);
	incident_clock_fields(r, "discovered", "Discovered at (if found later)", zone,
			      i->discovered_at, false);
	html_printf(
		&r->out,
		"<label for=\"eloc\">Where in the building</label><input id=\"eloc\" "
		"name=\"location\" value=\"%s\" maxlength=\"200\"><label for=\"enarr\">What "
		"happened</label><textarea id=\"enarr\" name=\"narrative\" rows=\"5\">%s</textarea>"
		"<label for=\"eact\">Actions taken</label><textarea id=\"eact\" "
		"name=\"actions_taken\" rows=\"3\">%s</textarea><fieldset><legend>Police"
		"</legend><label for=\"epol\">Police called</label><select id=\"epol\" "
		"name=\"police_called\"><option value=\"0\"%s>No</option><option value=\"1\"%s>"
		"Yes</option></select><label for=\"eprn\">Police report number</label><input "
		"id=\"eprn\" name=\"police_report_number\" value=\"%s\" maxlength=\"60\"><label "
		"for=\"eoff\">Officer</label><input id=\"eoff\" name=\"police_officer\" "
		"value=\"%s\" maxlength=\"100\"></fieldset>",
		i->location, i->narrative, i->actions_taken, i->police_called ? "" : " selected",
		i->police_called ? " selected" : "", i->police_report_number, i->police_officer);
	people_to_change(r, i);
	person_to_add(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"primary\">Save the draft</button>"
			     "</form>");
	if (i->npeople)
		html_printf(
			&r->out,
			"<form method=\"post\" action=\"/incidents/%lld/edit\" "
			"id=\"remove-person\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			"</form>",
			(long long)i->id, page_csrf(r));
}
