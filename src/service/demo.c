/* The demo data: real-looking hours in America/Chicago, staff in every role, a few customers,
 * and some staff already on duty so the desk shows who is in charge. */
#include "service/demo.h"

#include <pthread.h>
#include <string.h>
#include <sodium.h>
#include <stdatomic.h>
#include <unistd.h>

#include "base/embed.h"
#include "service/handbook.h"
#include "service/staff.h"
#include "store/store_branch.h"
#include "store/store_customer.h"
#include "store/store_staff.h"

static const struct branch branches[] = {
	{.code = "HQ",
	 .name = "MMRLS Headquarters",
	 .hours = "mon-fri 08:00-17:00",
	 .phone = "662-289-5151",
	 .address = "201 South Huntington Street\nKosciusko, MS 39090",
	 .headquarters = true},
	{.code = "KOS",
	 .name = "Kosciusko-Attala Library",
	 .hours = "mon-thu 09:00-18:00,fri 09:00-17:00,sat 09:00-13:00",
	 .phone = "662-289-5141",
	 .address = "503 North Jackson Street\nKosciusko, MS 39090"},
	{.code = "CAR",
	 .name = "Carthage-Leake County Library",
	 .hours = "mon-fri 09:00-17:30,sat 09:00-12:00",
	 .phone = "601-267-7821",
	 .address = "114 East Franklin Street\nCarthage, MS 39051"},
	{.code = "DUR",
	 .name = "Durant Public Library",
	 .hours = "mon-fri 10:00-17:00",
	 .phone = "662-653-3451",
	 .address = "15 West Madison Street\nDurant, MS 39063"},
	{.code = "LEX",
	 .name = "Lexington Public Library",
	 .hours = "mon-thu 09:00-17:30,fri 09:00-16:00",
	 .phone = "662-834-2571",
	 .address = "208 Tchula Street\nLexington, MS 39095"},
	{.code = "WIN",
	 .name = "Winona-Montgomery County Library",
	 .hours = "mon-fri 09:00-18:00,sat 10:00-14:00",
	 .phone = "662-283-3443",
	 .address = "115 North Quitman Street\nWinona, MS 38967"},
	{.code = "GOO",
	 .name = "Goodman Library",
	 .hours = "tue-fri 12:00-17:00,sat 09:00-12:00",
	 .phone = "662-472-2263",
	 .address = "9792 Main Street\nGoodman, MS 39079"},
};

static const struct demo_login logins[] = {
	{"director", "Sheila Whitaker", "executive_director", "HQ"},
	{"business", "Raymond Ellis", "business_manager", "HQ"},
	{"coordinator", "Angela Pruitt", "branch_services_coordinator", "HQ"},
	{"hqstaff", "Dwayne Tate", "hq_staff", "HQ"},
	{"kos.manager", "Martha Luckett", "branch_manager", "KOS"},
	{"kos.assistant", "Lisa Fenwick", "assistant_librarian", "KOS"},
	{"kos.staff", "Tommy Ray Hodges", "staff", "KOS"},
	{"kos.sub", "Janice Coleman", "substitute", "KOS"},
	{"kos.volunteer", "Evelyn Burrell", "volunteer", "KOS"},
	{"kos.page", "Caleb Watts", "page", "KOS"},
	{"car.manager", "Donna Massey", "branch_manager", "CAR"},
	{"car.staff", "Keisha Barnes", "staff", "CAR"},
	{"car.sub", "Harold Vance", "substitute", "CAR"},
	{"car.page", "Mia Dorsey", "page", "CAR"},
	{"dur.manager", "Beverly Sims", "branch_manager", "DUR"},
	{"dur.staff", "Curtis Greer", "staff", "DUR"},
	{"dur.volunteer", "Opal Jennings", "volunteer", "DUR"},
	{"lex.manager", "Gloria Hampton", "branch_manager", "LEX"},
	{"lex.assistant", "Terrence Moody", "assistant_librarian", "LEX"},
	{"lex.sub", "Nadine Pope", "substitute", "LEX"},
	{"win.manager", "Carolyn Ware", "branch_manager", "WIN"},
	{"win.staff", "Jerome Little", "staff", "WIN"},
	{"win.page", "Ashley Nunn", "page", "WIN"},
	{"goo.manager", "Peggy Thigpen", "branch_manager", "GOO"},
	{"goo.sub", "Wanda Riley", "substitute", "GOO"},
	{"goo.volunteer", "Frank Odom", "volunteer", "GOO"},
};

