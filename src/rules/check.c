/*
 * check.c - names of the check model's enums, in both directions.
 *
 * One table per enum; the ids are what the rules files, .readycheck.yml and the
 * JSON report use, so they never change once released.
 */
#include "../core/common.h"
#include "check.h"

struct category_info {
	const char *id;
	const char *title;
	unsigned weight; /* FRAMEWORK.md; the ten sum to 100 */
};

static const struct category_info categories[RC_CAT_COUNT] = {
	[RC_CAT_SECURITY] = { "security", "Security and supply chain", 15 },
	[RC_CAT_RELEASE] = { "release", "Release engineering", 12 },
	[RC_CAT_OBSERVABILITY] = { "observability", "Observability", 12 },
	[RC_CAT_RELIABILITY] = { "reliability", "Reliability and resilience",
				 12 },
	[RC_CAT_PERFORMANCE] = { "performance", "Scalability and performance",
				 10 },
	[RC_CAT_DATA] = { "data", "Data integrity and contracts", 10 },
	[RC_CAT_TESTING] = { "testing", "Testing and quality gates", 10 },
	[RC_CAT_CONFIG] = { "config", "Configuration and environment", 8 },
	[RC_CAT_OPERATIONS] = { "operations", "Operations and deployment", 6 },
	[RC_CAT_DOCS] = { "docs", "Documentation and community", 5 },
};

static const char *const severities[] = {
	[RC_SEV_LOW] = "low",
	[RC_SEV_MEDIUM] = "medium",
	[RC_SEV_HIGH] = "high",
	[RC_SEV_CRITICAL] = "critical",
};

static const unsigned severity_points[] = {
	[RC_SEV_LOW] = 1,
	[RC_SEV_MEDIUM] = 2,
	[RC_SEV_HIGH] = 4,
	[RC_SEV_CRITICAL] = 8,
};

static const char *const efforts[] = {
	[RC_EFFORT_QUICK] = "quick",
	[RC_EFFORT_DAY] = "day",
	[RC_EFFORT_WEEK] = "week",
};

/* Indexed by bit number. */
static const char *const kinds[] = { "service", "library", "cli", "app",
				     "worker" };

static const char *const statuses[] = {
	[RC_STATUS_PASS] = "pass",     [RC_STATUS_FAIL] = "fail",
	[RC_STATUS_NA] = "n-a",	       [RC_STATUS_WAIVED] = "waived",
	[RC_STATUS_MANUAL] = "manual",
};

static const char *const ecosystems[] = { "rust", "python", "node",
					  "go",	  "java",   "c",
					  "ruby", "php",    "dotnet" };

/* Index of s in names[0..n), or -1. */
static int lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

const char *rc_category_id(enum rc_category c)
{
	return (unsigned)c < RC_CAT_COUNT ? categories[c].id : "unknown";
}

const char *rc_category_title(enum rc_category c)
{
	return (unsigned)c < RC_CAT_COUNT ? categories[c].title : "Unknown";
}

unsigned rc_category_default_weight(enum rc_category c)
{
	return (unsigned)c < RC_CAT_COUNT ? categories[c].weight : 0;
}

const char *rc_severity_name(enum rc_severity s)
{
	return (unsigned)s < RC_ARRAY_SIZE(severities) ? severities[s]
						       : "unknown";
}

unsigned rc_severity_points(enum rc_severity s)
{
	return (unsigned)s < RC_ARRAY_SIZE(severity_points) ? severity_points[s]
							    : 0;
}

const char *rc_effort_name(enum rc_effort e)
{
	return (unsigned)e < RC_ARRAY_SIZE(efforts) ? efforts[e] : "unknown";
}

const char *rc_kind_name(enum rc_kind k)
{
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(kinds); i++)
		if ((unsigned)k == 1u << i)
			return kinds[i];
	return "unknown";
}

const char *rc_status_name(enum rc_status s)
{
	return (unsigned)s < RC_ARRAY_SIZE(statuses) ? statuses[s] : "unknown";
}

const char *rc_category_name_at(size_t i)
{
	return i < RC_CAT_COUNT ? categories[i].id : NULL;
}

bool rc_id_ok(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 1; s[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-", s[i]))
			return false;
	return i <= RC_ID_MAX;
}

const char *rc_severity_name_at(size_t i)
{
	return i < RC_ARRAY_SIZE(severities) ? severities[i] : NULL;
}

const char *rc_effort_name_at(size_t i)
{
	return i < RC_ARRAY_SIZE(efforts) ? efforts[i] : NULL;
}

const char *rc_kind_name_at(size_t i)
{
	return i < RC_ARRAY_SIZE(kinds) ? kinds[i] : NULL;
}

const char *rc_ecosystem_name_at(size_t i)
{
	return i < RC_ARRAY_SIZE(ecosystems) ? ecosystems[i] : NULL;
}

int rc_category_parse(const char *s, enum rc_category *out)
{
	size_t i;

	for (i = 0; s && i < RC_CAT_COUNT; i++) {
		if (!strcmp(categories[i].id, s)) {
			*out = (enum rc_category)i;
			return 0;
		}
	}
	return RC_ENOTFOUND;
}

int rc_severity_parse(const char *s, enum rc_severity *out)
{
	int i = lookup(severities, RC_ARRAY_SIZE(severities), s);

	if (i < 0)
		return RC_ENOTFOUND;
	*out = (enum rc_severity)i;
	return 0;
}

int rc_effort_parse(const char *s, enum rc_effort *out)
{
	int i = lookup(efforts, RC_ARRAY_SIZE(efforts), s);

	if (i < 0)
		return RC_ENOTFOUND;
	*out = (enum rc_effort)i;
	return 0;
}

int rc_kind_parse(const char *s, enum rc_kind *out)
{
	int i = lookup(kinds, RC_ARRAY_SIZE(kinds), s);

	if (i < 0)
		return RC_ENOTFOUND;
	*out = (enum rc_kind)(1u << i);
	return 0;
}

int rc_status_parse(const char *s, enum rc_status *out)
{
	int i = lookup(statuses, RC_ARRAY_SIZE(statuses), s);

	if (i < 0)
		return RC_ENOTFOUND;
	*out = (enum rc_status)i;
	return 0;
}

int rc_ecosystem_parse(const char *s, const char **out)
{
	int i = lookup(ecosystems, RC_ARRAY_SIZE(ecosystems), s);

	if (i < 0)
		return RC_ENOTFOUND;
	*out = ecosystems[i];
	return 0;
}
