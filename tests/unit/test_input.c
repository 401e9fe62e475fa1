/* The input layer: each type's check, limits, vocabularies, required and unknown fields, and
 * that messages name the field (or its label, for a form) in plain words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/input.h"
#include "http/input.h"

struct sample {
	const char *card, *note, *login, *phone, *email, *day;
	enum channel channel;
	enum tour_outcome tour;
	int minutes;
	bool urgent;
	int64_t at;
	const char *untouched; /* not in the table */
};

#define AT(m) .offset = offsetof(struct sample, m)
static const struct input_field fields[] = {
	{"channel", "Channel", INPUT_ENUM, true, 0, 0, NULL, &vocab_channel, AT(channel)},
	{"customer_card", "Card number", INPUT_TOKEN, false, 4, 32, NULL, NULL, AT(card)},
	{"note", "Note", INPUT_TEXT, false, 0, 10, NULL, NULL, AT(note)},
	{"login", "Login", INPUT_TOKEN, false, 2, 8, "._-", NULL, AT(login)},
	{"phone", "Phone", INPUT_PHONE, false, 0, 0, NULL, NULL, AT(phone)},
	{"email", "Email", INPUT_EMAIL, false, 0, 0, NULL, NULL, AT(email)},
	{"day", "Day", INPUT_DATE, false, 0, 0, NULL, NULL, AT(day)},
	{"outcome", "Outcome", INPUT_ENUM, false, 0, 0, NULL, &vocab_tour_outcome, AT(tour)},
	{"minutes", "Minutes", INPUT_INT, false, -10, 60, NULL, NULL, AT(minutes)},
	{"urgent", "Urgent", INPUT_BOOL, false, 0, 0, NULL, NULL, AT(urgent)},
	{"at", "When", INPUT_TIME, false, 0, 0, NULL, NULL, AT(at)},
};
static const struct input_table table = INPUT_TABLE(fields);

/* Fills a sample from pairs; returns the error's message ("" when it passed). */
static const char *fill(const struct input_pair *p, size_t n, bool by_label, struct sample *s,
			struct fd_error *err)
{
	memset(err, 0, sizeof *err);
	if (input_fill(&table, p, n, by_label, s, err) == 0)
		return "";
	assert_int_equal(err->code, FD_EINVAL);
	return err->message;
}

static void test_every_type_is_stored_typed(void **state)
{
	(void)state;
	struct input_pair p[] = {
		{"channel", "phone"},  {"customer_card", "C1234"},     {"note", "twice"},
		{"login", "a.b-c"},    {"phone", "+1 (555) 0100"},     {"email", "a@b.org"},
		{"day", "2026-12-25"}, {"outcome", "given"},	       {"minutes", "-5"},
		{"urgent", "true"},    {"at", "2026-11-28T15:04:05Z"},
	};
	struct sample s = {.untouched = "kept"};
	struct fd_error err;
	assert_string_equal(fill(p, sizeof p / sizeof p[0], false, &s, &err), "");
	assert_int_equal(s.channel, CHANNEL_PHONE);
	assert_string_equal(s.card, "C1234");
	assert_string_equal(s.note, "twice");
	assert_string_equal(s.login, "a.b-c");
	assert_string_equal(s.day, "2026-12-25");
	assert_int_equal(s.tour, TOUR_GIVEN);
	assert_int_equal(s.minutes, -5);
	assert_true(s.urgent);
	assert_int_equal(s.at, 1795878245);
	assert_string_equal(s.untouched, "kept");
}

static void test_what_is_not_given_is_reset(void **state)
{
	(void)state;
	struct input_pair p[] = {{"channel", "in_person"}};
	struct sample s = {.note = "old", .minutes = 3, .urgent = true, .tour = TOUR_GIVEN};
	struct fd_error err;
	assert_string_equal(fill(p, 1, false, &s, &err), "");
	assert_int_equal(s.channel, CHANNEL_IN_PERSON);
	assert_null(s.note);
	assert_int_equal(s.minutes, 0);
	assert_false(s.urgent);
	assert_int_equal(s.tour, TOUR__MAX); /* an enum not given is its __MAX */
}

static const struct {
	const char *name, *text, *message;
} refused[] = {
	{"channel", "fax", "unknown channel 'fax': channel is in_person or phone"},
	{"outcome", "", "unknown outcome '': outcome is offered, given or declined"},
	{"customer_card", "C1", "customer_card must be 4 to 32 characters"},
	{"customer_card", "C 1234", "customer_card may only contain letters and digits"},
	{"note", "eleven char", "note is longer than 10 characters"},
	{"note", " x", "note may not start or end with a space"},
	{"note", "a\nb", "note may not contain control characters (U+000A)"},
	{"login", "a/b", "login may only contain letters, digits and ._-"},
	{"phone", "12", "phone is not a phone number"},
	{"phone", "555-CALL", "phone may contain digits, spaces and + - ( ) ."},
	{"email", "nobody", "email is not an email address"},
	{"day", "2026-02-30", "day is a date like 2026-12-25"},
	{"minutes", "ten", "minutes must be a whole number"},
	{"minutes", "61", "minutes must be from -10 to 60"},
	{"minutes", "-11", "minutes must be from -10 to 60"},
	{"minutes", "", "minutes must be a whole number"},
	{"urgent", "yes", "urgent must be true or false"},
	{"at", "tomorrow", "at is a time like 2026-11-28T15:04:05Z"},
};

