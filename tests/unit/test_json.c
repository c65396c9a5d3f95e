/*
 * test_json.c - the JSON reader: values, positions, strictness, errors.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "parse/json.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

static struct rc_doc *parse_ok_(const char *text, size_t len, const char *file,
				int line)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	char msg[1200];

	if (rc_json_parse(&doc, text, len, "t.json", &err)) {
		print_error("%s\n", rc_err_format(&err, msg, sizeof(msg)));
		_fail(file, line);
	}
	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}
#define parse_ok(t) parse_ok_((t), strlen(t), __FILE__, __LINE__)

static void parse_err_(const char *text, size_t len, unsigned line,
		       unsigned col, const char *msg, const char *file,
		       int cline)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = (struct rc_doc *)&err;
	char *copy = malloc(len ? len : 1);
	int e;

	/* exact-size heap copy: ASan catches any read past the end */
	memcpy(copy, text, len);
	e = rc_json_parse(&doc, copy, len, "t.json", &err);
	free(copy);
	if (e != RC_EPARSE || err.line != line || err.col != col ||
	    strcmp(err.msg, msg)) {
		print_error("%s:%d: got %d %u:%u '%s', want %u:%u '%s'\n", file,
			    cline, e, err.line, err.col, err.msg, line, col,
			    msg);
		_fail(file, cline);
	}
	assert_null(doc);
	assert_string_equal(err.path, "t.json");
}
#define parse_err(t, l, c, m) \
	parse_err_((t), strlen(t), (l), (c), (m), __FILE__, __LINE__)

struct value_case {
	const char *text;
	enum rc_node_type type;
	const char *rendered;
};

static const struct value_case values[] = {
	{ "true", RC_NODE_BOOL, "true" },
	{ "false", RC_NODE_BOOL, "false" },
	{ "null", RC_NODE_NULL, NULL },
	{ "0", RC_NODE_INT, "0" },
	{ "-0", RC_NODE_INT, "0" },
	{ "42", RC_NODE_INT, "42" },
	{ "-17", RC_NODE_INT, "-17" },
	{ "9223372036854775807", RC_NODE_INT, "9223372036854775807" },
	{ "-9223372036854775808", RC_NODE_INT, "-9223372036854775808" },
	{ "9223372036854775808", RC_NODE_FLOAT, "9.223372036854776e+18" },
	{ "-9223372036854775809", RC_NODE_FLOAT, "-9.223372036854776e+18" },
	{ "123456789012345678901234567890", RC_NODE_FLOAT,
	  "1.2345678901234568e+29" },
	{ "1.0", RC_NODE_FLOAT, "1.0" },
	{ "1.5", RC_NODE_FLOAT, "1.5" },
	{ "-0.25", RC_NODE_FLOAT, "-0.25" },
	{ "1e3", RC_NODE_FLOAT, "1000.0" },
	{ "1E+2", RC_NODE_FLOAT, "100.0" },
	{ "2.5e-3", RC_NODE_FLOAT, "0.0025" },
	{ "1e400", RC_NODE_FLOAT, "inf" },
	{ "\"\"", RC_NODE_STRING, "" },
	{ "\"plain\"", RC_NODE_STRING, "plain" },
	{ "\"a\\\"b\\\\c\\/d\"", RC_NODE_STRING, "a\"b\\c/d" },
	{ "\"\\b\\f\\n\\r\\t\"", RC_NODE_STRING, "\b\f\n\r\t" },
	{ "\"\\u0041\\u00e9\\u20AC\"", RC_NODE_STRING,
	  "A\xc3\xa9\xe2\x82\xac" },
	{ "\"\\ud83d\\ude00\"", RC_NODE_STRING, "\xf0\x9f\x98\x80" },
	{ "\"caf\xc3\xa9 \xe2\x82\xac\"", RC_NODE_STRING,
	  "caf\xc3\xa9 \xe2\x82\xac" },
	{ " \t\r\n 7 \n", RC_NODE_INT, "7" },
	{ "\xef\xbb\xbf{}", RC_NODE_TABLE, NULL },
	{ "[]", RC_NODE_ARRAY, NULL },
};

static void test_json__values(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(values); i++) {
		struct rc_doc *doc = parse_ok(values[i].text);
		char buf[64];
		const char *got = rc_node_text(doc->root, buf, sizeof(buf));

		if (doc->root->type != values[i].type)
			print_error("case '%s': type %s\n", values[i].text,
				    rc_node_type_name(doc->root->type));
		assert_int_equal(doc->root->type, values[i].type);
		if (values[i].rendered) {
			assert_non_null(got);
			assert_string_equal(got, values[i].rendered);
		} else {
			assert_null(got);
		}
		rc_doc_free(doc);
	}
}

