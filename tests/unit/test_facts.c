#include "core/common.h"
#include "facts/facts.h"
#include "core/alloc.h"
#include "core/buf.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

static struct rc_facts *new_store(void)
{
	struct rc_facts *f = NULL;

	assert_int_equal(rc_facts_new(&f), 0);
	assert_non_null(f);
	return f;
}

static void assert_json(const struct rc_facts *f, const char *want)
{
	struct rc_buf b = RC_BUF_INIT;

	assert_int_equal(rc_facts_to_json(f, &b), 0);
	assert_string_equal(b.ptr, want);
	rc_buf_release(&b);
}

/* Names of the facts matched by query, joined with spaces ("name=value"). */
static void assert_query(const struct rc_facts *f, const char *query,
			 const char *want)
{
	struct rc_buf b = RC_BUF_INIT;
	const struct rc_fact *x;
	size_t it = 0;

	while ((x = rc_facts_next(f, query, &it)) != NULL)
		rc_buf_addf(&b, "%s%s=%s", b.len ? " " : "", x->name, x->str);
	assert_string_equal(b.ptr, want);
	rc_buf_release(&b);
}

static void test_facts__empty(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_hit *h = (const struct rc_hit *)1;
	uint64_t total = 7;
	size_t it = 0;

	(void)state;
	assert_int_equal(rc_facts_count(f), 0);
	assert_null(rc_facts_at(f, 0));
	assert_null(rc_facts_get(f, "x"));
	assert_null(rc_facts_find(f, "x", "y"));
	assert_null(rc_facts_next(f, "x", &it));
	assert_null(rc_facts_next(f, "x.*", &it));
	assert_int_equal(it, 0);
	assert_int_equal(rc_facts_file_count(f), 0);
	assert_null(rc_facts_file(f, "a"));
	assert_null(rc_facts_file_at(f, 0));
	assert_int_equal(rc_facts_hits(f, 0, &h, &total), 0);
	assert_null(h);
	assert_int_equal(total, 0);
	rc_facts_sort_files(f);
	assert_json(f, "{\"schema\":\"readycheck/facts/v1\",\n"
		       "\"facts\":[],\n"
		       "\"files\":{\"count\":0,\"bytes\":0,\"binary\":0,"
		       "\"skipped\":0},\n"
		       "\"patterns\":[]}\n");
	rc_facts_free(f);
	rc_facts_free(NULL);
}

static void test_facts__add_and_read(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_fact *x;

	(void)state;
	assert_int_equal(
		rc_facts_add_str(f, "ecosystem", "rust", "Cargo.toml", 1), 0);
	assert_int_equal(rc_facts_add_num(f, "git.tags", 12, NULL, 0), 0);
	assert_int_equal(
		rc_facts_add_bool(f, "manifest.lib", true, "Cargo.toml", 7), 0);
	assert_int_equal(rc_facts_add_note(f, "kind", "service", "Cargo.toml",
					   14, "depends on actix-web"),
			 0);
	assert_int_equal(rc_facts_add_str(f, "manifest.license", NULL, NULL, 0),
			 0);
	assert_int_equal(rc_facts_count(f), 5);

	x = rc_facts_at(f, 0);
	assert_string_equal(x->name, "ecosystem");
	assert_int_equal(x->type, RC_FACT_STR);
	assert_string_equal(x->str, "rust");
	assert_string_equal(x->path, "Cargo.toml");
	assert_int_equal(x->line, 1);
	assert_null(x->note);

	x = rc_facts_at(f, 1);
	assert_int_equal(x->type, RC_FACT_NUM);
	assert_true(x->num == 12.0);
	assert_string_equal(x->str, "");
	assert_string_equal(x->path, "");
	assert_int_equal(x->line, 0);

	x = rc_facts_at(f, 2);
	assert_int_equal(x->type, RC_FACT_BOOL);
	assert_true(x->b);
	assert_int_equal(x->line, 7);

	x = rc_facts_at(f, 3);
	assert_string_equal(x->str, "service");
	assert_string_equal(x->note, "depends on actix-web");

	x = rc_facts_at(f, 4);
	assert_string_equal(x->str, "");
	assert_null(rc_facts_at(f, 5));
	rc_facts_free(f);
}