static void test_bad_values_are_refused_naming_the_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct input_pair p[] = {{"channel", "phone"}, {refused[i].name, refused[i].text}};
		struct sample s;
		struct fd_error err;
		const char *m = fill(strcmp(refused[i].name, "channel") ? p : p + 1,
				     strcmp(refused[i].name, "channel") ? 2 : 1, false, &s, &err);
		if (strncmp(m, refused[i].message, strlen(refused[i].message)) != 0)
			fail_msg("%s=%s: got '%s'", refused[i].name, refused[i].text, m);
		assert_string_equal(err.field, refused[i].name);
	}
}

static void test_missing_unknown_and_twice(void **state)
{
	(void)state;
	struct sample s;
	struct fd_error err;
	struct input_pair none[] = {{"note", "hi"}};
	assert_string_equal(fill(none, 1, false, &s, &err), "channel is required");
	assert_string_equal(err.field, "channel");
	struct input_pair typo[] = {{"channel", "phone"}, {"nte", "hi"}};
	assert_string_equal(fill(typo, 2, false, &s, &err), "unknown field 'nte'");
	assert_string_equal(err.field, "nte");
	struct input_pair twice[] = {{"channel", "phone"}, {"channel", "in_person"}};
	assert_string_equal(fill(twice, 2, false, &s, &err), "channel is given twice");
}

static void test_forms_show_the_label(void **state)
{
	(void)state;
	struct sample s;
	struct fd_error err;
	struct input_pair p[] = {{"channel", "phone"}, {"customer_card", "C1"}};
	assert_string_equal(fill(p, 2, true, &s, &err), "Card number must be 4 to 32 characters");
	assert_string_equal(err.field, "customer_card"); /* the name stays the field */
	struct input_pair q[] = {{"note", "hi"}};
	assert_string_equal(fill(q, 1, true, &s, &err), "Channel is required");
}

/* A record's id is a whole number from 1; an answer may be yes, no or not given. */
static void test_ids_and_answers(void **state)
{
	(void)state;
	struct pick {
		int64_t visit;
		int accepted;
	} p;
	static const struct input_field f[] = {
		{"visit", "Visit", INPUT_ID, false, .offset = offsetof(struct pick, visit)},
		{"accepted", "Accepted", INPUT_ANSWER, false,
		 .offset = offsetof(struct pick, accepted)},
	};
	static const struct input_table t = INPUT_TABLE(f);
	struct fd_error err = {0};
	assert_int_equal(input_fill(&t, NULL, 0, false, &p, &err), 0);
	assert_int_equal(p.visit, 0);
	assert_int_equal(p.accepted, -1); /* not asked yet */
	struct input_pair yes[] = {{"visit", "9000000000"}, {"accepted", "1"}};
	assert_int_equal(input_fill(&t, yes, 2, false, &p, &err), 0);
	assert_int_equal(p.visit, 9000000000LL);
	assert_int_equal(p.accepted, 1);
	struct input_pair no[] = {{"accepted", "false"}};
	assert_int_equal(input_fill(&t, no, 1, false, &p, &err), 0);
	assert_int_equal(p.accepted, 0);
	struct input_pair zero[] = {{"visit", "0"}};
	assert_int_equal(input_fill(&t, zero, 1, false, &p, &err), -1);
	assert_string_equal(err.message, "visit must be a whole number from 1");
	struct input_pair maybe[] = {{"accepted", "maybe"}};
	assert_int_equal(input_fill(&t, maybe, 1, true, &p, &err), -1);
	assert_string_equal(err.message, "Accepted must be true or false");
}

static void test_characters_not_bytes(void **state)
{
	(void)state;
	struct sample s;
	struct fd_error err;
	/* Ten characters, twenty bytes: within the note's ten. */
	struct input_pair p[] = {{"channel", "phone"},
				 {"note", "\xc3\xab\xc3\xab\xc3\xab\xc3\xab\xc3\xab\xc3\xab\xc3\xab"
					  "\xc3\xab\xc3\xab\xc3\xab"}};
	assert_string_equal(fill(p, 2, false, &s, &err), "");
}

