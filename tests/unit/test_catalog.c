/*
 * test_catalog.c - loading checks: the schema, its error messages and
 * positions, content patterns, and the built-in rules.
 */
#include "core/common.h"
#include "rules/catalog.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "rules/builtin.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

/* The head of a valid check; cases append keys to it. */
#define HEAD                   \
	"checks:\n"            \
	"  - id: a\n"          \
	"    title: A\n"       \
	"    category: docs\n" \
	"    severity: low\n"

static int load(struct rc_catalog *c, const char *yaml, char *msg, size_t n)
{
	struct rc_err err = RC_ERR_INIT;
	int e = rc_catalog_add_yaml(c, yaml, strlen(yaml), "x.yml", &err);

	rc_err_format(&err, msg, n);
	assert_int_equal(err.code, e);
	return e;
}

static void test_catalog__full_check(void **state)
{
	static const char yaml[] =
		"checks:\n"
		"  - id: security-policy\n"
		"    title: Security policy\n"
		"    category: security\n"
		"    severity: critical\n"
		"    effort: quick\n"
		"    applies:\n"
		"      kinds: [service, cli]\n"
		"      ecosystems: rust\n"
		"      when: { fact: git.repository }\n"
		"    when:\n"
		"      exists: '{,.github/,docs/}SECURITY.md'\n"
		"    why: Reporters need a private channel.\n"
		"    remediation: >-\n"
		"      Add SECURITY.md\n"
		"      with a contact.\n"
		"  - id: audit\n"
		"    title: Security audit\n"
		"    category: security\n"
		"    severity: high\n"
		"    manual: true\n";
	struct rc_catalog *c = NULL;
	const struct rc_check *k;
	char msg[600];

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(load(c, yaml, msg, sizeof(msg)), 0);
	assert_int_equal(c->n, 2);
	k = rc_catalog_find(c, "security-policy");
	assert_non_null(k);
	assert_ptr_equal(k, c->checks[0]);
	assert_string_equal(k->title, "Security policy");
	assert_int_equal(k->category, RC_CAT_SECURITY);
	assert_int_equal(k->severity, RC_SEV_CRITICAL);
	assert_int_equal(k->effort, RC_EFFORT_QUICK);
	assert_int_equal(k->kinds, RC_KIND_SERVICE | RC_KIND_CLI);
	assert_non_null(k->ecosystems);
	assert_string_equal(k->ecosystems[0], "rust");
	assert_null(k->ecosystems[1]);
	assert_non_null(k->applies);
	assert_int_equal(k->applies->type, RC_PRED_FACT);
	assert_string_equal(k->applies->fact, "git.repository");
	assert_int_equal(k->applies->op, RC_OP_EXISTS);
	assert_non_null(k->when);
	assert_int_equal(k->when->type, RC_PRED_EXISTS);
	assert_int_equal(k->when->nglobs, 1);
	assert_string_equal(k->when->globs[0], "{,.github/,docs/}SECURITY.md");
	assert_int_equal(k->when->line, 12);
	assert_int_equal(k->when->col, 7);
	assert_false(k->manual);
	assert_string_equal(k->why, "Reporters need a private channel.");
	assert_string_equal(k->remediation, "Add SECURITY.md with a contact.");
	assert_string_equal(k->source, "x.yml");
	assert_string_equal(k->file, "x.yml");
	assert_int_equal(k->line, 2);

	k = rc_catalog_find(c, "audit");
	assert_non_null(k);
	assert_true(k->manual);
	assert_null(k->when);
	assert_int_equal(k->effort, RC_EFFORT_DAY); /* the default */
	assert_int_equal(k->kinds, 0);
	assert_null(k->ecosystems);
	assert_null(k->why);
	assert_int_equal(k->line, 17);
	assert_null(rc_catalog_find(c, "nope"));
	rc_catalog_free(c);
}

