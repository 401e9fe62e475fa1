/* The signed forms of incident reports: a report signed, then changed one way at a time as an
 * intruder with the database would, must be reported naming what changed; form 1 signatures
 * made before schema 17 must still verify, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/ed25519.h"
#include "service/incident_form.h"

static unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];

/* A signed report with two attachments and three addenda, as the service leaves it. */
struct fixture {
	struct arena a;
	struct incident i;
	struct incident_person people[2];
	struct attachment at[3];
	struct addendum ad[4];
	struct audit_entry audit[4];
	struct incident_evidence ev;
	struct incident_check out;
};

static const unsigned char PNG[] = "\x89PNG\r\n\x1a\nfloor";
static const unsigned char PDF[] = "%PDF-1.4 plan";

static const char *sign(struct fixture *f, const char *text)
{
	return ed25519_sign64(&f->a, text, sk);
}

static void make(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	arena_init(&f->a);
	f->people[0] = (struct incident_person){.name = "Alma Ruth",
						.kind = "customer",
						.part = "fell",
						.injuries = "bruised wrist"};
	f->people[1] = (struct incident_person){
		.name = "Kos Staff", .kind = "staff", .part = "first aid", .injuries = ""};
	f->i = (struct incident){.id = 7,
				 .branch_id = 2,
				 .branch_code = "KOS",
				 .branch_name = "Kosciusko",
				 .occurred_at = 1764000000,
				 .due_at = 1764050000,
				 .created_at = 1764000100,
				 .category = INCIDENT_INJURY,
				 .narrative = "A customer slipped on the wet floor.",
				 .actions_taken = "Mopped.",
				 .reported_by = {"kos.staff", "Kos Staff", ROLE_STAFF},
				 .hq_notified_at = 1764000200,
				 .hq_taken_by = {"coordinator", "Coordinator", ROLE_STAFF},
				 .signed_at = 1764000300,
				 .signed_by = {"kos.staff", "Kos Staff", ROLE_STAFF},
				 .signed_name = "Kos Staff",
				 .people = f->people,
				 .npeople = 2};
	f->at[0] = (struct attachment){.id = 11,
				       .name = "floor.png",
				       .content_type = "image/png",
				       .size_bytes = sizeof PNG - 1,
				       .added_at = 1764000150,
				       .data = PNG,
				       .data_len = sizeof PNG - 1};
	f->at[1] = (struct attachment){.id = 12,
				       .name = "plan.pdf",
				       .content_type = "application/pdf",
				       .size_bytes = sizeof PDF - 1,
				       .added_at = 1764000160,
				       .data = PDF,
				       .data_len = sizeof PDF - 1};
	char *text = incident_form_report(&f->i, f->at, 2);
	f->i.signed_text = arena_strdup(&f->a, text);
	f->i.signature = sign(f, text);
	free(text);
	f->audit[0] = (struct audit_entry){.id = 100, .at = 1764000300, .action = "sign"};
	const char *previous = f->i.signature;
	static const char *const texts[] = {"She called: she is fine.", "The mat is replaced.",
					    "Insurance told."};
	static const char *const actions[] = {"addendum 1", "addendum 2", "addendum 3"};
	for (size_t k = 0; k < 3; k++) {
		struct addendum *ad = &f->ad[k];
		*ad = (struct addendum){.id = (int64_t)k + 30,
					.signed_at = 1764100000 + (int64_t)k,
					.text = texts[k],
					.signed_by_login = "kos.manager",
					.signed_name = "Kos Manager"};
		text = incident_form_addendum(f->i.id, k + 1, previous, ad);
		ad->signed_text = arena_strdup(&f->a, text);
		ad->signature = previous = sign(f, text);
		free(text);
		f->audit[k + 1] = (struct audit_entry){
			.id = 101 + (int64_t)k, .at = ad->signed_at, .action = actions[k]};
	}
	f->i.addenda = f->ad;
	f->i.naddenda = 3;
	f->ev = (struct incident_evidence){&f->i, f->at, 2, f->audit, 4};
}