/* A report with a list of people and one object inside, each with its own table. */
struct who {
	const char *name;
	enum person_kind kind;
};
struct report {
	const char *title;
	struct who *people;
	size_t npeople;
	struct who *lead;
};
#define W(m) .offset = offsetof(struct who, m)
static const struct input_field who_fields[] = {
	{"name", "Name", INPUT_TEXT, true, 1, 20, W(name)},
	{"kind", "Kind", INPUT_ENUM, true, .vocab = &vocab_person_kind, W(kind)},
};
static const struct input_table who_table = INPUT_TABLE_OF(who_fields, struct who);
#define R(m) .offset = offsetof(struct report, m)
static const struct input_field report_fields[] = {
	{"title", "Title", INPUT_TEXT, false, 0, 20, R(title)},
	{"people", "People", INPUT_LIST, false, 0, 2, .table = &who_table, R(people),
	 .count = offsetof(struct report, npeople)},
	{"lead", "Lead", INPUT_OBJECT, false, .table = &who_table, R(lead)},
};
static const struct input_table report_table = INPUT_TABLE(report_fields);

/* Reads body through report_table; returns the error's field ("" when it passed). */
static const char *read_report(const char *body, struct report *out, struct fd_error *err)
{
	static char field[sizeof err->field];
	struct request r;
	json_error_t jerr;
	memset(&r, 0, sizeof r);
	memset(err, 0, sizeof *err);
	arena_init(&r.arena);
	r.json = json_loads(body, 0, &jerr);
	assert_non_null(r.json);
	int rc = req_input(&r, &report_table, out, err);
	json_decref(r.json);
	/* The strings are the body's and the arena's: the test only keeps what it copies. */
	snprintf(field, sizeof field, "%s", rc ? err->field : "");
	if (rc == 0) {
		assert_true(out->npeople <= 2);
		for (size_t k = 0; k < out->npeople; k++)
			assert_true(out->people[k].kind < PERSON_KIND__MAX);
	}
	arena_free(&r.arena);
	return field;
}

/* A change's fields that may be emptied: a time JSON's null clears, a date and a token a form
 * sends blank, and text that must not be emptied. */
struct change {
	int64_t found, seen;
	const char *day, *clock, *story;
};
#define C(m) .offset = offsetof(struct change, m)
static const struct input_field change_fields[] = {
	{"found", "Found", INPUT_TIME, false, C(found), .null_clears = true},
	{"seen", "Seen", INPUT_TIME, false, C(seen)},
	{"day", "Day", INPUT_DATE, false, C(day), .blank_is_empty = true},
	{"clock", "Clock", INPUT_TOKEN, false, 0, 8, ":", C(clock), .blank_is_empty = true},
	{"story", "Story", INPUT_LINES, false, 1, 100, C(story), .blank_is_empty = true},
};
static const struct input_table change_table = INPUT_TABLE(change_fields);

static int read_change(const char *body, struct change *out, struct fd_error *err)
{
	struct request r;
	json_error_t jerr;
	memset(&r, 0, sizeof r);
	memset(err, 0, sizeof *err);
	arena_init(&r.arena);
	r.json = json_loads(body, 0, &jerr);
	assert_non_null(r.json);
	int rc = req_input(&r, &change_table, out, err);
	json_decref(r.json);
	arena_free(&r.arena);
	return rc;
}

static void test_null_clears_only_where_the_field_says(void **state)
{
	(void)state;
	struct change c;
	struct fd_error err;
	assert_int_equal(read_change("{\"found\": null, \"seen\": null}", &c, &err), 0);
	assert_int_equal(c.found, -1); /* clear it */
	assert_int_equal(c.seen, 0);   /* absent */
	assert_int_equal(read_change("{}", &c, &err), 0);
	assert_int_equal(c.found, 0);
	assert_int_equal(read_change("{\"found\": \"2026-11-01T07:30:05Z\"}", &c, &err), 0);
	assert_int_equal(c.found, 1793518205);
}

static void test_an_emptied_date_or_token_is_blank_not_refused(void **state)
{
	(void)state;
	struct change c;
	struct fd_error err = {0};
	const struct input_pair blank[] = {{"day", ""}, {"clock", ""}};
	assert_int_equal(input_fill(&change_table, blank, 2, true, &c, &err), 0);
	assert_string_equal(c.day, "");
	assert_string_equal(c.clock, "");
	/* Not blank, still checked; and what must hold something still must. */
	const struct input_pair bad[] = {{"day", "2026-02-30"}};
	assert_int_equal(input_fill(&change_table, bad, 1, true, &c, &err), -1);
	assert_string_equal(err.field, "day");
	const struct input_pair empty_story[] = {{"story", ""}};
	assert_int_equal(input_fill(&change_table, empty_story, 1, true, &c, &err), -1);
	assert_string_equal(err.field, "story");
}

