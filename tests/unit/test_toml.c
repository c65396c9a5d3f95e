/*
 * test_toml.c - the TOML 1.0 reader: values, tables, positions, errors.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "parse/toml.h"

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

	if (rc_toml_parse(&doc, text, len, "t.toml", &err)) {
		print_error("%s\n", rc_err_format(&err, msg, sizeof(msg)));
		_fail(file, line);
	}
	assert_non_null(doc);
	assert_true(rc_node_is(doc->root, RC_NODE_TABLE));
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
	e = rc_toml_parse(&doc, copy, len, "t.toml", &err);
	free(copy);
	if (e != RC_EPARSE || err.line != line || err.col != col ||
	    strcmp(err.msg, msg)) {
		print_error("%s:%d: got %d %u:%u '%s', want %u:%u '%s'\n", file,
			    cline, e, err.line, err.col, err.msg, line, col,
			    msg);
		_fail(file, cline);
	}
	assert_null(doc);
	assert_string_equal(err.path, "t.toml");
}
#define parse_err(t, l, c, m) \
	parse_err_((t), strlen(t), (l), (c), (m), __FILE__, __LINE__)

struct value_case {
	const char *text; /* right-hand side of "v = " */
	enum rc_node_type type;
	const char *rendered;
};

static const struct value_case values[] = {
	/* strings */
	{ "\"basic\"", RC_NODE_STRING, "basic" },
	{ "\"\"", RC_NODE_STRING, "" },
	{ "''", RC_NODE_STRING, "" },
	{ "'C:\\Users\\x'", RC_NODE_STRING, "C:\\Users\\x" },
	{ "\"a\\tb\\nc\\\\d\\\"e\\bf\\fg\\rh\"", RC_NODE_STRING,
	  "a\tb\nc\\d\"e\bf\fg\rh" },
	{ "\"\\u00e9\\U0001F600\\u0041\"", RC_NODE_STRING,
	  "\xc3\xa9\xf0\x9f\x98\x80"
	  "A" },
	{ "\"tab\there\"", RC_NODE_STRING, "tab\there" },
	{ "\"caf\xc3\xa9\"", RC_NODE_STRING, "caf\xc3\xa9" },
	{ "\"\"\"\nfirst newline trimmed\"\"\"", RC_NODE_STRING,
	  "first newline trimmed" },
	{ "\"\"\"\r\ncrlf\r\nline\"\"\"", RC_NODE_STRING, "crlf\nline" },
	{ "\"\"\"a \\\n   \n   b\"\"\"", RC_NODE_STRING, "a b" },
	{ "\"\"\"a \\  \t\n b\"\"\"", RC_NODE_STRING, "a b" },
	{ "\"\"\"one \"two\" \"\"three\"\" \"\"\"\"", RC_NODE_STRING,
	  "one \"two\" \"\"three\"\" \"" },
	{ "\"\"\"\"\"x\"\"\"\"\"", RC_NODE_STRING, "\"\"x\"\"" },
	{ "'''\nraw \\n '' text'''", RC_NODE_STRING, "raw \\n '' text" },
	{ "''''x'''''", RC_NODE_STRING, "'x''" },
	/* integers */
	{ "0", RC_NODE_INT, "0" },
	{ "+99", RC_NODE_INT, "99" },
	{ "-17", RC_NODE_INT, "-17" },
	{ "-0", RC_NODE_INT, "0" },
	{ "1_000_000", RC_NODE_INT, "1000000" },
	{ "9223372036854775807", RC_NODE_INT, "9223372036854775807" },
	{ "-9223372036854775808", RC_NODE_INT, "-9223372036854775808" },
	{ "0xDEAD_beef", RC_NODE_INT, "3735928559" },
	{ "0x7FFFFFFFFFFFFFFF", RC_NODE_INT, "9223372036854775807" },
	{ "0o755", RC_NODE_INT, "493" },
	{ "0b1101_0110", RC_NODE_INT, "214" },
	/* floats */
	{ "1.0", RC_NODE_FLOAT, "1.0" },
	{ "+1.5", RC_NODE_FLOAT, "1.5" },
	{ "-0.01", RC_NODE_FLOAT, "-0.01" },
	{ "5e+22", RC_NODE_FLOAT, "5e+22" },
	{ "1e06", RC_NODE_FLOAT, "1000000.0" },
	{ "-2E-2", RC_NODE_FLOAT, "-0.02" },
	{ "6.626e-34", RC_NODE_FLOAT, "6.626e-34" },
	{ "224_617.445_991", RC_NODE_FLOAT, "224617.445991" },
	{ "0.5", RC_NODE_FLOAT, "0.5" },
	{ "inf", RC_NODE_FLOAT, "inf" },
	{ "+inf", RC_NODE_FLOAT, "inf" },
	{ "-inf", RC_NODE_FLOAT, "-inf" },
	{ "nan", RC_NODE_FLOAT, "nan" },
	{ "-nan", RC_NODE_FLOAT, "nan" },
	/* booleans */
	{ "true", RC_NODE_BOOL, "true" },
	{ "false", RC_NODE_BOOL, "false" },
	/* dates and times stay text */
	{ "1979-05-27T07:32:00Z", RC_NODE_STRING, "1979-05-27T07:32:00Z" },
	{ "1979-05-27t07:32:00z", RC_NODE_STRING, "1979-05-27t07:32:00z" },
	{ "1979-05-27T00:32:00.999999-07:00", RC_NODE_STRING,
	  "1979-05-27T00:32:00.999999-07:00" },
	{ "1979-05-27 07:32:00+05:30", RC_NODE_STRING,
	  "1979-05-27 07:32:00+05:30" },
	{ "1979-05-27T07:32:00", RC_NODE_STRING, "1979-05-27T07:32:00" },
	{ "1979-05-27", RC_NODE_STRING, "1979-05-27" },
	{ "2000-02-29", RC_NODE_STRING, "2000-02-29" },
	{ "07:32:00", RC_NODE_STRING, "07:32:00" },
	{ "00:32:00.5", RC_NODE_STRING, "00:32:00.5" },
	{ "23:59:60", RC_NODE_STRING, "23:59:60" },
};