static void test_catalog__predicates(void **state)
{
	static const char yaml[] = HEAD
		"    when:\n"
		"      all:\n"
		"        - exists: [a, 'b/**']\n"
		"        - contains: { glob: '*.md', regex: '(?i)^# usage' }\n"
		"        - contains: { glob: '*.md', regex: '^# usage', "
		"nocase: true }\n"
		"        - contains: { glob: ['*.md'], regex: '^# usage' }\n"
		"        - dependency: actix-web\n"
		"        - dependency: [axum, warp]\n"
		"        - dependency: { names: [flask], ecosystem: python }\n"
		"        - dependency: { name: gin }\n"
		"        - not: { fact: { name: docker.stages, op: '>=', "
		"value: 2 } }\n"
		"        - any:\n"
		"          - fact: { name: ci.trigger, value: schedule }\n"
		"          - fact: { name: manifest.version, op: matches, "
		"value: '^1\\.' }\n"
		"          - fact: { name: 'dependency.*', op: exists }\n"
		"          - fact: { name: x, op: lt, value: 1.5 }\n";
	struct rc_catalog *c = NULL;
	const struct rc_pred *w, *p;
	char msg[600];

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(load(c, yaml, msg, sizeof(msg)), 0);
	w = c->checks[0]->when;
	assert_int_equal(w->type, RC_PRED_ALL);
	assert_int_equal(w->nkids, 10);

	p = w->kids[0];
	assert_int_equal(p->type, RC_PRED_EXISTS);
	assert_int_equal(p->nglobs, 2);
	assert_string_equal(p->globs[1], "b/**");
	assert_null(p->globs[2]);

	/* (?i) and nocase are the same pattern; a list of one glob too */
	p = w->kids[1];
	assert_int_equal(p->type, RC_PRED_CONTAINS);
	assert_string_equal(p->regex, "^# usage");
	assert_true(p->caseless);
	assert_int_equal(p->pattern, 0);
	assert_int_equal(w->kids[2]->pattern, 0);
	p = w->kids[3];
	assert_false(p->caseless);
	assert_int_equal(p->pattern, 1);
	assert_int_equal(c->npatterns, 2);
	assert_string_equal(c->patterns[0].regex, "^# usage");
	assert_true(c->patterns[0].caseless);
	assert_int_equal(c->patterns[0].nglobs, 1);
	assert_string_equal(c->patterns[0].globs[0], "*.md");
	assert_false(c->patterns[1].caseless);

	p = w->kids[4];
	assert_int_equal(p->type, RC_PRED_DEPENDENCY);
	assert_int_equal(p->nnames, 1);
	assert_string_equal(p->names[0], "actix-web");
	assert_null(p->ecosystem);
	assert_int_equal(w->kids[5]->nnames, 2);
	assert_string_equal(w->kids[5]->names[1], "warp");
	assert_string_equal(w->kids[6]->names[0], "flask");
	assert_string_equal(w->kids[6]->ecosystem, "python");
	assert_string_equal(w->kids[7]->names[0], "gin");
	assert_null(w->kids[7]->names[1]);

	p = w->kids[8];
	assert_int_equal(p->type, RC_PRED_NOT);
	assert_int_equal(p->nkids, 1);
	p = p->kids[0];
	assert_int_equal(p->type, RC_PRED_FACT);
	assert_string_equal(p->fact, "docker.stages");
	assert_int_equal(p->op, RC_OP_GE);
	assert_true(p->value_is_num);
	assert_true(p->num == 2.0);
	assert_string_equal(p->value, "2");

	p = w->kids[9];
	assert_int_equal(p->type, RC_PRED_ANY);
	assert_int_equal(p->nkids, 4);
	assert_int_equal(p->kids[0]->op, RC_OP_EQ); /* value without op */
	assert_false(p->kids[0]->value_is_num);
	assert_string_equal(p->kids[0]->value, "schedule");
	assert_int_equal(p->kids[1]->op, RC_OP_MATCHES);
	assert_non_null(p->kids[1]->re);
	assert_int_equal(c->nregexes, 1);
	assert_int_equal(p->kids[2]->op, RC_OP_EXISTS);
	assert_string_equal(p->kids[2]->fact, "dependency.*");
	assert_int_equal(p->kids[3]->op, RC_OP_LT);
	assert_true(p->kids[3]->num == 1.5);
	rc_catalog_free(c);
}

struct err_case {
	const char *yaml;
	int code;
	const char *msg; /* rc_err_format() */
};

