/* The policy in figures: each visit, callback, incident and day's closing judged by its rule,
 * and customers' answers counted. */
#include "policy/figures.h"

#include <math.h>
#include <stdlib.h>

#include "base/alloc.h"

int64_t figures_first_contact(int64_t acknowledged_at, int64_t started_at)
{
	if (acknowledged_at && (!started_at || acknowledged_at <= started_at))
		return acknowledged_at;
	return started_at;
}

bool figures_ack_met(const struct open_span *spans, size_t n, int64_t arrived_at,
		     int64_t contact_at, int target_s)
{
	return contact_at && open_seconds(spans, n, arrived_at, contact_at) <= target_s;
}

enum ack_result figures_ack(const struct open_span *spans, size_t n, const struct ack_visit *v,
			    int target_s)
{
	if (v->contact_at)
		return figures_ack_met(spans, n, v->arrived_at, v->contact_at, target_s)
			       ? ACK_MET
			       : ACK_MISSED;
	bool gave_up = v->state == VISIT_LEFT || v->state == VISIT_REMOVED;
	if (gave_up && v->ended_at &&
	    open_seconds(spans, n, v->arrived_at, v->ended_at) > (int64_t)target_s)
		return ACK_MISSED;
	return ACK_NOT_COUNTED;
}

enum callback_result figures_callback(const struct open_span *spans, size_t n, int64_t promised_at,
				      int64_t done_at, int64_t now)
{
	if (!promised_at)
		return CALLBACK_NONE;
	if (done_at)
		return open_seconds(spans, n, promised_at, done_at) == 0 ? CALLBACK_KEPT
									 : CALLBACK_LATE;
	return callback_overdue_open(spans, n, promised_at, now) ? CALLBACK_LATE : CALLBACK_PENDING;
}

enum incident_result figures_incident(int64_t due_at, int64_t signed_at, int64_t now)
{
	if (signed_at)
		return signed_at <= due_at ? INCIDENT_SAME_DAY : INCIDENT_LATE;
	return now > due_at ? INCIDENT_LATE : INCIDENT_PENDING;
}

enum closing_result figures_closing(struct open_span open, const struct duty_span *duty, size_t n,
				    int64_t now, int64_t *left_at)
{
	*left_at = 0;
	if (open.to <= open.from)
		return CLOSING_NONE;
	/* Until closing time someone may still clock (back) on. */
	if (now < open.to)
		return CLOSING_PENDING;
	int64_t last_off = 0;
	for (size_t i = 0; i < n; i++) {
		const struct duty_span *d = &duty[i];
		bool still_on = d->off_at == 0;
		/* Not on duty in the open hours: before opening, from closing, or not at all. */
		if (d->on_at >= open.to ||
		    (!still_on && (d->off_at <= open.from || d->off_at <= d->on_at)))
			continue;
		if (still_on || d->off_at >= open.to)
			return CLOSING_ON_TIME;
		if (d->off_at > last_off)
			last_off = d->off_at;
	}
	if (!last_off)
		return CLOSING_UNSTAFFED;
	*left_at = last_off;
	return CLOSING_EARLY;
}

double figures_pct(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return -1;
	return round(1000.0 * (double)part / (double)whole) / 10.0;
}

void figures_answer(struct satisfaction *s, int score)
{
	if (score < 1 || score > 5)
		return;
	s->answers++;
	s->satisfied += score >= FIGURES_SATISFIED_MIN_SCORE;
	s->score_sum += score;
}

double figures_satisfied_pct(const struct satisfaction *s)
{
	return figures_pct(s->satisfied, s->answers);
}

double figures_mean_score(const struct satisfaction *s)
{
	if (s->answers <= 0)
		return -1;
	return round(10.0 * (double)s->score_sum / (double)s->answers) / 10.0;
}

/* The k-th smallest (from 0) of v[0, n), v reordered so that none after it is smaller:
 * quickselect, its pivot the median of three, partitioned three ways so that many equal waits
 * (customers all seen at once) take one pass. */
static int64_t kth_smallest(int64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		int64_t a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
		int64_t lo_ab = a < b ? a : b, hi_ab = a < b ? b : a;
		int64_t pivot = hi_ab < c ? hi_ab : (lo_ab > c ? lo_ab : c);
		size_t lt = lo, i = lo, gt = hi; /* [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > */
		while (i < gt) {
			int64_t x = v[i];
			if (x < pivot) {
				v[i++] = v[lt];
				v[lt++] = x;
			} else if (x > pivot) {
				v[i] = v[--gt];
				v[gt] = x;
			} else {
				i++;
			}
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return pivot;
	}
	return v[lo];
}

/* Nearest rank: the ceil(pct/100 * n)-th smallest of n, as an index from 0. */
static size_t rank(size_t n, int pct)
{
	size_t r = (n * (size_t)pct + 99) / 100;
	return r ? r - 1 : 0;
}

void figures_percentiles(struct bucket_wait *v, size_t n, size_t nbuckets, int64_t *median,
			 int64_t *p90)
{
	for (size_t b = 0; b < nbuckets; b++)
		median[b] = p90[b] = -1;
	if (!n || !nbuckets)
		return;
	/* The waits grouped by bucket (a counting sort), then each bucket's two ranks selected:
	 * linear, where sorting every wait of a month of a consortium was most of its report. */
	size_t *start = xcalloc(nbuckets + 1, sizeof *start),
	       *fill = xmalloc(nbuckets * sizeof *fill);
	int64_t *w = xmalloc(n * sizeof *w);
	for (size_t i = 0; i < n; i++)
		if (v[i].bucket < nbuckets)
			start[v[i].bucket + 1]++;
	for (size_t b = 0; b < nbuckets; b++) {
		start[b + 1] += start[b];
		fill[b] = start[b];
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].bucket < nbuckets)
			w[fill[v[i].bucket]++] = v[i].seconds;
	for (size_t b = 0; b < nbuckets; b++) {
		size_t m = start[b + 1] - start[b], r50 = rank(m, 50), r90 = rank(m, 90);
		int64_t *seg = w + start[b];
		if (!m)
			continue;
		median[b] = kth_smallest(seg, m, r50);
		/* None after the median's place is smaller: the 90th is among them. */
		p90[b] = kth_smallest(seg + r50, m - r50, r90 - r50);
	}
	free(start);
	free(fill);
	free(w);
}
