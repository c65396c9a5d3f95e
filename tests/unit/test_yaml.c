/*
 * test_yaml.c - the YAML reader: core schema, positions, aliases, errors.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "parse/yaml.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

static struct rc_doc *parse_ok_(const char *text, size_t len, bool all,
				const char *file, int line)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	char msg[1200];
	int e;

	e = all ? rc_yaml_parse_all(&doc, text, len, "t.yml", &err)
		: rc_yaml_parse(&doc, text, len, "t.yml", &err);
	if (e) {
		print_error("%s\n", rc_err_format(&err, msg, sizeof(msg)));
		_fail(file, line);
	}
	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}
#define parse_ok(t)	parse_ok_((t), strlen(t), false, __FILE__, __LINE__)
#define parse_all_ok(t) parse_ok_((t), strlen(t), true, __FILE__, __LINE__)

static void parse_err_(const char *text, size_t len, unsigned line,
		       unsigned col, const char *msg, const char *file,
		       int cline)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = (struct rc_doc *)&err;
	int e;

	e = rc_yaml_parse_all(&doc, text, len, "t.yml", &err);
	if (e != RC_EPARSE || err.line != line || err.col != col ||
	    strcmp(err.msg, msg)) {
		print_error("%s:%d: got %d %u:%u '%s', want %u:%u '%s'\n", file,
			    cline, e, err.line, err.col, err.msg, line, col,
			    msg);
		_fail(file, cline);
	}
	assert_null(doc);
	assert_string_equal(err.path, "t.yml");
}
#define parse_err(t, l, c, m) \
	parse_err_((t), strlen(t), (l), (c), (m), __FILE__, __LINE__)

struct scalar_case {
	const char *text;
	enum rc_node_type type;
	const char *rendered; /* rc_node_text, NULL for NULL nodes */
};

static const struct scalar_case scalars[] = {
	{ "true", RC_NODE_BOOL, "true" },
	{ "True", RC_NODE_BOOL, "true" },
	{ "FALSE", RC_NODE_BOOL, "false" },
	{ "fAlSe", RC_NODE_BOOL, "false" },
	{ "yes", RC_NODE_STRING, "yes" }, /* YAML 1.1 only */
	{ "on", RC_NODE_STRING, "on" },
	{ "off", RC_NODE_STRING, "off" },
	{ "y", RC_NODE_STRING, "y" },
	{ "null", RC_NODE_NULL, NULL },
	{ "Null", RC_NODE_NULL, NULL },
	{ "NULL", RC_NODE_NULL, NULL },
	{ "~", RC_NODE_NULL, NULL },
	{ "", RC_NODE_NULL, NULL },
	{ "nil", RC_NODE_STRING, "nil" },
	{ "0", RC_NODE_INT, "0" },
	{ "42", RC_NODE_INT, "42" },
	{ "-17", RC_NODE_INT, "-17" },
	{ "+17", RC_NODE_INT, "17" },
	{ "007", RC_NODE_INT, "7" },
	{ "0x1F", RC_NODE_INT, "31" },
	{ "0xff", RC_NODE_INT, "255" },
	{ "0o17", RC_NODE_INT, "15" },
	{ "0o8", RC_NODE_STRING, "0o8" },
	{ "0x", RC_NODE_STRING, "0x" },
	{ "0xG", RC_NODE_STRING, "0xG" },
	{ "0x8000000000000000", RC_NODE_STRING, "0x8000000000000000" },
	{ "9223372036854775807", RC_NODE_INT, "9223372036854775807" },
	{ "-9223372036854775808", RC_NODE_INT, "-9223372036854775808" },
	{ "9223372036854775808", RC_NODE_FLOAT, "9.223372036854776e+18" },
	{ "1.5", RC_NODE_FLOAT, "1.5" },
	{ "-0.25", RC_NODE_FLOAT, "-0.25" },
	{ ".5", RC_NODE_FLOAT, "0.5" },
	{ "5.", RC_NODE_FLOAT, "5.0" },
	{ "1e3", RC_NODE_FLOAT, "1000.0" },
	{ "1E-2", RC_NODE_FLOAT, "0.01" },
	{ "2.5e+2", RC_NODE_FLOAT, "250.0" },
	{ ".inf", RC_NODE_FLOAT, "inf" },
	{ "-.Inf", RC_NODE_FLOAT, "-inf" },
	{ "+.INF", RC_NODE_FLOAT, "inf" },
	{ ".nan", RC_NODE_FLOAT, "nan" },
	{ ".NaN", RC_NODE_FLOAT, "nan" },
	{ "1e", RC_NODE_STRING, "1e" },
	{ ".", RC_NODE_STRING, "." },
	{ "1.2.3", RC_NODE_STRING, "1.2.3" },
	{ "1_000", RC_NODE_STRING, "1_000" },
	{ "3.10", RC_NODE_FLOAT, "3.1" },
	{ "v1.2", RC_NODE_STRING, "v1.2" },
	{ "\"true\"", RC_NODE_STRING, "true" },
	{ "'42'", RC_NODE_STRING, "42" },
	{ "\"\"", RC_NODE_STRING, "" },
	{ "!!str 42", RC_NODE_STRING, "42" },
	{ "! 42", RC_NODE_STRING, "42" },
	{ "!<tag:yaml.org,2002:str> 7", RC_NODE_STRING, "7" },
	{ "!!int 42", RC_NODE_INT, "42" },
	{ "!Ref 42", RC_NODE_INT, "42" },
	{ "\"a\\tb\\u00e9\"", RC_NODE_STRING, "a\tb\xc3\xa9" },
	{ "hello world", RC_NODE_STRING, "hello world" },
};