static void test_catalog__errors(void **state)
{
	static const struct err_case cases[] = {
		/* unknown key: position of the key, nearest key as hint */
		{ HEAD "    sevrity: high\n    when: { exists: a }\n",
		  RC_EUSAGE,
		  "x.yml:6:5: unknown key 'sevrity' (did you mean "
		  "'severity'?)" },
		{ HEAD "    colour: red\n", RC_EUSAGE,
		  "x.yml:6:5: unknown key 'colour'" },
		{ HEAD "    when:\n      exist: README.md\n", RC_EUSAGE,
		  "x.yml:7:7: unknown predicate 'exist' (did you mean "
		  "'exists'?)" },
		{ "chekcs: []\n", RC_EUSAGE,
		  "x.yml:1:1: unknown key 'chekcs' (did you mean 'checks'?)" },
		{ "checks: {}\n", RC_EUSAGE,
		  "x.yml:1:9: expected a list of checks" },
		{ "- a\n", RC_EUSAGE,
		  "x.yml:1:1: expected a 'checks:' document (a mapping)" },
		{ "other: 1\n", RC_EUSAGE, "x.yml:1:1: unknown key 'other'" },
		{ "checks:\n  - 3\n", RC_EUSAGE,
		  "x.yml:2:5: expected a check (a mapping)" },
		/* required keys */
		{ "checks:\n  - title: A\n", RC_EUSAGE,
		  "x.yml:2:5: missing key 'id' in check" },
		{ "checks:\n  - id: a\n    category: docs\n", RC_EUSAGE,
		  "x.yml:2:5: missing key 'title' in check 'a'" },
		{ HEAD, RC_EUSAGE,
		  "x.yml:2:5: missing key 'when' in check 'a' (required "
		  "unless manual: true)" },
		{ HEAD "    manual: true\n    when: { exists: a }\n", RC_EUSAGE,
		  "x.yml:7:5: manual check 'a' has a 'when' (people attest "
		  "it; drop 'when' or 'manual')" },
		/* ids */
		{ "checks:\n  - id: Bad_Id\n", RC_EUSAGE,
		  "x.yml:2:9: bad check id 'Bad_Id' (lower-case letters, "
		  "digits and '-', starting with a letter or digit, at most "
		  "64 characters)" },
		{ "checks:\n  - id: -a\n", RC_EUSAGE,
		  "x.yml:2:9: bad check id '-a' (lower-case letters, digits "
		  "and '-', starting with a letter or digit, at most 64 "
		  "characters)" },
		{ HEAD "    when: { exists: a }\n"
		       "  - id: a\n    title: B\n",
		  RC_EUSAGE,
		  "x.yml:7:9: duplicate check id 'a' (first defined at "
		  "x.yml:2)" },
		{ HEAD "    severity: high\n", RC_EUSAGE,
		  "x.yml:6:5: duplicate key 'severity'" },
		/* enum values */
		{ "checks:\n  - id: a\n    title: A\n    category: secrity\n",
		  RC_EUSAGE,
		  "x.yml:4:15: unknown category 'secrity' (did you mean "
		  "'security'?)" },
		{ "checks:\n  - id: a\n    title: A\n    category: xyz\n",
		  RC_EUSAGE,
		  "x.yml:4:15: unknown category 'xyz' (expected one of "
		  "security, release, observability, reliability, "
		  "performance, data, testing, config, operations, docs)" },
		{ "checks:\n  - id: a\n    title: A\n    category: docs\n"
		  "    severity: hgh\n",
		  RC_EUSAGE,
		  "x.yml:5:15: unknown severity 'hgh' (did you mean 'high'?)" },
		{ "checks:\n  - id: a\n    title: A\n    category: docs\n"
		  "    severity: [low]\n",
		  RC_EUSAGE,
		  "x.yml:5:15: expected severity: one of low, medium, high, "
		  "critical" },
		{ HEAD "    effort: days\n", RC_EUSAGE,
		  "x.yml:6:13: unknown effort 'days' (did you mean 'day'?)" },
		{ HEAD "    manual: yes\n", RC_EUSAGE,
		  "x.yml:6:13: expected true or false for manual" },
		{ HEAD "    applies: { kinds: [servce] }\n", RC_EUSAGE,
		  "x.yml:6:24: unknown project kind 'servce' (did you mean "
		  "'service'?)" },
		{ HEAD "    applies: { ecosystems: javascript }\n", RC_EUSAGE,
		  "x.yml:6:28: unknown ecosystem 'javascript' (expected one "
		  "of rust, python, node, go, java, c, ruby, php, dotnet)" },
		{ HEAD "    applies: { kind: cli }\n", RC_EUSAGE,
		  "x.yml:6:16: unknown key 'kind' (did you mean 'kinds'?)" },
		{ HEAD "    title: 5\n", RC_EUSAGE,
		  "x.yml:6:5: duplicate key 'title'" },
		{ "checks:\n  - id: a\n    title: 5\n", RC_EUSAGE,
		  "x.yml:3:12: expected title (a string)" },
		{ "checks:\n  - id: a\n    title: ''\n", RC_EUSAGE,
		  "x.yml:3:12: title is empty" },
		/* predicates */
		{ HEAD "    when: README.md\n", RC_EUSAGE,
		  "x.yml:6:11: expected a predicate (a mapping with one key: "
		  "exists, contains, dependency, fact, all, any or not)" },
		{ HEAD "    when: {}\n", RC_EUSAGE,
		  "x.yml:6:11: empty predicate (expected one key: exists, "
		  "contains, dependency, fact, all, any or not)" },
		{ HEAD "    when: { exists: a, fact: b }\n", RC_EUSAGE,
		  "x.yml:6:24: a predicate has one key, found 'exists' and "
		  "'fact' (combine predicates with all or any)" },
		{ HEAD "    when: { label: x, exists: a, fact: b }\n",
		  RC_EUSAGE,
		  "x.yml:6:34: a predicate has one key, found 'exists' and "
		  "'fact' (combine predicates with all or any)" },
		{ HEAD "    when: { label: x }\n", RC_EUSAGE,
		  "x.yml:6:13: a predicate needs one key besides 'label' "
		  "(exists, contains, dependency, fact, all, any or not)" },
		{ HEAD "    when: { exists: a, label: [x] }\n", RC_EUSAGE,
		  "x.yml:6:31: expected label (a string)" },
		{ HEAD "    when: { exists: {} }\n", RC_EUSAGE,
		  "x.yml:6:21: expected a glob or a list of globs" },
		{ HEAD "    when: { exists: [] }\n", RC_EUSAGE,
		  "x.yml:6:21: expected a glob or a list of globs, got an "
		  "empty list" },
		{ HEAD "    when: { exists: [a, 1] }\n", RC_EUSAGE,
		  "x.yml:6:25: expected a glob or a list of globs" },
		{ HEAD "    when: { exists: /SECURITY.md }\n", RC_EUSAGE,
		  "x.yml:6:21: glob '/SECURITY.md' starts with '/' (globs are "
		  "relative to the repository root)" },
		{ HEAD "    when: { exists: '{a,b' }\n", RC_EUSAGE,
		  "x.yml:6:21: unbalanced braces in glob '{a,b'" },
		{ HEAD "    when: { all: [] }\n", RC_EUSAGE,
		  "x.yml:6:18: expected a non-empty list of predicates" },
		{ HEAD "    when: { any: { exists: a } }\n", RC_EUSAGE,
		  "x.yml:6:18: expected a non-empty list of predicates" },
		{ HEAD "    when: { not: [ { exists: a } ] }\n", RC_EUSAGE,
		  "x.yml:6:18: expected a predicate (a mapping with one key: "
		  "exists, contains, dependency, fact, all, any or not)" },
		{ HEAD "    when: { contains: { glob: a } }\n", RC_EUSAGE,
		  "x.yml:6:23: missing key 'regex' in contains" },
		{ HEAD "    when: { contains: { regex: a } }\n", RC_EUSAGE,
		  "x.yml:6:23: missing key 'glob' in contains" },
		{ HEAD "    when: { contains: { globs: a, regex: b } }\n",
		  RC_EUSAGE,
		  "x.yml:6:25: unknown key 'globs' (did you mean 'glob'?)" },
		{ HEAD "    when: { contains: { glob: a, regex: 'x(' } }\n",
		  RC_EUSAGE,
		  "x.yml:6:41: bad regex 'x(': missing closing parenthesis at "
		  "offset 2" },
		{ HEAD "    when: { contains: { glob: a, regex: b, nocase: 1 "
		       "} }\n",
		  RC_EUSAGE, "x.yml:6:52: expected true or false for nocase" },
		{ HEAD "    when: { dependency: { name: a, names: [b] } }\n",
		  RC_EUSAGE,
		  "x.yml:6:25: a dependency predicate needs exactly one of "
		  "'name' and 'names'" },
		{ HEAD "    when: { dependency: { ecosystem: rust } }\n",
		  RC_EUSAGE,
		  "x.yml:6:25: a dependency predicate needs exactly one of "
		  "'name' and 'names'" },
		{ HEAD "    when: { dependency: { name: a, ecosystem: rusty } "
		       "}\n",
		  RC_EUSAGE,
		  "x.yml:6:47: unknown ecosystem 'rusty' (did you mean "
		  "'rust'?)" },
		{ HEAD "    when: { dependency: 42 }\n", RC_EUSAGE,
		  "x.yml:6:25: expected a dependency name or a list of "
		  "dependency names" },
		{ HEAD "    when: { fact: Ci.Run }\n", RC_EUSAGE,
		  "x.yml:6:19: bad fact name 'Ci.Run' (lower-case letters, "
		  "digits, '.', '_' and '-', optionally ending in '.*')" },
		{ HEAD "    when: { fact: { name: a, op: '=', value: 1 } }\n",
		  RC_EUSAGE,
		  "x.yml:6:34: unknown operator '=' (did you mean '=='?)" },
		{ HEAD "    when: { fact: { name: a, op: '>=' } }\n", RC_EUSAGE,
		  "x.yml:6:34: missing key 'value' in fact" },
		{ HEAD "    when: { fact: { name: a, op: exists, value: 1 } "
		       "}\n",
		  RC_EUSAGE, "x.yml:6:49: operator 'exists' takes no value" },
		{ HEAD "    when: { fact: { name: a, value: [1] } }\n",
		  RC_EUSAGE,
		  "x.yml:6:37: expected a number or a string for 'value'" },
		{ HEAD "    when: { fact: { op: exists } }\n", RC_EUSAGE,
		  "x.yml:6:19: missing key 'name' in fact" },
		{ HEAD "    when: { fact: { name: a, op: matches, value: '[a' "
		       "} }\n",
		  RC_EUSAGE,
		  "x.yml:6:50: bad regex '[a': missing terminating ] for "
		  "character class at offset 2" },
		/* per-ecosystem fixes in the check */
		{ HEAD "    manual: true\n    fix: { rusty: x }\n", RC_EUSAGE,
		  "x.yml:7:12: unknown ecosystem 'rusty' in 'fix' (did you "
		  "mean 'rust'?)" },
		{ HEAD "    manual: true\n    fix: { javascript: x }\n",
		  RC_EUSAGE,
		  "x.yml:7:12: unknown ecosystem 'javascript' in 'fix' "
		  "(expected one of rust, python, node, go, java, c, ruby, "
		  "php, dotnet)" },
		{ HEAD "    manual: true\n    fix: [rust]\n", RC_EUSAGE,
		  "x.yml:7:10: expected 'fix' (a mapping of ecosystem to "
		  "text)" },
		{ HEAD "    manual: true\n    fix: {}\n", RC_EUSAGE,
		  "x.yml:7:10: empty 'fix' in check 'a' (expected texts for "
		  "one or more of rust, python, node, go, java, c, ruby, php, "
		  "dotnet)" },
		{ HEAD "    manual: true\n    fix: { go: '' }\n", RC_EUSAGE,
		  "x.yml:7:16: the go fix is empty" },
		{ HEAD "    manual: true\n    fix: { go: '  ' }\n", RC_EUSAGE,
		  "x.yml:7:16: the go fix is empty" },
		{ HEAD "    manual: true\n    fix: { go: [a] }\n", RC_EUSAGE,
		  "x.yml:7:16: expected the go fix (a string)" },
		{ HEAD "    manual: true\n    fix:\n      go: a\n      go: b\n",
		  RC_EUSAGE, "x.yml:9:7: duplicate key 'go'" },
		{ HEAD
		  "    manual: true\n    fix: { go: a }\n    fix: { c: b }\n",
		  RC_EUSAGE, "x.yml:8:5: duplicate key 'fix'" },
		/* YAML syntax errors come from the reader, with position */
		{ "checks: [\n", RC_EPARSE, NULL },
	};
	size_t i, n, bad = 0;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		struct rc_catalog *c = NULL;
		char msg[600];
		int e;

		assert_int_equal(rc_catalog_new(&c), 0);
		e = load(c, cases[i].yaml, msg, sizeof(msg));
		/* all or nothing */
		n = c->n + c->npatterns;
		rc_catalog_free(c);
		if (e != cases[i].code ||
		    (cases[i].msg && strcmp(msg, cases[i].msg))) {
			print_message("case %zu: got %d '%s'\nwant %d '%s'\n",
				      i, e, msg, cases[i].code,
				      cases[i].msg ? cases[i].msg : "");
			bad++;
		}
		if (!cases[i].msg)
			assert_true(strncmp(msg, "x.yml:", 6) == 0);
		assert_int_equal(n, 0);
	}
	assert_int_equal(bad, 0);
}

