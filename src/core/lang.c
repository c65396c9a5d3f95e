/*
 * lang.c - source code by path (lang.h).
 */
#include "common.h"
#include "lang.h"
#include "str.h"

#include <strings.h>

static const struct {
	const char *ext;
	const char *lang;
} langs[] = {
	{ ".rs", "rust" },     { ".py", "python" },   { ".pyx", "python" },
	{ ".js", "node" },     { ".mjs", "node" },    { ".cjs", "node" },
	{ ".jsx", "node" },    { ".ts", "node" },     { ".tsx", "node" },
	{ ".mts", "node" },    { ".cts", "node" },    { ".go", "go" },
	{ ".java", "java" },   { ".kt", "java" },     { ".kts", "java" },
	{ ".scala", "java" },  { ".groovy", "java" }, { ".c", "c" },
	{ ".h", "c" },	       { ".cc", "c" },	      { ".cpp", "c" },
	{ ".cxx", "c" },       { ".hpp", "c" },	      { ".hh", "c" },
	{ ".hxx", "c" },       { ".rb", "ruby" },     { ".php", "php" },
	{ ".cs", "dotnet" },   { ".fs", "dotnet" },   { ".vb", "dotnet" },
	{ ".swift", "swift" }, { ".m", "objc" },      { ".mm", "objc" },
};

const char *rc_code_language(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return NULL;
	for (i = 0; i < RC_ARRAY_SIZE(langs); i++)
		if (!strcmp(dot, langs[i].ext))
			return langs[i].lang;
	/* .d.ts declarations and minified bundles are not written code */
	return NULL;
}

static bool test_dir(const char *p, size_t n)
{
	static const char *const dirs[] = {
		"test",	     "tests",	"spec",		"specs",
		"__tests__", "testing", "e2e",		"integration_tests",
		"testdata",  "fuzz",	"fuzz_targets", "unittests",
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(dirs); i++)
		if (strlen(dirs[i]) == n && !strncasecmp(p, dirs[i], n))
			return true;
	return false;
}

static bool has_suffix_before_ext(const char *base, const char *suffix)
{
	const char *dot = strrchr(base, '.');
	size_t n = strlen(suffix);

	return dot && (size_t)(dot - base) > n && !strncmp(dot - n, suffix, n);
}

bool rc_code_is_test(const char *path)
{
	const char *p = path, *slash, *base;

	while ((slash = strchr(p, '/'))) {
		if (test_dir(p, (size_t)(slash - p)))
			return true;
		p = slash + 1;
	}
	base = p;
	if (rc_str_starts_with(base, "test_") ||
	    has_suffix_before_ext(base, "_test") ||
	    has_suffix_before_ext(base, ".test") ||
	    has_suffix_before_ext(base, ".spec") ||
	    has_suffix_before_ext(base, "_spec") ||
	    has_suffix_before_ext(base, "Test") ||
	    has_suffix_before_ext(base, "Tests") ||
	    has_suffix_before_ext(base, "Spec"))
		return true;
	return strcmp(base, "conftest.py") == 0;
}