/* On duty when the demo is loaded: each branch shows a different CS-INCHARGE case. Kosciusko's
 * people clock on in demo_live, before its living morning opens (the branch manager). */
static const char *const on_duty[] = {
	"car.manager",	 "car.staff", "car.page", /* branch manager */
	"dur.volunteer",			  /* nobody permanent: Headquarters */
	"lex.sub",				  /* a substitute alone: contacts HQ */
	"win.staff",	 "win.page",		  /* staff */
};

static const struct customer customers[] = {
	{.card = "21170000100017", .name = "Loretta Pickens", .phone = "662-289-0101"},
	{.card = "21170000100025", .name = "James Earl Townsend", .email = "jet@example.org"},
	{.card = "21170000100033", .name = "Marisol Vega", .phone = "601-267-0199"},
	{.card = "21170000100041", .name = "Bobby Nance"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct demo_login *demo_logins(size_t *n)
{
	*n = COUNT(logins);
	return logins;
}

const char *demo_branch_name(const char *code)
{
	for (size_t i = 0; i < COUNT(branches); i++)
		if (strcmp(branches[i].code, code) == 0)
			return branches[i].name;
	return code;
}

/* Branches beyond the policy's six, for a bigger system: made up, in the same county style. */
static const char *const more_towns[] = {
	"Ackerman", "Eupora",	 "Louisville", "Philadelphia", "Starkville",
	"Macon",    "Forest",	 "Morton",     "Canton",       "Yazoo City",
	"Belzoni",  "Greenwood", "Grenada",    "Vaiden",       "West Point",
	"Maben",    "Sturgis",	 "Noxapater",  "Walnut Grove", "Sebastopol",
};

/* Every account gets its own salted hash of the one printed password, never one shared hash
 * that would give them all one salt. Argon2id takes ~75 ms and 64 MiB a hash, so
 * every core makes some: the 26 printed logins take about a second on two. */
struct hash_job {
	char **hashes;
	size_t n;
	atomic_size_t next;
	atomic_bool failed;
};

static void *hash_some(void *arg)
{
	struct hash_job *j = arg;
	for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->n;)
		if (user_hash_password_to(j->hashes[i], DEMO_PASSWORD))
			atomic_store(&j->failed, true);
	return NULL;
}

#define MAX_HASHERS 8

/* n hashes of DEMO_PASSWORD, each salted on its own, in s->arena. */
static int hash_each(struct svc *s, size_t n, char ***out, struct fd_error *err)
{
	struct hash_job j = {.hashes = arena_alloc(s->arena, n * sizeof(char *)), .n = n};
	pthread_t helpers[MAX_HASHERS];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t started = 0, want = cores < 1		 ? 1
				   : cores > MAX_HASHERS ? MAX_HASHERS
							 : (size_t)cores;
	for (size_t i = 0; i < n; i++)
		j.hashes[i] = arena_alloc(s->arena, crypto_pwhash_STRBYTES);
	while (started + 1 < want && pthread_create(&helpers[started], NULL, hash_some, &j) == 0)
		started++;
	hash_some(&j); /* this thread too, so one core needs no helper */
	for (size_t i = 0; i < started; i++)
		pthread_join(helpers[i], NULL);
	if (atomic_load(&j.failed))
		return fd_fail(err, FD_EINTERNAL, "not enough memory to hash the demo password");
	*out = j.hashes;
	return 0;
}

static int more_branches(struct svc *s, int count, struct fd_error *err)
{
	for (int i = 0; i < count; i++) {
		int64_t id;
		size_t ntowns = sizeof more_towns / sizeof more_towns[0];
		struct branch b = {
			.code = arena_printf(s->arena, "B%02d", i + 7),
			.name = (size_t)i < ntowns
					? arena_printf(s->arena, "%s Public Library", more_towns[i])
					: arena_printf(s->arena, "Branch %d Library", i + 7),
			.hours = "mon-fri 09:00-18:00,sat 10:00-14:00",
			.time_zone = "America/Chicago",
			.ack_target_s = 60,
			.no_show_after_s = 120,
		};
		if (store_branch_insert(s->store, &b, s->now, &id, err))
			return -1;
		/* A manager and a member of staff to open it and serve, for scripts and
		 * benchmarks: API tokens only, which spares a password hash each. */
		for (int k = 0; k < 2; k++) {
			int64_t staff_id;
			struct staff st = {
				.login = arena_printf(s->arena, "b%02d.%s", i + 7,
						      k ? "staff" : "manager"),
				.name = arena_printf(s->arena, "%s %s", k ? "Staff" : "Manager",
						     b.code),
				.role = k ? ROLE_STAFF : ROLE_BRANCH_MANAGER,
				.branch_id = id,
				.service_start = "2015-01-01",
			};
			if (store_staff_insert(s->store, &st, s->now, &staff_id, err))
				return -1;
		}
	}
	return 0;
}

static int load(struct svc *s, char **hashes, int nbranches, struct fd_error *err)
{
	int64_t count, id;
	if (store_branch_count(s->store, &count, err))
		return -1;
	if (count > 0)
		return fd_fail(err, FD_ECONFLICT,
			       "the database holds branches already: the demo "
			       "loads only into an empty one");
	for (size_t i = 0; i < COUNT(branches); i++) {
		struct branch b = branches[i];
		b.time_zone = "America/Chicago";
		b.ack_target_s = 60;
		b.no_show_after_s = 120;
		if (store_branch_insert(s->store, &b, s->now, &id, err))
			return -1;
	}
	for (size_t i = 0; i < COUNT(logins); i++) {
		struct branch b;
		struct staff st = {
			.login = logins[i].login,
			.name = logins[i].name,
			.email = arena_printf(s->arena, "%s@%s", logins[i].login, DEMO_MAIL_DOMAIN),
			.role = (enum role)vocab_from_name(&vocab_role, logins[i].role),
			.password_hash = hashes[i]};
		if (store_branch_get(s->store, logins[i].branch, s->arena, &b, err))
			return -1;
		st.branch_id = b.id;
		/* Seniority differs so the longest-serving rule has something to decide. */
		st.service_start =
			arena_printf(s->arena, "%d-0%d-01", 2004 + (int)i % 17, 1 + (int)i % 9);
		if (store_staff_insert(s->store, &st, s->now, &id, err))
			return -1;
	}
	for (size_t i = 0; i < COUNT(on_duty); i++) {
		struct staff st;
		if (store_staff_get(s->store, on_duty[i], s->arena, &st, err) ||
		    store_duty_open(s->store, st.id, st.branch_id, NULL, s->now, err))
			return -1;
	}
	/* Card holders of some years' standing, so that none is taken for a new customer. */
	for (size_t i = 0; i < COUNT(customers); i++)
		if (store_customer_insert(s->store, &customers[i],
					  s->now - (int64_t)(1100 + 211 * i) * 86400, &id, err))
			return -1;
	return more_branches(s, nbranches - (int)COUNT(branches) + 1, err);
}

extern const struct embedded_file handbook_files[];

int demo_load(struct svc *s, const struct demo_size *size, struct fd_error *err)
{
	char **hashes = NULL;
	if (svc_may(s, ACTION_BRANCH_MANAGE, err) || hash_each(s, COUNT(logins), &hashes, err) ||
	    svc_begin(s, true, err))
		return -1;
	if (svc_end(s, load(s, hashes, size->branches, err), err) || demo_history(s, size, err))
		return -1;
	/* The handbook: the system's Customer Service Policy and two written for the demo. */
	for (const struct embedded_file *f = handbook_files; f->name; f++) {
		int added;
		if (handbook_import(s, f->name, (const char *)f->data, f->size, &added, err))
			return -1;
	}
	return 0;
}
