/*
 * manifest_other.c - Ruby (Gemfile, *.gemspec, lib/.../version.rb) and
 * .NET (*.csproj).
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "xml_lite.h"
#include "../core/str.h"

#include <stdio.h>

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

static int gemfile(struct rc_facts *f, struct rc_diags *d, const char *path,
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

/* *.gemspec and lib/.../version.rb */

static char closing_delim(char c)
{
	switch (c) {
	case '(':
		return ')';
	case '[':
		return ']';
	case '{':
		return '}';
	case '<':
		return '>';
	default:
		return c;
	}
}

/*
 * A Ruby string literal at s[*i]: '...', "..." or %q/%Q with any
 * delimiter. 1 with its content in *v, *vn and *i past it; 0 when none
 * starts there or it interpolates ("#{"); -1 when it does not end on the
 * line.
 */
static int ruby_str(const char *s, size_t n, size_t *i, const char **v,
		    size_t *vn)
{
	size_t k = *i, start;
	char close;
	bool dq;

	if (k < n && (s[k] == '\'' || s[k] == '"')) {
		close = s[k];
		dq = s[k] == '"';
		k++;
	} else if (k + 2 < n && s[k] == '%' &&
		   (s[k + 1] == 'q' || s[k + 1] == 'Q') &&
		   !word_char(s[k + 2]) && s[k + 2] != ' ') {
		close = closing_delim(s[k + 2]);
		dq = s[k + 1] == 'Q';
		k += 3;
	} else {
		return 0;
	}
	start = k;
	while (k < n && s[k] != close)
		k += s[k] == '\\' ? 2 : 1;
	if (k >= n)
		return -1;
	*v = s + start;
	*vn = k - start;
	*i = k + 1;
	if (dq && rc_str_find(*v, *vn, "#{", 2))
		return 0;
	return 1;
}