static void test_toml__values(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(values); i++) {
		char text[256], buf[64];
		struct rc_doc *doc;
		const struct rc_node *v;
		const char *got;

		snprintf(text, sizeof(text), "v = %s # comment\n",
			 values[i].text);
		doc = parse_ok(text);
		v = rc_node_get(doc->root, "v");
		assert_non_null(v);
		if (v->type != values[i].type)
			print_error("case '%s': type %s\n", values[i].text,
				    rc_node_type_name(v->type));
		assert_int_equal(v->type, values[i].type);
		assert_int_equal(v->line, 1);
		assert_int_equal(v->col, 5);
		got = rc_node_text(v, buf, sizeof(buf));
		assert_non_null(got);
		if (strcmp(got, values[i].rendered))
			print_error("case '%s'\n", values[i].text);
		assert_string_equal(got, values[i].rendered);
		rc_doc_free(doc);
	}
}

static void test_toml__keys(void **state)
{
	static const char text[] = "bare_key-1 = 1\n"
				   "\"quoted \\u00e9\" = 2\n"
				   "'lit.eral' = 3\n"
				   "\"\" = 4\n"
				   "1234 = 5\n"
				   "a . b.\"c\" = 6\n"
				   "a.d = 7\n"
				   "site.\"google.com\" = true\n";
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *r = doc->root, *n;

	(void)state;
	assert_int_equal(rc_node_get(r, "bare_key-1")->u.i, 1);
	assert_int_equal(rc_node_get(r, "quoted \xc3\xa9")->u.i, 2);
	assert_int_equal(rc_node_get(r, "lit.eral")->u.i, 3);
	assert_int_equal(rc_node_get(r, "")->u.i, 4);
	assert_int_equal(rc_node_get(r, "1234")->u.i, 5);
	assert_int_equal(rc_node_path(r, "a.b.c")->u.i, 6);
	assert_int_equal(rc_node_path(r, "a.d")->u.i, 7);
	n = rc_node_get(r, "a");
	assert_int_equal(rc_node_count(n), 2);
	assert_int_equal(n->line, 6);
	assert_int_equal(n->col, 1);
	assert_int_equal(rc_node_get(n, "b")->col, 5);
	assert_true(rc_node_get(rc_node_get(r, "site"), "google.com")->u.b);
	/* source order */
	assert_string_equal(rc_node_at(r, 0)->key, "bare_key-1");
	assert_string_equal(rc_node_at(r, 5)->key, "a");
	assert_string_equal(rc_node_at(r, 6)->key, "site");
	rc_doc_free(doc);
}

