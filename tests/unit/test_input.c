/* The input layer: each type's check, limits, vocabularies, required and unknown fields, and
 * that messages name the field (or its label, for a form) in plain words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/input.h"

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
	{"customer_card", "C 1234", "customer_card may only contain letters, digits"},
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