static void test_nested_objects_and_lists_are_read_through_their_tables(void **state)
{
	(void)state;
	struct report rep;
	struct fd_error err;
	assert_string_equal(read_report("{\"title\":\"t\"}", &rep, &err), "");
	assert_null(rep.people); /* not given: a change keeps what was there */
	assert_null(rep.lead);
	assert_int_equal(rep.npeople, 0);
	assert_string_equal(read_report("{\"people\":[]}", &rep, &err), "");
	assert_int_equal(rep.npeople, 0);
	assert_string_equal(
		read_report("{\"people\":[{\"name\":\"Al\",\"kind\":\"witness\"},"
			    "{\"name\":\"Bo\",\"kind\":\"staff\"}],\"lead\":{\"name\":\"Cy\","
			    "\"kind\":\"other\"}}",
			    &rep, &err),
		"");
	assert_int_equal(rep.npeople, 2);
}

static void test_nested_errors_name_the_inner_field_and_the_item(void **state)
{
	(void)state;
	struct report rep;
	struct fd_error err;
	assert_string_equal(read_report("{\"people\":[{\"name\":\"Al\",\"kind\":\"witness\"},"
					"{\"name\":\"Bo\",\"kind\":\"alien\"}]}",
					&rep, &err),
			    "people.kind");
	assert_non_null(strstr(err.message, "people[1].kind"));
	assert_non_null(strstr(err.message, "customer, staff"));
	assert_string_equal(read_report("{\"people\":[{\"name\":\"Al\"}]}", &rep, &err),
			    "people.kind");
	assert_string_equal(err.message, "people[0].kind is required");
	assert_string_equal(
		read_report("{\"people\":[{\"name\":5,\"kind\":\"staff\"}]}", &rep, &err),
		"people.name");
	assert_string_equal(err.message, "people[0].name must be a string");
	assert_string_equal(
		read_report("{\"people\":[{\"name\":\"Al\",\"kind\":\"staff\",\"age\":3}]}", &rep,
			    &err),
		"people.age");
	assert_string_equal(read_report("{\"people\":[\"Al\"]}", &rep, &err), "people");
	assert_string_equal(err.message, "people[0] must be an object");
	assert_string_equal(read_report("{\"people\":[{},{},{}]}", &rep, &err), "people");
	assert_string_equal(read_report("{\"people\":{}}", &rep, &err), "people");
	assert_string_equal(
		read_report("{\"lead\":{\"name\":\"\",\"kind\":\"staff\"}}", &rep, &err),
		"lead.name");
	assert_string_equal(err.message, "lead.name is required");
	assert_string_equal(read_report("{\"lead\":[]}", &rep, &err), "lead");
}

static void test_a_form_cannot_give_a_nested_field(void **state)
{
	(void)state;
	struct report rep;
	struct fd_error err = {0};
	struct input_pair p[] = {{"people", "Al"}};
	assert_int_equal(input_fill(&report_table, p, 1, true, &rep, &err), -1);
	assert_string_equal(err.field, "people");
	struct input_at at = {"lead", "lead"};
	struct input_pair q[] = {{"kind", "staff"}};
	struct who w;
	assert_int_equal(input_fill_at(&who_table, q, 1, &at, false, &w, &err), -1);
	assert_string_equal(err.field, "lead.name");
	assert_string_equal(err.message, "lead.name is required");
}

/* An object read through a table that does not say its struct's size would be written into
 * nothing: the reader aborts instead of overflowing the heap. */
static void test_a_nested_table_must_say_its_size(void **state)
{
	(void)state;
	static const struct input_field inner[] = {
		{"name", "Name", INPUT_TEXT, true, 1, 10, .offset = 0},
	};
	static const struct input_table sized = INPUT_TABLE_OF(inner, struct who),
					unsized = INPUT_TABLE(inner);
	struct input_field f = {"lead", "Lead", INPUT_OBJECT, false, .table = &sized};
	assert_ptr_equal(input_nested(&f), &sized);
	f.table = &unsized;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		input_nested(&f);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_is_stored_typed),
		cmocka_unit_test(test_what_is_not_given_is_reset),
		cmocka_unit_test(test_bad_values_are_refused_naming_the_field),
		cmocka_unit_test(test_missing_unknown_and_twice),
		cmocka_unit_test(test_forms_show_the_label),
		cmocka_unit_test(test_ids_and_answers),
		cmocka_unit_test(test_characters_not_bytes),
		cmocka_unit_test(test_nested_objects_and_lists_are_read_through_their_tables),
		cmocka_unit_test(test_nested_errors_name_the_inner_field_and_the_item),
		cmocka_unit_test(test_a_form_cannot_give_a_nested_field),
		cmocka_unit_test(test_a_nested_table_must_say_its_size),
		cmocka_unit_test(test_null_clears_only_where_the_field_says),
		cmocka_unit_test(test_an_emptied_date_or_token_is_blank_not_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