static void test_json__nul_in_string(void **state)
{
	struct rc_doc *doc = parse_ok("{\"k\\u0000x\": \"a\\u0000b\"}");
	const struct rc_node *n = rc_node_at(doc->root, 0);

	(void)state;
	assert_int_equal(n->u.s.len, 3);
	assert_memory_equal(n->u.s.ptr, "a\0b", 4);
	assert_memory_equal(n->key, "k\0x", 4);
	rc_doc_free(doc);
}

static void test_json__structure_and_positions(void **state)
{
	static const char text[] = "{\n"
				   "  \"name\": \"demo\",\n"
				   "  \"dependencies\": {\n"
				   "    \"left-pad\": \"^1.3.0\",\n"
				   "\t\"caf\xc3\xa9\": \"1\"\n"
				   "  },\n"
				   "  \"files\": [\"a\", [], {}],\n"
				   "  \"name\": \"again\"\n"
				   "}\n";
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *r = doc->root, *n;

	(void)state;
	assert_true(rc_node_is(r, RC_NODE_TABLE));
	assert_int_equal(r->line, 1);
	assert_int_equal(r->col, 1);
	assert_int_equal(rc_node_count(r), 4);
	n = rc_node_get(r, "name");
	assert_string_equal(rc_node_str(n), "demo");
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 11);
	/* duplicates are kept, in order */
	assert_string_equal(rc_node_str(rc_node_at(r, 3)), "again");
	assert_string_equal(rc_node_at(r, 3)->key, "name");
	n = rc_node_path(r, "dependencies.left-pad");
	assert_string_equal(rc_node_str(n), "^1.3.0");
	assert_int_equal(n->line, 4);
	assert_int_equal(n->col, 17);
	/* columns count characters: the tab is one, the accent one */
	n = rc_node_path(r, "dependencies.caf\xc3\xa9");
	assert_non_null(n);
	assert_int_equal(n->line, 5);
	assert_int_equal(n->col, 10);
	n = rc_node_get(r, "files");
	assert_int_equal(n->line, 7);
	assert_int_equal(n->col, 12);
	assert_int_equal(rc_node_count(n), 3);
	assert_int_equal(rc_node_at(n, 2)->col, 22);
	assert_true(rc_node_is(rc_node_at(n, 2), RC_NODE_TABLE));
	assert_int_equal(rc_node_count(rc_node_at(n, 1)), 0);
	rc_doc_free(doc);
}

static void test_json__errors(void **state)
{
	(void)state;
	parse_err("", 1, 1, "unexpected end of input");
	parse_err("  \n ", 2, 2, "unexpected end of input");
	parse_err("{\"a\":1,}", 1, 8, "trailing comma before '}'");
	parse_err("[1,\n]", 2, 1, "trailing comma before ']'");
	parse_err("{\"a\" 1}", 1, 6, "expected ':'");
	parse_err("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}'");
	parse_err("[1 2]", 1, 4, "expected ',' or ']'");
	parse_err("{\"a\":", 1, 6, "unexpected end of input");
	parse_err("{\"a\":1", 1, 7,
		  "unexpected end of input, expected ',' or '}'");
	parse_err("[1", 1, 3, "unexpected end of input, expected ',' or ']'");
	parse_err("{a:1}", 1, 2, "expected a string key");
	parse_err("{'a':1}", 1, 2, "expected a string key");
	parse_err("['x']", 1, 2, "unexpected \"'\"");
	parse_err("[1]x", 1, 4, "unexpected 'x' after the value");
	parse_err("{} {}", 1, 4, "unexpected '{' after the value");
	parse_err("\"abc", 1, 1, "unterminated string");
	parse_err("[\n  \"abc\\", 2, 3, "unterminated string");
	parse_err("\"a\\qb\"", 1, 3, "invalid escape '\\q'");
	parse_err("\"a\\x41\"", 1, 3, "invalid escape '\\x'");
	parse_err("\"\\u12G4\"", 1, 2,
		  "invalid \\u escape (want 4 hex digits)");
	parse_err("\"\\u12\"", 1, 2, "invalid \\u escape (want 4 hex digits)");
	parse_err("\"\\ud800\"", 1, 2, "lone high surrogate '\\uD800'");
	parse_err("\"\\ud800\\u0041\"", 1, 2, "lone high surrogate '\\uD800'");
	parse_err("\"\\udc00\"", 1, 2, "lone low surrogate '\\uDC00'");
	parse_err("\"a\tb\"", 1, 3,
		  "control character 0x09 in string (escape it)");
	parse_err("\"a\nb\"", 1, 3,
		  "control character 0x0a in string (escape it)");
	parse_err("\"caf\xe9\"", 1, 5, "invalid UTF-8 in string");
	parse_err("\"\xc3\"", 1, 2, "invalid UTF-8 in string");
	parse_err("\"\xed\xa0\x80\"", 1, 2, "invalid UTF-8 in string");
	parse_err("01", 1, 2, "leading zeros are not allowed");
	parse_err("-01", 1, 3, "leading zeros are not allowed");
	parse_err("+1", 1, 1, "unexpected '+'");
	parse_err(".5", 1, 1, "unexpected '.'");
	parse_err("1.", 1, 3,
		  "unexpected end of input, expected a digit "
		  "after '.'");
	parse_err("1.e3", 1, 3, "expected a digit after '.'");
	parse_err("1e", 1, 3,
		  "unexpected end of input, expected a digit in "
		  "the exponent");
	parse_err("1e+x", 1, 4, "expected a digit in the exponent");
	parse_err("-", 1, 2, "unexpected end of input, expected a digit");
	parse_err("-x", 1, 2, "expected a digit");
	parse_err("tru", 1, 1, "invalid literal 'tru'");
	parse_err("True", 1, 1, "invalid literal 'True'");
	parse_err("nullx", 1, 1, "invalid literal 'nullx'");
	parse_err("[NaN]", 1, 2, "invalid literal 'NaN'");
	parse_err("[Infinity]", 1, 2, "invalid literal 'Infinity'");
	parse_err("// comment\n{}", 1, 1, "unexpected '/'");
	parse_err("{\"a\":1 /* c */}", 1, 8, "expected ',' or '}'");
	parse_err_("[1,\0]", 5, 1, 4, "unexpected byte 0x00", __FILE__,
		   __LINE__);
	parse_err_("\"a\0\"", 4, 1, 3,
		   "control character 0x00 in string (escape it)", __FILE__,
		   __LINE__);
	parse_err("\xff", 1, 1, "unexpected byte 0xff");
	parse_err("{\"\xc3\xa9\xc3\xa9\": x}", 1, 8, "invalid literal 'x'");
}