static void test_catalog__depth_limit(void **state)
{
	struct rc_catalog *c = NULL;
	char yaml[1024], msg[600];
	size_t i, n;
	int depth;

	(void)state;
	/* RC_PRED_MAX_DEPTH - 1 nots around an exists: allowed */
	for (depth = RC_PRED_MAX_DEPTH - 1; depth <= RC_PRED_MAX_DEPTH;
	     depth++) {
		n = (size_t)snprintf(yaml, sizeof(yaml), "%s    when: ", HEAD);
		for (i = 0; i < (size_t)depth; i++)
			n += (size_t)snprintf(yaml + n, sizeof(yaml) - n,
					      "{ not: ");
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n,
				      "{ exists: a }");
		for (i = 0; i < (size_t)depth; i++)
			n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, " }");
		snprintf(yaml + n, sizeof(yaml) - n, "\n");
		assert_int_equal(rc_catalog_new(&c), 0);
		if (depth < RC_PRED_MAX_DEPTH) {
			assert_int_equal(load(c, yaml, msg, sizeof(msg)), 0);
		} else {
			assert_int_equal(load(c, yaml, msg, sizeof(msg)),
					 RC_EUSAGE);
			assert_non_null(strstr(msg, "predicates nested too "
						    "deep (more than 16 "
						    "levels)"));
		}
		rc_catalog_free(c);
	}
}

