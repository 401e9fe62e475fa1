/* The exit kiosks: a tablet that a branch's manager (or Headquarters) sets up as the branch's
 * own, by a random token kept in the tablet's cookie (only its hash is stored), and retires. */
#ifndef SERVICE_KIOSK_H
#define SERVICE_KIOSK_H
#include <stddef.h>

#include "service/svc.h"
#include "store/store_kiosk.h"

/* What a screen that is not the branch's kiosk says, in the customer's words (the catalogue's). */
#define KIOSK_NOT_SET_UP                                                                           \
	N_("This screen is not set up as this library's feedback kiosk. Library staff set it up "  \
	   "from the desk.")

/* A new kiosk for branch, set up by the actor (branch oversight there); *token (s->arena) goes
 * in the tablet's cookie. */
int kiosk_setup(struct svc *s, const char *branch, const char **token, struct fd_error *err);
/* The branch's kiosk id retired: its tablet is no kiosk any more (FD_ENOTFOUND: none such). */
int kiosk_retire(struct svc *s, const char *branch, int64_t id, struct fd_error *err);
/* The branch's kiosks in service, oldest first, for its managers; b the branch (its clock). */
int kiosk_list(struct svc *s, const char *branch, struct branch *b, struct kiosk_device **out,
	       size_t *n, struct fd_error *err);
/* Inside a transaction: *id of the kiosk in service at branch_id whose cookie holds token
 * (NULL: no cookie); FD_EFORBID with KIOSK_NOT_SET_UP when there is none. */
int kiosk_find_in_tx(struct svc *s, int64_t branch_id, const char *token, int64_t *id,
		     struct fd_error *err);

#endif