static void test_facts__strings_are_copied_and_interned(void **state)
{
	struct rc_facts *f = new_store();
	char name[32], value[32], path[32];
	const struct rc_fact *a, *b;

	(void)state;
	snprintf(name, sizeof(name), "dependency.rust");
	snprintf(value, sizeof(value), "serde");
	snprintf(path, sizeof(path), "Cargo.toml");
	assert_int_equal(rc_facts_add_str(f, name, value, path, 3), 0);
	memset(name, 'x', sizeof(name) - 1);
	memset(value, 'y', sizeof(value) - 1);
	memset(path, 'z', sizeof(path) - 1);
	snprintf(name, sizeof(name), "dependency.rust");
	snprintf(value, sizeof(value), "serde");
	snprintf(path, sizeof(path), "Cargo.toml");
	assert_int_equal(rc_facts_add_str(f, name, value, path, 9), 0);
	a = rc_facts_at(f, 0);
	b = rc_facts_at(f, 1);
	assert_string_equal(a->name, "dependency.rust");
	assert_string_equal(a->str, "serde");
	assert_ptr_not_equal(a->name, name);
	assert_ptr_equal(a->name, b->name);
	assert_ptr_equal(a->str, b->str);
	assert_ptr_equal(a->path, b->path);
	rc_facts_free(f);
}

static void test_facts__next_exact(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_fact *x;
	size_t it = 0;

	(void)state;
	rc_facts_add_str(f, "ci.job", "build", "ci.yml", 3);
	rc_facts_add_str(f, "ci.uses", "actions/checkout@v4", "ci.yml", 5);
	rc_facts_add_str(f, "ci.job", "test", "ci.yml", 9);
	rc_facts_add_str(f, "ci.jobs", "x", "ci.yml", 9);
	rc_facts_add_str(f, "ci.job", "lint", "ci.yml", 20);
	assert_query(f, "ci.job", "ci.job=build ci.job=test ci.job=lint");
	assert_query(f, "ci.uses", "ci.uses=actions/checkout@v4");
	assert_query(f, "ci", "");
	assert_query(f, "ci.jo", "");
	assert_query(f, "", "");

	/* the iterator is the index after the fact returned */
	x = rc_facts_next(f, "ci.job", &it);
	assert_int_equal(it, 1);
	x = rc_facts_next(f, "ci.job", &it);
	assert_string_equal(x->str, "test");
	assert_int_equal(it, 3);
	/* a fact added later is found by an iteration in progress */
	x = rc_facts_next(f, "ci.job", &it);
	assert_string_equal(x->str, "lint");
	assert_null(rc_facts_next(f, "ci.job", &it));
	rc_facts_add_str(f, "ci.job", "deploy", "ci.yml", 30);
	x = rc_facts_next(f, "ci.job", &it);
	assert_non_null(x);
	assert_string_equal(x->str, "deploy");
	/* an iterator past the end is harmless */
	it = 1000;
	assert_null(rc_facts_next(f, "ci.job", &it));
	assert_null(rc_facts_next(f, "ci.*", &it));
	rc_facts_free(f);
}

static void test_facts__next_prefix(void **state)
{
	struct rc_facts *f = new_store();

	(void)state;
	rc_facts_add_str(f, "dependency.rust", "serde", "Cargo.toml", 10);
	rc_facts_add_str(f, "dev_dependency.rust", "criterion", "Cargo.toml",
			 20);
	rc_facts_add_str(f, "dependency", "bare", NULL, 0);
	rc_facts_add_str(f, "dependency.python", "flask", "pyproject.toml", 4);
	rc_facts_add_str(f, "dependencyx.rust", "no", NULL, 0);
	rc_facts_add_str(f, "dependency.rust", "tokio", "Cargo.toml", 11);
	rc_facts_add_str(f, "dependency.python.extra", "deep", NULL, 0);
	rc_facts_add_str(f, "dependency.node", "express", "package.json", 5);

	assert_query(f, "dependency.*",
		     "dependency.rust=serde dependency.python=flask "
		     "dependency.rust=tokio dependency.python.extra=deep "
		     "dependency.node=express");
	assert_query(f, "dependency.python.*", "dependency.python.extra=deep");
	assert_query(f, "dev_dependency.*", "dev_dependency.rust=criterion");
	assert_query(f, "dependency", "dependency=bare");
	assert_query(f, "nothing.*", "");
	/* ".*" alone is the empty prefix followed by a dot */
	assert_query(f, ".*", "");
	/* "*" without the dot is an ordinary name */
	assert_query(f, "*", "");
	assert_query(f, "dependency*", "");
	rc_facts_free(f);
}