/* Hostile configs cannot grow the catalog without bound. */
static void test_catalog__limits(void **state)
{
	struct rc_catalog *c = NULL;
	struct rc_buf y = RC_BUF_INIT;
	char msg[600];
	int i;

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	rc_buf_adds(&y, "checks:\n");
	for (i = 0; i <= RC_CATALOG_MAX_CHECKS; i++)
		rc_buf_addf(&y,
			    "- { id: c%d, title: T, category: docs, severity: "
			    "low, when: { exists: a } }\n",
			    i);
	assert_int_equal(load(c, y.ptr, msg, sizeof(msg)), RC_EUSAGE);
	assert_string_equal(msg, "x.yml:5002:3: too many checks (more than "
				 "5000)");
	assert_int_equal(c->n, 0);
	assert_int_equal(c->npreds, 0);

	rc_buf_reset(&y);
	rc_buf_adds(&y, HEAD "    when: { any: [");
	for (i = 0; i < RC_CATALOG_MAX_PREDS; i++)
		rc_buf_addf(&y, "%s{ fact: f%d }", i ? ", " : "", i);
	rc_buf_adds(&y, "] }\n");
	assert_int_equal(load(c, y.ptr, msg, sizeof(msg)), RC_EUSAGE);
	assert_non_null(strstr(msg, ": too many predicates (more than "
				    "10000)"));

	rc_buf_reset(&y);
	rc_buf_adds(&y, HEAD "    when: { any: [");
	for (i = 0; i <= RC_CATALOG_MAX_PATTERNS; i++)
		rc_buf_addf(&y, "%s{ contains: { glob: a, regex: r%d } }",
			    i ? ", " : "", i);
	rc_buf_adds(&y, "] }\n");
	assert_int_equal(load(c, y.ptr, msg, sizeof(msg)), RC_EUSAGE);
	assert_non_null(strstr(msg, ": too many content patterns (more than "
				    "5000)"));
	assert_int_equal(c->npatterns, 0);
	rc_buf_release(&y);
	rc_catalog_free(c);
}

static void test_catalog__duplicate_across_calls(void **state)
{
	struct rc_catalog *c = NULL;
	struct rc_node list = { 0 };
	struct rc_err err = RC_ERR_INIT;
	char msg[600];

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(
		load(c, HEAD "    when: { exists: a }\n", msg, sizeof(msg)), 0);
	assert_int_equal(
		load(c, HEAD "    when: { exists: b }\n", msg, sizeof(msg)),
		RC_EUSAGE);
	assert_string_equal(msg, "x.yml:2:9: duplicate check id 'a' (first "
				 "defined at x.yml:2)");
	assert_int_equal(c->n, 1);
	assert_string_equal(c->checks[0]->when->globs[0], "a");

	/* a node that is not a list */
	list.type = RC_NODE_TABLE;
	list.line = 3;
	list.col = 1;
	assert_int_equal(rc_catalog_add_checks(c, &list, "cfg.yml", &err),
			 RC_EUSAGE);
	assert_string_equal(rc_err_format(&err, msg, sizeof(msg)),
			    "cfg.yml:3:1: expected a list of checks");
	rc_catalog_free(c);
}

static void test_catalog__empty_documents(void **state)
{
	static const char *const docs[] = { "", "# nothing\n", "checks:\n",
					    "checks: []\n", "---\n" };
	struct rc_catalog *c = NULL;
	char msg[600];
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(docs); i++) {
		assert_int_equal(rc_catalog_new(&c), 0);
		if (load(c, docs[i], msg, sizeof(msg)))
			fail_msg("doc %zu: %s", i, msg);
		assert_int_equal(c->n, 0);
		rc_catalog_free(c);
	}
}

static void test_catalog__disable_and_suggest(void **state)
{
	static const char yaml[] =
		"checks:\n"
		"  - { id: readme, title: R, category: docs, severity: low, "
		"when: { exists: README.md } }\n"
		"  - { id: contributing, title: C, category: docs, severity: "
		"low, when: { exists: CONTRIBUTING.md } }\n"
		"  - { id: license, title: L, category: release, severity: "
		"high, when: { exists: LICENSE } }\n";
	struct rc_catalog *c = NULL;
	char msg[600];

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(load(c, yaml, msg, sizeof(msg)), 0);
	assert_string_equal(rc_catalog_suggest(c, "licence"), "license");
	assert_string_equal(rc_catalog_suggest(c, "contributin"),
			    "contributing");
	assert_null(rc_catalog_suggest(c, "zzzzzzzz"));
	assert_int_equal(rc_catalog_disable(c, "contributing"), 0);
	assert_int_equal(c->n, 2);
	assert_string_equal(c->checks[0]->id, "readme");
	assert_string_equal(c->checks[1]->id, "license");
	assert_int_equal(rc_catalog_disable(c, "contributing"), RC_ENOTFOUND);
	assert_null(rc_catalog_find(c, "contributing"));
	rc_catalog_free(c);
}