static void test_toml__tables(void **state)
{
	static const char text[] = "title = \"x\"\n"		    /* 1 */
				   "\n"				    /* 2 */
				   "[owner]\n"			    /* 3 */
				   "name = \"Tom\"\n"		    /* 4 */
				   "[ database . servers.alpha ]\n" /* 5 */
				   "ip = \"10.0.0.1\"\n"	    /* 6 */
				   "[database] # now explicit\n"    /* 7 */
				   "enabled = true\n"		    /* 8 */
				   "[[products]]\n"		    /* 9 */
				   "name = \"Hammer\"\n"	    /* 10 */
				   "[[products]]\n"		    /* 11 */
				   "[[products]]\n"		    /* 12 */
				   "name = \"Nail\"\n"		    /* 13 */
				   "[products.dims]\n"		    /* 14 */
				   "w = 1\n"			    /* 15 */
				   "[fruit]\n"			    /* 16 */
				   "apple.color = \"red\"\n"	    /* 17 */
				   "apple.taste.sweet = true\n"	    /* 18 */
				   "[fruit.apple.texture]\n"	    /* 19 */
				   "smooth = true\n";		    /* 20 */
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *r = doc->root, *n;

	(void)state;
	assert_int_equal(r->line, 1);
	assert_int_equal(r->col, 1);
	assert_string_equal(doc->path, "t.toml");
	n = rc_node_get(r, "owner");
	assert_int_equal(n->line, 3);
	assert_string_equal(rc_node_str(rc_node_get(n, "name")), "Tom");
	assert_int_equal(rc_node_get(n, "name")->line, 4);
	assert_int_equal(rc_node_get(n, "name")->col, 8);
	n = rc_node_get(r, "database");
	assert_int_equal(n->line, 7); /* where it was defined */
	assert_true(rc_node_get(n, "enabled")->u.b);
	assert_string_equal(
		rc_node_str(rc_node_path(r, "database.servers.alpha.ip")),
		"10.0.0.1");
	assert_int_equal(rc_node_path(r, "database.servers.alpha")->line, 5);
	n = rc_node_get(r, "products");
	assert_true(rc_node_is(n, RC_NODE_ARRAY));
	assert_int_equal(rc_node_count(n), 3);
	assert_int_equal(n->line, 9);
	assert_int_equal(rc_node_at(n, 0)->line, 9);
	assert_int_equal(rc_node_at(n, 1)->line, 11);
	assert_int_equal(rc_node_count(rc_node_at(n, 1)), 0);
	assert_string_equal(rc_node_str(rc_node_get(rc_node_at(n, 2), "name")),
			    "Nail");
	assert_int_equal(rc_node_path(rc_node_at(n, 2), "dims.w")->u.i, 1);
	assert_null(rc_node_get(rc_node_at(n, 0), "dims"));
	assert_string_equal(rc_node_str(rc_node_path(r, "fruit.apple.color")),
			    "red");
	assert_true(rc_node_path(r, "fruit.apple.taste.sweet")->u.b);
	assert_true(rc_node_path(r, "fruit.apple.texture.smooth")->u.b);
	assert_int_equal(rc_node_path(r, "fruit.apple.texture")->line, 19);
	rc_doc_free(doc);
}

