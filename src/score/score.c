#include "../core/common.h"
#include "score.h"
#include "../core/alloc.h"

/*
 * Points, weights and hours are kept here rather than taken from
 * rules/check.c so that scoring is a closed set of pure functions; the
 * tables must agree with FRAMEWORK.md (tests/unit/test_score.c checks the
 * numbers).
 */
static const unsigned severity_points[] = {
	[RC_SEV_LOW] = 1,
	[RC_SEV_MEDIUM] = 2,
	[RC_SEV_HIGH] = 4,
	[RC_SEV_CRITICAL] = 8,
};

static const unsigned default_weights[RC_CAT_COUNT] = {
	[RC_CAT_SECURITY] = 15,	     [RC_CAT_RELEASE] = 12,
	[RC_CAT_OBSERVABILITY] = 12, [RC_CAT_RELIABILITY] = 12,
	[RC_CAT_PERFORMANCE] = 10,   [RC_CAT_DATA] = 10,
	[RC_CAT_TESTING] = 10,	     [RC_CAT_CONFIG] = 8,
	[RC_CAT_OPERATIONS] = 6,     [RC_CAT_DOCS] = 5,
};

static const unsigned effort_hours[] = {
	[RC_EFFORT_QUICK] = 1,
	[RC_EFFORT_DAY] = 8,
	[RC_EFFORT_WEEK] = 40,
};

/* Thresholds of the levels, with room for rounding. */
#define SILVER_MIN 70.0
#define GOLD_MIN   90.0
#define EPSILON	   1e-9

/* Items outside the enums do not count. */
static bool item_valid(const struct rc_score_item *it)
{
	return (unsigned)it->category < RC_CAT_COUNT &&
	       (unsigned)it->severity < RC_ARRAY_SIZE(severity_points);
}

static unsigned item_hours(const struct rc_score_item *it)
{
	return (unsigned)it->effort < RC_ARRAY_SIZE(effort_hours)
		       ? effort_hours[it->effort]
		       : effort_hours[RC_EFFORT_WEEK];
}

/* Count one item into its category. */
static void tally(struct rc_score *out, const struct rc_score_item *it)
{
	unsigned p = severity_points[it->severity];

	switch (it->status) {
	case RC_STATUS_PASS:
		out->cat[it->category].passed++;
		out->cat[it->category].points += p;
		out->cat[it->category].max_points += p;
		break;
	case RC_STATUS_FAIL:
		out->cat[it->category].failed++;
		out->cat[it->category].max_points += p;
		break;
	case RC_STATUS_NA:
		out->cat[it->category].na++;
		break;
	case RC_STATUS_WAIVED:
		out->cat[it->category].waived++;
		break;
	case RC_STATUS_MANUAL:
		out->cat[it->category].manual++;
		break;
	}
}

static enum rc_level level_of(const struct rc_score_item *items, size_t n,
			      const struct rc_score *out, bool any)
{
	bool critical = false, high = false;
	size_t i;

	if (!any)
		return RC_LEVEL_NONE;
	for (i = 0; i < n; i++) {
		if (!item_valid(&items[i]) ||
		    items[i].status != RC_STATUS_FAIL ||
		    !out->cat[items[i].category].weight)
			continue;
		if (items[i].severity == RC_SEV_CRITICAL)
			critical = true;
		else if (items[i].severity == RC_SEV_HIGH)
			high = true;
	}
	if (critical)
		return RC_LEVEL_NONE;
	if (high || out->total + EPSILON < SILVER_MIN)
		return RC_LEVEL_BRONZE;
	if (out->total + EPSILON < GOLD_MIN)
		return RC_LEVEL_SILVER;
	return RC_LEVEL_GOLD;
}