/* The ecosystem ids, their titles and RC_ECO_COUNT agree. */
static void test_catalog__ecosystem_titles(void **state)
{
	static const char *const titles[] = { "Rust", "Python", "Node.js",
					      "Go",   "Java",	"C/C++",
					      "Ruby", "PHP",	".NET" };
	size_t i;

	(void)state;
	assert_int_equal(RC_ARRAY_SIZE(titles), RC_ECO_COUNT);
	for (i = 0; i < RC_ECO_COUNT; i++) {
		assert_non_null(rc_ecosystem_name_at(i));
		assert_string_equal(rc_ecosystem_title(rc_ecosystem_name_at(i)),
				    titles[i]);
	}
	assert_null(rc_ecosystem_name_at(RC_ECO_COUNT));
	assert_null(rc_ecosystem_title("javascript"));
	assert_null(rc_ecosystem_title(NULL));
}

/* `fix:` in a check: one text per ecosystem, read with rc_check_fix(). */
static void test_catalog__fix_inline(void **state)
{
	static const char yaml[] =
		HEAD "    when: { exists: a }\n"
		     "    remediation: Do it.\n"
		     "    fix:\n"
		     "      rust: Run `cargo audit`.\n"
		     "      dotnet: >-\n"
		     "        Run `dotnet list package\n"
		     "        --vulnerable`.\n"
		     "  - { id: b, title: B, category: data, severity: high, "
		     "manual: true, fix: { go: Run govulncheck. } }\n";
	struct rc_catalog *c = NULL;
	const struct rc_check *k;
	char msg[600];
	size_t i;

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	if (load(c, yaml, msg, sizeof(msg)))
		fail_msg("%s", msg);
	k = rc_catalog_find(c, "a");
	assert_string_equal(rc_check_fix(k, "rust"), "Run `cargo audit`.");
	assert_string_equal(rc_check_fix(k, "dotnet"),
			    "Run `dotnet list package --vulnerable`.");
	assert_string_equal(k->remediation, "Do it.");
	for (i = 0; i < RC_ECO_COUNT; i++)
		if (i != 0 && i != 8)
			assert_null(k->fix[i].text);
	assert_string_equal(k->fix[0].file, "x.yml");
	assert_int_equal(k->fix[0].line, 9);
	assert_int_equal(k->fix[8].line, 10);
	assert_null(rc_check_fix(k, "go"));
	assert_null(rc_check_fix(k, "javascript"));
	assert_null(rc_check_fix(k, NULL));
	assert_null(rc_check_fix(NULL, "rust"));
	k = rc_catalog_find(c, "b");
	assert_string_equal(rc_check_fix(k, "go"), "Run govulncheck.");
	assert_int_equal(k->fix[3].line, 13);
	rc_catalog_free(c);
}

/* The checks rc_catalog_add_fixes_yaml() tests attach fixes to. */
static const char fix_checks[] =
	"checks:\n"
	"  - { id: license, title: L, category: release, severity: high, "
	"when: { exists: LICENSE } }\n"
	"  - { id: readme, title: R, category: docs, severity: low, "
	"when: { exists: README.md }, fix: { rust: R1 } }\n"
	"  - { id: audit, title: A, category: security, severity: high, "
	"manual: true }\n";

static int load_fixes(struct rc_catalog *c, const char *yaml, char *msg,
		      size_t n)
{
	struct rc_err err = RC_ERR_INIT;
	int e = rc_catalog_add_fixes_yaml(c, yaml, strlen(yaml), "f.yml", &err);

	rc_err_format(&err, msg, n);
	assert_int_equal(err.code, e);
	return e;
}

/* A fixes: document attaches texts to checks loaded before it. */
static void test_catalog__fixes_file(void **state)
{
	static const char yaml[] = "# per-ecosystem remediation\n"
				   "fixes:\n"
				   "  - check: license\n"
				   "    rust: Set `license` in Cargo.toml.\n"
				   "    node: >-\n"
				   "      Set \"license\" in\n"
				   "      package.json.\n"
				   "  - { check: readme, go: G, c: C }\n"
				   "  - check: audit\n"
				   "    php: P\n";
	static const char *const empty[] = { "", "fixes:\n", "fixes: []\n",
					     "# nothing\n" };
	struct rc_catalog *c = NULL;
	const struct rc_check *k;
	char msg[600];
	size_t i;

	(void)state;
	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(load(c, fix_checks, msg, sizeof(msg)), 0);
	if (load_fixes(c, yaml, msg, sizeof(msg)))
		fail_msg("%s", msg);
	k = rc_catalog_find(c, "license");
	assert_string_equal(rc_check_fix(k, "rust"),
			    "Set `license` in Cargo.toml.");
	assert_string_equal(rc_check_fix(k, "node"),
			    "Set \"license\" in package.json.");
	assert_null(rc_check_fix(k, "python"));
	assert_string_equal(k->fix[0].file, "f.yml");
	assert_int_equal(k->fix[0].line, 4);
	assert_int_equal(k->fix[2].line, 5);
	/* the check's own fix: and the file's add up */
	k = rc_catalog_find(c, "readme");
	assert_string_equal(rc_check_fix(k, "rust"), "R1");
	assert_string_equal(k->fix[0].file, "x.yml");
	assert_string_equal(rc_check_fix(k, "go"), "G");
	assert_string_equal(rc_check_fix(k, "c"), "C");
	assert_int_equal(k->fix[3].line, 8);
	k = rc_catalog_find(c, "audit");
	assert_string_equal(rc_check_fix(k, "php"), "P");
	for (i = 0; i < RC_ARRAY_SIZE(empty); i++)
		if (load_fixes(c, empty[i], msg, sizeof(msg)))
			fail_msg("doc %zu: %s", i, msg);
	rc_catalog_free(c);
}

