/*
 * manifest_other.c - Gemfile (Ruby) and *.csproj (.NET).
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "xml_lite.h"

/* Gemfile */

#define GEM_MAX_DEPTH 64

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* s[0..n) starts with the keyword w followed by a non-word character. */
static bool keyword(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	return n >= m && !memcmp(s, w, m) && (n == m || !word_char(s[m]));
}

/* Does the line name the development or test group? */
static bool dev_groups(const char *s, size_t n)
{
	static const char *const words[] = { "development", "test" };
	size_t i, k;

	for (k = 0; k < RC_ARRAY_SIZE(words); k++) {
		size_t m = strlen(words[k]);

		for (i = 0; i + m <= n; i++)
			if (!memcmp(s + i, words[k], m) &&
			    (i == 0 || !word_char(s[i - 1])) &&
			    (i + m == n || !word_char(s[i + m])))
				return true;
	}
	return false;
}

/* Does the line open a block closed by `end`? */
static bool opens_block(const char *s, size_t n)
{
	static const char *const kw[] = { "if",	   "unless", "case", "begin",
					  "while", "until",  "for",  "def",
					  "class", "module" };
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(kw); i++)
		if (keyword(s, n, kw[i]))
			return true;
	/* "... do" or "... do |x|" */
	for (i = 0; i + 2 <= n; i++)
		if (!memcmp(s + i, "do", 2) && i && !word_char(s[i - 1]) &&
		    (i + 2 == n || s[i + 2] == ' ' || s[i + 2] == '|'))
			return true;
	return false;
}

/* Cut a trailing comment: '#' outside quotes. Reports an open quote. */
static size_t code_len(const char *s, size_t n, bool *open_quote)
{
	char q = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (s[i] == '\'' || s[i] == '"') {
			q = s[i];
		} else if (s[i] == '#') {
			break;
		}
	}
	*open_quote = q != 0;
	return i < n ? i : n;
}

static int gem_line(struct rc_facts *f, struct rc_diags *d, const char *path,
		    const char *s, size_t n, unsigned line, unsigned col,
		    bool dev)
{
	size_t i = 3, start;
	char q;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '('))
		i++;
	if (i >= n || (s[i] != '\'' && s[i] != '"'))
		return rc_diags_add(d, RC_DIAG_ERROR, path, line,
				    col + (unsigned)i, "expected a gem name");
	q = s[i++];
	start = i;
	while (i < n && s[i] != q)
		i++;
	if (i >= n)
		return rc_diags_add(d, RC_DIAG_ERROR, path, line,
				    col + (unsigned)start - 1,
				    "unterminated string");
	/* inline group: / groups: options */
	if (!dev && dev_groups(s + i, n - i) &&
	    (memchr(s + i, ':', n - i) || memchr(s + i, '=', n - i)))
		dev = true;
	return rc_manifest_dep(f, dev, "ruby", s + start, i - start, path, line,
			       dev ? "group development/test" : NULL);
}

int rc_collect_gemfile(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	bool dev[GEM_MAX_DEPTH + 1] = { false };
	size_t depth = 0;
	const char *s;
	size_t n;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		const char *l = s;
		bool cur = dev[depth < GEM_MAX_DEPTH ? depth : GEM_MAX_DEPTH];
		bool open_quote;
		unsigned col;

		rc_manifest_trim(&l, &n);
		col = (unsigned)(l - s) + 1;
		n = code_len(l, n, &open_quote);
		rc_manifest_trim(&l, &n);
		if (!n)
			continue;
		if (keyword(l, n, "gem")) {
			if ((e = gem_line(f, d, path, l, n, it.line, col, cur)))
				return e;
			continue;
		}
		if (keyword(l, n, "end")) {
			if (depth)
				depth--;
			continue;
		}
		if (!opens_block(l, n))
			continue;
		depth++;
		if (depth <= GEM_MAX_DEPTH)
			dev[depth] = cur || (keyword(l, n, "group") &&
					     dev_groups(l, n));
	}
	return 0;
}

/* *.csproj */

struct csproj {
	bool have_name;
	const char *stem;
	size_t stem_len;
};

static bool under_project(const struct rc_xml *x)
{
	return x->depth >= 1 &&
	       rc_manifest_eq(x->stack[0].name, x->stack[0].len, "Project");
}

static bool elem(const struct rc_xml *x, const char *name)
{
	return x->depth && rc_manifest_eq(x->stack[x->depth - 1].name,
					  x->stack[x->depth - 1].len, name);
}

static int csproj_open(struct rc_facts *f, const char *path, struct rc_xml *x,
		       const struct rc_xml_item *it)
{
	const char *v, *pa;
	size_t n, pn;

	if (x->depth == 1 && under_project(x) && rc_xml_attr(it, "Sdk", &v, &n))
		return rc_manifest_strn(f, "dotnet.sdk", v, n, path, it->line);
	if (!under_project(x) || !elem(x, "PackageReference") ||
	    !rc_xml_attr(it, "Include", &v, &n))
		return 0;
	/* analyzers and build tools: PrivateAssets="all" */
	if (rc_xml_attr(it, "PrivateAssets", &pa, &pn) &&
	    rc_manifest_ieq(pa, pn, "all"))
		return rc_manifest_dep(f, true, "dotnet", v, n, path, it->line,
				       "PackageReference");
	return rc_manifest_dep(f, false, "dotnet", v, n, path, it->line,
			       "PackageReference");
}

static int csproj_text(struct rc_facts *f, const char *path, struct rc_xml *x,
		       const struct rc_xml_item *it, struct csproj *c)
{
	int e;

	if (!(x->depth == 3 && under_project(x) &&
	      rc_manifest_eq(x->stack[1].name, x->stack[1].len,
			     "PropertyGroup")))
		return 0;
	if (elem(x, "OutputType")) {
		if (rc_manifest_ieq(it->text, it->text_len, "Exe") ||
		    rc_manifest_ieq(it->text, it->text_len, "WinExe"))
			return rc_manifest_strn(f, "manifest.bin", c->stem,
						c->stem_len, path, it->line);
		return 0;
	}
	if (elem(x, "Version"))
		return rc_manifest_strn(f, "manifest.version", it->text,
					it->text_len, path, it->line);
	if (elem(x, "PackageLicenseExpression"))
		return rc_manifest_strn(f, "manifest.license", it->text,
					it->text_len, path, it->line);
	if ((elem(x, "PackageId") || elem(x, "AssemblyName")) &&
	    !c->have_name) {
		c->have_name = true;
		if ((e = rc_manifest_strn(f, "manifest.name", it->text,
					  it->text_len, path, it->line)))
			return e;
	}
	return 0;
}

int rc_collect_csproj(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len)
{
	struct rc_xml x;
	struct rc_xml_item it;
	struct csproj c = { false, NULL, 0 };
	const char *base = strrchr(path, '/'), *dot;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	c.stem = base;
	c.stem_len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	rc_xml_init(&x, buf, len);
	while (rc_xml_next(&x, &it) > RC_XML_END) {
		if (it.type == RC_XML_OPEN)
			e = csproj_open(f, path, &x, &it);
		else if (it.type == RC_XML_TEXT)
			e = csproj_text(f, path, &x, &it, &c);
		if (e)
			return e;
	}
	if (it.type == RC_XML_ERROR)
		return rc_diags_add(d, RC_DIAG_ERROR, path, x.err_line,
				    x.err_col, "%s", x.msg);
	if (!c.have_name)
		return rc_manifest_strn(f, "manifest.name", c.stem, c.stem_len,
					path, 0);
	return 0;
}