static void test_facts__get_and_find(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_fact *x;

	(void)state;
	rc_facts_add_str(f, "docker.from", "debian:12", "Dockerfile", 1);
	rc_facts_add_str(f, "docker.from", "alpine", "Dockerfile", 9);
	rc_facts_add_str(f, "docker.from", "alpine", "Dockerfile", 12);
	rc_facts_add_num(f, "docker.stages", 2, "Dockerfile", 0);
	rc_facts_add_str(f, "other", "alpine", NULL, 0);

	x = rc_facts_get(f, "docker.from");
	assert_string_equal(x->str, "debian:12");
	x = rc_facts_find(f, "docker.from", "alpine");
	assert_non_null(x);
	assert_int_equal(x->line, 9);
	assert_null(rc_facts_find(f, "docker.from", "Alpine"));
	assert_null(rc_facts_find(f, "docker.from", "ubuntu"));
	assert_null(rc_facts_find(f, "docker.from", "Dockerfile"));
	assert_null(rc_facts_find(f, "docker", "alpine"));
	/* numbers have no string value */
	assert_null(rc_facts_find(f, "docker.stages", ""));
	assert_null(rc_facts_find(f, "docker.stages", "2"));
	x = rc_facts_find(f, "other", "alpine");
	assert_non_null(x);
	assert_string_equal(x->name, "other");
	/* a path is not a name */
	assert_null(rc_facts_get(f, "Dockerfile"));
	rc_facts_free(f);
}

static void test_facts__add_str_once(void **state)
{
	struct rc_facts *f = new_store();

	(void)state;
	assert_int_equal(
		rc_facts_add_str_once(f, "ecosystem", "rust", "Cargo.toml", 1),
		0);
	assert_int_equal(rc_facts_add_str_once(f, "ecosystem", "rust",
					       "sub/Cargo.toml", 1),
			 0);
	assert_int_equal(rc_facts_add_str_once(f, "ecosystem", "python",
					       "pyproject.toml", 1),
			 0);
	/* present through a plain add: once does not add it again */
	rc_facts_add_str(f, "platform", "docker", "Dockerfile", 0);
	rc_facts_add_str_once(f, "platform", "docker", "Dockerfile.dev", 0);
	/* a plain add always adds */
	rc_facts_add_str(f, "ecosystem", "rust", "other/Cargo.toml", 1);
	assert_int_equal(rc_facts_count(f), 4);
	assert_query(f, "ecosystem",
		     "ecosystem=rust ecosystem=python "
		     "ecosystem=rust");
	assert_string_equal(rc_facts_find(f, "ecosystem", "rust")->path,
			    "Cargo.toml");
	rc_facts_free(f);
}

static void test_facts__many_facts(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_fact *first, *x;
	char name[64], value[64];
	size_t i, it, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof(name), "n%zu.k%zu", i % 97, i % 3);
		snprintf(value, sizeof(value), "v%zu", i);
		assert_int_equal(rc_facts_add_str(f, name, value, "p", 1), 0);
		if (i == 0)
			first = rc_facts_at(f, 0);
	}
	/* pointers stay valid while the store grows */
	assert_ptr_equal(rc_facts_at(f, 0), first);
	assert_string_equal(first->str, "v0");
	assert_int_equal(rc_facts_count(f), 20000);
	for (i = 0; i < 20000; i += 997) {
		snprintf(name, sizeof(name), "n%zu.k%zu", i % 97, i % 3);
		snprintf(value, sizeof(value), "v%zu", i);
		x = rc_facts_find(f, name, value);
		assert_non_null(x);
		assert_ptr_equal(x, rc_facts_at(f, i));
	}
	/* n5.* has the facts with i % 97 == 5, in order */
	it = 0;
	n = 0;
	i = 5;
	while ((x = rc_facts_next(f, "n5.*", &it)) != NULL) {
		snprintf(value, sizeof(value), "v%zu", i);
		assert_string_equal(x->str, value);
		i += 97;
		n++;
	}
	assert_int_equal(n, (20000 - 5 + 96) / 97);
	rc_facts_free(f);
}