static size_t skip_blank(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

#define GEM_LIST_MAX 32

struct gem_list {
	const char *v[GEM_LIST_MAX];
	size_t n[GEM_LIST_MAX];
	size_t count;
};

/* A literal list of names: ["a", 'b'] or %w[a b]; false for anything
 * else (a computed value). */
static bool ruby_list(const char *s, size_t n, struct gem_list *l)
{
	size_t i = 0;

	l->count = 0;
	if (n >= 3 && s[0] == '%' && (s[1] == 'w' || s[1] == 'W')) {
		char close = closing_delim(s[2]);

		for (i = 3; i < n && s[i] != close;) {
			size_t start;

			i = skip_blank(s, n, i);
			for (start = i; i < n && s[i] != close && s[i] != ' ' &&
					s[i] != '\t';
			     i++)
				;
			if (i > start && l->count < GEM_LIST_MAX) {
				l->v[l->count] = s + start;
				l->n[l->count++] = i - start;
			}
		}
		return i < n && skip_blank(s, n, i + 1) == n;
	}
	if (!n || s[0] != '[')
		return false;
	for (i = skip_blank(s, n, 1); i < n && s[i] != ']';) {
		const char *v;
		size_t vn;

		if (ruby_str(s, n, &i, &v, &vn) != 1)
			return false;
		if (l->count < GEM_LIST_MAX) {
			l->v[l->count] = v;
			l->n[l->count++] = vn;
		}
		i = skip_blank(s, n, i);
		if (i < n && s[i] == ',')
			i = skip_blank(s, n, i + 1);
	}
	return i < n && skip_blank(s, n, i + 1) == n;
}

/* A heredoc opener (<<~ID, <<-ID, <<ID, quoted or not): its terminator
 * into term; false when the line opens none. */
static bool heredoc(const char *s, size_t n, char *term, size_t size)
{
	size_t i, k;

	for (i = 0; i + 2 < n; i++) {
		if (s[i] != '<' || s[i + 1] != '<')
			continue;
		k = i + 2;
		if (s[k] == '~' || s[k] == '-')
			k++;
		if (k < n && (s[k] == '\'' || s[k] == '"'))
			k++;
		if (k >= n || !((s[k] >= 'A' && s[k] <= 'Z') || s[k] == '_'))
			continue;
		for (i = 0; k < n && word_char(s[k]) && i + 1 < size; k++)
			term[i++] = s[k];
		term[i] = '\0';
		return true;
	}
	return false;
}

struct gemspec {
	struct rc_facts *f;
	struct rc_diags *d;
	const char *path;
	char var[32]; /* the block variable of Gem::Specification.new */
	bool have_name, have_version;
};

/* "Gem::Specification.new do |spec|": learn the variable name. */
static void gemspec_var(struct gemspec *g, const char *s, size_t n)
{
	const char *bar;
	size_t i, k = 0;

	if (!rc_str_find(s, n, "Gem::Specification.new", 22))
		return;
	bar = memchr(s, '|', n);
	if (!bar)
		return;
	i = skip_blank(s, n, (size_t)(bar - s) + 1);
	while (i < n && word_char(s[i]) && k + 1 < sizeof(g->var))
		g->var[k++] = s[i++];
	g->var[k] = '\0';
}

static int gem_str_fact(struct gemspec *g, const char *name, const char *s,
			size_t n, unsigned line)
{
	const char *v;
	size_t vn, i = 0;

	if (ruby_str(s, n, &i, &v, &vn) != 1)
		return 0;
	return rc_manifest_strn(g->f, name, v, vn, g->path, line);
}

static int gem_list_facts(struct gemspec *g, const char *name, const char *s,
			  size_t n, unsigned line)
{
	struct gem_list l;
	size_t i;
	int e;

	if (!ruby_list(s, n, &l))
		return 0;
	for (i = 0; i < l.count; i++)
		if ((e = rc_manifest_strn(g->f, name, l.v[i], l.n[i], g->path,
					  line)))
			return e;
	return 0;
}

/* spec.add_dependency "name", ... (or with parentheses). */
static int gem_dependency(struct gemspec *g, const char *s, size_t n,
			  unsigned line, unsigned col, const char *method)
{
	bool dev = !strcmp(method, "add_development_dependency");
	size_t i = skip_blank(s, n, 0);
	const char *v;
	size_t vn;
	int r;

	if (i < n && s[i] == '(')
		i = skip_blank(s, n, i + 1);
	r = ruby_str(s, n, &i, &v, &vn);
	if (r < 0)
		return rc_diags_add(g->d, RC_DIAG_ERROR, g->path, line,
				    col + (unsigned)i, "unterminated string");
	if (!r)
		return 0;
	return rc_manifest_dep(g->f, dev, "ruby", v, vn, g->path, line, method);
}

/* One line of code: "<var>.<attr> = value" or "<var>.<method> args". */
static int gemspec_line(struct gemspec *g, const char *s, size_t n,
			unsigned line, unsigned col)
{
	static const char *const deps[] = { "add_dependency",
					    "add_runtime_dependency",
					    "add_development_dependency" };
	size_t i = 0, a, an, k;
	const char *val;
	size_t vn;
	bool assign, append;

	while (i < n && word_char(s[i]))
		i++;
	if (!i || i >= n || s[i] != '.' ||
	    (g->var[0] && !rc_manifest_eq(s, i, g->var)))
		return 0;
	for (a = ++i; i < n && word_char(s[i]); i++)
		;
	an = i - a;
	for (k = 0; k < RC_ARRAY_SIZE(deps); k++)
		if (rc_manifest_eq(s + a, an, deps[k]))
			return gem_dependency(g, s + i, n - i, line,
					      col + (unsigned)i, deps[k]);
	i = skip_blank(s, n, i);
	assign = i + 1 < n && s[i] == '=' && s[i + 1] != '=' && s[i + 1] != '~';
	append = i + 1 < n && s[i] == '<' && s[i + 1] == '<';
	if (!assign && !append)
		return 0;
	i = skip_blank(s, n, i + (append ? 2 : 1));
	val = s + i;
	vn = n - i;
	/* "x".freeze */
	if (vn > 7 && !memcmp(val + vn - 7, ".freeze", 7))
		vn -= 7;
	if (append)
		return rc_manifest_eq(s + a, an, "executables")
			       ? gem_str_fact(g, "manifest.bin", val, vn, line)
			       : 0;
	if (rc_manifest_eq(s + a, an, "name") && !g->have_name) {
		g->have_name = true;
		return gem_str_fact(g, "manifest.name", val, vn, line);
	}
	if (rc_manifest_eq(s + a, an, "version") && !g->have_version) {
		g->have_version = true;
		return gem_str_fact(g, "manifest.version", val, vn, line);
	}
	if (rc_manifest_eq(s + a, an, "license"))
		return gem_str_fact(g, "manifest.license", val, vn, line);
	if (rc_manifest_eq(s + a, an, "licenses"))
		return gem_list_facts(g, "manifest.license", val, vn, line);
	if (rc_manifest_eq(s + a, an, "bindir"))
		return gem_str_fact(g, "gem.bindir", val, vn, line);
	if (rc_manifest_eq(s + a, an, "executables")) {
		struct gem_list l;

		if (ruby_list(val, vn, &l))
			return gem_list_facts(g, "manifest.bin", val, vn, line);
		/* computed, e.g. spec.files.grep(%r{\Aexe/}) { ... } */
		return rc_manifest_strn(g->f, "gem.executables", val,
					vn > 200 ? 200 : vn, g->path, line);
	}
	return 0;
}

int rc_collect_gemspec(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len)
{
	struct gemspec g = { .f = f, .d = d, .path = path };
	struct rc_manifest_lines it;
	char term[64] = "";
	const char *s;
	size_t n;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		const char *l = s;
		bool open_quote;
		unsigned col;

		rc_manifest_trim(&l, &n);
		if (term[0]) {
			if (rc_manifest_eq(l, n, term))
				term[0] = '\0';
			continue;
		}
		col = (unsigned)(l - s) + 1;
		n = code_len(l, n, &open_quote);
		rc_manifest_trim(&l, &n);
		if (!n)
			continue;
		if (!g.var[0])
			gemspec_var(&g, l, n);
		if ((e = gemspec_line(&g, l, n, it.line, col)))
			return e;
		heredoc(l, n, term, sizeof(term));
	}
	return 0;
}