static void test_yaml__core_schema(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(scalars); i++) {
		char text[128], buf[64];
		struct rc_doc *doc;
		const struct rc_node *v;
		const char *got;

		snprintf(text, sizeof(text), "v: %s\n", scalars[i].text);
		doc = parse_ok(text);
		v = rc_node_get(doc->root, "v");
		assert_non_null(v);
		if (v->type != scalars[i].type)
			print_error("case '%s': type %s\n", scalars[i].text,
				    rc_node_type_name(v->type));
		assert_int_equal(v->type, scalars[i].type);
		got = rc_node_text(v, buf, sizeof(buf));
		if (scalars[i].rendered) {
			assert_non_null(got);
			assert_string_equal(got, scalars[i].rendered);
		} else {
			assert_null(got);
		}
		rc_doc_free(doc);
	}
}

static void test_yaml__block_scalars_are_strings(void **state)
{
	struct rc_doc *doc;

	(void)state;
	doc = parse_ok("a: |\n  42\nb: >-\n  true\n  false\nc: |+\n  x\n\n");
	assert_string_equal(rc_node_str(rc_node_get(doc->root, "a")), "42\n");
	assert_string_equal(rc_node_str(rc_node_get(doc->root, "b")),
			    "true false");
	assert_string_equal(rc_node_str(rc_node_get(doc->root, "c")), "x\n\n");
	rc_doc_free(doc);
}

static void test_yaml__keys_are_text(void **state)
{
	struct rc_doc *doc;
	const struct rc_node *r;

	(void)state;
	doc = parse_ok("on: push\n3: three\ntrue: t\nnull: n\n1.50: f\n"
		       "\"quoted key\": q\n");
	r = doc->root;
	assert_int_equal(rc_node_count(r), 6);
	assert_string_equal(rc_node_at(r, 0)->key, "on");
	assert_string_equal(rc_node_str(rc_node_get(r, "on")), "push");
	assert_string_equal(rc_node_at(r, 1)->key, "3");
	assert_string_equal(rc_node_at(r, 2)->key, "true");
	assert_string_equal(rc_node_at(r, 3)->key, "null");
	assert_string_equal(rc_node_at(r, 4)->key, "1.50");
	assert_string_equal(rc_node_at(r, 5)->key, "quoted key");
	rc_doc_free(doc);
}

