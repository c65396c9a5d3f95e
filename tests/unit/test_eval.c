/*
 * test_eval.c - predicates over a hand-built fact store, with their
 * evidence, and check applicability.
 *
 * Predicates are written in the rules' YAML and loaded through the catalog,
 * so the tables read like rules files. Outcomes are rendered one evidence
 * item per line as "path:line: text | snippet" (parts left out when absent)
 * and compared whole.
 */
#include "core/common.h"
#include "rules/eval.h"
#include "core/buf.h"
#include "facts/facts.h"
#include "rules/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

struct fx {
	struct rc_catalog *cat;
	struct rc_facts *f;
	struct rc_arena arena;
	unsigned next_id;
};

static const char *const files[] = {
	"README.md",
	"docs/SECURITY.md",
	".github/workflows/ci.yml",
	".github/workflows/audit.yaml",
	"src/main.rs",
	"src/lib/Dockerfile",
	"a/b/c/deep.TXT",
	".env",
	"Cargo.toml",
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct rc_facts *f;
	size_t i;

	assert_non_null(fx);
	assert_int_equal(rc_catalog_new(&fx->cat), 0);
	assert_int_equal(rc_facts_new(&fx->f), 0);
	rc_arena_init(&fx->arena);
	f = fx->f;
	for (i = 0; i < RC_ARRAY_SIZE(files); i++)
		assert_int_equal(rc_facts_add_file(f, files[i], 10, 0, 1), 0);
	/* symlinks are never evidence */
	assert_int_equal(
		rc_facts_add_file(f, "Dockerfile", 0, RC_FILE_SYMLINK, 0), 0);
	assert_int_equal(
		rc_facts_add_file(f, "SECURITY.md", 0, RC_FILE_SYMLINK, 0), 0);
	for (i = 0; i < 12; i++) {
		char p[32];

		snprintf(p, sizeof(p), "many/f%02zu.txt", i);
		assert_int_equal(rc_facts_add_file(f, p, 1, 0, 1), 0);
	}
	rc_facts_sort_files(f);

	assert_int_equal(rc_facts_add_str(f, "dependency.rust", "actix-web",
					  "Cargo.toml", 14),
			 0);
	assert_int_equal(rc_facts_add_str(f, "dev_dependency.python", "pytest",
					  "pyproject.toml", 20),
			 0);
	assert_int_equal(rc_facts_add_str(f, "dependency.python", "Flask_Login",
					  "requirements.txt", 3),
			 0);
	assert_int_equal(rc_facts_add_str(f, "dependency.node", "@types/node",
					  "package.json", 10),
			 0);
	assert_int_equal(rc_facts_add_str(f, "dependency.node", "lodash.merge",
					  "package.json", 11),
			 0);
	assert_int_equal(rc_facts_add_str(f, "ci.trigger", "push",
					  ".github/workflows/ci.yml", 3),
			 0);
	assert_int_equal(rc_facts_add_str(f, "ci.trigger", "schedule",
					  ".github/workflows/audit.yaml", 5),
			 0);
	assert_int_equal(
		rc_facts_add_num(f, "docker.stages", 1, "Dockerfile", 1), 0);
	assert_int_equal(
		rc_facts_add_num(f, "docker.stages", 3, "api/Dockerfile", 1),
		0);
	assert_int_equal(rc_facts_add_str(f, "manifest.version", "1.2.3",
					  "Cargo.toml", 3),
			 0);
	assert_int_equal(rc_facts_add_str(f, "coverage.threshold", "85",
					  "codecov.yml", 4),
			 0);
	assert_int_equal(rc_facts_add_bool(f, "git.repository", true, NULL, 0),
			 0);
	assert_int_equal(rc_facts_add_bool(f, "flag.off", false, "x.toml", 2),
			 0);
	assert_int_equal(
		rc_facts_add_str(f, "ci.run",
				 "0123456789012345678901234567890123456789"
				 "0123456789012345678901234567890123456789"
				 "0123456789",
				 "ci.yml", 9),
		0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	rc_catalog_free(fx->cat);
	rc_facts_free(fx->f);
	rc_arena_release(&fx->arena);
	free(fx);
	return 0;
}

/* Load a check with predicate `when` (YAML flow text); return it. */
static const struct rc_check *check_with(struct fx *fx, const char *extra,
					 const char *when)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_buf y = RC_BUF_INIT;
	char msg[600];
	int e;

	rc_buf_addf(&y,
		    "checks:\n"
		    "  - id: t%u\n"
		    "    title: T\n"
		    "    category: docs\n"
		    "    severity: low\n"
		    "%s",
		    fx->next_id++, extra ? extra : "");
	if (when)
		rc_buf_addf(&y, "    when: %s\n", when);
	e = rc_catalog_add_yaml(fx->cat, y.ptr, y.len, "t.yml", &err);
	rc_buf_release(&y);
	if (e)
		fail_msg("%s: %s", when ? when : "",
			 rc_err_format(&err, msg, sizeof(msg)));
	return fx->cat->checks[fx->cat->n - 1];
}

