/* The catalogue's part of a customer over the JSON API: the vocabulary words clients read
 * ("card_lost"), the plain words beside them for whoever shows them. */
#include "api/catalogue_json.h"

#include "api/shapes.h"

static json_t *strings(char **list, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

static json_t *or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *item(const struct ils_item *it, const bool *overdue)
{
	json_t *j = json_pack("{s:s, s:o, s:o}", "id", it->id, "title", or_null(it->title), "due",
			      it->due_at ? json_time(it->due_at) : or_null(it->due));
	if (overdue)
		json_object_set_new(j, "overdue", json_boolean(*overdue));
	return j;
}

json_t *json_catalogue_account(const struct catalogue_account *a)
{
	const struct ils_patron *p = &a->patron;
	json_t *blocks = json_array(), *labels = json_array(), *out = json_array(),
	       *holds = json_array();
	for (int b = 0; b < ILS_BLOCK__MAX; b++)
		if (p->blocks & (1u << b)) {
			json_array_append_new(blocks, json_string(catalogue_block_name(b)));
			json_array_append_new(labels, json_string(ils_block_label(b)));
		}
	for (size_t i = 0; i < a->nitems_out; i++)
		json_array_append_new(out, item(&a->items_out[i], &a->overdue[i]));
	for (size_t i = 0; i < a->nholds_ready; i++)
		json_array_append_new(holds, item(&a->holds_ready[i], NULL));
	return json_pack(
		"{s:s, s:b, s:o, s:b, s:o, s:o, s:o, s:o, s:{s:i, s:i, s:i, s:i, s:i, s:i}, s:o, "
		"s:o, s:o, s:b}",
		"state", "answered", "known", true, "name", or_null(p->name), "blocked",
		p->blocks != 0, "blocks", blocks, "block_labels", labels, "fines",
		or_null(p->fines), "currency", or_null(p->currency), "counts", "charged",
		p->charged, "overdue", p->overdue, "holds_ready", p->holds_ready, "fine_items",
		p->fine_items, "recalls", p->recalls, "unavailable_holds", p->unavailable_holds,
		"items_out", out, "holds_ready", holds, "messages",
		strings(p->messages, p->nmessages), "partial", a->partial);
}

int json_catalogue_lookup(struct svc *s, const char *card, json_t **out, struct fd_error *err)
{
	struct catalogue_account a;
	struct fd_error why = {0};
	if (!catalogue_configured(s)) {
		*out = json_pack("{s:s}", "state", "off");
		return 0;
	}
	if (catalogue_account(s, card, &a, &why) == 0) {
		*out = json_catalogue_account(&a);
		return 0;
	}
	if (why.code == FD_EFORBID) {
		*err = why;
		return -1;
	}
	*out = why.code == FD_ENOTFOUND
		       ? json_pack("{s:s, s:b}", "state", "answered", "known", false)
		       : json_pack("{s:s, s:s}", "state", "not_answering", "message", why.message);
	return 0;
}