static void test_yaml__structure_and_positions(void **state)
{
	static const char text[] = "# a workflow\n"
				   "name: CI\n"
				   "on:\n"
				   "  push:\n"
				   "    branches: [main, 'release/*']\n"
				   "jobs:\n"
				   "  test:\n"
				   "    steps:\n"
				   "      - uses: actions/checkout@v4\n"
				   "      - run: make test\n"
				   "        env: {CI: true}\n";
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *n;

	(void)state;
	assert_true(rc_node_is(doc->root, RC_NODE_TABLE));
	assert_int_equal(doc->root->line, 2);
	assert_int_equal(doc->root->col, 1);
	assert_string_equal(doc->path, "t.yml");
	n = rc_node_get(doc->root, "name");
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 7);
	n = rc_node_path(doc->root, "on.push.branches");
	assert_true(rc_node_is(n, RC_NODE_ARRAY));
	assert_int_equal(n->line, 5);
	assert_int_equal(n->col, 15);
	assert_int_equal(rc_node_count(n), 2);
	assert_string_equal(rc_node_str(rc_node_at(n, 1)), "release/*");
	assert_int_equal(rc_node_at(n, 1)->line, 5);
	assert_int_equal(rc_node_at(n, 1)->col, 22);
	n = rc_node_path(doc->root, "jobs.test.steps");
	assert_int_equal(rc_node_count(n), 2);
	assert_int_equal(rc_node_at(n, 0)->line, 9);
	assert_int_equal(rc_node_at(n, 0)->col, 9);
	n = rc_node_get(rc_node_at(n, 0), "uses");
	assert_string_equal(rc_node_str(n), "actions/checkout@v4");
	assert_int_equal(n->line, 9);
	assert_int_equal(n->col, 15);
	n = rc_node_path(
		rc_node_at(rc_node_path(doc->root, "jobs.test.steps"), 1),
		"env.CI");
	assert_true(rc_node_is(n, RC_NODE_BOOL));
	assert_true(n->u.b);
	assert_int_equal(n->line, 11);
	assert_int_equal(n->col, 19);
	rc_doc_free(doc);
}

static void test_yaml__empty_value_position(void **state)
{
	struct rc_doc *doc = parse_ok("a: 1\nempty:\nlist:\n  -\n  - x\n");
	const struct rc_node *n;

	(void)state;
	n = rc_node_get(doc->root, "empty");
	assert_true(rc_node_is(n, RC_NODE_NULL));
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 1);
	n = rc_node_get(doc->root, "list");
	assert_int_equal(rc_node_count(n), 2);
	assert_true(rc_node_is(rc_node_at(n, 0), RC_NODE_NULL));
	assert_int_equal(rc_node_at(n, 0)->line, 4);
	rc_doc_free(doc);
}

static void test_yaml__duplicate_keys_kept(void **state)
{
	struct rc_doc *doc = parse_ok("a: 1\nb: 2\na: 3\n");

	(void)state;
	assert_int_equal(rc_node_count(doc->root), 3);
	assert_int_equal(rc_node_get(doc->root, "a")->u.i, 1);
	assert_int_equal(rc_node_at(doc->root, 2)->u.i, 3);
	rc_doc_free(doc);
}

static void test_yaml__multi_document(void **state)
{
	static const char text[] = "apiVersion: v1\nkind: Service\n"
				   "---\n"
				   "apiVersion: apps/v1\nkind: Deployment\n"
				   "---\n"
				   "# only a comment\n"
				   "---\n"
				   "- 1\n"
				   "...\n"
				   "---\n";
	struct rc_doc *doc;
	const struct rc_node *r;

	(void)state;
	doc = parse_all_ok(text);
	r = doc->root;
	assert_true(rc_node_is(r, RC_NODE_ARRAY));
	assert_int_equal(rc_node_count(r), 3);
	assert_string_equal(rc_node_str(rc_node_get(rc_node_at(r, 0), "kind")),
			    "Service");
	assert_string_equal(rc_node_str(rc_node_get(rc_node_at(r, 1), "kind")),
			    "Deployment");
	assert_int_equal(rc_node_at(r, 1)->line, 4);
	assert_true(rc_node_is(rc_node_at(r, 2), RC_NODE_ARRAY));
	rc_doc_free(doc);

	doc = parse_ok(text);
	assert_true(rc_node_is(doc->root, RC_NODE_TABLE));
	assert_string_equal(rc_node_str(rc_node_get(doc->root, "kind")),
			    "Service");
	rc_doc_free(doc);

	/* no documents at all */
	doc = parse_all_ok("");
	assert_true(rc_node_is(doc->root, RC_NODE_ARRAY));
	assert_int_equal(rc_node_count(doc->root), 0);
	rc_doc_free(doc);
	doc = parse_ok("# nothing\n");
	assert_true(rc_node_is(doc->root, RC_NODE_NULL));
	rc_doc_free(doc);
	doc = parse_ok("");
	assert_true(rc_node_is(doc->root, RC_NODE_NULL));
	rc_doc_free(doc);
	doc = parse_ok("just text\n");
	assert_string_equal(rc_node_str(doc->root), "just text");
	rc_doc_free(doc);
}

