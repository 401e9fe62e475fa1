/* A branch as a person reads it on a page: its name, where a record carries only its code. */
#ifndef PAGES_BRANCH_NAME_H
#define PAGES_BRANCH_NAME_H
#include <stdbool.h>
#include <stddef.h>

#include "store/store_branch.h"
#include "http/request.h"

/* The branches, read once per page however many records name one. */
struct branch_names {
	struct branch *all;
	size_t n;
	bool loaded;
};

/* The branch with code, or NULL when no branch has it. */
const struct branch *branch_of(struct request *r, struct branch_names *names, const char *code);
/* The name of the branch with code, or the code itself when no branch has it. */
const char *branch_name_of(struct request *r, struct branch_names *names, const char *code);
/* A link back to the desk of the branch with code: "Back to the Kosciusko Library desk". */
void branch_desk_link(struct request *r, struct branch_names *names, const char *code);

#endif
