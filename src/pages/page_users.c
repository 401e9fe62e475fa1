/* User administration for those who manage accounts: the people, their role and branch, adding
 * one, a promotion or transfer (Headquarters' to make), and deactivating or bringing one back. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/branch_name.h"
#include "policy/role.h"
#include "service/staff.h"

/* <option>s of the roles the reader may give, the one given selected. */
static void role_options(struct request *r, enum role selected)
{
	for (int i = 0; i < ROLE__MAX; i++)
		if (role_may_grant(r->actor.role, (enum role)i) || i == (int)selected)
			html_printf(&r->out, "<option value=\"%s\"%s>%s</option>",
				    vocab_role.name(i), i == (int)selected ? " selected" : "",
				    role_label((enum role)i));
}

/* <option>s of the branches by name, the one with code selected. Headquarters is itself a
 * branch in the list, so an account there picks it like any other (no second "None" entry
 * meaning the same). Outside Headquarters only the reader's own branch is theirs to give
 * (CS-SCOPE): the others would be refused. */
static void branch_options(struct request *r, struct branch_names *names, const char *code)
{
	bool any = role_is_headquarters(r->actor.role);
	branch_name_of(r, names, "");
	for (size_t i = 0; i < names->n; i++) {
		/* An account without a home branch works at Headquarters. */
		bool chosen =
			code ? strcmp(code, names->all[i].code) == 0 : names->all[i].headquarters;
		if (any ||
		    (r->actor.branch_code && strcmp(r->actor.branch_code, names->all[i].code) == 0))
			html_printf(&r->out, "<option value=\"%s\"%s>%s</option>",
				    names->all[i].code, chosen ? " selected" : "",
				    names->all[i].name);
	}
}

/* The row's forms: a change of role and branch (Headquarters' administrators only), and
 * deactivating or reactivating the account. */
static void row_actions(struct request *r, struct branch_names *names, const struct staff *st,
			int row)
{
	const char *login = html_url_part(&r->arena, st->login);
	/* Folded away until wanted, so that a row stays one line. */
	if (role_may(r->actor.role, ACTION_USER_CHANGE) && st->id != r->actor.id) {
		html_printf(&r->out,
			    "<details><summary>Role or branch</summary><form method=\"post\" "
			    "action=\"/admin/users/%s/change\"><input type=\"hidden\" "
			    "name=\"csrf\" value=\"%s\"><label for=\"role%d\">Role</label><select "
			    "id=\"role%d\" name=\"role\">",
			    login, page_csrf(r), row, row);
		role_options(r, st->role);
		html_printf(&r->out,
			    "</select><label for=\"branch%d\">Home branch</label><select "
			    "id=\"branch%d\" name=\"branch\">",
			    row, row);
		branch_options(r, names, st->branch_code);
		html_printf(&r->out, "</select><button type=\"submit\">Change</button></form>"
				     "</details>");
	}
	if (st->id == r->actor.id || !role_may_grant(r->actor.role, st->role))
		return;
	if (!st->active) {
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/admin/users/%s/reactivate\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Reactivate</button></form>",
			    login, page_csrf(r));
		return;
	}
	/* Deactivating signs someone out and hands on what they hold: a box to tick first,
	 * which the server checks too (page_user_deactivate), so one stray click does not. */
	html_printf(&r->out,
		    "<details><summary>Deactivate</summary><form method=\"post\" "
		    "action=\"/admin/users/%s/deactivate\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><label class=\"check confirm\"><input "
		    "type=\"checkbox\" "
		    "name=\"confirm\" value=\"yes\" required> Yes, stop %s signing in; what "
		    "they hold passes to the person in charge</label><button "
		    "type=\"submit\">Deactivate</button></form></details>",
		    login, page_csrf(r), st->name);
}

static void people_table(struct request *r, struct branch_names *names, const struct staff *st,
			 size_t n)
{
	html_printf(&r->out,
		    "<section class=\"card\" aria-labelledby=\"people\"><h2 "
		    "id=\"people\">Their accounts</h2><table><thead><tr><th scope=\"col\">Name"
		    "</th><th scope=\"col\">Login</th><th scope=\"col\">Role</th><th "
		    "scope=\"col\">Home branch</th><th scope=\"col\">Account</th><th "
		    "scope=\"col\">Change</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out,
			    "<tr id=\"user-%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>",
			    st[i].login, st[i].name, st[i].login, role_label(st[i].role),
			    st[i].branch_code ? branch_name_of(r, names, st[i].branch_code)
					      : "Headquarters",
			    st[i].active ? (st[i].duty_branch_code ? "Active, on duty" : "Active")
					 : "Deactivated");
		row_actions(r, names, &st[i], (int)i);
		html_printf(&r->out, "</td></tr>");
	}
	html_printf(&r->out, "</tbody></table></section>");
}