static void test_facts__files(void **state)
{
	struct rc_facts *f = new_store();
	static const char *const paths[] = { "src/main.rs", "Cargo.toml",
					     "README.md",   "src/lib.rs",
					     "a/b/c.txt",   "src.rs" };
	const struct rc_file_entry *e, *keep;
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(paths); i++)
		assert_int_equal(rc_facts_add_file(f, paths[i], 10 * i, 0, i),
				 0);
	keep = rc_facts_file_at(f, 0);
	/* not sorted yet: still found */
	e = rc_facts_file(f, "src/lib.rs");
	assert_non_null(e);
	assert_int_equal(e->size, 30);
	assert_null(rc_facts_file(f, "src"));
	rc_facts_sort_files(f);
	assert_int_equal(rc_facts_file_count(f), 6);
	assert_string_equal(rc_facts_file_at(f, 0)->path, "Cargo.toml");
	assert_string_equal(rc_facts_file_at(f, 1)->path, "README.md");
	assert_string_equal(rc_facts_file_at(f, 2)->path, "a/b/c.txt");
	assert_string_equal(rc_facts_file_at(f, 3)->path, "src.rs");
	assert_string_equal(rc_facts_file_at(f, 4)->path, "src/lib.rs");
	assert_string_equal(rc_facts_file_at(f, 5)->path, "src/main.rs");
	assert_null(rc_facts_file_at(f, 6));
	for (i = 0; i < RC_ARRAY_SIZE(paths); i++) {
		e = rc_facts_file(f, paths[i]);
		assert_non_null(e);
		assert_string_equal(e->path, paths[i]);
		assert_int_equal(e->size, 10 * i);
		assert_int_equal(e->lines, i);
	}
	/* entries do not move when the list is sorted */
	assert_ptr_equal(rc_facts_file(f, "src/main.rs"), keep);
	assert_null(rc_facts_file(f, ""));
	assert_null(rc_facts_file(f, "A"));
	assert_null(rc_facts_file(f, "src/"));
	assert_null(rc_facts_file(f, "zzz"));
	/* adding in order keeps it searchable; out of order too */
	rc_facts_add_file(f, "zz/top", 1, 0, 0);
	assert_non_null(rc_facts_file(f, "zz/top"));
	rc_facts_add_file(f, "0first", 1, 0, 0);
	assert_non_null(rc_facts_file(f, "0first"));
	assert_non_null(rc_facts_file(f, "Cargo.toml"));
	rc_facts_sort_files(f);
	assert_string_equal(rc_facts_file_at(f, 0)->path, "0first");
	assert_string_equal(rc_facts_file_at(f, 7)->path, "zz/top");
	rc_facts_free(f);
}

static void test_facts__files_summary(void **state)
{
	struct rc_facts *f = new_store();

	(void)state;
	rc_facts_add_file(f, "a.c", 100, 0, 10);
	rc_facts_add_file(f, "b.png", 5000, RC_FILE_BINARY, 0);
	rc_facts_add_file(f, "big.json", 1u << 30, RC_FILE_SKIPPED, 0);
	rc_facts_add_file(f, "link", 8, RC_FILE_SYMLINK, 0);
	rc_facts_add_file(f, "z.md", 23, 0, 2);
	assert_json(f, "{\"schema\":\"readycheck/facts/v1\",\n"
		       "\"facts\":[],\n"
		       "\"files\":{\"count\":5,\"bytes\":123,\"binary\":1,"
		       "\"skipped\":1},\n"
		       "\"patterns\":[]}\n");
	rc_facts_free(f);
}

static void test_facts__hits(void **state)
{
	struct rc_facts *f = new_store();
	const struct rc_hit *h;
	uint64_t total;
	char path[32];
	unsigned i;

	(void)state;
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof(path), "f%u.rs", i);
		assert_int_equal(rc_facts_add_hit(f, 3, path, i + 1, "x", 1),
				 0);
	}
	assert_int_equal(
		rc_facts_add_hit(f, 0, "a.py", 2, "  import x\r\n", 12), 0);
	assert_int_equal(rc_facts_hits(f, 3, &h, &total), RC_FACTS_MAX_HITS);
	assert_int_equal(total, 12);
	for (i = 0; i < RC_FACTS_MAX_HITS; i++) {
		snprintf(path, sizeof(path), "f%u.rs", i);
		assert_string_equal(h[i].path, path);
		assert_int_equal(h[i].line, i + 1);
		assert_string_equal(h[i].snippet, "x");
	}
	assert_int_equal(rc_facts_hits(f, 0, &h, &total), 1);
	assert_int_equal(total, 1);
	assert_string_equal(h[0].snippet, "import x");
	/* ids between are empty */
	assert_int_equal(rc_facts_hits(f, 1, &h, &total), 0);
	assert_null(h);
	assert_int_equal(total, 0);
	assert_int_equal(rc_facts_hits(f, 99, &h, NULL), 0);
	/* a bogus id is refused, not allocated */
	assert_int_equal(rc_facts_add_hit(f, 1u << 20, "a", 1, "x", 1),
			 RC_ETOOBIG);
	assert_int_equal(rc_facts_add_hit(f, UINT32_MAX, "a", 1, "x", 1),
			 RC_ETOOBIG);
	/* NULL snippet and path */
	assert_int_equal(rc_facts_add_hit(f, 2, NULL, 0, NULL, 5), 0);
	assert_int_equal(rc_facts_hits(f, 2, &h, &total), 1);
	assert_string_equal(h[0].path, "");
	assert_string_equal(h[0].snippet, "");
	rc_facts_free(f);
}

