/*
 * manifest_java.c - pom.xml and build.gradle(.kts).
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "xml_lite.h"

#include <stdio.h>

/* pom.xml */

struct pom_dep {
	const char *group, *artifact, *scope;
	size_t group_len, artifact_len, scope_len;
	unsigned line;
};

static int pom_dep_emit(struct rc_facts *f, const char *path,
			const struct pom_dep *dep)
{
	char name[2 * RC_MANIFEST_NAME_MAX + 2];
	bool test = dep->scope &&
		    rc_manifest_eq(dep->scope, dep->scope_len, "test");

	if (!dep->artifact_len || dep->group_len > RC_MANIFEST_NAME_MAX ||
	    dep->artifact_len > RC_MANIFEST_NAME_MAX)
		return 0;
	snprintf(name, sizeof(name), "%.*s%s%.*s", (int)dep->group_len,
		 dep->group ? dep->group : "", dep->group_len ? ":" : "",
		 (int)dep->artifact_len, dep->artifact);
	return rc_manifest_dep(
		f, test, "java", name, strlen(name), path, dep->line,
		test ? "<dependencies> scope test" : "<dependencies>");
}

static int pom_text(struct rc_facts *f, const char *path, struct rc_xml *x,
		    const struct rc_xml_item *it, struct pom_dep *dep)
{
	static const struct {
		const char *path, *fact;
	} simple[] = {
		{ "project/artifactId", "manifest.name" },
		{ "project/version", "manifest.version" },
		{ "project/packaging", "manifest.packaging" },
		{ "project/licenses/license/name", "manifest.license" },
		{ "project/modules/module", "manifest.workspace" },
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(simple); i++)
		if (rc_xml_path_is(x, simple[i].path))
			return rc_manifest_strn(f, simple[i].fact, it->text,
						it->text_len, path, it->line);
	if (rc_xml_path_is(x, "project/dependencies/dependency/groupId")) {
		dep->group = it->text;
		dep->group_len = it->text_len;
	} else if (rc_xml_path_is(
			   x, "project/dependencies/dependency/artifactId")) {
		dep->artifact = it->text;
		dep->artifact_len = it->text_len;
	} else if (rc_xml_path_is(x, "project/dependencies/dependency/scope")) {
		dep->scope = it->text;
		dep->scope_len = it->text_len;
	}
	return 0;
}

int rc_collect_pom(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len)
{
	struct rc_xml x;
	struct rc_xml_item it;
	struct pom_dep dep;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	memset(&dep, 0, sizeof(dep));
	rc_xml_init(&x, buf, len);
	while (rc_xml_next(&x, &it) > RC_XML_END) {
		bool is_dep =
			rc_xml_path_is(&x, "project/dependencies/dependency");

		if (it.type == RC_XML_OPEN && is_dep) {
			memset(&dep, 0, sizeof(dep));
			dep.line = it.line;
		} else if (it.type == RC_XML_CLOSE && is_dep) {
			if ((e = pom_dep_emit(f, path, &dep)))
				return e;
		} else if (it.type == RC_XML_TEXT) {
			if ((e = pom_text(f, path, &x, &it, &dep)))
				return e;
		}
	}
	if (it.type == RC_XML_ERROR)
		return rc_diags_add(d, RC_DIAG_ERROR, path, x.err_line,
				    x.err_col, "%s", x.msg);
	return 0;
}

/* build.gradle, build.gradle.kts */

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

static bool contains(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w), i;

	for (i = 0; i + m <= n; i++)
		if (!memcmp(s + i, w, m))
			return true;
	return false;
}

/* A dependency configuration ("implementation", "testImplementation"). */
static bool configuration(const struct rc_tok *t)
{
	static const char *const names[] = {
		"implementation",      "api",	      "compile",
		"compileOnly",	       "runtimeOnly", "runtime",
		"annotationProcessor", "kapt",	      "ksp",
		"testCompile",	       "testRuntime", "developmentOnly",
		"compileOnlyApi",
	};
	size_t i;

	if (t->type != RC_TOK_IDENT)
		return false;
	for (i = 0; i < RC_ARRAY_SIZE(names); i++)
		if (rc_manifest_eq(t->s, t->n, names[i]))
			return true;
	return ends_with(t->s, t->n, "Implementation") ||
	       ends_with(t->s, t->n, "Api") ||
	       ends_with(t->s, t->n, "CompileOnly") ||
	       ends_with(t->s, t->n, "RuntimeOnly");
}

static bool dev_configuration(const struct rc_tok *t)
{
	return contains(t->s, t->n, "test") || contains(t->s, t->n, "Test") ||
	       rc_manifest_eq(t->s, t->n, "annotationProcessor") ||
	       rc_manifest_eq(t->s, t->n, "kapt") ||
	       rc_manifest_eq(t->s, t->n, "ksp") ||
	       rc_manifest_eq(t->s, t->n, "developmentOnly");
}

struct gradle {
	struct rc_facts *f;
	struct rc_diags *d;
	const char *path;
	struct rc_lex lx;
	struct rc_tok tok;
	bool stop;
};

