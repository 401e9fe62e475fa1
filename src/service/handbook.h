/* The policy handbook (CS-KNOW): every section with its rationale, versioned, searchable at
 * the desk, acknowledged by staff. */
#ifndef SERVICE_HANDBOOK_H
#define SERVICE_HANDBOOK_H
#include <stddef.h>

#include "base/input.h"
#include "service/svc.h"
#include "store/store_handbook.h"

struct section_input {
	const char *policy, *title, *text, *rationale, *rules, *approved_on;
};
/* A section as the API and the Markdown importer give it; the rationale is CS-KNOW's. */
extern const struct input_table section_input_table;

/* HQ roles only; rationale is required (CS-KNOW: staff explain the why). */
int handbook_add(struct svc *s, const struct section_input *in, struct section *out,
		 struct fd_error *err);
/* A new version of section id; the old one stays readable. */
int handbook_revise(struct svc *s, int64_t id, const struct section_input *in, struct section *out,
		    struct fd_error *err);
/* *acked: has the actor acknowledged this version? */
int handbook_get(struct svc *s, int64_t id, struct section *out, bool *acked, struct fd_error *err);
int handbook_list(struct svc *s, struct section **out, size_t *n, struct fd_error *err);
int handbook_search(struct svc *s, const char *query, struct section **out, size_t *n,
		    struct fd_error *err);
/* The sections that are the text of a CS- rule, for a refusal to link to. */
int handbook_by_rule(struct svc *s, const char *rule, struct section **out, size_t *n,
		     struct fd_error *err);
int handbook_acknowledge(struct svc *s, int64_t id, struct section *out, struct fd_error *err);
/* Who at a branch has not acknowledged which current section (branch managers, HQ). */
int handbook_unread(struct svc *s, const char *branch, struct unread **out, size_t *n,
		    struct fd_error *err);
/* Loads sections from Markdown (markdown[0..len), named source in errors): "# Policy" and
 * "Approved: YYYY-MM-DD" lines, then one "## Title" per section, an optional "Rules: CS-…"
 * line and a "Rationale: …" paragraph. A section whose text is unchanged is left alone; a
 * changed one gets a new version. Text that is not UTF-8, or has control characters, is
 * refused with its line, and nothing is written. */
int handbook_import(struct svc *s, const char *source, const char *markdown, size_t len, int *added,
		    struct fd_error *err);

#endif