static void test_toml__arrays_and_inline(void **state)
{
	static const char text[] =
		"a = [ 1, \"two\", [3.0, []], {x = 1}, ]\n"
		"b = [\n"
		"  1, # one\n"
		"\n"
		"  2 # two\n"
		"]\n"
		"c = { name = \"Tom\", pt.x = 1, pt.y = 2 }\n"
		"d = {}\n"
		"e = [{ n = 1 }, { n = 2 }]\n";
	struct rc_doc *doc = parse_ok(text);
	const struct rc_node *r = doc->root, *n;

	(void)state;
	n = rc_node_get(r, "a");
	assert_int_equal(rc_node_count(n), 4);
	assert_int_equal(rc_node_at(n, 0)->u.i, 1);
	assert_string_equal(rc_node_str(rc_node_at(n, 1)), "two");
	assert_int_equal(rc_node_count(rc_node_at(n, 2)), 2);
	assert_int_equal(rc_node_get(rc_node_at(n, 3), "x")->u.i, 1);
	assert_int_equal(rc_node_at(n, 3)->col, 28);
	n = rc_node_get(r, "b");
	assert_int_equal(rc_node_count(n), 2);
	assert_int_equal(rc_node_at(n, 1)->line, 5);
	assert_int_equal(rc_node_at(n, 1)->col, 3);
	n = rc_node_get(r, "c");
	assert_int_equal(rc_node_count(n), 2);
	assert_int_equal(rc_node_path(n, "pt.y")->u.i, 2);
	assert_int_equal(rc_node_path(n, "pt.y")->col, 38);
	assert_true(rc_node_is(rc_node_get(r, "d"), RC_NODE_TABLE));
	assert_int_equal(rc_node_count(rc_node_get(r, "d")), 0);
	n = rc_node_get(r, "e");
	assert_int_equal(rc_node_get(rc_node_at(n, 1), "n")->u.i, 2);
	rc_doc_free(doc);
}

static void test_toml__whitespace_and_bom(void **state)
{
	struct rc_doc *doc;

	(void)state;
	doc = parse_ok("");
	assert_int_equal(rc_node_count(doc->root), 0);
	rc_doc_free(doc);
	doc = parse_ok("# only a comment");
	assert_int_equal(rc_node_count(doc->root), 0);
	rc_doc_free(doc);
	doc = parse_ok("\xef\xbb\xbf"
		       "a = 1\r\n\tb\t=\t2 # c\r\n\r\n  [t]  # x\r\nc = 3");
	assert_int_equal(rc_node_get(doc->root, "a")->col, 5);
	assert_int_equal(rc_node_get(doc->root, "b")->u.i, 2);
	assert_int_equal(rc_node_get(doc->root, "b")->col, 6);
	assert_int_equal(rc_node_path(doc->root, "t.c")->u.i, 3);
	assert_int_equal(rc_node_path(doc->root, "t.c")->line, 5);
	assert_int_equal(rc_node_get(doc->root, "t")->col, 3);
	rc_doc_free(doc);
}

static void test_toml__string_with_nul_escape(void **state)
{
	struct rc_doc *doc = parse_ok("s = \"a\\u0000b\"\n");
	const struct rc_node *n = rc_node_get(doc->root, "s");

	(void)state;
	assert_int_equal(n->u.s.len, 3);
	assert_memory_equal(n->u.s.ptr, "a\0b", 4);
	rc_doc_free(doc);
}

static void test_toml__errors_syntax(void **state)
{
	(void)state;
	parse_err("a = 1\na = 2\n", 2, 1, "duplicate key 'a'");
	parse_err("name = 1\n\"name\" = 2\n", 2, 1, "duplicate key 'name'");
	parse_err("a b = 1", 1, 3, "expected '=' after key 'a'");
	parse_err("a.b c = 1", 1, 5, "expected '=' after key 'a.b'");
	parse_err("a = ", 1, 5, "expected a value");
	parse_err("a =\nb = 1", 1, 4, "expected a value");
	parse_err("a = # c", 1, 5, "expected a value");
	parse_err("= 1", 1, 1, "expected a key, found '='");
	parse_err("a.= 1", 1, 3, "expected a key, found '='");
	parse_err("a = 1 b = 2", 1, 7,
		  "expected newline after value, found 'b'");
	parse_err("a = 1,", 1, 6, "expected newline after value, found ','");
	parse_err("a = hello", 1, 5,
		  "invalid value 'hello' (strings need quotes)");
	parse_err("a = True", 1, 5,
		  "invalid value 'True' (strings need quotes)");
	parse_err("a = null", 1, 5,
		  "invalid value 'null' (strings need quotes)");
	parse_err("a = .5", 1, 5, "expected a value, found '.'");
	parse_err("[a\n", 1, 3, "expected ']' after table name, found newline");
	parse_err("[[a]\n", 1, 4, "expected ']]' after table name, found ']'");
	parse_err("[a]]\n", 1, 4,
		  "expected newline after table header, found ']'");
	parse_err("[a] b = 1\n", 1, 5,
		  "expected newline after table header, found 'b'");
	parse_err("[]\n", 1, 2, "expected a key, found ']'");
	parse_err("a = 1\r", 1, 6,
		  "expected newline after value, found byte 0x0d");
	parse_err("\"\"\"k\"\"\" = 1", 1, 1,
		  "multi-line string not allowed as a key");
}

