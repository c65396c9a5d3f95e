/*
 * test_glob.c - rc_glob_match: wildmatch compatibility, braces, case
 * folding and the cost bound.
 *
 * The first tables port the cases of git's t/t3070-wildmatch.sh (columns
 * "wildmatch" and "iwildmatch", i.e. WM_PATHNAME without and with case
 * folding); each row is { line, expected, expected with CASEFOLD, path,
 * pattern } in t3070's order.
 */
#include "core/common.h"
#include "walk/glob.h"
#include "core/alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

struct gcase {
	int line;
	int match;  /* expected without flags */
	int imatch; /* expected with RC_GLOB_CASEFOLD */
	const char *path;
	const char *pat;
};

#define C(m, im, path, pat)                \
	{                                  \
		__LINE__, m, im, path, pat \
	}

static void check_table(const struct gcase *t, size_t n, unsigned extra)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		bool got = rc_glob_match(t[i].pat, t[i].path, extra);
		bool igot = rc_glob_match(t[i].pat, t[i].path,
					  extra | RC_GLOB_CASEFOLD);

		if (got != (t[i].match != 0)) {
			print_error("%s:%d: '%s' against '%s': expected %s\n",
				    __FILE__, t[i].line, t[i].pat, t[i].path,
				    t[i].match ? "match" : "no match");
			bad++;
		}
		if (igot != (t[i].imatch != 0)) {
			print_error("%s:%d: '%s' against '%s' (casefold): "
				    "expected %s\n",
				    __FILE__, t[i].line, t[i].pat, t[i].path,
				    t[i].imatch ? "match" : "no match");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

#define CHECK(table, extra) check_table(table, RC_ARRAY_SIZE(table), extra)

/* t3070: basic wildmatch features */
static const struct gcase basic[] = {
	C(1, 1, "foo", "foo"),
	C(0, 0, "foo", "bar"),
	C(1, 1, "", ""),
	C(1, 1, "foo", "???"),
	C(0, 0, "foo", "??"),
	C(1, 1, "foo", "*"),
	C(1, 1, "foo", "f*"),
	C(0, 0, "foo", "*f"),
	C(1, 1, "foo", "*foo*"),
	C(1, 1, "foobar", "*ob*a*r*"),
	C(1, 1, "aaaaaaabababab", "*ab"),
	C(1, 1, "foo*", "foo\\*"),
	C(0, 0, "foobar", "foo\\*bar"),
	C(1, 1, "f\\oo", "f\\\\oo"),
	C(1, 1, "ball", "*[al]?"),
	C(0, 0, "ten", "[ten]"),
	C(1, 1, "ten", "**[!te]"),
	C(0, 0, "ten", "**[!ten]"),
	C(1, 1, "ten", "t[a-g]n"),
	C(0, 0, "ten", "t[!a-g]n"),
	C(1, 1, "ton", "t[!a-g]n"),
	C(1, 1, "ton", "t[^a-g]n"),
	C(1, 1, "a]b", "a[]]b"),
	C(1, 1, "a-b", "a[]-]b"),
	C(1, 1, "a]b", "a[]-]b"),
	C(0, 0, "aab", "a[]-]b"),
	C(1, 1, "aab", "a[]a-]b"),
	C(1, 1, "]", "]"),
};

/* t3070: extended slash-matching features */
static const struct gcase slashes[] = {
	C(0, 0, "foo/baz/bar", "foo*bar"),
	C(0, 0, "foo/baz/bar", "foo**bar"),
	C(1, 1, "foobazbar", "foo**bar"),
	C(1, 1, "foo/baz/bar", "foo/**/bar"),
	C(1, 1, "foo/baz/bar", "foo/**/**/bar"),
	C(1, 1, "foo/b/a/z/bar", "foo/**/bar"),
	C(1, 1, "foo/b/a/z/bar", "foo/**/**/bar"),
	C(1, 1, "foo/bar", "foo/**/bar"),
	C(1, 1, "foo/bar", "foo/**/**/bar"),
	C(0, 0, "foo/bar", "foo?bar"),
	C(0, 0, "foo/bar", "foo[/]bar"),
	C(0, 0, "foo/bar", "foo[^a-z]bar"),
	C(0, 0, "foo/bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r"),
	C(1, 1, "foo-bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r"),
	C(1, 1, "foo", "**/foo"),
	C(1, 1, "XXX/foo", "**/foo"),
	C(1, 1, "bar/baz/foo", "**/foo"),
	C(0, 0, "bar/baz/foo", "*/foo"),
	C(0, 0, "foo/bar/baz", "**/bar*"),
	C(1, 1, "deep/foo/bar/baz", "**/bar/*"),
	C(0, 0, "deep/foo/bar/baz/", "**/bar/*"),
	C(1, 1, "deep/foo/bar/baz/", "**/bar/**"),
	C(0, 0, "deep/foo/bar", "**/bar/*"),
	C(1, 1, "deep/foo/bar/", "**/bar/**"),
	C(0, 0, "foo/bar/baz", "**/bar**"),
	C(1, 1, "foo/bar/baz/x", "*/bar/**"),
	C(0, 0, "deep/foo/bar/baz/x", "*/bar/**"),
	C(1, 1, "deep/foo/bar/baz/x", "**/bar/*/*"),
};

/* t3070: various additional tests, character classes, malformed patterns */
static const struct gcase various[] = {
	C(0, 0, "acrt", "a[c-c]st"),
	C(1, 1, "acrt", "a[c-c]rt"),
	C(0, 0, "]", "[!]-]"),
	C(1, 1, "a", "[!]-]"),
	C(0, 0, "", "\\"),
	C(0, 0, "\\", "\\"),
	C(0, 0, "XXX/\\", "*/\\"),
	C(1, 1, "XXX/\\", "*/\\\\"),
	C(1, 1, "foo", "foo"),
	C(1, 1, "@foo", "@foo"),
	C(0, 0, "foo", "@foo"),
	C(1, 1, "[ab]", "\\[ab]"),
	C(1, 1, "[ab]", "[[]ab]"),
	C(1, 1, "[ab]", "[[:]ab]"),
	C(0, 0, "[ab]", "[[::]ab]"),
	C(1, 1, "[ab]", "[[:digit]ab]"),
	C(1, 1, "[ab]", "[\\[:]ab]"),
	C(1, 1, "?a?b", "\\??\\?b"),
	C(1, 1, "abc", "\\a\\b\\c"),
	C(0, 0, "foo", ""),
	C(1, 1, "foo/bar/baz/to", "**/t[o]"),
	C(1, 1, "a1B", "[[:alpha:]][[:digit:]][[:upper:]]"),
	C(0, 1, "a", "[[:digit:][:upper:][:space:]]"),
	C(1, 1, "A", "[[:digit:][:upper:][:space:]]"),
	C(1, 1, "1", "[[:digit:][:upper:][:space:]]"),
	C(0, 0, "1", "[[:digit:][:upper:][:spaci:]]"),
	C(1, 1, " ", "[[:digit:][:upper:][:space:]]"),
	C(0, 0, ".", "[[:digit:][:upper:][:space:]]"),
	C(1, 1, ".", "[[:digit:][:punct:][:space:]]"),
	C(1, 1, "5", "[[:xdigit:]]"),
	C(1, 1, "f", "[[:xdigit:]]"),
	C(1, 1, "D", "[[:xdigit:]]"),
	C(1, 1, "_",
	  "[[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:graph:]"
	  "[:lower:][:print:][:punct:][:space:][:upper:][:xdigit:]]"),
	C(1, 1, ".",
	  "[^[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:lower:]"
	  "[:space:][:upper:][:xdigit:]]"),
	C(1, 1, "5", "[a-c[:digit:]x-z]"),
	C(1, 1, "b", "[a-c[:digit:]x-z]"),
	C(1, 1, "y", "[a-c[:digit:]x-z]"),
	C(0, 0, "q", "[a-c[:digit:]x-z]"),
	C(1, 1, "]", "[\\\\-^]"),
	C(0, 0, "[", "[\\\\-^]"),
	C(1, 1, "-", "[\\-_]"),
	C(1, 1, "]", "[\\]]"),
	C(0, 0, "\\]", "[\\]]"),
	C(0, 0, "\\", "[\\]]"),
	C(0, 0, "ab", "a[]b"),
	C(0, 0, "a[]b", "a[]b"),
	C(0, 0, "ab[", "ab["),
	C(0, 0, "ab", "[!"),
	C(0, 0, "ab", "[-"),
	C(1, 1, "-", "[-]"),
	C(0, 0, "-", "[a-"),
	C(0, 0, "-", "[!a-"),
	C(1, 1, "-", "[--A]"),
	C(1, 1, "5", "[--A]"),
	C(1, 1, " ", "[ --]"),
	C(1, 1, "$", "[ --]"),
	C(1, 1, "-", "[ --]"),
	C(0, 0, "0", "[ --]"),
	C(1, 1, "-", "[---]"),
	C(1, 1, "-", "[------]"),
	C(0, 0, "j", "[a-e-n]"),
	C(1, 1, "-", "[a-e-n]"),
	C(1, 1, "a", "[!------]"),
	C(0, 0, "[", "[]-a]"),
	C(1, 1, "^", "[]-a]"),
	C(0, 0, "^", "[!]-a]"),
	C(1, 1, "[", "[!]-a]"),
	C(1, 1, "^", "[a^bc]"),
	C(1, 1, "-b]", "[a-]b]"),
	C(0, 0, "\\", "[\\]"),
	C(1, 1, "\\", "[\\\\]"),
	C(0, 0, "\\", "[!\\\\]"),
	C(1, 1, "G", "[A-\\\\]"),
	C(0, 0, "aaabbb", "b*a"),
	C(0, 0, "aabcaa", "*ba*"),
	C(1, 1, ",", "[,]"),
	C(1, 1, ",", "[\\\\,]"),
	C(1, 1, "\\", "[\\\\,]"),
	C(1, 1, "-", "[,-.]"),
	C(0, 0, "+", "[,-.]"),
	C(0, 0, "-.]", "[,-.]"),
	C(1, 1, "2", "[\\1-\\3]"),
	C(1, 1, "3", "[\\1-\\3]"),
	C(0, 0, "4", "[\\1-\\3]"),
	C(1, 1, "\\", "[[-\\]]"),
	C(1, 1, "[", "[[-\\]]"),
	C(1, 1, "]", "[[-\\]]"),
	C(0, 0, "-", "[[-\\]]"),
};

/* t3070: recursion and extra pathmatch tests */
static const struct gcase recursion[] = {
	C(1, 1, "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1",
	  "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"),
	C(0, 0, "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1",
	  "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"),
	C(0, 0, "-adobe-courier-bold-o-normal--12-120-75-75-/-70-iso8859-1",
	  "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"),
	C(1, 1, "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1",
	  "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*"),
	C(0, 0, "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1",
	  "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*"),
	C(1, 1, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt",
	  "**/*a*b*g*n*t"),
	C(0, 0, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz",
	  "**/*a*b*g*n*t"),
	C(0, 0, "foo", "*/*/*"),
	C(0, 0, "foo/bar", "*/*/*"),
	C(1, 1, "foo/bba/arr", "*/*/*"),
	C(0, 0, "foo/bb/aa/rr", "*/*/*"),
	C(1, 1, "foo/bb/aa/rr", "**/**/**"),
	C(1, 1, "abcXdefXghi", "*X*i"),
	C(0, 0, "ab/cXd/efXg/hi", "*X*i"),
	C(1, 1, "ab/cXd/efXg/hi", "*/*X*/*/*i"),
	C(1, 1, "ab/cXd/efXg/hi", "**/*X*/**/*i"),
	C(0, 0, "foo", "fo"),
	C(1, 1, "foo/bar", "foo/bar"),
	C(1, 1, "foo/bar", "foo/*"),
	C(0, 0, "foo/bba/arr", "foo/*"),
	C(1, 1, "foo/bba/arr", "foo/**"),
	C(0, 0, "foo/bba/arr", "foo*"),
	C(0, 0, "foo/bba/arr", "foo**"),
	C(0, 0, "foo/bba/arr", "foo/*arr"),
	C(0, 0, "foo/bba/arr", "foo/**arr"),
	C(0, 0, "foo/bba/arr", "foo/*z"),
	C(0, 0, "foo/bba/arr", "foo/**z"),
	C(0, 0, "foo/bar", "foo?bar"),
	C(0, 0, "foo/bar", "foo[/]bar"),
	C(0, 0, "foo/bar", "foo[^a-z]bar"),
	C(0, 0, "ab/cXd/efXg/hi", "*Xg*i"),
};

/* t3070: case sensitivity */
static const struct gcase cases[] = {
	C(0, 1, "a", "[A-Z]"),
	C(1, 1, "A", "[A-Z]"),
	C(0, 1, "A", "[a-z]"),
	C(1, 1, "a", "[a-z]"),
	C(0, 1, "a", "[[:upper:]]"),
	C(1, 1, "A", "[[:upper:]]"),
	C(0, 1, "A", "[[:lower:]]"),
	C(1, 1, "a", "[[:lower:]]"),
	C(0, 1, "A", "[B-Za]"),
	C(1, 1, "a", "[B-Za]"),
	C(0, 1, "A", "[B-a]"),
	C(1, 1, "a", "[B-a]"),
	C(0, 1, "z", "[Z-y]"),
	C(1, 1, "Z", "[Z-y]"),
	C(0, 1, "README.MD", "*.md"),
	C(0, 1, "Dockerfile", "dockerfile"),
	C(0, 1, "SRC/Main.C", "src/**/*.c"),
	C(0, 1, "A", "[a]"),
	C(1, 0, "a", "[!A]"),
	C(1, 0, "x", "[!X]"),
};

/* "**" segments, anchoring and segment boundaries (git semantics) */
static const struct gcase starstar[] = {
	C(1, 1, "a/b", "a/**/b"),
	C(1, 1, "a/x/y/b", "a/**/b"),
	C(0, 0, "a/xb", "a/**/b"),
	C(0, 0, "ab", "a/**/b"),
	C(1, 1, "a/x", "a/**"),
	C(1, 1, "a/x/y", "a/**"),
	C(1, 1, "a/", "a/**"),
	C(0, 0, "a", "a/**"),
	C(1, 1, "x", "**"),
	C(1, 1, "x/y/z", "**"),
	C(1, 1, "", "**"),
	C(1, 1, "x/y/z", "***"),
	C(1, 1, "x/y/z", "**/**"),
	C(0, 0, "x", "**/**/x/**"),
	C(1, 1, "x/y", "**/**/x/**"),
	C(1, 1, "foo/bar", "foo**/bar"),
	C(1, 1, "fooX/bar", "foo**/bar"),
	C(0, 0, "foobar", "foo**/bar"),
	C(0, 0, "foo/x/bar", "foo**/bar"),
	C(1, 1, "x.bar", "**.bar"),
	C(0, 0, "a/x.bar", "**.bar"),
	C(1, 1, "", "**/"),
	C(1, 1, "a/", "**/"),
	C(0, 0, "a", "**/"),
	/* "**" followed by an escaped slash needs one byte or '/' first */
	C(1, 1, "x/foo", "**\\/foo"),
	C(1, 1, "/foo", "**\\/foo"),
	C(0, 0, "foo", "**\\/foo"),
	C(1, 1, "a/b", "a\\/b"),
	C(1, 1, "a/b", "a\\/**"),
	/* a '/' inside a class does not split the pattern */
	C(1, 1, "ab", "[a/]b"),
	C(0, 0, "/b", "[a/]b"),
	C(1, 1, "a/b/c/d", "*/*/*/*"),
	C(0, 0, "a/b/c", "*/*/*/*"),
	C(1, 1, "a//b", "a/*/b"),
	C(1, 1, "a//b", "a/**/b"),
	C(1, 1, "/a", "/a"),
	C(0, 0, "a", "/a"),
	C(1, 1, "node_modules/x/y.js", "node_modules/**"),
	C(1, 1, "src/a/b/c.test.js", "src/**/*.test.js"),
	C(1, 1, "src/c.test.js", "src/**/*.test.js"),
	C(0, 0, "lib/c.test.js", "src/**/*.test.js"),
};

/* escapes and odd bytes */
static const struct gcase escapes[] = {
	C(1, 1, "*", "\\*"),
	C(0, 0, "x", "\\*"),
	C(1, 1, "?", "\\?"),
	C(1, 1, "[", "\\["),
	C(1, 1, "#x", "\\#x"),
	C(1, 1, "!x", "\\!x"),
	C(1, 1, " ", "\\ "),
	C(1, 1, "a\\", "a\\\\"),
	C(0, 0, "a\\", "a\\"),
	C(0, 0, "a", "a\\"),
	C(1, 1, "caf\xe9.txt", "caf?.txt"),
	C(1, 1, "caf\xe9.txt", "caf\xe9.*"),
	C(1, 1, "\xff", "[\xfe-\xff]"),
	C(0, 0, "\xfd", "[\xfe-\xff]"),
	C(1, 1, "\xc3\xa9", "??"),
	C(0, 0, "\xc3\xa9", "?"),
	C(1, 1, "{a,b}", "{a,b}"), /* literal without RC_GLOB_BRACES */
	C(0, 0, "a", "{a,b}"),
	C(0, 0, "a", "[[:foo:]]"),
	C(0, 0, "a", "[[:alpha:]"),
	C(0, 0, "x/a", "*/[[:alpha:]"),
	C(1, 1, "\t", "[[:blank:]]"),
	C(1, 1, "\x7f", "[[:cntrl:]]"),
	C(0, 0, " ", "[[:graph:]]"),
	C(1, 1, "~", "[[:graph:]]"),
	C(0, 0, "\x80", "[[:print:]]"),
	C(1, 1, "\v", "[[:space:]]"),
	C(1, 1, "%", "[[:punct:]]"),
	C(0, 0, "g", "[[:xdigit:]]"),
	C(1, 1, "9", "[[:alnum:]]"),
};

static const struct gcase braces[] = {
	C(1, 1, "a.c", "*.{c,h}"),
	C(1, 1, "a.h", "*.{c,h}"),
	C(0, 0, "a.o", "*.{c,h}"),
	C(0, 1, "A.H", "*.{c,h}"),
	C(1, 1, "a.", "*.{c,}"),
	C(1, 1, "Dockerfile", "{Dockerfile,*.dockerfile}"),
	C(1, 1, "x.dockerfile", "{Dockerfile,*.dockerfile}"),
	C(1, 1, "ci/a.yml", "{ci,.github/workflows}/*.{yml,yaml}"),
	C(1, 1, ".github/workflows/b.yaml",
	  "{ci,.github/workflows}/*.{yml,yaml}"),
	C(0, 0, ".github/b.yaml", "{ci,.github/workflows}/*.{yml,yaml}"),
	C(1, 1, "a/x/b", "a/{**/,}b"),
	C(1, 1, "a/b", "a/{**/,}b"),
	C(1, 1, "abd", "a{b{c,d},e}"),
	C(1, 1, "ae", "a{b{c,d},e}"),
	C(0, 0, "ab", "a{b{c,d},e}"),
	C(1, 1, "a{b}", "a{b}"),   /* no comma: literal */
	C(1, 1, "a{b", "a{b"),	   /* unclosed: literal */
	C(1, 1, "a{b,c", "a{b,c"), /* unclosed: literal */
	C(1, 1, "x", "{\\,,x}"),
	C(1, 1, ",", "{\\,,x}"),
	C(1, 1, "{", "\\{"),
	C(1, 1, "a,", "a{[,],b}"), /* the ',' in the class is no separator */
	C(0, 0, "a,", "a{[,],b"),
	C(1, 1, "", "{,}"),
	C(1, 1, "x", "{[a,x}"),	 /* "[a" is an invalid alternative */
	C(1, 1, "b", "[{a,b}]"), /* braces inside a class are members */
	C(1, 1, "{", "[{a,b}]"),
	C(0, 0, "c", "[{a,b}]"),
	C(1, 1, "a{bc", "a{b{c,d}"), /* the inner group only */
	C(1, 1, "a{bd", "a{b{c,d}"),
	C(1, 1, "xa", "{x{a,b},y}"),
	C(1, 1, "y", "{x{a,b},y}"),
	C(0, 0, "x{a,b}", "{x{a,b},y}"),
	C(1, 1, "a{b}", "{a{b},c}"),
	C(1, 1, "c", "{a{b},c}"),
};

static void test_glob__t3070_basic(void **state)
{
	(void)state;
	CHECK(basic, 0);
}

static void test_glob__t3070_slashes(void **state)
{
	(void)state;
	CHECK(slashes, 0);
}

static void test_glob__t3070_various(void **state)
{
	(void)state;
	CHECK(various, 0);
}

static void test_glob__t3070_recursion(void **state)
{
	(void)state;
	CHECK(recursion, 0);
}

static void test_glob__casefold(void **state)
{
	(void)state;
	CHECK(cases, 0);
}

static void test_glob__starstar(void **state)
{
	(void)state;
	CHECK(starstar, 0);
}

static void test_glob__escapes(void **state)
{
	(void)state;
	CHECK(escapes, 0);
}

static void test_glob__braces(void **state)
{
	(void)state;
	CHECK(braces, RC_GLOB_BRACES);
}

/* Patterns without braces behave the same with the flag. */
static void test_glob__braces_flag_neutral(void **state)
{
	(void)state;
	CHECK(basic, RC_GLOB_BRACES);
	CHECK(slashes, RC_GLOB_BRACES);
	CHECK(various, RC_GLOB_BRACES);
	CHECK(recursion, RC_GLOB_BRACES);
	CHECK(starstar, RC_GLOB_BRACES);
}

static void test_glob__explicit_lengths(void **state)
{
	(void)state;
	/* NUL bytes are ordinary bytes with explicit lengths */
	assert_true(rc_glob_match_n("a?b", 3, "a\0b", 3, 0));
	assert_true(rc_glob_match_n("a\0*", 3, "a\0bc", 4, 0));
	assert_false(rc_glob_match_n("a\0*", 3, "a\1bc", 4, 0));
	/* only the given prefix counts */
	assert_true(rc_glob_match_n("*.cXXX", 3, "x.c", 3, 0));
	assert_true(rc_glob_match_n("abc", 2, "abz", 2, 0));
	assert_false(rc_glob_match_n("abc", 3, "abz", 2, 0));
	assert_true(rc_glob_match_n("", 0, "", 0, 0));
	assert_false(rc_glob_match_n("", 0, "x", 1, 0));
	/* a class cut off by the length is unterminated */
	assert_false(rc_glob_match_n("[ab]", 3, "a", 1, 0));
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail), i;
	char *s = malloc(u * times + t + 1);

	assert_non_null(s);
	for (i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * times, tail, t + 1);
	return s;
}