static void test_catalog__fixes_errors(void **state)
{
	static const struct err_case cases[] = {
		{ "fixes:\n  - { check: licence, rust: x }\n", RC_EUSAGE,
		  "f.yml:2:14: unknown check 'licence' in 'fixes' (did you "
		  "mean 'license'?)" },
		{ "fixes:\n  - { check: zzzzzzzz, rust: x }\n", RC_EUSAGE,
		  "f.yml:2:14: unknown check 'zzzzzzzz' in 'fixes'" },
		{ "fixes:\n  - { check: license, rusty: x }\n", RC_EUSAGE,
		  "f.yml:2:23: unknown ecosystem 'rusty' in a fixes entry (did "
		  "you mean 'rust'?)" },
		{ "fixes:\n  - { chek: license, rust: x }\n", RC_EUSAGE,
		  "f.yml:2:7: unknown ecosystem 'chek' in a fixes entry (did "
		  "you mean 'check'?)" },
		{ "fixes:\n  - { check: license, javascript: x }\n", RC_EUSAGE,
		  "f.yml:2:23: unknown ecosystem 'javascript' in a fixes entry "
		  "(expected one of rust, python, node, go, java, c, ruby, "
		  "php, dotnet)" },
		{ "fixes:\n  - { rust: x }\n", RC_EUSAGE,
		  "f.yml:2:5: missing key 'check' in fixes entry" },
		{ "fixes:\n  - { check: license }\n", RC_EUSAGE,
		  "f.yml:2:5: fixes entry for check 'license' has no text "
		  "(expected one or more of rust, python, node, go, java, c, "
		  "ruby, php, dotnet)" },
		{ "fixes:\n  - { check: license, go: '' }\n", RC_EUSAGE,
		  "f.yml:2:27: the go fix is empty" },
		{ "fixes:\n  - { check: license, go: \" \\n \" }\n", RC_EUSAGE,
		  "f.yml:2:27: the go fix is empty" },
		{ "fixes:\n  - { check: license, go: 3 }\n", RC_EUSAGE,
		  "f.yml:2:27: expected the go fix (a string)" },
		{ "fixes:\n  - { check: [license], go: a }\n", RC_EUSAGE,
		  "f.yml:2:14: expected check (a string)" },
		{ "fixes:\n  - { check: license, go: a, go: b }\n", RC_EUSAGE,
		  "f.yml:2:30: duplicate key 'go'" },
		/* a second entry for a check, even for other ecosystems */
		{ "fixes:\n  - { check: license, go: a }\n"
		  "  - { check: audit, go: a }\n"
		  "  - { check: license, c: b }\n",
		  RC_EUSAGE,
		  "f.yml:4:14: duplicate fixes entry for check 'license' "
		  "(first at f.yml:2)" },
		/* an ecosystem the check's own fix: already covers */
		{ "fixes:\n  - { check: readme, go: a, rust: b }\n", RC_EUSAGE,
		  "f.yml:2:29: duplicate rust fix for check 'readme' (first "
		  "defined at x.yml:3)" },
		{ "fixes:\n  - license\n", RC_EUSAGE,
		  "f.yml:2:5: expected a fixes entry (a mapping with 'check' "
		  "and one text per ecosystem)" },
		{ "fixes: { check: license }\n", RC_EUSAGE,
		  "f.yml:1:8: expected a list of fixes entries" },
		{ "fixs: []\n", RC_EUSAGE,
		  "f.yml:1:1: unknown key 'fixs' (did you mean 'fixes'?)" },
		{ "checks: []\n", RC_EUSAGE,
		  "f.yml:1:1: unknown key 'checks'" },
		{ "fixes: [\n", RC_EPARSE, NULL },
	};
	size_t i, j, bad = 0;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		struct rc_catalog *c = NULL;
		char msg[600];
		int e;

		assert_int_equal(rc_catalog_new(&c), 0);
		assert_int_equal(load(c, fix_checks, msg, sizeof(msg)), 0);
		e = load_fixes(c, cases[i].yaml, msg, sizeof(msg));
		if (e != cases[i].code ||
		    (cases[i].msg && strcmp(msg, cases[i].msg))) {
			print_message("case %zu: got %d '%s'\nwant %d '%s'\n",
				      i, e, msg, cases[i].code,
				      cases[i].msg ? cases[i].msg : "");
			bad++;
		}
		if (!cases[i].msg)
			assert_true(strncmp(msg, "f.yml:", 6) == 0);
		/* all or nothing: only readme's own rust fix is left */
		for (j = 0; j < c->n; j++) {
			const struct rc_check *k = c->checks[j];
			size_t eco;

			for (eco = 0; eco < RC_ECO_COUNT; eco++)
				if (k->fix[eco].text &&
				    (strcmp(k->id, "readme") || eco != 0))
					fail_msg("case %zu: %s keeps a fix", i,
						 k->id);
		}
		rc_catalog_free(c);
	}
	assert_int_equal(bad, 0);
}