int rc_collect_ruby_version(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s;
	size_t n;

	(void)d;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		const char *v;
		size_t i, vn;
		bool open_quote;

		rc_manifest_trim(&s, &n);
		n = code_len(s, n, &open_quote);
		rc_manifest_trim(&s, &n);
		if (!keyword(s, n, "VERSION"))
			continue;
		i = skip_blank(s, n, 7);
		if (i + 1 >= n || s[i] != '=' || s[i + 1] == '=')
			continue;
		i = skip_blank(s, n, i + 1);
		if (ruby_str(s, n, &i, &v, &vn) == 1)
			return rc_manifest_strn(f, "manifest.version", v, vn,
						path, it.line);
	}
	return 0;
}

int rc_collect_gemfile(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len)
{
	if (rc_str_ends_with(path, ".gemspec"))
		return rc_collect_gemspec(f, d, path, buf, len);
	if (rc_manifest_ruby_version_file(path))
		return rc_collect_ruby_version(f, d, path, buf, len);
	return gemfile(f, d, path, buf, len);
}

/* *.csproj */

struct csproj {
	bool have_name, have_version;
	const char *stem;
	size_t stem_len;
	/* <VersionPrefix> and <VersionSuffix>, used without <Version> */
	const char *prefix, *suffix;
	size_t prefix_len, suffix_len;
	unsigned prefix_line;
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

/* An MSBuild property reference, $(Name): not a literal value. */
static bool computed(const char *s, size_t n)
{
	return rc_str_find(s, n, "$(", 2) != NULL;
}

static int csproj_open(struct rc_facts *f, const char *path, struct rc_xml *x,
		       const struct rc_xml_item *it)
{
	const char *v, *pa;
	size_t n, pn;

	if (x->depth == 1 && under_project(x) && rc_xml_attr(it, "Sdk", &v, &n))
		return rc_manifest_strn(f, "dotnet.sdk", v, n, path, it->line);
	if (under_project(x) && elem(x, "FrameworkReference") &&
	    rc_xml_attr(it, "Include", &v, &n))
		return rc_manifest_strn(f, "dotnet.framework", v, n, path,
					it->line);
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

/* <IsPackable>, <GeneratePackageOnBuild>: true or false as written. */
static int csproj_packable(struct rc_facts *f, const char *path,
			   const struct rc_xml_item *it, const char *prop)
{
	if (rc_manifest_ieq(it->text, it->text_len, "true"))
		return rc_manifest_strn(f, "manifest.publish", prop,
					strlen(prop), path, it->line);
	if (rc_manifest_ieq(it->text, it->text_len, "false") &&
	    !strcmp(prop, "IsPackable"))
		return rc_facts_add_bool(f, "manifest.private", true, path,
					 it->line);
	return 0;
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
	if (elem(x, "Version") && !computed(it->text, it->text_len)) {
		c->have_version = true;
		return rc_manifest_strn(f, "manifest.version", it->text,
					it->text_len, path, it->line);
	}
	if (elem(x, "VersionPrefix") && !computed(it->text, it->text_len)) {
		c->prefix = it->text;
		c->prefix_len = it->text_len;
		c->prefix_line = it->line;
		return 0;
	}
	if (elem(x, "VersionSuffix") && !computed(it->text, it->text_len)) {
		c->suffix = it->text;
		c->suffix_len = it->text_len;
		return 0;
	}
	if (elem(x, "PackageLicenseExpression"))
		return rc_manifest_strn(f, "manifest.license", it->text,
					it->text_len, path, it->line);
	if (elem(x, "IsPackable"))
		return csproj_packable(f, path, it, "IsPackable");
	if (elem(x, "GeneratePackageOnBuild"))
		return csproj_packable(f, path, it, "GeneratePackageOnBuild");
	if (elem(x, "PackageId") &&
	    (e = rc_manifest_strn(f, "manifest.publish", "PackageId", 9, path,
				  it->line)))
		return e;
	if ((elem(x, "PackageId") || elem(x, "AssemblyName")) &&
	    !c->have_name) {
		c->have_name = true;
		if ((e = rc_manifest_strn(f, "manifest.name", it->text,
					  it->text_len, path, it->line)))
			return e;
	}
	return 0;
}

/* <VersionPrefix>[-<VersionSuffix>] when there is no <Version>. */
static int csproj_version(struct rc_facts *f, const char *path,
			  const struct csproj *c)
{
	char v[256];
	int n;

	if (c->have_version || !c->prefix)
		return 0;
	if (c->suffix)
		n = snprintf(v, sizeof(v), "%.*s-%.*s", (int)c->prefix_len,
			     c->prefix, (int)c->suffix_len, c->suffix);
	else
		n = snprintf(v, sizeof(v), "%.*s", (int)c->prefix_len,
			     c->prefix);
	if (n < 0 || (size_t)n >= sizeof(v))
		return 0;
	return rc_manifest_strn(f, "manifest.version", v, (size_t)n, path,
				c->prefix_line);
}

int rc_collect_csproj(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len)
{
	struct rc_xml x;
	struct rc_xml_item it;
	struct csproj c;
	const char *base = strrchr(path, '/'), *dot;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	memset(&c, 0, sizeof(c));
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
	if ((e = csproj_version(f, path, &c)))
		return e;
	if (it.type == RC_XML_ERROR)
		return rc_diags_add(d, RC_DIAG_ERROR, path, x.err_line,
				    x.err_col, "%s", x.msg);
	if (!c.have_name)
		return rc_manifest_strn(f, "manifest.name", c.stem, c.stem_len,
					path, 0);
	return 0;
}