static void test_toml__errors_strings(void **state)
{
	(void)state;
	parse_err("a = \"x", 1, 5, "unterminated string");
	parse_err("a = \"x\nb = 1", 1, 5, "unterminated string");
	parse_err("a = 'x\n", 1, 5, "unterminated string");
	parse_err("a = \"\"\"x\n\n", 1, 5, "unterminated string");
	parse_err("a = '''x''", 1, 5, "unterminated string");
	parse_err("a = \"\\q\"", 1, 6, "invalid escape '\\q'");
	parse_err("a = \"ok\\e\"", 1, 8, "invalid escape '\\e'");
	parse_err("a = \"\\x41\"", 1, 6, "invalid escape '\\x'");
	parse_err("a = \"\\ \"", 1, 6, "invalid escape '\\ '");
	parse_err("a = \"\\u12\"", 1, 6,
		  "invalid escape '\\u' (want 4 hex digits)");
	parse_err("a = \"\\U0001F60\"", 1, 6,
		  "invalid escape '\\U' (want 8 hex digits)");
	parse_err("a = \"\\uD800\"", 1, 6,
		  "invalid escape '\\uD800' (not a Unicode scalar value)");
	parse_err("a = \"\\U00110000\"", 1, 6,
		  "invalid escape '\\U00110000' (not a Unicode scalar value)");
	parse_err("a = \"\"\"x \\ y\"\"\"", 1, 10,
		  "invalid escape '\\ ' (only a line-ending backslash may be "
		  "followed by space)");
	parse_err("a = \"x\x01\"", 1, 7, "control character 0x01 in string");
	parse_err("a = 'x\x7f'", 1, 7, "control character 0x7f in string");
	parse_err("a = \"\"\"x\ry\"\"\"", 1, 9,
		  "control character 0x0d in string");
	parse_err("a = \"\"\"x\"\"\"\"\"\"", 1, 9, "too many quotes in a row");
	parse_err("# bell \x07\n", 1, 8, "control character 0x07 in comment");
	parse_err_("a = \"x\0\"", 8, 1, 7, "control character 0x00 in string",
		   __FILE__, __LINE__);
	parse_err_("a = 1\0", 6, 1, 6,
		   "expected newline after value, found byte 0x00", __FILE__,
		   __LINE__);
	parse_err_("\0", 1, 1, 1, "expected a key, found byte 0x00", __FILE__,
		   __LINE__);
}