static void test_facts__snippet_trim(void **state)
{
	/* line = lead + pad * 'a' + mid + tail; snippet = want bytes after lead
	 */
	static const struct {
		const char *lead;
		size_t pad;
		const char *mid, *tail;
		size_t want;
	} cases[] = {
		{ "", 0, "", "", 0 },
		{ " \t", 0, "", "\r\n", 0 },
		{ "  ", 3, "", " \r\n", 3 },
		{ "\t", 0, "x y", "\n", 3 },
		{ "", 190, "bb", "                              ", 192 },
		{ "", 197, "abc", "", 200 },
		{ "", 197, "abcd", "zz", 200 },
		{ "", 198, "\xc3\xa9", "zz", 200 },	    /* é ends at 200 */
		{ "", 199, "\xc3\xa9", "zz", 199 },	    /* é straddles */
		{ "", 198, "\xe2\x82\xac", "zz", 198 },	    /* € straddles */
		{ "", 197, "\xe2\x82\xac", "zz", 200 },	    /* € fits */
		{ "", 197, "\xf0\x9f\x98\x80", "zz", 197 }, /* straddles */
		{ "", 196, "\xf0\x9f\x98\x80", "zz", 200 },
		{ "", 196, "\x80\x80\x80\x80\x80", "zz", 197 }, /* junk */
		{ "                                                  ", 300, "",
		  "", 200 },
	};
	struct rc_facts *f = new_store();
	struct rc_buf line = RC_BUF_INIT;
	const struct rc_hit *h;
	size_t i, lead;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		rc_buf_reset(&line);
		rc_buf_adds(&line, cases[i].lead);
		rc_buf_addch_n(&line, 'a', cases[i].pad);
		rc_buf_adds(&line, cases[i].mid);
		rc_buf_adds(&line, cases[i].tail);
		assert_int_equal(rc_facts_add_hit(f, (unsigned)i, "p", 1,
						  line.ptr, line.len),
				 0);
		assert_int_equal(rc_facts_hits(f, (unsigned)i, &h, NULL), 1);
		lead = strlen(cases[i].lead);
		assert_int_equal(strlen(h[0].snippet), cases[i].want);
		assert_memory_equal(h[0].snippet, line.ptr + lead,
				    cases[i].want);
	}
	rc_buf_release(&line);
	rc_facts_free(f);
}

/* Hits grouped by package candidate and kind of file, merged in order. */
static void test_facts__hit_groups(void **state)
{
	struct rc_facts *a = NULL, *b = NULL;
	const struct rc_hit_group *g;
	const struct rc_hit *h;
	uint64_t total;
	unsigned i;

	(void)state;
	assert_int_equal(rc_facts_new(&a), 0);
	assert_int_equal(rc_facts_new(&b), 0);
	assert_null(rc_facts_hit_groups(a, 0));
	for (i = 0; i < 7; i++)
		assert_int_equal(rc_facts_add_hit_in(a, 2, "svc", RC_HIT_CODE,
						     "svc/a.rs", i + 1, " x ",
						     3),
				 0);
	assert_int_equal(
		rc_facts_add_hit_in(a, 2, NULL, 0, "README.md", 1, NULL, 9), 0);
	assert_int_equal(rc_facts_add_hit_in(a, 2, "svc", RC_HIT_RELONLY,
					     "svc/b.txt", 1, "y", 1),
			 0);
	assert_int_equal(rc_facts_add_hit_in(b, 2, "svc", RC_HIT_CODE,
					     "svc/z.rs", 3, "z", 1),
			 0);
	assert_int_equal(rc_facts_add_hit_in(b, 2, "lib", RC_HIT_CODE,
					     "lib/z.rs", 3, "z", 1),
			 0);
	assert_int_equal(rc_facts_merge(a, b), 0);
	/* the repository-wide list leaves out relative-only matches */
	assert_int_equal(rc_facts_hits(a, 2, &h, &total), 5);
	assert_int_equal(total, 10);
	g = rc_facts_hit_groups(a, 2);
	assert_non_null(g);
	assert_string_equal(g->scope, "svc");
	assert_int_equal(g->flags, RC_HIT_CODE);
	assert_int_equal(g->n, 5);
	assert_int_equal(g->total, 8);
	assert_string_equal(g->hits[0].snippet, "x");
	g = g->next;
	assert_string_equal(g->scope, "");
	assert_int_equal(g->total, 1);
	assert_string_equal(g->hits[0].snippet, "");
	g = g->next;
	assert_int_equal(g->flags, RC_HIT_RELONLY);
	assert_int_equal(g->total, 1);
	g = g->next;
	assert_string_equal(g->scope, "lib");
	assert_null(g->next);
	rc_facts_free(a);
	rc_facts_free(b);
}

