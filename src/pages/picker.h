/* A person chosen on a form: a <select> of names and roles that posts the login, as the
 * use case's input table names it, so nobody types a login. */
#ifndef PAGES_PICKER_H
#define PAGES_PICKER_H

#include "service/people.h"
#include "http/request.h"

struct picker {
	const char *id, *name, *label; /* the control's id, the form field and its label */
	const char *none;    /* the empty choice ("Nobody else"), or NULL: someone must be chosen
			     (the list starts at "Choose…" and the field is required) */
	const char *hint_id; /* the id of the text that describes the choice, or NULL */
};

/* Writes the picker over people, grouped by home branch when they come from more than one. */
void picker_write(struct request *r, const struct picker *p, const struct people *people);
/* The people of Headquarters, with Headquarters' phone number beside them. */
void picker_headquarters(struct request *r, const struct picker *p);
/* Who may witness a difficult situation at branch now (CS-PRIVATE). */
void picker_witness(struct request *r, const struct picker *p, const char *branch);

#endif