/* Inputs that make a naive backtracking matcher exponential. */
static void test_glob__pathological(void **state)
{
	char *pat, *path;

	(void)state;
	path = repeat("a", 20000, "");
	assert_false(
		rc_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", path, 0));
	assert_true(rc_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", path, 0));
	pat = repeat("*a", 300, "*b");
	assert_false(rc_glob_match(pat, path, RC_GLOB_CASEFOLD));
	free(pat);
	free(path);

	path = repeat("a/", 3000, "b");
	pat = repeat("**/a/", 50, "c");
	assert_false(rc_glob_match(pat, path, 0));
	free(pat);
	pat = repeat("**/a/", 50, "b");
	assert_true(rc_glob_match(pat, path, 0));
	free(pat);
	pat = repeat("*/", 2999, "*/b");
	assert_true(rc_glob_match(pat, path, 0));
	free(pat);
	free(path);

	/* 2^20 expansions: only the first RC_GLOB_MAX_ALTERNATIVES tried */
	pat = repeat("{a,b}", 20, "");
	assert_true(rc_glob_match(pat, "aaaaaaaaaaaaaaaaaaaa", RC_GLOB_BRACES));
	assert_false(
		rc_glob_match(pat, "bbbbbbbbbbbbbbbbbbbb", RC_GLOB_BRACES));
	assert_false(
		rc_glob_match(pat, "aaaaaaaaaaaaaaaaaaac", RC_GLOB_BRACES));
	free(pat);
	/* groups beyond RC_GLOB_MAX_BRACE_DEPTH stop the expansion */
	pat = repeat("{a,b}", RC_GLOB_MAX_BRACE_DEPTH + 1, "");
	path = repeat("a", RC_GLOB_MAX_BRACE_DEPTH + 1, "");
	assert_false(rc_glob_match(pat, path, RC_GLOB_BRACES));
	free(pat);
	free(path);
	/* more than 64 braces open at once stop the expansion too */
	pat = repeat("{a,", 5000, "");
	assert_false(rc_glob_match(pat, "a", RC_GLOB_BRACES));
	assert_false(rc_glob_match(pat, pat, RC_GLOB_BRACES));
	assert_true(rc_glob_match(pat, pat, 0));
	free(pat);
	pat = repeat("{", 64, "a,b");
	assert_true(rc_glob_match(pat, pat, RC_GLOB_BRACES));
	free(pat);
	pat = repeat("[", 5000, "]"); /* one class: '[' */
	assert_true(rc_glob_match(pat, "[", 0));
	free(pat);
	pat = repeat("[", 5000, ""); /* unterminated */
	assert_false(rc_glob_match(pat, "[", 0));
	free(pat);
}

/* A compiled set answers exactly as rc_glob_match on each of its globs. */
static void test_glob__set_agrees(void **state)
{
	static const char *const globs[] = {
		"**/.env",     "{,*/,crates/*/}src/**/*.rs",
		"*.{md,rst}",  "{,.github/,docs/}SECURITY{.md,.txt,}",
		"docs/**",     "a[bc]d",
		"[]x]yzzy*",   "*[[:alpha:]]qqq[!]]rrr",
		"[]abcd]",     "[[:alpha:]xyz]",
		"\\*lit",      "**/test_*.py",
		"x{a,{b,c}}y", "[!t]*/*.py",
		"{unclosed",   "src/*.c",
		"**",
	};
	static const char *const paths[] = {
		".env",
		"app/.env",
		"src/main.rs",
		"crates/x/src/a/b.rs",
		"x/src/lib.rs",
		"README.md",
		"docs/a.rst",
		"SECURITY",
		"docs/SECURITY.md",
		".github/SECURITY.txt",
		"docs/x/y",
		"abd",
		"acd",
		"aed",
		"*lit",
		"xlit",
		"tests/test_a.py",
		"test_b.py",
		"xay",
		"xcy",
		"xdy",
		"lib/a.py",
		"tests/a.py",
		"{unclosed",
		"src/a.c",
		"src/x/a.c",
		"",
		"SRC/MAIN.RS",
		"]yzzy",
		"xyzzy",
		"1aqqq]rrr",
		"1aqqqxrrr",
		"]",
		"q",
	};
	const unsigned flagsets[] = { RC_GLOB_BRACES,
				      RC_GLOB_BRACES | RC_GLOB_CASEFOLD };
	size_t g, p, f, bad = 0;

	(void)state;
	for (f = 0; f < RC_ARRAY_SIZE(flagsets); f++)
		for (g = 0; g < RC_ARRAY_SIZE(globs); g++) {
			struct rc_globset *set = NULL;

			assert_int_equal(
				rc_globset_new(&set, &globs[g], 1, flagsets[f]),
				0);
			for (p = 0; p < RC_ARRAY_SIZE(paths); p++) {
				bool want = rc_glob_match(globs[g], paths[p],
							  flagsets[f]);
				bool got = rc_globset_match(set, paths[p],
							    strlen(paths[p]));
				if (want != got) {
					print_message(
						"'%s' vs '%s' (flags %u): "
						"set %d, glob %d\n",
						globs[g], paths[p], flagsets[f],
						got, want);
					bad++;
				}
			}
			rc_globset_free(set);
		}
	/* all the globs in one set: match_all names exactly the matches */
	for (f = 0; f < RC_ARRAY_SIZE(flagsets); f++) {
		struct rc_globset *all = NULL;

		assert_int_equal(rc_globset_new(&all, globs,
						RC_ARRAY_SIZE(globs),
						flagsets[f]),
				 0);
		for (p = 0; p < RC_ARRAY_SIZE(paths); p++) {
			uint64_t got[RC_ARRAY_SIZE(globs) / 64 + 1] = { 0 };

			rc_globset_match_all(all, paths[p], strlen(paths[p]),
					     got);
			for (g = 0; g < RC_ARRAY_SIZE(globs); g++) {
				bool want = rc_glob_match(globs[g], paths[p],
							  flagsets[f]);
				bool one = (got[g / 64] >> (g % 64)) & 1;

				if (want != one) {
					print_message("match_all: '%s' vs "
						      "'%s' (flags %u): %d\n",
						      globs[g], paths[p],
						      flagsets[f], one);
					bad++;
				}
			}
		}
		rc_globset_free(all);
	}
	assert_int_equal(bad, 0);
}

/* A glob past the brace limit: its set keeps the alternatives before the
 * limit, exactly those rc_glob_match tries. */
static void test_glob__set_past_limit(void **state)
{
	static const char *const globs[] = {
		"{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"
	};
	static const char *const paths[] = { "aaaaaaaaaaa", "abbbbbbbbbb",
					     "baaaaaaaaaa", "bbbbbbbbbbb" };
	struct rc_globset *set = NULL;
	size_t p;

	(void)state;
	assert_int_equal(rc_globset_new(&set, globs, 1, RC_GLOB_BRACES), 0);
	assert_int_equal(rc_globset_count(set), RC_GLOB_MAX_ALTERNATIVES);
	for (p = 0; p < RC_ARRAY_SIZE(paths); p++)
		assert_int_equal(
			rc_globset_match(set, paths[p], strlen(paths[p])),
			rc_glob_match(globs[0], paths[p], RC_GLOB_BRACES));
	assert_true(rc_globset_match(set, paths[1], strlen(paths[1])));
	assert_false(rc_globset_match(set, paths[3], strlen(paths[3])));
	rc_globset_free(set);
}

/* Lists sharing globs: a list's bit is set exactly when one of its globs
 * matches; shared globs count for every list holding them. */
static void test_glob__lists(void **state)
{
	static const char *const a[] = { "*.md", "docs/**" };
	static const char *const b[] = { "docs/**", "src/**/*.rs" };
	static const char *const c[] = { "README{,.md}" };
	static const char *const *const lists[] = { a, b, c, NULL };
	static const size_t counts[] = { 2, 2, 1, 0 };
	static const char *const paths[] = { "README.md", "docs/x.txt",
					     "src/a/b.rs", "x.c", "" };
	struct rc_globlists *g = NULL;
	uint64_t scratch[4], out[1];
	size_t p, l, k;

	(void)state;
	assert_int_equal(rc_globlists_new(&g, lists, counts, 4,
					  RC_GLOB_BRACES | RC_GLOB_CASEFOLD),
			 0);
	assert_int_equal(rc_globlists_words(g), 1);
	assert_true(rc_globlists_scratch(g) <= 4);
	for (p = 0; p < RC_ARRAY_SIZE(paths); p++) {
		out[0] = 0;
		rc_globlists_match(g, paths[p], strlen(paths[p]), scratch, out);
		for (l = 0; l < 4; l++) {
			bool want = false;

			for (k = 0; k < counts[l]; k++)
				want |= rc_glob_match(lists[l][k], paths[p],
						      RC_GLOB_BRACES |
							      RC_GLOB_CASEFOLD);
			assert_int_equal((out[0] >> l) & 1, want);
		}
	}
	rc_globlists_free(g);
}

static void test_glob__set_of_many(void **state)
{
	static const char *const globs[] = { "*.md", "docs/**", "{a,b}.c" };
	struct rc_globset *set = NULL;

	(void)state;
	assert_int_equal(rc_globset_new(&set, globs, 3, RC_GLOB_BRACES), 0);
	assert_int_equal(rc_globset_count(set), 4);
	assert_true(rc_globset_match(set, "x.md", 4));
	assert_true(rc_globset_match(set, "docs/y", 6));
	assert_true(rc_globset_match(set, "b.c", 3));
	assert_false(rc_globset_match(set, "c.c", 3));
	rc_globset_free(set);
	for (long n = 0; n < 20; n++) { /* every allocation failure */
		rc_alloc_fail_after(n);
		set = NULL;
		if (rc_globset_new(&set, globs, 3, RC_GLOB_BRACES) == 0) {
			rc_alloc_fail_after(-1);
			rc_globset_free(set);
			break;
		}
		rc_alloc_fail_after(-1);
		assert_null(set);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob__t3070_basic),
		cmocka_unit_test(test_glob__t3070_slashes),
		cmocka_unit_test(test_glob__t3070_various),
		cmocka_unit_test(test_glob__t3070_recursion),
		cmocka_unit_test(test_glob__casefold),
		cmocka_unit_test(test_glob__starstar),
		cmocka_unit_test(test_glob__escapes),
		cmocka_unit_test(test_glob__braces),
		cmocka_unit_test(test_glob__braces_flag_neutral),
		cmocka_unit_test(test_glob__explicit_lengths),
		cmocka_unit_test(test_glob__pathological),
		cmocka_unit_test(test_glob__set_agrees),
		cmocka_unit_test(test_glob__set_of_many),
		cmocka_unit_test(test_glob__set_past_limit),
		cmocka_unit_test(test_glob__lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