static void test_facts__merge(void **state)
{
	struct rc_facts *dst = new_store(), *a = new_store(), *b = new_store();
	const struct rc_fact *keep;
	const struct rc_hit *h;
	uint64_t total;
	char path[32];
	unsigned i;

	(void)state;
	rc_facts_add_str(dst, "ecosystem", "rust", "Cargo.toml", 1);
	keep = rc_facts_at(dst, 0);
	rc_facts_add_file(dst, "Cargo.toml", 10, 0, 1);
	rc_facts_add_hit(dst, 1, "Cargo.toml", 1, "one", 3);

	rc_facts_add_str_once(a, "ecosystem", "rust", "sub/Cargo.toml", 1);
	rc_facts_add_str_once(a, "ecosystem", "python", "setup.py", 1);
	rc_facts_add_note(a, "kind", "cli", "src/main.rs", 1, "main.rs");
	rc_facts_add_num(a, "lines.source", 1.5, NULL, 0);
	rc_facts_add_bool(a, "manifest.lib", false, NULL, 0);
	rc_facts_add_file(a, "src/main.rs", 20, 0, 2);
	for (i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "a%u", i);
		rc_facts_add_hit(a, 1, path, i, "two", 3);
		rc_facts_add_hit(a, 4, path, i, "four", 4);
	}
	rc_facts_add_str(b, "ecosystem", "python", "b/setup.py", 1);
	rc_facts_add_str_once(b, "ecosystem", "python", "c/setup.py", 1);
	rc_facts_add_file(b, "b/setup.py", 30, RC_FILE_BINARY, 0);
	rc_facts_add_hit(b, 0, "b/setup.py", 3, "zero", 4);
	rc_facts_add_hit(b, 4, "b/setup.py", 3, "late", 4);

	assert_int_equal(rc_facts_merge(dst, a), 0);
	assert_int_equal(rc_facts_merge(dst, b), 0);
	assert_int_equal(rc_facts_merge(dst, dst), 0);

	assert_ptr_equal(rc_facts_at(dst, 0), keep);
	assert_query(dst, "ecosystem",
		     "ecosystem=rust ecosystem=python ecosystem=python");
	assert_string_equal(rc_facts_at(dst, 2)->path, "src/main.rs");
	assert_string_equal(rc_facts_at(dst, 2)->note, "main.rs");
	assert_true(rc_facts_at(dst, 3)->num == 1.5);
	assert_int_equal(rc_facts_at(dst, 4)->type, RC_FACT_BOOL);
	assert_false(rc_facts_at(dst, 4)->b);
	assert_string_equal(rc_facts_at(dst, 5)->path, "b/setup.py");
	assert_int_equal(rc_facts_count(dst), 6);

	assert_int_equal(rc_facts_file_count(dst), 3);
	assert_string_equal(rc_facts_file_at(dst, 2)->path, "b/setup.py");
	assert_non_null(rc_facts_file(dst, "src/main.rs"));

	assert_int_equal(rc_facts_hits(dst, 1, &h, &total), 5);
	assert_int_equal(total, 8);
	assert_string_equal(h[0].snippet, "one");
	assert_string_equal(h[1].path, "a0");
	assert_string_equal(h[4].path, "a3");
	assert_int_equal(rc_facts_hits(dst, 4, &h, &total), 5);
	assert_int_equal(total, 8);
	assert_string_equal(h[4].path, "a4");
	assert_int_equal(rc_facts_hits(dst, 0, &h, &total), 1);
	assert_string_equal(h[0].snippet, "zero");

	/* sources are empty and reusable */
	assert_int_equal(rc_facts_count(a), 0);
	assert_int_equal(rc_facts_file_count(a), 0);
	assert_int_equal(rc_facts_hits(a, 1, &h, &total), 0);
	assert_int_equal(total, 0);
	assert_null(rc_facts_get(a, "ecosystem"));
	rc_facts_add_str_once(a, "ecosystem", "go", "go.mod", 1);
	rc_facts_add_str_once(a, "ecosystem", "rust", "x/Cargo.toml", 1);
	assert_int_equal(rc_facts_count(a), 2);
	assert_int_equal(rc_facts_merge(dst, a), 0);
	assert_query(dst, "ecosystem",
		     "ecosystem=rust ecosystem=python ecosystem=python "
		     "ecosystem=go");

	rc_facts_free(a);
	rc_facts_free(b);
	rc_facts_free(dst);
}