/* The new account's form, folded away above the list: its field names are user_add_table's. */
static void add_form(struct request *r, struct branch_names *names)
{
	html_printf(&r->out,
		    "<section class=\"card add\" aria-labelledby=\"add\"><details><summary><h2 "
		    "id=\"add\">Add a person</h2></summary><form method=\"post\" "
		    "action=\"/admin/users\"><input "
		    "type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"ulogin\">Login (letters, digits, dots)</label><input "
		    "id=\"ulogin\" name=\"login\" required maxlength=\"32\" autocomplete=\"off\">"
		    "<label for=\"uname\">Name</label><input id=\"uname\" name=\"name\" required "
		    "maxlength=\"100\"><label for=\"urole\">Role</label><select id=\"urole\" "
		    "name=\"role\" required>",
		    page_csrf(r));
	html_printf(&r->out, "<option value=\"\">Choose a role</option>");
	role_options(r, ROLE__MAX);
	html_printf(&r->out, "</select><label for=\"ubranch\">Home branch</label><select "
			     "id=\"ubranch\" name=\"branch\">");
	branch_options(r, names, r->actor.branch_code);
	html_printf(
		&r->out,
		"</select><label for=\"uemail\">Email (optional)</label><input id=\"uemail\" "
		"name=\"email\" type=\"email\"><label for=\"uphone\">Phone (optional)</label>"
		"<input id=\"uphone\" name=\"phone\" type=\"tel\"><label for=\"ustart\">"
		"Service start (empty: today)</label><input id=\"ustart\" name=\"service_start\" "
		"type=\"date\"><label for=\"upassword\">Password (leave it empty for an account "
		"that never signs in here, such as another program that reads the library's "
		"figures with a key of its own)</label><input id=\"upassword\" name=\"password\" "
		"type=\"password\" autocomplete=\"new-password\"><button type=\"submit\" "
		"class=\"primary\">Add the person</button></form></details></section>");
}

/* People look for a person by name, not by login. */
static int by_name(const void *a, const void *b)
{
	const struct staff *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->login, y->login);
}

void page_users(struct request *r)
{
	struct fd_error err = {0};
	struct branch_names names = {0};
	struct staff *st;
	size_t n;
	/* A branch manager manages her own branch's people: she sees those. */
	const char *branch =
		role_is_headquarters(r->actor.role) ? req_query(r, "branch") : r->actor.branch_code;
	if (user_list(&r->svc, branch, &st, &n, &err)) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "People");
	html_printf(&r->out, "<h1>People</h1><p>%s</p><div class=\"people\">",
		    branch ? arena_printf(&r->arena, "The people of %s.",
					  branch_name_of(r, &names, branch))
			   : "Everyone in the library system.");
	qsort(st, n, sizeof *st, by_name);
	add_form(r, &names);
	people_table(r, &names, st, n);
	html_printf(&r->out, "</div>");
	page_end(r);
}

/* After a change: back to the list, or the error naming the field. */
static void back(struct request *r, int rc, const struct fd_error *err)
{
	if (rc)
		page_error(r, err);
	else
		req_redirect(r, "/admin/users");
}

void page_user_add(struct request *r)
{
	struct fd_error err = {0};
	struct user_input in;
	struct staff out;
	back(r, req_form_input(r, &user_add_table, &in, &err) || user_add(&r->svc, &in, &out, &err),
	     &err);
}

void page_user_change(struct request *r)
{
	struct fd_error err = {0};
	struct user_input in = {0};
	struct staff out;
	const char *changed;
	int rc = req_form_input(r, &user_change_table, &in, &err);
	in.login = r->params[0];
	back(r, rc || user_update(&r->svc, &in, &out, &changed, &err), &err);
}

void page_user_deactivate(struct request *r)
{
	struct fd_error err = {0};
	struct staff out;
	const char *confirm = req_form(r, "confirm");
	if (!confirm || strcmp(confirm, "yes") != 0) {
		fd_fail_field(&err, "confirm",
			      "Tick the box to confirm: deactivating stops the person signing in");
		back(r, -1, &err);
		return;
	}
	back(r, user_deactivate(&r->svc, r->params[0], &out, &err), &err);
}

void page_user_reactivate(struct request *r)
{
	struct fd_error err = {0};
	struct staff out;
	back(r, user_reactivate(&r->svc, r->params[0], &out, &err), &err);
}