static void test_toml__errors_numbers_and_dates(void **state)
{
	(void)state;
	parse_err("a = 01", 1, 5, "leading zeros are not allowed in '01'");
	parse_err("a = -01.5", 1, 5,
		  "leading zeros are not allowed in '-01.5'");
	parse_err("a = 1__0", 1, 5, "invalid number '1__0'");
	parse_err("a = _1", 1, 5, "invalid value '_1' (strings need quotes)");
	parse_err("a = 1_", 1, 5, "invalid number '1_'");
	parse_err("a = 0x", 1, 5, "invalid number '0x'");
	parse_err("a = 0x_1", 1, 5, "invalid number '0x_1'");
	parse_err("a = 0o8", 1, 5, "invalid number '0o8'");
	parse_err("a = 0b2", 1, 5, "invalid number '0b2'");
	parse_err("a = +0x1", 1, 5, "invalid number '+0x1'");
	parse_err("a = 0X1", 1, 5, "invalid number '0X1'");
	parse_err("a = 1.", 1, 5, "invalid number '1.'");
	parse_err("a = 1.e5", 1, 5, "invalid number '1.e5'");
	parse_err("a = 1e", 1, 5, "invalid number '1e'");
	parse_err("a = 1e+", 1, 5, "invalid number '1e+'");
	parse_err("a = 1.5.3", 1, 5, "invalid number '1.5.3'");
	parse_err("a = inff", 1, 5,
		  "invalid value 'inff' (strings need quotes)");
	parse_err("a = +inf1", 1, 5, "invalid number '+inf1'");
	parse_err("a = 9223372036854775808", 1, 5,
		  "integer '9223372036854775808' out of range (64-bit)");
	parse_err("a = -9223372036854775809", 1, 5,
		  "integer '-9223372036854775809' out of range (64-bit)");
	parse_err("a = 0x8000000000000000", 1, 5,
		  "integer '0x8000000000000000' out of range (64-bit)");
	parse_err("a = 1979-02-29", 1, 5, "invalid date-time '1979-02-29'");
	parse_err("a = 1900-02-29", 1, 5, "invalid date-time '1900-02-29'");
	parse_err("a = 1979-13-01", 1, 5, "invalid date-time '1979-13-01'");
	parse_err("a = 1979-04-31", 1, 5, "invalid date-time '1979-04-31'");
	parse_err("a = 1979-5-27", 1, 5, "invalid date-time '1979-5-27'");
	parse_err("a = 07:32", 1, 5, "invalid date-time '07:32'");
	parse_err("a = 24:00:00", 1, 5, "invalid date-time '24:00:00'");
	parse_err("a = 07:32:00Z", 1, 5, "invalid date-time '07:32:00Z'");
	parse_err("a = 1979-05-27T07:32", 1, 5,
		  "invalid date-time '1979-05-27T07:32'");
	parse_err("a = 1979-05-27T07:32:00.", 1, 5,
		  "invalid date-time '1979-05-27T07:32:00.'");
	parse_err("a = 1979-05-27T07:32:00+25:00", 1, 5,
		  "invalid date-time '1979-05-27T07:32:00+25:00'");
	parse_err("a = 1979-05-27T07:32:00+0700", 1, 5,
		  "invalid date-time '1979-05-27T07:32:00+0700'");
}

static void test_toml__errors_tables(void **state)
{
	(void)state;
	parse_err("[a]\n[a]\n", 2, 2, "table 'a' defined twice");
	parse_err("[a.b]\nx = 1\n[a]\n[a]\n", 4, 2, "table 'a' defined twice");
	parse_err("[x]\n[ x.y ]\n[x.y]", 3, 4, "table 'x.y' defined twice");
	parse_err("a = 1\n[a]\n", 2, 2, "duplicate key 'a'");
	parse_err("a = 1\n[a.b]\n", 2, 2, "duplicate key 'a'");
	parse_err("[t]\na = 1\n[t.a]\n", 3, 4, "duplicate key 't.a'");
	parse_err("a = {b = 1}\n[a.c]\n", 2, 2,
		  "inline table 'a' cannot be extended");
	parse_err("a = {b = 1}\n[a]\n", 2, 2, "table 'a' defined twice");
	parse_err("a = {b = 1}\na.c = 2\n", 2, 1,
		  "inline table 'a' cannot be extended");
	parse_err("a = {b = {c = 1}, b.d = 2}", 1, 19,
		  "inline table 'b' cannot be extended");
	parse_err("[a]\nb.c = 1\n[a.b]\n", 3, 4, "table 'a.b' defined twice");
	parse_err("[a]\nb.c.d = 1\n[a.b.c]\n", 3, 6,
		  "table 'a.b.c' defined twice");
	parse_err("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 1,
		  "table 'b' defined twice (dotted keys cannot add to a "
		  "[table])");
	parse_err("a.b = 1\na.b.c = 2\n", 2, 3, "duplicate key 'a.b'");
	parse_err("a.b = 1\na = 2\n", 2, 1, "duplicate key 'a'");
	parse_err("[[a]]\n[a]\n", 2, 2, "table 'a' defined twice");
	parse_err("[a]\n[[a]]\n", 2, 3,
		  "table 'a' defined twice (not an array of tables)");
	parse_err("a = [1]\n[[a]]\n", 2, 3,
		  "duplicate key 'a' (not an array of tables)");
	parse_err("a = []\n[a.b]\n", 2, 2, "duplicate key 'a'");
	parse_err("a = {x = 1, x = 2}", 1, 13, "duplicate key 'x'");
	parse_err("a = {b = 1,}", 1, 12,
		  "trailing comma not allowed in inline table");
	parse_err("a = {,}", 1, 6, "expected a key, found ','");
	parse_err("a = {b = 1\n}", 1, 11,
		  "newline not allowed in inline table");
	parse_err("a = {b = 1", 1, 11,
		  "unterminated inline table, expected '}'");
	parse_err("a = {b = 1 c = 2}", 1, 12, "expected ',' or '}', found 'c'");
	parse_err("a = [1 2]", 1, 8, "expected ',' or ']', found '2'");
	parse_err("a = [1,,2]", 1, 8, "expected a value, found ','");
	parse_err("a = [1", 1, 7, "unterminated array, expected ']'");
	parse_err("a = [1,", 1, 8, "expected a value");
}