/* Merging batches gives the same store as adding everything to one. */
static void test_facts__merge_matches_serial(void **state)
{
	struct rc_facts *one = new_store(), *dst = new_store(), *batch;
	struct rc_buf x = RC_BUF_INIT, y = RC_BUF_INIT;
	char v[32], p[32];
	unsigned i;

	(void)state;
	batch = new_store();
	for (i = 0; i < 300; i++) {
		snprintf(v, sizeof(v), "v%u", i % 11);
		snprintf(p, sizeof(p), "dir/f%03u", i);
		rc_facts_add_str_once(one, "once", v, p, i);
		rc_facts_add_str_once(batch, "once", v, p, i);
		rc_facts_add_num(one, "n", i, p, i);
		rc_facts_add_num(batch, "n", i, p, i);
		rc_facts_add_file(one, p, i, 0, i);
		rc_facts_add_file(batch, p, i, 0, i);
		rc_facts_add_hit(one, i % 4, p, i, v, strlen(v));
		rc_facts_add_hit(batch, i % 4, p, i, v, strlen(v));
		if (i % 7 == 6)
			assert_int_equal(rc_facts_merge(dst, batch), 0);
	}
	assert_int_equal(rc_facts_merge(dst, batch), 0);
	assert_int_equal(rc_facts_to_json(one, &x), 0);
	assert_int_equal(rc_facts_to_json(dst, &y), 0);
	assert_string_equal(x.ptr, y.ptr);
	rc_buf_release(&x);
	rc_buf_release(&y);
	rc_facts_free(batch);
	rc_facts_free(one);
	rc_facts_free(dst);
}

static void test_facts__json(void **state)
{
	struct rc_facts *f = new_store();

	(void)state;
	rc_facts_add_str(f, "manifest.name", "q\"uote\\ \x01 \xff",
			 "a b/Cargo.toml", 2);
	rc_facts_add_num(f, "git.tags", 42, NULL, 0);
	rc_facts_add_num(f, "x", 1.5, NULL, 0);
	rc_facts_add_num(f, "x", 0.1, NULL, 0);
	rc_facts_add_num(f, "x", -0.0, NULL, 0);
	rc_facts_add_num(f, "x", -3, NULL, 0);
	rc_facts_add_num(f, "x", 1e300, NULL, 0);
	rc_facts_add_num(f, "x", NAN, NULL, 0);
	rc_facts_add_num(f, "x", INFINITY, NULL, 0);
	rc_facts_add_bool(f, "git.repository", true, NULL, 0);
	rc_facts_add_bool(f, "manifest.lib", false, "Cargo.toml", 0);
	rc_facts_add_note(f, "kind", "service", "Cargo.toml", 14,
			  "depends on 'actix-web'");
	rc_facts_add_file(f, "Cargo.toml", 10, 0, 1);
	rc_facts_add_hit(f, 2, "src/main.rs", 7, "\tlet x = \"y\";", 13);
	rc_facts_add_hit(f, 2, "src/lib.rs", 1, "a", 1);
	rc_facts_add_hit(f, 5, "README.md", 3, "b", 1);
	assert_json(f,
		    "{\"schema\":\"readycheck/facts/v1\",\n"
		    "\"facts\":[\n"
		    "{\"name\":\"manifest.name\",\"type\":\"str\","
		    "\"value\":\"q\\\"uote\\\\ \\u0001 \\ufffd\","
		    "\"path\":\"a b/Cargo.toml\",\"line\":2},\n"
		    "{\"name\":\"git.tags\",\"type\":\"num\",\"value\":42,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":1.5,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":0.1,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":0,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":-3,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":1e+300,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":null,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"x\",\"type\":\"num\",\"value\":null,"
		    "\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"git.repository\",\"type\":\"bool\","
		    "\"value\":true,\"path\":\"\",\"line\":0},\n"
		    "{\"name\":\"manifest.lib\",\"type\":\"bool\","
		    "\"value\":false,\"path\":\"Cargo.toml\",\"line\":0},\n"
		    "{\"name\":\"kind\",\"type\":\"str\",\"value\":\"service\","
		    "\"path\":\"Cargo.toml\",\"line\":14,"
		    "\"note\":\"depends on 'actix-web'\"}],\n"
		    "\"files\":{\"count\":1,\"bytes\":10,\"binary\":0,"
		    "\"skipped\":0},\n"
		    "\"patterns\":[\n"
		    "{\"id\":2,\"hits\":[{\"path\":\"src/main.rs\",\"line\":7,"
		    "\"snippet\":\"let x = \\\"y\\\";\"},"
		    "{\"path\":\"src/lib.rs\",\"line\":1,\"snippet\":\"a\"}],"
		    "\"total\":2},\n"
		    "{\"id\":5,\"hits\":[{\"path\":\"README.md\",\"line\":3,"
		    "\"snippet\":\"b\"}],\"total\":1}]}\n");
	rc_facts_free(f);
}