void rc_score_compute(const struct rc_score_item *items, size_t n,
		      const unsigned *weights, struct rc_score *out)
{
	uint64_t wsum = 0;
	double sum = 0;
	size_t i;
	int c;

	memset(out, 0, sizeof(*out));
	for (c = 0; c < RC_CAT_COUNT; c++)
		out->cat[c].weight = weights ? weights[c] : default_weights[c];
	for (i = 0; i < n; i++)
		if (item_valid(&items[i]))
			tally(out, &items[i]);
	for (c = 0; c < RC_CAT_COUNT; c++) {
		out->cat[c].applicable = out->cat[c].max_points > 0;
		if (!out->cat[c].applicable)
			continue;
		out->cat[c].score =
			100.0 * out->cat[c].points / out->cat[c].max_points;
		wsum += out->cat[c].weight;
	}
	/*
	 * total = 100 * sum(w * p / max) / sum(w): with every check passed
	 * the sum is exactly sum(w), so a perfect score is exactly 100.
	 */
	for (c = 0; c < RC_CAT_COUNT && wsum; c++) {
		if (!out->cat[c].applicable)
			continue;
		out->cat[c].weight_eff = 100.0 * out->cat[c].weight / wsum;
		sum += (double)out->cat[c].weight * out->cat[c].points /
		       out->cat[c].max_points;
	}
	if (wsum)
		out->total = 100.0 * sum / (double)wsum;
	if (out->total > 100.0)
		out->total = 100.0;
	out->level = level_of(items, n, out, wsum > 0);
}

/*
 * Roadmap ordering. The gain of an item is weight_eff * points / max, and
 * weight_eff = 100 * weight / wsum with wsum shared by every category, so
 * comparing w * p / max (per hour: w * p / (max * h)) in integers orders
 * exactly as the gains do.
 */
struct road {
	size_t index;
	uint64_t wp;  /* weight * points */
	uint64_t max; /* max_points of the category (1 when it has none) */
	uint64_t hours;
	double gain;
};

__extension__ typedef unsigned __int128 u128;

static int cmp_u128(u128 a, u128 b)
{
	return a < b ? -1 : a > b;
}

static int cmp_road(const void *pa, const void *pb)
{
	const struct road *a = pa, *b = pb;
	int c;

	/* higher gain per hour first */
	c = cmp_u128((u128)b->wp * a->max * a->hours,
		     (u128)a->wp * b->max * b->hours);
	if (c)
		return c;
	/* then higher gain */
	c = cmp_u128((u128)b->wp * a->max, (u128)a->wp * b->max);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

int rc_score_roadmap(const struct rc_score_item *items, size_t n,
		     const struct rc_score *score, struct rc_roadmap_item **out,
		     size_t *nout)
{
	struct road *r;
	size_t i, k = 0;
	unsigned max;
	int c;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i++)
		if (item_valid(&items[i]) && items[i].status == RC_STATUS_FAIL)
			k++;
	if (!k)
		return 0;
	r = rc_calloc(k, sizeof(*r));
	*out = rc_calloc(k, sizeof(**out));
	if (!r || !*out) {
		rc_free(r);
		rc_free(*out);
		*out = NULL;
		return RC_ENOMEM;
	}
	for (i = 0, k = 0; i < n; i++) {
		if (!item_valid(&items[i]) || items[i].status != RC_STATUS_FAIL)
			continue;
		c = items[i].category;
		max = score->cat[c].max_points;
		r[k].index = i;
		r[k].hours = item_hours(&items[i]);
		if (max && score->cat[c].weight_eff > 0) {
			r[k].wp = (uint64_t)score->cat[c].weight *
				  severity_points[items[i].severity];
			r[k].max = max;
			r[k].gain = score->cat[c].weight_eff *
				    severity_points[items[i].severity] / max;
		} else {
			r[k].max = 1; /* wp 0: gain 0 */
		}
		k++;
	}
	qsort(r, k, sizeof(*r), cmp_road);
	for (i = 0; i < k; i++) {
		(*out)[i].index = r[i].index;
		(*out)[i].gain = r[i].gain;
	}
	rc_free(r);
	*nout = k;
	return 0;
}

const char *rc_level_name(enum rc_level l)
{
	switch (l) {
	case RC_LEVEL_NONE:
		break;
	case RC_LEVEL_BRONZE:
		return "bronze";
	case RC_LEVEL_SILVER:
		return "silver";
	case RC_LEVEL_GOLD:
		return "gold";
	}
	return "none";
}