static void test_json__depth(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_doc *doc;
	const struct rc_node *n;
	int i;

	(void)state;
	rc_buf_addch_n(&b, '[', 256);
	rc_buf_addch_n(&b, ']', 256);
	doc = parse_ok_(b.ptr, b.len, __FILE__, __LINE__);
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
	for (i = 0; i < 100000; i++)
		rc_buf_adds(&b, "{\"a\":");
	parse_err_(b.ptr, b.len, 1, 1281, "nesting too deep (over 256 levels)",
		   __FILE__, __LINE__);
	rc_buf_release(&b);
}

static void test_json__truncated_prefixes(void **state)
{
	static const char text[] =
		"{\"name\": \"x\", \"v\": [1, -2.5e3, true, false, null],\n"
		" \"s\": \"\\u00e9\\ud83d\\ude00\\n\", \"o\": {\"\": {}}}";
	size_t len;

	(void)state;
	for (len = 0; len < sizeof(text) - 1; len++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;
		char *copy = malloc(len ? len : 1);
		int e;

		memcpy(copy, text, len);
		e = rc_json_parse(&doc, copy, len, "t.json", &err);
		free(copy);
		/* only a bare number prefix could parse, and there is none */
		assert_int_equal(e, RC_EPARSE);
		assert_null(doc);
		assert_true(err.line >= 1 && err.col >= 1);
	}
	{
		struct rc_doc *doc = parse_ok(text);

		assert_int_equal(rc_node_count(doc->root), 4);
		rc_doc_free(doc);
	}
}

static void test_json__alloc_failures(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	long i;
	int e = -1, k;

	(void)state;
	/*
	 * Enough children to regrow child arrays, and two strings big enough
	 * for the arena's big-block path and a second chunk; small enough that
	 * failing each allocation in turn stays quick with RC_DEBUG_ARENA.
	 */
	rc_buf_adds(&b, "{\"big1\": \"");
	rc_buf_addch_n(&b, 'x', 40000);
	rc_buf_adds(&b, "\", \"big2\": \"");
	rc_buf_addch_n(&b, 'y', 40000);
	rc_buf_adds(&b, "\", \"list\": [");
	for (k = 0; k < 40; k++)
		rc_buf_addf(&b, "%s{\"k%d\": \"v\\u00e9%d\", \"n\": %d.5}",
			    k ? "," : "", k, k, k);
	rc_buf_adds(&b, "], \"big\": 1e5}");
	for (i = 0; i < 100000; i++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;

		rc_alloc_fail_after(i);
		e = rc_json_parse(&doc, b.ptr, b.len, "t", &err);
		rc_alloc_fail_after(-1);
		if (!e) {
			assert_int_equal(
				rc_node_count(rc_node_get(doc->root, "list")),
				40);
			rc_doc_free(doc);
			break;
		}
		assert_int_equal(e, RC_ENOMEM);
		assert_int_equal(err.code, RC_ENOMEM);
		assert_null(doc);
	}
	assert_int_equal(e, 0);
	assert_true(i >= 4); /* doc, arena, big blocks, scratch at least */
	rc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__values),
		cmocka_unit_test(test_json__nul_in_string),
		cmocka_unit_test(test_json__structure_and_positions),
		cmocka_unit_test(test_json__errors),
		cmocka_unit_test(test_json__depth),
		cmocka_unit_test(test_json__truncated_prefixes),
		cmocka_unit_test(test_json__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