static void test_facts__json_buffer_error(void **state)
{
	struct rc_facts *f = new_store();
	struct rc_buf b;

	(void)state;
	rc_facts_add_str(f, "a", "b", NULL, 0);
	rc_buf_init(&b, 20);
	assert_int_equal(rc_facts_to_json(f, &b), RC_ETOOBIG);
	assert_true(b.len <= 20);
	rc_buf_release(&b);
	rc_facts_free(f);
}

/* A scenario that touches every allocation path. */
static int scenario(struct rc_facts **out)
{
	struct rc_facts *f = NULL, *g = NULL;
	struct rc_buf b = RC_BUF_INIT;
	char name[32];
	int err, i;

	err = rc_facts_new(&f);
	if (!err)
		err = rc_facts_new(&g);
	for (i = 0; !err && i < 70; i++) {
		snprintf(name, sizeof(name), "n.%d", i % 9);
		err = rc_facts_add_str(g, name, name + i % 3, "p", 1);
		if (!err)
			err = rc_facts_add_str_once(g, "once", name, NULL, 0);
		if (!err)
			err = rc_facts_add_note(g, "k", "v", "p", 2, name);
		if (!err)
			err = rc_facts_add_file(g, name, 1, 0, 1);
		if (!err)
			err = rc_facts_add_hit(g, (unsigned)i % 5, name, 1, "s",
					       1);
	}
	if (!err)
		err = rc_facts_add_num(f, "num", 1, NULL, 0);
	if (!err)
		err = rc_facts_merge(f, g);
	if (!err)
		err = rc_facts_to_json(f, &b);
	rc_buf_release(&b);
	rc_facts_free(g);
	*out = f;
	return err;
}

static void test_facts__out_of_memory(void **state)
{
	struct rc_facts *f;
	long n;
	int err;

	(void)state;
	for (n = 0;; n++) {
		rc_alloc_fail_after(n);
		err = scenario(&f);
		rc_alloc_fail_after(-1);
		if (!err) {
			assert_int_equal(rc_facts_count(f), 1 + 70 * 2 + 9);
			rc_facts_free(f);
			break;
		}
		assert_int_equal(err, RC_ENOMEM);
		/* a store that failed stays consistent */
		if (f) {
			assert_null(rc_facts_get(f, "none"));
			rc_facts_get(f, "n.1");
			rc_facts_free(f);
		}
		assert_true(n < 100000);
	}
	assert_true(n > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts__empty),
		cmocka_unit_test(test_facts__add_and_read),
		cmocka_unit_test(test_facts__strings_are_copied_and_interned),
		cmocka_unit_test(test_facts__next_exact),
		cmocka_unit_test(test_facts__next_prefix),
		cmocka_unit_test(test_facts__get_and_find),
		cmocka_unit_test(test_facts__add_str_once),
		cmocka_unit_test(test_facts__many_facts),
		cmocka_unit_test(test_facts__files),
		cmocka_unit_test(test_facts__files_summary),
		cmocka_unit_test(test_facts__hits),
		cmocka_unit_test(test_facts__snippet_trim),
		cmocka_unit_test(test_facts__hit_groups),
		cmocka_unit_test(test_facts__merge),
		cmocka_unit_test(test_facts__merge_matches_serial),
		cmocka_unit_test(test_facts__json),
		cmocka_unit_test(test_facts__json_buffer_error),
		cmocka_unit_test(test_facts__out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