static void gnext(struct gradle *g)
{
	rc_lex_next(&g->lx, &g->tok);
	if (g->tok.type == RC_TOK_STRING && g->tok.unterminated)
		g->stop = true;
}

static bool punct(const struct rc_tok *t, char c)
{
	return t->type == RC_TOK_PUNCT && t->s[0] == c;
}

/* "group:artifact[:version[:classifier]]" -> "group:artifact". */
static int coordinate(struct gradle *g, const struct rc_tok *s, bool dev,
		      const char *note)
{
	const char *c1 = memchr(s->s, ':', s->n), *c2;
	size_t n;

	if (!c1 || c1 == s->s)
		return 0;
	c2 = memchr(c1 + 1, ':', s->n - (size_t)(c1 + 1 - s->s));
	n = (size_t)((c2 ? c2 : s->s + s->n) - s->s);
	if (n == (size_t)(c1 + 1 - s->s)) /* "group:" */
		return 0;
	return rc_manifest_dep(g->f, dev, "java", s->s, n, g->path, s->line,
			       note);
}

/* group: 'g', name: 'a' (Groovy) or group = "g", name = "a" (Kotlin). */
static int map_notation(struct gradle *g, bool dev, const char *note)
{
	struct rc_tok group = { 0 }, name = { 0 };
	char v[2 * RC_MANIFEST_NAME_MAX + 2];
	unsigned i;

	for (i = 0; i < 4 && !g->stop; i++) {
		struct rc_tok key = g->tok;

		if (key.type != RC_TOK_IDENT)
			break;
		gnext(g);
		if (!punct(&g->tok, ':') && !punct(&g->tok, '='))
			break;
		gnext(g);
		if (g->tok.type != RC_TOK_STRING)
			break;
		if (rc_manifest_eq(key.s, key.n, "group"))
			group = g->tok;
		else if (rc_manifest_eq(key.s, key.n, "name"))
			name = g->tok;
		gnext(g);
		if (!punct(&g->tok, ','))
			break;
		gnext(g);
	}
	if (!group.n || !name.n || group.n > RC_MANIFEST_NAME_MAX ||
	    name.n > RC_MANIFEST_NAME_MAX)
		return 0;
	snprintf(v, sizeof(v), "%.*s:%.*s", (int)group.n, group.s, (int)name.n,
		 name.s);
	return rc_manifest_dep(g->f, dev, "java", v, strlen(v), g->path,
			       group.line, note);
}

/* After a configuration name: its dependency notation. */
static int gradle_dep(struct gradle *g, const struct rc_tok *conf)
{
	bool dev = dev_configuration(conf);
	char note[64];

	snprintf(note, sizeof(note), "%.*s", (int)(conf->n > 60 ? 60 : conf->n),
		 conf->s);
	gnext(g);
	if (punct(&g->tok, '('))
		gnext(g);
	if (g->stop)
		return 0;
	if (g->tok.type == RC_TOK_STRING) {
		struct rc_tok s = g->tok;

		gnext(g);
		return coordinate(g, &s, dev, note);
	}
	if (g->tok.type == RC_TOK_IDENT &&
	    rc_manifest_eq(g->tok.s, g->tok.n, "group"))
		return map_notation(g, dev, note);
	return 0;
}

static int java_library(struct gradle *g, unsigned line)
{
	return rc_facts_add_bool(g->f, "manifest.lib", true, g->path, line);
}

/* After "id" or "plugin:" : the plugin id string. */
static int gradle_plugin(struct gradle *g)
{
	gnext(g);
	if (punct(&g->tok, '(') || punct(&g->tok, ':'))
		gnext(g);
	if (g->tok.type != RC_TOK_STRING || g->stop)
		return 0;
	if (rc_manifest_eq(g->tok.s, g->tok.n, "java-library"))
		return java_library(g, g->tok.line);
	return 0;
}

int rc_collect_gradle(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len)
{
	struct gradle g = { .f = f, .d = d, .path = path };
	int e = 0;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_lex_init(&g.lx, buf, len, RC_LEX_SLASH);
	gnext(&g);
	while (g.tok.type != RC_TOK_EOF && !g.stop) {
		struct rc_tok t = g.tok;

		if (configuration(&t)) {
			e = gradle_dep(&g, &t);
		} else if (t.type == RC_TOK_IDENT &&
			   (rc_manifest_eq(t.s, t.n, "id") ||
			    rc_manifest_eq(t.s, t.n, "plugin"))) {
			e = gradle_plugin(&g);
		} else if (punct(&t, '`') && (size_t)(g.lx.end - t.s) >= 14 &&
			   !memcmp(t.s, "`java-library`", 14)) {
			e = java_library(&g, t.line);
			gnext(&g);
		} else {
			gnext(&g);
		}
		if (e)
			return e;
	}
	if (g.stop)
		return rc_diags_add(d, RC_DIAG_ERROR, path, g.tok.line,
				    g.tok.col, "unterminated string");
	return 0;
}
