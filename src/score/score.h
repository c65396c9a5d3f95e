/*
 * score.h - weights, renormalisation, levels and the roadmap. No I/O.
 *
 * Category score = points of passed checks / points of applicable checks,
 * where a check's points are its severity's (critical 8, high 4, medium 2,
 * low 1). N/A and MANUAL items are out of the denominator; WAIVED items are
 * too (a waiver is an accepted gap, shown in every report). A category with
 * no applicable check drops out and the others' weights are renormalised to
 * sum to 100. Total = sum(weight_eff * category score) / 100.
 *
 * Weights (FRAMEWORK.md defaults, or the user's) need not sum to 100: the
 * effective weight of a category is 100 * weight / (sum of the weights of
 * the applicable categories). A weight of 0 drops the category: it keeps its
 * own score and counts but adds nothing to the total and does not affect
 * the level. When no category is both applicable and weighted, the total is
 * 0 and the level none.
 *
 * Levels: bronze when every applicable critical check passes; silver when
 * every critical and high passes and total >= 70; gold when, in addition,
 * total >= 90. Only FAIL items block a level (waived and manual items do
 * not), and the thresholds allow 1e-9 for rounding so that a total that is
 * 70 on paper is silver.
 *
 * Items with a category or severity outside the enums are ignored; an
 * unknown effort counts as a week.
 */
#ifndef RC_SCORE_SCORE_H
#define RC_SCORE_SCORE_H

#include "../core/common.h"
#include "../rules/check.h"

struct rc_score_item {
	enum rc_category category;
	enum rc_severity severity;
	enum rc_effort effort;
	enum rc_status status;
};

enum rc_level {
	RC_LEVEL_NONE,
	RC_LEVEL_BRONZE,
	RC_LEVEL_SILVER,
	RC_LEVEL_GOLD
};

struct rc_score {
	double total; /* 0..100 */
	enum rc_level level;
	struct {
		bool applicable;     /* has at least one scored check */
		unsigned weight;     /* configured weight */
		double weight_eff;   /* renormalised weight, sums to 100 */
		unsigned points;     /* passed points */
		unsigned max_points; /* applicable points */
		double score;	     /* 0..100, 0 when not applicable */
		unsigned passed, failed, na, waived, manual;
	} cat[RC_CAT_COUNT];
};

/*
 * Compute the score of n items with weights (RC_CAT_COUNT entries indexed
 * by enum rc_category; NULL for the defaults of FRAMEWORK.md). Always
 * succeeds; *out is overwritten.
 */
void rc_score_compute(const struct rc_score_item *items, size_t n,
		      const unsigned *weights, struct rc_score *out);

struct rc_roadmap_item {
	size_t index; /* into items */
	double gain;  /* points of the total this fix earns */
};

/*
 * Failing items ordered by gain per hour of effort (quick 1, day 8,
 * week 40), ties by larger gain, then index. The gain of an item is
 * weight_eff * points / max_points of its category in score (as computed
 * by rc_score_compute over the same items): the percentage points of the
 * total that fixing it earns. Items of a dropped category (weight 0) are
 * listed last with gain 0. Ratios are compared exactly (in integers), so
 * equal rates tie whatever the rounding. *out is NULL when nothing fails.
 * Caller frees *out with rc_free. 0 or RC_ENOMEM.
 */
int rc_score_roadmap(const struct rc_score_item *items, size_t n,
		     const struct rc_score *score, struct rc_roadmap_item **out,
		     size_t *nout);

const char *rc_level_name(enum rc_level l); /* none bronze silver gold */

#endif