static void test_yaml__anchors_and_aliases(void **state)
{
	static const char text[] = "base: &b\n"
				   "  image: alpine\n"
				   "  tags: [x, y]\n"
				   "one: *b\n"
				   "s: &s hello\n"
				   "t: *s\n"
				   "list: [*s, *b]\n"
				   "re: &s again\n"
				   "u: *s\n";
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *r = doc->root, *n;

	(void)state;
	n = rc_node_get(r, "one");
	assert_true(rc_node_is(n, RC_NODE_TABLE));
	assert_string_equal(n->key, "one");
	assert_int_equal(n->line, 4);
	assert_int_equal(n->col, 6);
	assert_string_equal(rc_node_str(rc_node_get(n, "image")), "alpine");
	assert_int_equal(rc_node_count(rc_node_get(n, "tags")), 2);
	assert_string_equal(rc_node_str(rc_node_get(r, "t")), "hello");
	assert_string_equal(rc_node_get(r, "t")->key, "t");
	n = rc_node_get(r, "list");
	assert_string_equal(rc_node_str(rc_node_at(n, 0)), "hello");
	assert_null(rc_node_at(n, 0)->key);
	assert_string_equal(rc_node_str(rc_node_get(rc_node_at(n, 1), "image")),
			    "alpine");
	/* the original keeps its own key */
	assert_string_equal(rc_node_get(r, "base")->key, "base");
	/* a redefined anchor: later aliases see the new node */
	assert_string_equal(rc_node_str(rc_node_get(r, "u")), "again");
	rc_doc_free(doc);
}

static void test_yaml__billion_laughs(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	int i;

	(void)state;
	rc_buf_adds(&b, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 10; i++)
		rc_buf_addf(&b,
			    "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
			    "*a%d, *a%d, *a%d, *a%d]\n",
			    i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
			    i - 1, i - 1, i - 1, i - 1);
	assert_int_equal(rc_buf_err(&b), 0);
	assert_int_equal(rc_yaml_parse(&doc, b.ptr, b.len, "bomb.yml", &err),
			 RC_EPARSE);
	assert_null(doc);
	assert_string_equal(err.msg, "document too large (over 1000000 nodes, "
				     "aliases expanded)");
	assert_int_equal(err.line, 6);
	rc_buf_release(&b);
}

static void test_yaml__many_anchors(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_doc *doc;
	const struct rc_node *n;
	int i;

	(void)state;
	/* a linear anchor lookup would take minutes here */
	rc_buf_adds(&b, "defs:\n");
	for (i = 0; i < 40000; i++)
		rc_buf_addf(&b, "  - &a%d v%d\n", i, i);
	rc_buf_adds(&b, "uses:\n");
	for (i = 0; i < 40000; i++)
		rc_buf_addf(&b, "  - *a%d\n", 39999 - i);
	doc = parse_ok_(b.ptr, b.len, false, __FILE__, __LINE__);
	n = rc_node_get(doc->root, "uses");
	assert_int_equal(rc_node_count(n), 40000);
	assert_string_equal(rc_node_str(rc_node_at(n, 0)), "v39999");
	assert_string_equal(rc_node_str(rc_node_at(n, 39999)), "v0");
	rc_doc_free(doc);
	rc_buf_release(&b);

	/* anchors do not cross documents */
	parse_err("a: &x 1\n---\nb: *x\n", 3, 4, "unknown alias 'x'");
}

static void test_yaml__deep_nesting(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_doc *doc;
	const struct rc_node *n;
	int i;

	(void)state;
	rc_buf_addch_n(&b, '[', 256);
	rc_buf_addch_n(&b, ']', 256);
	doc = parse_ok_(b.ptr, b.len, false, __FILE__, __LINE__);
	for (n = doc->root, i = 1; rc_node_count(n); n = rc_node_at(n, 0))
		i++;
	assert_int_equal(i, 256);
	rc_doc_free(doc);

	rc_buf_reset(&b);
	rc_buf_addch_n(&b, '[', 257);
	rc_buf_addch_n(&b, ']', 257);
	parse_err_(b.ptr, b.len, 1, 257, "nesting too deep (over 256 levels)",
		   __FILE__, __LINE__);

	rc_buf_reset(&b);
	rc_buf_addch_n(&b, '[', 100000);
	parse_err_(b.ptr, b.len, 1, 257, "nesting too deep (over 256 levels)",
		   __FILE__, __LINE__);

	rc_buf_reset(&b);
	for (i = 0; i < 300; i++) {
		rc_buf_addch_n(&b, ' ', (size_t)i);
		rc_buf_adds(&b, "k:\n");
	}
	parse_err_(b.ptr, b.len, 257, 257, "nesting too deep (over 256 levels)",
		   __FILE__, __LINE__);
	rc_buf_release(&b);
}