static void test_toml__invalid_utf8(void **state)
{
	(void)state;
	parse_err("a = \"caf\xe9\"\n", 1, 9, "invalid UTF-8");
	parse_err("# \xc3\xa9 \xff\n", 1, 5, "invalid UTF-8");
	parse_err("a = 1\n\xc3", 2, 1, "invalid UTF-8");
	parse_err("a = \"\xed\xa0\x80\"", 1, 6, "invalid UTF-8");
	parse_err("a = \"\xc0\xaf\"", 1, 6, "invalid UTF-8");
	parse_err("\xfe\xff", 1, 1, "invalid UTF-8");
}

static void test_toml__depth(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_doc *doc;
	const struct rc_node *n;
	int i;

	(void)state;
	/* 255 arrays under the root table: 256 levels, the limit */
	rc_buf_adds(&b, "a = ");
	rc_buf_addch_n(&b, '[', 255);
	rc_buf_addch_n(&b, ']', 255);
	doc = parse_ok_(b.ptr, b.len, __FILE__, __LINE__);
	for (n = rc_node_get(doc->root, "a"), i = 1; rc_node_count(n);
	     n = rc_node_at(n, 0))
		i++;
	assert_int_equal(i, 255);
	rc_doc_free(doc);

	rc_buf_reset(&b);
	rc_buf_adds(&b, "a = ");
	rc_buf_addch_n(&b, '[', 256);
	rc_buf_addch_n(&b, ']', 256);
	parse_err_(b.ptr, b.len, 1, 260, "nesting too deep (over 256 levels)",
		   __FILE__, __LINE__);

	rc_buf_reset(&b);
	rc_buf_adds(&b, "a = ");
	for (i = 0; i < 100000; i++)
		rc_buf_adds(&b, "{b=");
	parse_err_(b.ptr, b.len, 1, 5 + 3 * 255,
		   "nesting too deep (over 256 levels)", __FILE__, __LINE__);

	/* dotted keys and headers count too */
	rc_buf_reset(&b);
	rc_buf_addc(&b, '[');
	for (i = 0; i < 300; i++)
		rc_buf_adds(&b, i ? ".k" : "k");
	rc_buf_adds(&b, "]\n");
	parse_err_(b.ptr, b.len, 1, 2 + 2 * 256,
		   "nesting too deep (over 256 levels)", __FILE__, __LINE__);

	rc_buf_reset(&b);
	rc_buf_adds(&b, "[t]\n");
	for (i = 0; i < 256; i++)
		rc_buf_adds(&b, i ? ".k" : "k");
	rc_buf_adds(&b, " = 1\n");
	parse_err_(b.ptr, b.len, 2, 1 + 2 * 254,
		   "nesting too deep (over 256 levels)", __FILE__, __LINE__);
	rc_buf_release(&b);
}