static void render(const struct rc_outcome *o, struct rc_buf *b)
{
	size_t i;

	for (i = 0; i < o->nev; i++) {
		const struct rc_evidence *e = &o->ev[i];

		if (i)
			rc_buf_addc(b, '\n');
		if (e->path && e->line)
			rc_buf_addf(b, "%s:%u: ", e->path, e->line);
		else if (e->path)
			rc_buf_addf(b, "%s: ", e->path);
		rc_buf_adds(b, e->text ? e->text : "(null)");
		if (e->snippet)
			rc_buf_addf(b, " | %s", e->snippet);
	}
}

struct pcase {
	const char *when;
	bool pass;
	const char *evidence;
};

static void run_cases(struct fx *fx, const struct pcase *cases, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		const struct rc_check *c = check_with(fx, NULL, cases[i].when);
		struct rc_outcome out;
		struct rc_buf b = RC_BUF_INIT;
		bool pass = !cases[i].pass, quick = !cases[i].pass;

		assert_int_equal(
			rc_pred_eval(c->when, fx->f, &fx->arena, &pass, &out),
			0);
		assert_int_equal(out.status,
				 pass ? RC_STATUS_PASS : RC_STATUS_FAIL);
		/* the verdict does not depend on collecting evidence */
		assert_int_equal(
			rc_pred_eval(c->when, fx->f, NULL, &quick, NULL), 0);
		assert_int_equal(quick, pass);
		render(&out, &b);
		if (pass != cases[i].pass || strcmp(b.ptr, cases[i].evidence)) {
			print_message("%s\n  got %s:\n%s\n  want %s:\n%s\n",
				      cases[i].when, pass ? "pass" : "fail",
				      b.ptr, cases[i].pass ? "pass" : "fail",
				      cases[i].evidence);
			bad++;
		}
		rc_buf_release(&b);
	}
	assert_int_equal(bad, 0);
}

static void test_eval__exists(void **state)
{
	static const struct pcase cases[] = {
		/* a bare name is the root only (the root one is a symlink) */
		{ "{ exists: SECURITY.md }", false,
		  "no file matches SECURITY.md" },
		{ "{ exists: '{,.github/,docs/}SECURITY.md' }", true,
		  "docs/SECURITY.md: found" },
		{ "{ exists: docs/security.MD }", true,
		  "docs/SECURITY.md: found" },
		{ "{ exists: readme.md }", true, "README.md: found" },
		{ "{ exists: '**/Dockerfile' }", true,
		  "src/lib/Dockerfile: found" },
		{ "{ exists: '**/deep.*' }", true, "a/b/c/deep.TXT: found" },
		{ "{ exists: 'a/**/deep.txt' }", true,
		  "a/b/c/deep.TXT: found" },
		{ "{ exists: 'a/*/deep.txt' }", false,
		  "no file matches a/*/deep.txt" },
		{ "{ exists: 'src/*' }", true, "src/main.rs: found" },
		{ "{ exists: 'src/**' }", true,
		  "src/lib/Dockerfile: found\nsrc/main.rs: found" },
		{ "{ exists: [nope, 'src/*.rs', 'Cargo.*'] }", true,
		  "Cargo.toml: found\nsrc/main.rs: found" },
		{ "{ exists: '.github/workflows/*.{yml,yaml}' }", true,
		  ".github/workflows/audit.yaml: found\n"
		  ".github/workflows/ci.yml: found" },
		{ "{ exists: 'README.m?' }", true, "README.md: found" },
		{ "{ exists: '[Rr]EADME.*' }", true, "README.md: found" },
		{ "{ exists: '[!R]EADME.md' }", false,
		  "no file matches [!R]EADME.md" },
		{ "{ exists: [CHANGELOG.md, 'CHANGES*', HISTORY.md] }", false,
		  "no file matches CHANGELOG.md, CHANGES*, HISTORY.md" },
		/* more than RC_EVAL_MAX_EVIDENCE matches */
		{ "{ exists: 'many/*.txt' }", true,
		  "many/f00.txt: found\nmany/f01.txt: found\n"
		  "many/f02.txt: found\nmany/f03.txt: found\n"
		  "many/f04.txt: found\nmany/f05.txt: found\n"
		  "many/f06.txt: found\nmany/f07.txt: found (and 4 more)" },
	};

	run_cases(*state, cases, RC_ARRAY_SIZE(cases));
}

