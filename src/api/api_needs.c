/* GET /api/v1/needs: what needs the logged-in person, kind by kind (docs/api.md), for the
 * header badge and the "Needs you" panel to follow live. */
#include "service/needs.h"
#include "api/shapes.h"
#include "http/handlers.h"

void api_needs(struct request *r)
{
	struct fd_error err = {0};
	struct needs nd;
	if (needs_mine(&r->svc, &nd, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *kinds = json_array();
	for (int k = 0; k < NEED__MAX; k++) {
		if (!nd.applies[k])
			continue;
		json_t *items = json_array();
		for (size_t i = 0; i < nd.n[k]; i++) {
			const struct need_item *it = &nd.items[k][i];
			json_array_append_new(items, json_pack("{s:I, s:s?, s:s, s:o}", "id",
							       (json_int_t)it->id, "branch",
							       it->branch_code, "text", it->text,
							       "at", json_time(it->at)));
		}
		json_array_append_new(kinds, json_pack("{s:s, s:I, s:o}", "kind",
						       need_kind_name((enum need_kind)k), "count",
						       (json_int_t)nd.n[k], "items", items));
	}
	req_json(r, 200,
		 json_pack("{s:I, s:s?, s:o}", "total", (json_int_t)nd.total, "on_duty_at",
			   nd.duty_branch, "kinds", kinds));
}