static void test_toml__many_keys(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_doc *doc;
	int i;

	(void)state;
	/* enough keys that a quadratic duplicate check would show */
	for (i = 0; i < 50000; i++)
		rc_buf_addf(&b, "k%d = %d\n", i, i);
	rc_buf_adds(&b, "[[t]]\n[[t]]\nx = 1\n");
	doc = parse_ok_(b.ptr, b.len, __FILE__, __LINE__);
	assert_int_equal(rc_node_count(doc->root), 50001);
	assert_int_equal(rc_node_get(doc->root, "k49999")->u.i, 49999);
	rc_doc_free(doc);
	rc_buf_addf(&b, "[z]\nk = 1\nk = 2\n");
	parse_err_(b.ptr, b.len, 50006, 1, "duplicate key 'k'", __FILE__,
		   __LINE__);
	rc_buf_release(&b);
}

static void test_toml__truncated_prefixes(void **state)
{
	static const char text[] =
		"# header\n"
		"title = \"T\\u00e9\" # c\n"
		"ml = \"\"\"\na \\\n  b\"\"\"\n"
		"lit = '''x'''\n"
		"n = [1, -2.5e3, 0x1F, inf, true, 1979-05-27T07:32:00Z]\n"
		"t = { a.b = 1, c = [] }\n"
		"[s.\"q\".t]\n"
		"[[arr]]\n"
		"x = 07:32:00\n";
	size_t len;
	unsigned ok = 0;

	(void)state;
	for (len = 0; len <= sizeof(text) - 1; len++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;
		char *copy = malloc(len ? len : 1);
		int e;

		memcpy(copy, text, len);
		e = rc_toml_parse(&doc, copy, len, "t.toml", &err);
		free(copy);
		assert_true(e == 0 || e == RC_EPARSE);
		assert_true(e ? doc == NULL : doc != NULL);
		if (e)
			assert_true(err.line >= 1 && err.col >= 1);
		else
			ok++;
		rc_doc_free(doc);
	}
	assert_true(ok > 10);
}

static void test_toml__alloc_failures(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	long i;
	int e = -1, k;

	(void)state;
	rc_buf_adds(&b, "title = \"x\\u00e9\"\n"
			"inl = { a.b = 1, c = [1, 2.5] }\n"
			"[srv.alpha]\nip = '10.0.0.1'\n"
			"[[p]]\nn = 1\n[[p]]\nn = 2\n[p.d]\nw = 1979-05-27\n");
	/* enough keys to grow the key hash twice, a string for a big block */
	rc_buf_adds(&b, "big = '");
	rc_buf_addch_n(&b, 'x', 40000);
	rc_buf_adds(&b, "'\n");
	for (k = 0; k < 100; k++)
		rc_buf_addf(&b, "key%d = \"value %d\"\n", k, k);
	for (i = 0; i < 100000; i++) {
		struct rc_err err = RC_ERR_INIT;
		struct rc_doc *doc = NULL;

		rc_alloc_fail_after(i);
		e = rc_toml_parse(&doc, b.ptr, b.len, "t", &err);
		rc_alloc_fail_after(-1);
		if (!e) {
			assert_int_equal(
				rc_node_path(doc->root, "inl.a.b")->u.i, 1);
			rc_doc_free(doc);
			break;
		}
		assert_int_equal(e, RC_ENOMEM);
		assert_int_equal(err.code, RC_ENOMEM);
		assert_null(doc);
	}
	assert_int_equal(e, 0);
	assert_true(i >= 6); /* doc, arena, big block, buffers, hash grows */
	rc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toml__values),
		cmocka_unit_test(test_toml__keys),
		cmocka_unit_test(test_toml__tables),
		cmocka_unit_test(test_toml__arrays_and_inline),
		cmocka_unit_test(test_toml__whitespace_and_bom),
		cmocka_unit_test(test_toml__string_with_nul_escape),
		cmocka_unit_test(test_toml__errors_syntax),
		cmocka_unit_test(test_toml__errors_strings),
		cmocka_unit_test(test_toml__errors_numbers_and_dates),
		cmocka_unit_test(test_toml__errors_tables),
		cmocka_unit_test(test_toml__invalid_utf8),
		cmocka_unit_test(test_toml__depth),
		cmocka_unit_test(test_toml__many_keys),
		cmocka_unit_test(test_toml__truncated_prefixes),
		cmocka_unit_test(test_toml__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