static void test_eval__contains(void **state)
{
	struct fx *fx = *state;
	const struct rc_check *c1, *c2, *c3;
	struct rc_outcome out;
	struct rc_buf b = RC_BUF_INIT;
	bool pass = false;
	int i;

	c1 = check_with(fx, NULL,
			"{ contains: { glob: ['README*', 'docs/**'], "
			"regex: '^## usage', nocase: true } }");
	c2 = check_with(
		fx, NULL,
		"{ contains: { glob: '**/*.rs', regex: 'unwrap\\(' } }");
	c3 = check_with(fx, NULL,
			"{ contains: { glob: '**', regex: 'TODO' } }");
	assert_int_not_equal(c1->when->pattern, c2->when->pattern);
	assert_int_equal(rc_facts_add_hit(fx->f, c1->when->pattern, "README.md",
					  3, "## Usage", 8),
			 0);
	for (i = 0; i < 7; i++)
		assert_int_equal(rc_facts_add_hit(fx->f, c3->when->pattern,
						  "src/main.rs",
						  (unsigned)(10 + i), "// TODO",
						  7),
				 0);

	assert_int_equal(rc_pred_eval(c1->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_true(pass);
	render(&out, &b);
	assert_string_equal(b.ptr, "README.md:3: found | ## Usage");
	assert_string_equal(out.ev[0].snippet, "## Usage");
	assert_int_equal(out.ev[0].line, 3);

	rc_buf_reset(&b);
	assert_int_equal(rc_pred_eval(c2->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_false(pass);
	render(&out, &b);
	assert_string_equal(b.ptr, "no match for /unwrap\\(/ in **/*.rs");

	/* the store keeps 5 hits and counts all 7 */
	rc_buf_reset(&b);
	assert_int_equal(rc_pred_eval(c3->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_true(pass);
	render(&out, &b);
	assert_string_equal(b.ptr, "src/main.rs:10: found | // TODO\n"
				   "src/main.rs:11: found | // TODO\n"
				   "src/main.rs:12: found | // TODO\n"
				   "src/main.rs:13: found | // TODO\n"
				   "src/main.rs:14: found (and 2 more) | "
				   "// TODO");
	rc_buf_release(&b);

	/* not contains: the hit is what is wrong */
	c1 = check_with(fx, NULL,
			"{ not: { contains: { glob: ['README*', 'docs/**'], "
			"regex: '(?i)^## usage' } } }");
	assert_int_equal(rc_pred_eval(c1->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_false(pass);
	assert_int_equal(out.nev, 1);
	assert_string_equal(out.ev[0].path, "README.md");
	c1 = check_with(fx, NULL, "{ contains: { glob: 'x', regex: 'a' } }");
	assert_int_equal(rc_pred_eval(c1->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_false(pass);
	assert_string_equal(out.ev[0].text, "no match for /a/ in x");
	c1 = check_with(fx, NULL,
			"{ contains: { glob: 'x', regex: '(?i)a' } }");
	assert_int_equal(rc_pred_eval(c1->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_string_equal(out.ev[0].text, "no match for /a/i in x");
}

/* Checks decided per package: what a package sees (eval.h, rc_scope). */
static void test_eval__scope(void **state)
{
	static const char *const dirs[] = { "", "svc/api", "svc/api/plugin",
					    "svc/worker" };
	struct fx *fx = *state;
	struct rc_scope root = { "", dirs, 4 }, api = { "svc/api", dirs, 4 },
			plugin = { "svc/api/plugin", dirs, 4 },
			worker = { "svc/worker", dirs, 4 };
	const struct rc_check *ex, *co, *dep;
	struct rc_outcome out;
	struct rc_project pr = { RC_KIND_SERVICE, NULL, NULL };
	unsigned pat;

	assert_int_equal(
		rc_facts_add_file(fx->f, "svc/api/src/main.rs", 1, 0, 1), 0);
	assert_int_equal(
		rc_facts_add_file(fx->f, "svc/api/plugin/src/main.rs", 1, 0, 1),
		0);
	assert_int_equal(
		rc_facts_add_file(fx->f, "svc/worker/RUNBOOK.md", 1, 0, 1), 0);
	rc_facts_sort_files(fx->f);
	/* globs match from the root or from the package directory */
	ex = check_with(fx, NULL, "{ exists: 'src/main.rs' }");
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &api, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_string_equal(out.ev[0].path, "svc/api/src/main.rs");
	assert_int_equal(out.nev, 1); /* not the nested plugin's */
	/* the root's source code belongs to the root package only */
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &worker, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_FAIL);
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &root, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_string_equal(out.ev[0].path, "src/main.rs");
	/* shared files of the root are seen by every package */
	ex = check_with(fx, NULL, "{ exists: README.md }");
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &plugin, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	/* a package's own docs are its own */
	ex = check_with(fx, NULL, "{ exists: RUNBOOK.md }");
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &worker, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_int_equal(
		rc_check_eval_in(ex, &pr, &api, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_FAIL);
	assert_int_equal(rc_check_eval(ex, &pr, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_FAIL); /* root path only */

	/* content matches by group */
	co = check_with(
		fx, NULL,
		"{ contains: { glob: 'src/**/*.rs', regex: 'health' } }");
	pat = co->when->pattern;
	assert_int_equal(rc_facts_add_hit_in(fx->f, pat, "svc/api", RC_HIT_CODE,
					     "svc/api/src/main.rs", 4,
					     "/healthz", 8),
			 0);
	assert_int_equal(rc_facts_add_hit_in(fx->f, pat, "", RC_HIT_CODE,
					     "src/main.rs", 2, "/health", 7),
			 0);
	assert_int_equal(rc_facts_add_hit_in(fx->f, pat, "svc/api/plugin",
					     RC_HIT_CODE | RC_HIT_RELONLY,
					     "svc/api/plugin/src/main.rs", 1,
					     "health", 6),
			 0);
	assert_int_equal(
		rc_check_eval_in(co, &pr, &api, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_int_equal(out.nev, 1);
	assert_string_equal(out.ev[0].path, "svc/api/src/main.rs");
	assert_int_equal(
		rc_check_eval_in(co, &pr, &plugin, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_string_equal(out.ev[0].path, "svc/api/plugin/src/main.rs");
	assert_int_equal(
		rc_check_eval_in(co, &pr, &worker, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_FAIL);
	/* repository-wide: hits that matched only relative are left out */
	assert_int_equal(rc_check_eval(co, &pr, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_int_equal(out.nev, 2);

	/* dependencies and facts by their manifest */
	assert_int_equal(rc_facts_add_str(fx->f, "dependency.rust", "axum",
					  "svc/worker/Cargo.toml", 7),
			 0);
	dep = check_with(fx, NULL, "{ dependency: axum }");
	assert_int_equal(
		rc_check_eval_in(dep, &pr, &worker, fx->f, &fx->arena, &out),
		0);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_int_equal(
		rc_check_eval_in(dep, &pr, &api, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_FAIL);
	/* a root manifest is shared, not source code */
	dep = check_with(fx, NULL, "{ dependency: actix-web }");
	assert_int_equal(
		rc_check_eval_in(dep, &pr, &api, fx->f, &fx->arena, &out), 0);
	assert_int_equal(out.status, RC_STATUS_PASS);
}

static void test_eval__dependency(void **state)
{
	static const struct pcase cases[] = {
		{ "{ dependency: actix-web }", true,
		  "Cargo.toml:14: dependency actix-web (rust)" },
		/* Rust and Python fold '-' and '_' (Python also '.') */
		{ "{ dependency: actix_web }", true,
		  "Cargo.toml:14: dependency actix-web (rust)" },
		{ "{ dependency: flask-login }", true,
		  "requirements.txt:3: dependency Flask_Login (python)" },
		{ "{ dependency: flask.login }", true,
		  "requirements.txt:3: dependency Flask_Login (python)" },
		/* Node does not */
		{ "{ dependency: lodash-merge }", false,
		  "no dependency on lodash-merge" },
		{ "{ dependency: LODASH.MERGE }", true,
		  "package.json:11: dependency lodash.merge (node)" },
		{ "{ dependency: pytest }", true,
		  "pyproject.toml:20: dev dependency pytest (python)" },
		{ "{ dependency: '@types/*' }", true,
		  "package.json:10: dependency @types/node (node)" },
		{ "{ dependency: [axum, warp] }", false,
		  "no dependency on axum, warp" },
		{ "{ dependency: [axum, actix-web, pytest] }", true,
		  "Cargo.toml:14: dependency actix-web (rust)\n"
		  "pyproject.toml:20: dev dependency pytest (python)" },
		{ "{ dependency: { name: actix-web, ecosystem: python } }",
		  false, "no dependency on actix-web (python)" },
		{ "{ dependency: { names: [x, pytest], ecosystem: python } }",
		  true, "pyproject.toml:20: dev dependency pytest (python)" },
		{ "{ dependency: actix }", false, "no dependency on actix" },
	};

	run_cases(*state, cases, RC_ARRAY_SIZE(cases));
}

static void test_eval__fact(void **state)
{
	static const struct pcase cases[] = {
		{ "{ fact: git.repository }", true, "git.repository = true" },
		{ "{ fact: flag.off }", false, "x.toml:2: flag.off = false" },
		{ "{ fact: missing }", false, "no fact 'missing'" },
		{ "{ fact: manifest.version }", true,
		  "Cargo.toml:3: manifest.version = 1.2.3" },
		{ "{ fact: { name: ci.trigger, value: schedule } }", true,
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule" },
		{ "{ fact: { name: ci.trigger, op: '==', value: release } }",
		  false,
		  ".github/workflows/ci.yml:3: ci.trigger = push, expected "
		  "== release\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule, "
		  "expected == release" },
		/* != holds for every fact of the name */
		{ "{ fact: { name: ci.trigger, op: '!=', value: "
		  "pull_request_target } }",
		  true,
		  ".github/workflows/ci.yml:3: ci.trigger = push\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule" },
		{ "{ fact: { name: ci.trigger, op: ne, value: push } }", false,
		  ".github/workflows/ci.yml:3: ci.trigger = push, expected != "
		  "push" },
		{ "{ fact: { name: nothing, op: '!=', value: push } }", false,
		  "no fact 'nothing'" },
		/* numbers */
		{ "{ fact: { name: docker.stages, op: '>=', value: 2 } }", true,
		  "api/Dockerfile:1: docker.stages = 3" },
		{ "{ fact: { name: docker.stages, op: '<', value: 1 } }", false,
		  "Dockerfile:1: docker.stages = 1, expected < 1\n"
		  "api/Dockerfile:1: docker.stages = 3, expected < 1" },
		{ "{ fact: { name: docker.stages, op: le, value: 1 } }", true,
		  "Dockerfile:1: docker.stages = 1" },
		{ "{ fact: { name: docker.stages, op: gt, value: 2.5 } }", true,
		  "api/Dockerfile:1: docker.stages = 3" },
		{ "{ fact: { name: docker.stages, value: 3 } }", true,
		  "api/Dockerfile:1: docker.stages = 3" },
		/* a quoted value compares as text */
		{ "{ fact: { name: docker.stages, value: '3' } }", true,
		  "api/Dockerfile:1: docker.stages = 3" },
		/* a string fact that reads as a number compares as one */
		{ "{ fact: { name: coverage.threshold, op: ge, value: 80 } }",
		  true, "codecov.yml:4: coverage.threshold = 85" },
		{ "{ fact: { name: coverage.threshold, op: ge, value: 90 } }",
		  false,
		  "codecov.yml:4: coverage.threshold = 85, expected >= 90" },
		/* a string that is no number is unequal to every number */
		{ "{ fact: { name: ci.trigger, op: '!=', value: 3 } }", true,
		  ".github/workflows/ci.yml:3: ci.trigger = push\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule" },
		{ "{ fact: { name: ci.trigger, op: '>', value: 3 } }", false,
		  ".github/workflows/ci.yml:3: ci.trigger = push, expected > "
		  "3\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule, "
		  "expected > 3" },
		/* strings compare bytewise */
		{ "{ fact: { name: manifest.version, op: '>', value: '1.10' } "
		  "}",
		  true, "Cargo.toml:3: manifest.version = 1.2.3" },
		{ "{ fact: { name: manifest.version, op: lt, value: '1.10' } "
		  "}",
		  false,
		  "Cargo.toml:3: manifest.version = 1.2.3, expected < 1.10" },
		/* booleans */
		{ "{ fact: { name: git.repository, value: true } }", true,
		  "git.repository = true" },
		{ "{ fact: { name: flag.off, value: true } }", false,
		  "x.toml:2: flag.off = false, expected == true" },
		/* matches */
		{ "{ fact: { name: manifest.version, op: matches, value: "
		  "'^1\\.[0-9]+\\.' } }",
		  true, "Cargo.toml:3: manifest.version = 1.2.3" },
		{ "{ fact: { name: manifest.version, op: matches, value: '^2' "
		  "} }",
		  false,
		  "no fact 'manifest.version' matches /^2/ (1 searched)" },
		{ "{ fact: { name: ci.trigger, op: matches, value: '^x' } }",
		  false, "no fact 'ci.trigger' matches /^x/ (2 searched)" },
		/* long values are cut */
		{ "{ fact: { name: ci.run, value: x } }", false,
		  "ci.yml:9: ci.run = "
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456..., expected == x" },
		{ "{ fact: { name: ci.trigger, op: matches, value: "
		  "'(?i)^SCHED' } }",
		  true,
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule" },
		/* prefixes */
		{ "{ fact: { name: 'ci.*', op: exists } }", true,
		  ".github/workflows/ci.yml:3: ci.trigger = push\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule\n"
		  "ci.yml:9: ci.run = "
		  "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456..." },
		{ "{ fact: 'dev_dependency.*' }", true,
		  "pyproject.toml:20: dev_dependency.python = pytest" },
		{ "{ fact: 'docs.*' }", false, "no fact 'docs.*'" },
	};

	run_cases(*state, cases, RC_ARRAY_SIZE(cases));
}

static void test_eval__combinators(void **state)
{
	static const struct pcase cases[] = {
		/* not: a failing `not exists` shows what was found */
		{ "{ not: { exists: .env } }", false, ".env: found" },
		{ "{ not: { exists: .env.prod } }", true,
		  "no file matches .env.prod" },
		{ "{ not: { not: { exists: .env } } }", true, ".env: found" },
		{ "{ not: { fact: { name: ci.trigger, value: "
		  "pull_request_target } } }",
		  true,
		  ".github/workflows/ci.yml:3: ci.trigger = push, expected == "
		  "pull_request_target\n"
		  ".github/workflows/audit.yaml:5: ci.trigger = schedule, "
		  "expected == pull_request_target" },
		/* all: everything found, or the first failure alone */
		{ "{ all: [ { exists: README.md }, { fact: git.repository } ] "
		  "}",
		  true, "README.md: found\ngit.repository = true" },
		{ "{ all: [ { exists: README.md }, { exists: nope }, "
		  "{ exists: alsonope } ] }",
		  false, "no file matches nope" },
		/* any: the first success alone, or everything searched */
		{ "{ any: [ { exists: nope }, { exists: README.md }, "
		  "{ exists: Cargo.toml } ] }",
		  true, "README.md: found" },
		{ "{ any: [ { exists: nope }, { dependency: zzz }, "
		  "{ fact: zz } ] }",
		  false,
		  "no file matches nope\nno dependency on zzz\nno fact 'zz'" },
		{ "{ not: { any: [ { exists: nope }, { exists: .env } ] } }",
		  false, ".env: found" },
		{ "{ any: [ { all: [ { exists: README.md }, { exists: x } ] "
		  "}, { not: { exists: .env } } ] }",
		  false, "no file matches x\n.env: found" },
		/* evidence of several children is capped as well */
		{ "{ all: [ { exists: 'many/*.txt' }, { exists: README.md } ] "
		  "}",
		  true,
		  "many/f00.txt: found\nmany/f01.txt: found\n"
		  "many/f02.txt: found\nmany/f03.txt: found\n"
		  "many/f04.txt: found\nmany/f05.txt: found\n"
		  "many/f06.txt: found\nmany/f07.txt: found (and 5 more)" },
	};

	run_cases(*state, cases, RC_ARRAY_SIZE(cases));
}

static void test_eval__labels(void **state)
{
	static const struct pcase cases[] = {
		/* a failing labelled predicate says what was not found */
		{ "{ any: [ { exists: nope }, { dependency: zzz } ], "
		  "label: 'a dependency audit step in CI' }",
		  false, "not found: a dependency audit step in CI" },
		{ "{ exists: nope, label: a threat model }", false,
		  "not found: a threat model" },
		/* a passing one keeps its evidence */
		{ "{ label: the readme, exists: README.md }", true,
		  "README.md: found" },
		/* inside all/any: only the labelled child is summarised */
		{ "{ all: [ { exists: README.md }, { exists: nope, label: "
		  "nothing } ] }",
		  false, "not found: nothing" },
		/* not keeps the evidence of what it found */
		{ "{ not: { exists: .env, label: a committed .env } }", false,
		  ".env: found" },
		{ "{ not: { exists: .env.prod, label: a committed .env } }",
		  true, "not found: a committed .env" },
	};

	run_cases(*state, cases, RC_ARRAY_SIZE(cases));
}

static void test_eval__applicability(void **state)
{
	struct fx *fx = *state;
	const char *rust_go[] = { "rust", "go", NULL };
	const char *python[] = { "python", NULL };
	struct rc_project service_rust = { RC_KIND_SERVICE, rust_go, NULL };
	struct rc_project cli_python = { RC_KIND_CLI | RC_KIND_LIBRARY, python,
					 NULL };
	struct rc_project nothing = { 0, NULL, NULL };
	static const struct {
		const char *applies;
		bool manual;
		enum rc_status svc, cli, none;
		const char *cli_evidence;
	} cases[] = {
		{ NULL, false, RC_STATUS_PASS, RC_STATUS_PASS, RC_STATUS_PASS,
		  "README.md: found" },
		{ "{ kinds: [service] }", false, RC_STATUS_PASS, RC_STATUS_NA,
		  RC_STATUS_NA, "applies to service projects" },
		{ "{ kinds: [service, app] }", false, RC_STATUS_PASS,
		  RC_STATUS_NA, RC_STATUS_NA,
		  "applies to service, app projects" },
		{ "{ kinds: [library] }", false, RC_STATUS_NA, RC_STATUS_PASS,
		  RC_STATUS_NA, "README.md: found" },
		{ "{ ecosystems: [rust, node] }", false, RC_STATUS_PASS,
		  RC_STATUS_NA, RC_STATUS_NA,
		  "applies to rust, node projects" },
		{ "{ kinds: cli, ecosystems: python }", false, RC_STATUS_NA,
		  RC_STATUS_PASS, RC_STATUS_NA, "README.md: found" },
		{ "{ when: { dependency: diesel } }", false, RC_STATUS_NA,
		  RC_STATUS_NA, RC_STATUS_NA, "no dependency on diesel" },
		{ "{ when: { dependency: actix-web } }", false, RC_STATUS_PASS,
		  RC_STATUS_PASS, RC_STATUS_PASS, "README.md: found" },
		{ "{ when: { not: { exists: .env } } }", false, RC_STATUS_NA,
		  RC_STATUS_NA, RC_STATUS_NA, ".env: found" },
		{ NULL, true, RC_STATUS_MANUAL, RC_STATUS_MANUAL,
		  RC_STATUS_MANUAL, "" },
		{ "{ kinds: service }", true, RC_STATUS_MANUAL, RC_STATUS_NA,
		  RC_STATUS_NA, "applies to service projects" },
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		char extra[256];
		const struct rc_check *c;
		struct rc_outcome out;
		struct rc_buf b = RC_BUF_INIT;

		snprintf(extra, sizeof(extra), "%s%s%s%s",
			 cases[i].applies ? "    applies: " : "",
			 cases[i].applies ? cases[i].applies : "",
			 cases[i].applies ? "\n" : "",
			 cases[i].manual ? "    manual: true\n" : "");
		c = check_with(fx, extra,
			       cases[i].manual ? NULL
					       : "{ exists: README.md }");
		assert_int_equal(rc_check_eval(c, &service_rust, fx->f,
					       &fx->arena, &out),
				 0);
		assert_int_equal(out.status, cases[i].svc);
		assert_int_equal(rc_check_applies(c, &service_rust, fx->f),
				 cases[i].svc != RC_STATUS_NA);
		assert_int_equal(
			rc_check_eval(c, &nothing, fx->f, &fx->arena, &out), 0);
		assert_int_equal(out.status, cases[i].none);
		assert_int_equal(rc_check_applies(c, &nothing, fx->f),
				 cases[i].none != RC_STATUS_NA);
		assert_int_equal(
			rc_check_eval(c, &cli_python, fx->f, &fx->arena, &out),
			0);
		assert_int_equal(out.status, cases[i].cli);
		assert_int_equal(rc_check_applies(c, &cli_python, fx->f),
				 cases[i].cli != RC_STATUS_NA);
		render(&out, &b);
		if (strcmp(b.ptr, cases[i].cli_evidence))
			fail_msg("case %zu: got '%s' want '%s'", i, b.ptr,
				 cases[i].cli_evidence);
		rc_buf_release(&b);
	}
}

/* Evidence is copied: it outlives the fact store. */
static void test_eval__evidence_owned(void **state)
{
	struct fx *fx = *state;
	const struct rc_check *c;
	struct rc_facts *f = NULL;
	struct rc_outcome out;
	bool pass = false;

	c = check_with(fx, NULL,
		       "{ all: [ { fact: x.y }, { exists: 'dir/*' }, "
		       "{ dependency: zz } ] }");
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_facts_add_str(f, "x.y", "v", "p.txt", 7), 0);
	assert_int_equal(rc_facts_add_file(f, "dir/file.c", 1, 0, 1), 0);
	assert_int_equal(
		rc_facts_add_str(f, "dependency.go", "zz", "go.mod", 4), 0);
	assert_int_equal(rc_pred_eval(c->when, f, &fx->arena, &pass, &out), 0);
	rc_facts_free(f);
	assert_true(pass);
	assert_int_equal(out.status, RC_STATUS_PASS);
	assert_int_equal(out.nev, 3);
	assert_string_equal(out.ev[0].path, "p.txt");
	assert_int_equal(out.ev[0].line, 7);
	assert_string_equal(out.ev[0].text, "x.y = v");
	assert_string_equal(out.ev[1].path, "dir/file.c");
	assert_int_equal(out.ev[1].line, 0);
	assert_null(out.ev[1].snippet);
	assert_string_equal(out.ev[2].path, "go.mod");
	assert_string_equal(out.ev[2].text, "dependency zz (go)");
}

/* Evidence text is cut at 1024 bytes. */
static void test_eval__long_text(void **state)
{
	struct fx *fx = *state;
	struct rc_buf y = RC_BUF_INIT;
	const struct rc_check *c;
	struct rc_outcome out;
	bool pass = true;
	int i;

	rc_buf_adds(&y, "{ exists: [");
	for (i = 0; i < 40; i++)
		rc_buf_addf(&y, "%sdir%02d/a-rather-long-file-name-%02d.txt",
			    i ? ", " : "", i, i);
	rc_buf_adds(&y, "] }");
	c = check_with(fx, NULL, y.ptr);
	rc_buf_release(&y);
	assert_int_equal(rc_pred_eval(c->when, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_false(pass);
	assert_int_equal(out.nev, 1);
	assert_int_equal(strlen(out.ev[0].text), 1024);
	assert_true(strncmp(out.ev[0].text,
			    "no file matches dir00/a-rather-long-file-name-00."
			    "txt, dir01/",
			    60) == 0);
	assert_string_equal(out.ev[0].text + 1021, "...");
}

/* Hand-built predicates the loader would refuse are errors, not crashes. */
static void test_eval__malformed(void **state)
{
	struct fx *fx = *state;
	struct rc_pred leaf = { .type = RC_PRED_FACT,
				.fact = "git.repository" };
	struct rc_pred *one[] = { &leaf };
	struct rc_pred bad_not = { .type = RC_PRED_NOT,
				   .kids = NULL,
				   .nkids = 0 };
	struct rc_pred chain[RC_PRED_MAX_DEPTH + 2];
	struct rc_pred *links[RC_PRED_MAX_DEPTH + 2];
	struct rc_outcome out;
	struct rc_check manual_less = { .id = "x", .title = "X" };
	struct rc_project p = { 0, NULL, NULL };
	bool pass = true;
	size_t i;

	assert_int_equal(rc_pred_eval(&bad_not, fx->f, &fx->arena, &pass, &out),
			 RC_EINTERNAL);
	assert_false(pass);
	assert_int_equal(rc_pred_eval(NULL, fx->f, &fx->arena, &pass, &out),
			 RC_EINTERNAL);
	/* a chain of nots deeper than the loader allows */
	for (i = 0; i < RC_ARRAY_SIZE(chain); i++) {
		chain[i].type = RC_PRED_NOT;
		links[i] = i + 1 < RC_ARRAY_SIZE(chain) ? &chain[i + 1] : NULL;
		chain[i].kids = &links[i];
		chain[i].nkids = 1;
	}
	chain[RC_ARRAY_SIZE(chain) - 1] = leaf;
	assert_int_equal(
		rc_pred_eval(&chain[0], fx->f, &fx->arena, &pass, &out),
		RC_EINTERNAL);
	/* within the limit it works */
	chain[RC_PRED_MAX_DEPTH].kids = one;
	assert_int_equal(
		rc_pred_eval(&chain[1], fx->f, &fx->arena, &pass, &out), 0);
	/* a non-manual check without `when` */
	assert_int_equal(
		rc_check_eval(&manual_less, &p, fx->f, &fx->arena, &out),
		RC_EINTERNAL);
	/* an empty any fails, an empty all passes */
	leaf.type = RC_PRED_ANY;
	leaf.nkids = 0;
	assert_int_equal(rc_pred_eval(&leaf, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_false(pass);
	leaf.type = RC_PRED_ALL;
	assert_int_equal(rc_pred_eval(&leaf, fx->f, &fx->arena, &pass, &out),
			 0);
	assert_true(pass);
	assert_int_equal(out.nev, 0);
}

/*
 * The exists index gives the verdicts and evidence of matching every glob:
 * every built-in check, in a monorepo of assorted paths, for the whole
 * repository and for each package.
 */
static void test_eval__exists_index(void **state)
{
	static const char *const paths[] = {
		"README.md",
		"SECURITY.md",
		"docs/runbook.md",
		"docs/ops/oncall.md",
		"CHANGELOG.md",
		".github/workflows/ci.yml",
		".github/dependabot.yml",
		"Dockerfile",
		"svc/api/Dockerfile",
		"svc/api/Cargo.toml",
		"svc/api/src/main.rs",
		"svc/api/tests/auth_test.rs",
		"svc/api/migrations/1_init.sql",
		"svc/worker/pyproject.toml",
		"svc/worker/src/app/main.py",
		"svc/worker/tests/test_security.py",
		"deploy/k8s/api.yaml",
		"charts/api/values.yaml",
		"LICENSE",
		"CODEOWNERS",
		"bench/load/k6.js",
		"openapi.yaml",
		"svc/api/openapi.json",
		".env.example",
		"SRC/MAIN.RS",
		"a/B/c/Makefile"
	};
	static const char *const dirs[] = { "", "svc/api", "svc/worker" };
	const char *ecos[] = { "rust", "python", "node", "go", NULL };
	struct rc_catalog *cat = NULL;
	struct rc_facts *f = NULL;
	struct rc_exists_index *ix = NULL;
	struct rc_arena arena = RC_ARENA_INIT;
	struct rc_err err = RC_ERR_INIT;
	struct rc_project plain = { RC_KIND_SERVICE | RC_KIND_LIBRARY |
					    RC_KIND_CLI | RC_KIND_APP,
				    ecos, NULL },
			  fast;
	size_t i, k, bad = 0, decided = 0;
	unsigned jobs;

	(void)state;
	assert_int_equal(rc_catalog_new(&cat), 0);
	assert_int_equal(rc_catalog_load_builtin(cat, &err), 0);
	assert_int_equal(rc_facts_new(&f), 0);
	for (i = 0; i < RC_ARRAY_SIZE(paths); i++)
		assert_int_equal(rc_facts_add_file(f, paths[i], 1, 0, 1), 0);
	assert_int_equal(rc_facts_add_file(f, "LINK.md", 0, RC_FILE_SYMLINK, 0),
			 0);
	rc_facts_sort_files(f);
	for (jobs = 1; jobs <= 2; jobs++) {
		assert_int_equal(rc_exists_index_build(&ix, cat->exists,
						       cat->nglobsets, f, dirs,
						       3, jobs),
				 0);
		fast = plain;
		fast.index = ix;
		for (i = 0; i < cat->n; i++)
			for (k = 0; k <= 3; k++) {
				struct rc_scope sc = { k ? dirs[k - 1] : "",
						       dirs, 3 };
				const struct rc_scope *s = k ? &sc : NULL;
				struct rc_outcome a, b;
				struct rc_buf ta = RC_BUF_INIT,
					      tb = RC_BUF_INIT;

				assert_int_equal(
					rc_check_eval_in(cat->checks[i], &plain,
							 s, f, &arena, &a),
					0);
				assert_int_equal(
					rc_check_eval_in(cat->checks[i], &fast,
							 s, f, &arena, &b),
					0);
				render(&a, &ta);
				render(&b, &tb);
				decided += a.status == RC_STATUS_PASS;
				if (a.status != b.status ||
				    strcmp(ta.ptr ? ta.ptr : "",
					   tb.ptr ? tb.ptr : "")) {
					print_message("%s (scope %zu): %s vs "
						      "%s\n",
						      cat->checks[i]->id, k,
						      ta.ptr, tb.ptr);
					bad++;
				}
				rc_buf_release(&ta);
				rc_buf_release(&tb);
			}
		rc_exists_index_free(ix);
	}
	assert_int_equal(bad, 0);
	assert_true(decided > 50); /* the paths made many checks pass */
	rc_arena_release(&arena);
	rc_facts_free(f);
	rc_catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_eval__exists, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__contains, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__scope, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__dependency, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__fact, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__combinators, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__labels, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__applicability, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__evidence_owned,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_eval__long_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_eval__malformed, setup,
						teardown),
		cmocka_unit_test(test_eval__exists_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