/* Every embedded rules file loads, and every check is complete. */
static void test_catalog__builtin(void **state)
{
	struct rc_catalog *c = NULL;
	struct rc_err err = RC_ERR_INIT;
	const struct rc_embedded_file *f;
	const struct rc_check *k;
	char msg[600];
	size_t i, j, nfiles = 0, nfix = 0;

	(void)state;
	for (f = rc_builtin_rules; f->name; f++)
		nfiles++;
	assert_true(nfiles > 0);
	assert_int_equal(rc_catalog_new(&c), 0);
	if (rc_catalog_load_builtin(c, &err))
		fail_msg("%s", rc_err_format(&err, msg, sizeof(msg)));
	for (i = 0; i < c->n; i++) {
		k = c->checks[i];
		assert_string_equal(k->source, "builtin");
		assert_true(strncmp(k->file, "rules/", 6) == 0);
		assert_true(k->line > 0);
		if (!k->remediation || !k->why)
			fail_msg("%s:%u: check '%s' needs why and remediation",
				 k->file, k->line, k->id);
		for (j = 0; j < RC_ECO_COUNT; j++) {
			if (!k->fix[j].text)
				continue;
			nfix++;
			assert_true(strncmp(k->fix[j].file, "rules/", 6) == 0);
			assert_true(k->fix[j].line > 0);
			assert_ptr_equal(
				rc_check_fix(k, rc_ecosystem_name_at(j)),
				k->fix[j].text);
		}
	}
	/* rules/fixes.yml is not a checks file; its texts reach the checks
	 * (dependency-audit-ci has one for every ecosystem) */
	for (f = rc_builtin_rules; f->name; f++)
		assert_string_not_equal(f->name, "fixes.yml");
	k = rc_catalog_find(c, "dependency-audit-ci");
	assert_non_null(k);
	for (j = 0; j < RC_ECO_COUNT; j++)
		assert_non_null(rc_check_fix(k, rc_ecosystem_name_at(j)));
	assert_true(nfix > 400);
	rc_catalog_free(c);
}

/* Every allocation of the loader may fail: no crash, no leak. */
static void test_catalog__alloc_failures(void **state)
{
	static const char yaml[] = HEAD
		"    applies: { kinds: service, ecosystems: [go] }\n"
		"    when:\n"
		"      any:\n"
		"        - contains: { glob: ['*.go', '**/x'], regex: 'a+b' }\n"
		"        - fact: { name: v, op: matches, value: '^1' }\n"
		"        - dependency: { names: [x, y], ecosystem: go }\n"
		"    fix: { go: Use govulncheck., c: osv-scanner }\n"
		"  - { id: b, title: B, category: data, severity: high, "
		"manual: true }\n";
	static const char fixes[] = "fixes:\n"
				    "  - { check: a, rust: R, python: P }\n"
				    "  - { check: b, node: N }\n";
	struct rc_catalog *c;
	struct rc_err err;
	long n;
	int e = RC_ENOMEM;

	(void)state;
	for (n = 0; e == RC_ENOMEM && n < 10000; n++) {
		c = NULL;
		rc_err_clear(&err);
		rc_alloc_fail_after(n);
		e = rc_catalog_new(&c);
		if (!e)
			e = rc_catalog_add_yaml(c, yaml, strlen(yaml), "x.yml",
						&err);
		if (!e)
			e = rc_catalog_add_fixes_yaml(c, fixes, strlen(fixes),
						      "f.yml", &err);
		rc_alloc_fail_after(-1);
		if (e == RC_ENOMEM && c && c->n) {
			/* the checks loaded; the fixes: all or nothing */
			assert_null(rc_check_fix(c->checks[0], "rust"));
			assert_null(rc_check_fix(c->checks[1], "node"));
			assert_string_equal(rc_check_fix(c->checks[0], "go"),
					    "Use govulncheck.");
		}
		if (e && e != RC_ENOMEM)
			fail_msg("n=%ld: %d %s", n, e, err.msg);
		rc_catalog_free(c);
	}
	assert_int_equal(e, 0);
	assert_true(n > 5);
}

/* The built-in fixes file loads too, and under failing allocations. */
static void test_catalog__builtin_alloc_failures(void **state)
{
	struct rc_catalog *c;
	struct rc_err err;
	long n;
	int e = RC_ENOMEM;

	(void)state;
	for (n = 0; e == RC_ENOMEM && n < 100000; n += 1 + n / 16) {
		c = NULL;
		rc_err_clear(&err);
		rc_alloc_fail_after(n);
		e = rc_catalog_new(&c);
		if (!e)
			e = rc_catalog_load_builtin(c, &err);
		rc_alloc_fail_after(-1);
		if (e && e != RC_ENOMEM)
			fail_msg("n=%ld: %d %s", n, e, err.msg);
		rc_catalog_free(c);
	}
	assert_int_equal(e, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog__full_check),
		cmocka_unit_test(test_catalog__predicates),
		cmocka_unit_test(test_catalog__errors),
		cmocka_unit_test(test_catalog__depth_limit),
		cmocka_unit_test(test_catalog__limits),
		cmocka_unit_test(test_catalog__duplicate_across_calls),
		cmocka_unit_test(test_catalog__empty_documents),
		cmocka_unit_test(test_catalog__disable_and_suggest),
		cmocka_unit_test(test_catalog__ecosystem_titles),
		cmocka_unit_test(test_catalog__fix_inline),
		cmocka_unit_test(test_catalog__fixes_file),
		cmocka_unit_test(test_catalog__fixes_errors),
		cmocka_unit_test(test_catalog__builtin),
		cmocka_unit_test(test_catalog__alloc_failures),
		cmocka_unit_test(test_catalog__builtin_alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