static void test_yaml__errors(void **state)
{
	(void)state;
	parse_err("a: 1\n  b: 2\n", 1, 4, "invalid multiline plain key");
	parse_err("a: \"x\n", 1, 5,
		  "double-quoted scalar without closing quote");
	parse_err("a: 1\nb: [1, 2\nc: 3\n", 4, 1,
		  "flow sequence without a closing bracket");
	parse_err("a: *nope\n", 1, 4, "unknown alias 'nope'");
	/* an escaped single-quoted scalar before an error: libfyaml 0.7.12
	 * leaks the token's cached text unless we avoid the cache */
	parse_err("name: [''''''''''''main]\n", 1, 20,
		  "missing comma in flow sequence");
	parse_err("x: 1\n? [a, b]\n: c\n", 2, 3,
		  "unsupported non-scalar mapping key");
	parse_err("ok: 1\nbad: caf\xe9\n", 2, 9, "invalid UTF-8");
	parse_err("# caf\xc3\xa9 \xff\n", 1, 8, "invalid UTF-8");
	parse_err("\xfe\xff\0a", 1, 1, "invalid UTF-8");
	parse_err("a: 1\n\xc3", 2, 1, "invalid UTF-8");
	parse_err_("a: x\0y\n", 7, 1, 5, "unexpected NUL byte", __FILE__,
		   __LINE__);
	/* messages are git style: no capital, no full stop */
	{
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc;
		size_t n;

		assert_int_equal(rc_yaml_parse(&doc, "[1, 2", 5, "t", &err),
				 RC_EPARSE);
		n = strlen(err.msg);
		assert_true(n > 0);
		assert_false(err.msg[0] >= 'A' && err.msg[0] <= 'Z');
		assert_true(err.msg[n - 1] != '.');
		assert_true(err.line > 0);
	}
}

static void test_yaml__truncated_prefixes(void **state)
{
	static const char text[] =
		"version: 2\n"
		"x-base: &base {image: \"py:3.12\", env: [A=1, 'B=2']}\n"
		"services:\n"
		"  web:\n"
		"    <<: *base\n"
		"    ports:\n"
		"      - \"80:80\"\n"
		"    command: >\n"
		"      run --flag\n"
		"---\n"
		"- !!str 1\n"
		"- ? complex\n"
		"  : value\n";
	size_t len;

	(void)state;
	for (len = 0; len <= sizeof(text) - 1; len++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;
		char *copy = malloc(len ? len : 1);
		int e;

		/* an exact-size heap copy lets ASan catch any over-read */
		memcpy(copy, text, len);
		e = rc_yaml_parse_all(&doc, copy, len, "t.yml", &err);
		assert_true(e == 0 || e == RC_EPARSE);
		assert_true(e ? doc == NULL : doc != NULL);
		rc_doc_free(doc);
		free(copy);
	}
}

static void test_yaml__alloc_failures(void **state)
{
	static const char text[] = "a: &x {b: [1, 2.5, true, null, str]}\n"
				   "c: *x\n"
				   "'d': |\n  block\n"
				   "---\n"
				   "- e\n";
	long i;
	int e = -1;

	(void)state;
	for (i = 0; i < 10000; i++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;

		rc_alloc_fail_after(i);
		e = rc_yaml_parse_all(&doc, text, sizeof(text) - 1, "t", &err);
		rc_alloc_fail_after(-1);
		if (!e) {
			assert_int_equal(rc_node_count(doc->root), 2);
			rc_doc_free(doc);
			break;
		}
		assert_int_equal(e, RC_ENOMEM);
		assert_int_equal(err.code, RC_ENOMEM);
		assert_null(doc);
	}
	assert_int_equal(e, 0);
	assert_true(i > 3); /* the loop did inject failures */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml__core_schema),
		cmocka_unit_test(test_yaml__block_scalars_are_strings),
		cmocka_unit_test(test_yaml__keys_are_text),
		cmocka_unit_test(test_yaml__structure_and_positions),
		cmocka_unit_test(test_yaml__empty_value_position),
		cmocka_unit_test(test_yaml__duplicate_keys_kept),
		cmocka_unit_test(test_yaml__multi_document),
		cmocka_unit_test(test_yaml__anchors_and_aliases),
		cmocka_unit_test(test_yaml__billion_laughs),
		cmocka_unit_test(test_yaml__many_anchors),
		cmocka_unit_test(test_yaml__deep_nesting),
		cmocka_unit_test(test_yaml__errors),
		cmocka_unit_test(test_yaml__truncated_prefixes),
		cmocka_unit_test(test_yaml__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