/* The problems found, one per line, for matching and for reading a failure. */
static const char *check(struct fixture *f)
{
	struct fd_error err = {0};
	assert_int_equal(incident_form_check(&f->ev, pk, &f->a, &f->out, &err), 0);
	size_t n = 1;
	for (size_t k = 0; k < f->out.nproblems; k++)
		n += strlen(f->out.problems[k]) + 1;
	char *all = arena_alloc(&f->a, n);
	for (size_t k = 0; k < f->out.nproblems; k++) {
		strcat(all, f->out.problems[k]);
		strcat(all, "\n");
	}
	return all;
}

static void expect(struct fixture *f, const char *words)
{
	const char *all = check(f);
	if (!strstr(all, words))
		fail_msg("expected \"%s\" among:\n%s", words, all);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	make(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(&f->a);
	free(f);
	return 0;
}

static void test_sha256_is_the_common_one(void **state)
{
	(void)state;
	char hex[SHA256_HEX_LEN];
	assert_string_equal(incident_sha256_hex((const unsigned char *)"abc", 3, hex),
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_an_untouched_report_verifies_under_the_current_form(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f), "");
	assert_int_equal(f->out.form, INCIDENT_FORM_CURRENT);
	assert_int_equal(f->out.naddenda, 3);
}

static void test_changed_bytes_name_the_attachment(void **state)
{
	struct fixture *f = *state;
	static const unsigned char other[] = "\x89PNG\r\n\x1a\nFLOOR";
	f->at[0].data = other;
	expect(f, "attachment 11 \"floor.png\": its bytes changed since signing (SHA-256 signed ");
	assert_int_equal(f->out.nproblems, 1);
}

static void test_a_renamed_attachment_is_named(void **state)
{
	struct fixture *f = *state;
	f->at[1].name = "nothing.pdf";
	expect(f, "attachment 12 \"plan.pdf\": name: signed as \"plan.pdf\", now \"nothing.pdf\"");
	f->at[1].name = "plan.pdf";
	f->at[1].content_type = "image/jpeg";
	expect(f, "content type: signed as \"application/pdf\", now \"image/jpeg\"");
}

static void test_attachments_added_or_removed_are_named(void **state)
{
	struct fixture *f = *state;
	f->at[2] = (struct attachment){.id = 13,
				       .name = "later.png",
				       .content_type = "image/png",
				       .size_bytes = 3,
				       .data = PNG,
				       .data_len = 3};
	f->ev.nattachments = 3;
	expect(f, "attachment 13 \"later.png\" was added after signing");
	f->ev.attachments = &f->at[1];
	f->ev.nattachments = 1;
	expect(f, "attachment 11 \"floor.png\" was signed with the report and is gone");
}

static void test_the_branch_is_signed_by_id_code_and_name(void **state)
{
	struct fixture *f = *state;
	f->i.branch_id = 1;
	f->i.branch_code = "HQ";
	f->i.branch_name = "Headquarters";
	expect(f, "report 7: branch: signed as \"KOS\" \"Kosciusko\" (id 2), now \"HQ\" "
		  "\"Headquarters\" (id 1)");
}

static void test_every_field_a_reader_relies_on_is_signed(void **state)
{
	struct fixture *f = *state;
	f->i.narrative = "Nothing happened.";
	f->i.actions_taken = "None.";
	f->i.police_called = true;
	f->i.due_at += 86400;
	f->people[1].injuries = "a cut";
	f->i.npeople = 1;
	const char *all = check(f);
	assert_non_null(strstr(all,
			       "report 7: what happened: signed as \"A customer slipped on the wet "
			       "floor.\", now \"Nothing happened.\""));
	assert_non_null(strstr(all, "report 7: due at: signed as 2025-11-25T05:53:20Z"));
	/* In words, not the form's keys (actions_taken, police_called). */
	assert_non_null(
		strstr(all, "report 7: actions taken: signed as \"Mopped.\", now \"None.\""));
	assert_non_null(strstr(all, "report 7: police called: signed as no, now yes"));
	assert_null(strstr(all, "_"));
	assert_non_null(
		strstr(all, "person 2 \"Kos Staff\" was signed with the report and is gone"));
}

/* Form 3: the details (schema 24) are signed, so a changed location, police report or
 * person's details after signing shows. */
static void test_the_details_are_signed(void **state)
{
	struct fixture *f = *state;
	f->i.location = "By the stairs";
	f->i.police_report_number = "CPD-1";
	f->people[0].contact = "555-0100";
	f->people[1].care = "first_aid";
	const char *all = check(f);
	assert_non_null(strstr(
		all, "report 7: where in the building: signed as \"\", now \"By the stairs\""));
	assert_non_null(strstr(all, "police report number: signed as \"\", now \"CPD-1\""));
	assert_non_null(strstr(all, "person 1 \"Alma Ruth\": contact: signed as \"\""));
	assert_non_null(strstr(all, "person 2 \"Kos Staff\": care: signed as \"\""));
	f->i.location = f->i.police_report_number = "";
	f->people[0].contact = f->people[1].care = "";
	f->i.discovered_at = f->i.occurred_at + 60;
	expect(f, "report 7: discovered at: signed as none, now ");
}

/* A report signed under form 2, before the details were, still verifies: it is rebuilt
 * under form 2, where they are not a change. */
static void test_a_form_2_signature_still_verifies(void **state)
{
	struct fixture *f = *state;
	json_t *j = json_loads(f->i.signed_text, 0, NULL);
	json_object_set_new(j, "form", json_integer(2));
	json_object_del(j, "discovered_at");
	json_object_del(j, "location");
	json_object_del(j, "police_report_number");
	json_object_del(j, "police_officer");
	size_t k;
	json_t *p;
	json_array_foreach(json_object_get(j, "people"), k, p)
	{
		json_object_del(p, "customer_id");
		json_object_del(p, "description");
		json_object_del(p, "care");
		json_object_del(p, "contact");
	}
	char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	f->i.signed_text = arena_strdup(&f->a, text);
	f->i.signature = sign(f, text);
	free(text);
	/* Its addenda were chained to the old signature: drop them for this check. */
	f->i.naddenda = 0;
	f->ev.naudit = 1;
	assert_string_equal(check(f), "");
	assert_int_equal(f->out.form, 2);
	f->i.narrative = "Changed.";
	expect(f, "report 7: what happened: signed as");
}

static void test_the_newest_addendum_deleted_shows_in_the_audit_log(void **state)
{
	struct fixture *f = *state;
	f->i.naddenda = 2;
	expect(f, "addendum 3 is missing: the audit log records its signing (entry 103, ");
	assert_int_equal(f->out.nproblems, 1);
	f->i.naddenda = 0;
	const char *all = check(f);
	assert_non_null(strstr(all, "addendum 1 is missing"));
	assert_non_null(strstr(all, "addendum 3 is missing"));
	assert_int_equal(f->out.nproblems, 3);
}

static void test_a_middle_addendum_deleted_breaks_the_chain(void **state)
{
	struct fixture *f = *state;
	f->ad[1] = f->ad[2];
	f->i.naddenda = 2;
	expect(f, "addendum 2 is missing: addendum 3 was signed after it");
	assert_int_equal(f->out.nproblems, 1);
}

static void test_an_addendum_changed_or_copied_is_named(void **state)
{
	struct fixture *f = *state;
	f->ad[1].text = "The mat was fine.";
	expect(f,
	       "addendum 2: text: signed as \"The mat is replaced.\", now \"The mat was fine.\"");
	f->ad[1].text = "The mat is replaced.";
	f->ad[3] = f->ad[0];
	f->i.naddenda = 4;
	expect(f, "addendum 1 is stored again, or out of order");
	assert_int_equal(f->out.nproblems, 1);
}

static void test_an_addendum_without_its_audit_record_is_named(void **state)
{
	struct fixture *f = *state;
	f->ev.naudit = 3; /* "addendum 3" gone from the audit log */
	expect(f, "addendum 3: the audit log has no record of its signing");
	f->ev.naudit = 0;
	expect(f, "report 7: the audit log has no record of its signing");
}

static void test_a_forged_signed_text_does_not_verify(void **state)
{
	struct fixture *f = *state;
	f->i.signed_text = "{\"form\":2,\"id\":7}";
	expect(f, "report 7: its signature no longer matches the text stored as what was signed");
	f->i.signed_text = NULL; /* dropped to pass as form 1 */
	expect(f, "report 7: the text it was signed over is gone, yet the audit log records its "
		  "signing under form 2 (entry 100, ");
}

static void test_unsigned_reports(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	f->i.signed_at = 0;
	expect(f, "report 7 is no longer signed, yet the audit log records its signing");
	f->ev.naudit = 0;
	assert_int_equal(incident_form_check(&f->ev, pk, &f->a, &f->out, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
}

static void test_what_an_intruder_wrote_is_escaped(void **state)
{
	struct fixture *f = *state;
	f->at[0].name = "\x1b[2Jfloor.png";
	expect(f, "now \"\\u001B[2Jfloor.png\"");
}

/* A report and an addendum signed before schema 17, over form 1 exactly as it was written. */
static void test_form_1_signatures_still_verify(void **state)
{
	struct fixture *f = *state;
	const char *v1 =
		"{\"actions_taken\":\"Mopped.\",\"branch\":\"KOS\",\"business_manager_contacted_"
		"at\":"
		"0,\"category\":\"injury\",\"hq_notified_at\":1764000200,\"hq_taken_by\":"
		"\"coordinator\",\"id\":7,\"narrative\":\"A customer slipped on the wet floor.\","
		"\"occurred_at\":1764000000,\"people\":[{\"injuries\":\"bruised wrist\",\"kind\":"
		"\"customer\",\"name\":\"Alma "
		"Ruth\",\"part\":\"fell\"},{\"injuries\":\"\",\"kind\":"
		"\"staff\",\"name\":\"Kos Staff\",\"part\":\"first aid\"}],\"police_called\":false,"
		"\"reported_by\":\"kos.staff\",\"signed_at\":1764000300,\"signed_by\":\"kos."
		"staff\","
		"\"signed_name\":\"Kos Staff\"}";
	f->i.signed_text = NULL;
	f->i.signature = sign(f, v1);
	struct addendum *ad = &f->ad[0];
	ad->signed_text = NULL;
	char *a1 = NULL;
	assert_true(asprintf(&a1,
			     "{\"incident\":7,\"report_signature\":\"%s\",\"signed_at\":1764100000,"
			     "\"signed_by\":\"kos.manager\",\"signed_name\":\"Kos Manager\","
			     "\"text\":\"She called: she is fine.\"}",
			     f->i.signature) > 0);
	ad->signature = sign(f, a1);
	free(a1);
	f->i.naddenda = 1;
	f->ev.naudit = 0; /* form 1 signings were audited only as changes */
	assert_string_equal(check(f), "");
	assert_int_equal(f->out.form, 1);
	f->i.narrative = "Nothing happened.";
	ad->text = "edited";
	const char *all = check(f);
	assert_non_null(
		strstr(all, "report 7 was changed after it was signed (a form 1 signature"));
	assert_non_null(strstr(all, "addendum 1 was changed after it was signed"));
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	crypto_sign_keypair(pk, sk);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_is_the_common_one),
		cmocka_unit_test_setup_teardown(
			test_an_untouched_report_verifies_under_the_current_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_bytes_name_the_attachment, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_renamed_attachment_is_named, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_attachments_added_or_removed_are_named, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_the_branch_is_signed_by_id_code_and_name,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_field_a_reader_relies_on_is_signed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_details_are_signed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_form_2_signature_still_verifies, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_the_newest_addendum_deleted_shows_in_the_audit_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_middle_addendum_deleted_breaks_the_chain,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_addendum_changed_or_copied_is_named, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_an_addendum_without_its_audit_record_is_named,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_forged_signed_text_does_not_verify, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unsigned_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_what_an_intruder_wrote_is_escaped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_form_1_signatures_still_verify, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
