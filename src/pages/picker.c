/* Pickers: a person is chosen from a list of names and roles, never typed as a login. The
 * list comes from service/people.c, so it offers only whom the use case would accept. */
#include <stdbool.h>
#include <string.h>

#include "pages/picker.h"

#include "http/page.h"
#include "pages/branch_name.h"

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The options of people whose home branch is code. */
static void options(struct request *r, const struct people *people, const char *code)
{
	for (size_t i = 0; i < people->n; i++)
		if (same(people->staff[i].branch_code, code))
			html_printf(&r->out, "<option value=\"%s\">%s (%s)</option>",
				    people->staff[i].login, people->staff[i].name,
				    role_label(people->staff[i].role));
}

/* Is people[i] the first of its home branch? */
static bool first_of_branch(const struct people *people, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (same(people->staff[k].branch_code, people->staff[i].branch_code))
			return false;
	return true;
}

void picker_write(struct request *r, const struct picker *p, const struct people *people)
{
	html_printf(&r->out, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"%s", p->id,
		    p->label, p->id, p->name, p->none ? "" : " required");
	if (p->hint_id)
		html_printf(&r->out, " aria-describedby=\"%s\"", p->hint_id);
	html_printf(&r->out, ">");
	/* Someone must be chosen: nobody is chosen for the reader, so a form sent without
	 * looking is refused rather than naming the first person on the list. */
	if (p->none)
		html_printf(&r->out, "<option value=\"\">%s</option>", p->none);
	else if (people->n == 0)
		html_printf(&r->out, "<option value=\"\">Nobody to choose</option>");
	else
		html_printf(&r->out, "<option value=\"\" selected>Choose…</option>");
	size_t groups = 0;
	for (size_t i = 0; i < people->n; i++)
		groups += first_of_branch(people, i);
	struct branch_names names = {0};
	for (size_t i = 0; i < people->n; i++) {
		if (!first_of_branch(people, i))
			continue;
		const char *code = people->staff[i].branch_code;
		if (groups > 1)
			html_printf(&r->out, "<optgroup label=\"%s\">",
				    code ? branch_name_of(r, &names, code) : "No home branch");
		options(r, people, code);
		if (groups > 1)
			html_printf(&r->out, "</optgroup>");
	}
	html_printf(&r->out, "</select>");
}

void picker_headquarters(struct request *r, const struct picker *p)
{
	struct fd_error err = {0};
	struct people hq = {0};
	if (people_headquarters(&r->svc, &hq, &err))
		return;
	/* The phone line below describes the choice: a screen reader says it with the select. */
	struct picker described = *p;
	described.hint_id = arena_printf(&r->arena, "%s-phone", p->id);
	picker_write(r, &described, &hq);
	/* Whoever is alone at a desk needs the number to make the call the picker records. */
	if (hq.phone)
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"%s-phone\">Headquarters' phone: <a "
			    "href=\"tel:%s\">%s</a></p>",
			    p->id, hq.phone, hq.phone);
	else
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"%s-phone\">Headquarters has no phone "
			    "number on file: ask your branch manager for it.</p>",
			    p->id);
}

void picker_witness(struct request *r, const struct picker *p, const char *branch)
{
	struct fd_error err = {0};
	struct people w = {0};
	if (people_witnesses(&r->svc, branch, &w, &err) == 0)
		picker_write(r, p, &w);
}
