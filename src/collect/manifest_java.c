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

/* What makes the jar executable: the first main class declared under
 * <build><plugins> (maven-jar-plugin's manifest, the assembly and shade
 * plugins, exec-maven-plugin, appassembler, jib) or as the exec.mainClass
 * property, or the spring-boot-maven-plugin (an executable jar even
 * without one). */
struct pom_main {
	const char *name, *main;
	size_t name_len, main_len;
	unsigned line;
};

static bool in_build_plugin(const struct rc_xml *x)
{
	static const char *const path[] = { "project", "build", "plugins",
					    "plugin" };
	size_t i;

	if (x->depth < RC_ARRAY_SIZE(path))
		return false;
	for (i = 0; i < RC_ARRAY_SIZE(path); i++)
		if (!rc_manifest_eq(x->stack[i].name, x->stack[i].len, path[i]))
			return false;
	return true;
}

static void pom_main_text(struct rc_xml *x, const struct rc_xml_item *it,
			  struct pom_main *m)
{
	const char *el;
	size_t len;

	/* text outside every element (before the root) has no name */
	if (m->main || !x->depth)
		return;
	el = x->stack[x->depth - 1].name;
	len = x->stack[x->depth - 1].len;
	if ((in_build_plugin(x) && x->depth > 4 &&
	     (rc_manifest_eq(el, len, "mainClass") ||
	      rc_manifest_eq(el, len, "Main-Class"))) ||
	    rc_xml_path_is(x, "project/properties/exec.mainClass")) {
		m->main = it->text;
		m->main_len = it->text_len;
		m->line = it->line;
	} else if (rc_xml_path_is(x,
				  "project/build/plugins/plugin/artifactId") &&
		   rc_manifest_eq(it->text, it->text_len,
				  "spring-boot-maven-plugin") &&
		   !m->line) {
		m->line = it->line;
	}
}

static int pom_text(struct rc_facts *f, const char *path, struct rc_xml *x,
		    const struct rc_xml_item *it, struct pom_dep *dep,
		    struct pom_main *m)
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

	pom_main_text(x, it, m);
	if (rc_xml_path_is(x, "project/artifactId")) {
		m->name = it->text;
		m->name_len = it->text_len;
	}
	/* ${revision}: a property (CI-friendly versions), not a version */
	if (rc_xml_path_is(x, "project/version") &&
	    memchr(it->text, '$', it->text_len))
		return 0;
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

/* `manifest.bin`: the main class, else the artifact (spring-boot). */
static int pom_main_emit(struct rc_facts *f, const char *path,
			 const struct pom_main *m)
{
	if (m->main)
		return rc_manifest_strn(f, "manifest.bin", m->main, m->main_len,
					path, m->line);
	if (m->line)
		return rc_manifest_strn(
			f, "manifest.bin", m->name ? m->name : "spring-boot",
			m->name ? m->name_len : 11, path, m->line);
	return 0;
}

int rc_collect_pom(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len)
{
	struct rc_xml x;
	struct rc_xml_item it;
	struct pom_dep dep;
	struct pom_main m;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	memset(&dep, 0, sizeof(dep));
	memset(&m, 0, sizeof(m));
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
		} else if (it.type == RC_XML_OPEN &&
			   rc_xml_path_is(&x,
					  "project/distributionManagement")) {
			if ((e = rc_manifest_strn(f, "manifest.publish",
						  "distributionManagement", 22,
						  path, it.line)))
				return e;
		} else if (it.type == RC_XML_TEXT) {
			if ((e = pom_text(f, path, &x, &it, &dep, &m)))
				return e;
		}
	}
	if ((e = pom_main_emit(f, path, &m)))
		return e;
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
	unsigned depth;		/* braces open */
	unsigned plugins_depth; /* depth inside `plugins { }`, 0 outside */
	bool have_version;
	/* what makes the build an executable: the application plugin or
	 * block, the Spring Boot plugin, a main class */
	struct rc_tok main; /* the main class string (n == 0: none) */
	const char *exe;    /* the plugin, when no main class is known */
	unsigned exe_line;
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

/* A plugin id, from `id 'x'`, `apply plugin: 'x'`, `` `x` `` or a bare
 * `application` in a Kotlin plugins block: `gradle.plugin`, and what the
 * plugin says about the package. */
static int plugin_id(struct gradle *g, const char *s, size_t n, unsigned line)
{
	int e;

	if ((e = rc_manifest_strn(g->f, "gradle.plugin", s, n, g->path, line)))
		return e;
	if (rc_manifest_eq(s, n, "java-library"))
		return rc_facts_add_bool(g->f, "manifest.lib", true, g->path,
					 line);
	if (rc_manifest_eq(s, n, "maven-publish"))
		return rc_manifest_strn(g->f, "manifest.publish", s, n, g->path,
					line);
	if ((rc_manifest_eq(s, n, "application") ||
	     rc_manifest_eq(s, n, "org.springframework.boot")) &&
	    !g->exe) {
		g->exe = rc_manifest_eq(s, n, "application")
				 ? "application"
				 : "org.springframework.boot";
		g->exe_line = line;
	}
	return 0;
}

/* After "id" or "plugin" : the plugin id string. */
static int gradle_plugin(struct gradle *g)
{
	gnext(g);
	if (punct(&g->tok, '(') || punct(&g->tok, ':') || punct(&g->tok, '='))
		gnext(g);
	if (g->tok.type != RC_TOK_STRING || g->stop)
		return 0;
	return plugin_id(g, g->tok.s, g->tok.n, g->tok.line);
}

/* A Kotlin `plugin-id` in backquotes: t is the opening '`'. */
static int backquoted_plugin(struct gradle *g, const struct rc_tok *t)
{
	const char *s = t->s + 1, *q;
	size_t room = (size_t)(g->lx.end - s);

	q = memchr(s, '`', room < 128 ? room : 128);
	if (!q || memchr(s, '\n', (size_t)(q - s)))
		return 0;
	/* resume after the closing quote, on the same line */
	g->lx.p = q + 1;
	return plugin_id(g, s, (size_t)(q - s), t->line);
}

/* After `mainClass`/`mainClassName`: `= "x"`, `.set("x")`; after the
 * string "Main-Class": `] = "x"`, `: "x"`. The first main class wins. */
static void gradle_main(struct gradle *g)
{
	unsigned i;

	for (i = 0; i < 4 && !g->stop; i++) {
		gnext(g);
		if (g->tok.type == RC_TOK_STRING) {
			if (!g->main.n)
				g->main = g->tok;
			return;
		}
		if (!punct(&g->tok, '=') && !punct(&g->tok, '.') &&
		    !punct(&g->tok, '(') && !punct(&g->tok, ']') &&
		    !punct(&g->tok, ':') &&
		    !(g->tok.type == RC_TOK_IDENT &&
		      rc_manifest_eq(g->tok.s, g->tok.n, "set")))
			return;
	}
}

/* `version = "1.2.3"` at the top level. */
static int gradle_version(struct gradle *g)
{
	gnext(g);
	if (!punct(&g->tok, '='))
		return 0;
	gnext(g);
	if (g->tok.type != RC_TOK_STRING || g->stop || g->have_version)
		return 0;
	/* "$major.$minor", "${rev}": computed, not a version */
	if (memchr(g->tok.s, '$', g->tok.n))
		return 0;
	g->have_version = true;
	return rc_manifest_strn(g->f, "manifest.version", g->tok.s, g->tok.n,
				g->path, g->tok.line);
}

/* `manifest.bin`: the main class, else the directory (Gradle's default
 * project name), else the plugin id. */
static int gradle_exe(struct gradle *g)
{
	const char *slash = strrchr(g->path, '/'), *dir;

	if (g->main.n)
		return rc_manifest_strn(g->f, "manifest.bin", g->main.s,
					g->main.n, g->path, g->main.line);
	if (!g->exe)
		return 0;
	if (!slash)
		return rc_manifest_strn(g->f, "manifest.bin", g->exe,
					strlen(g->exe), g->path, g->exe_line);
	for (dir = slash; dir > g->path && dir[-1] != '/'; dir--)
		;
	return rc_manifest_strn(g->f, "manifest.bin", dir,
				(size_t)(slash - dir), g->path, g->exe_line);
}

static bool ident(const struct rc_tok *t, const char *w)
{
	return t->type == RC_TOK_IDENT && rc_manifest_eq(t->s, t->n, w);
}

/* Braces: `plugins {` and `application {` blocks. */
static int gradle_brace(struct gradle *g, const struct rc_tok *prev)
{
	if (punct(&g->tok, '{')) {
		g->depth++;
		if (ident(prev, "plugins") && !g->plugins_depth)
			g->plugins_depth = g->depth;
		if (ident(prev, "application") && !g->exe) {
			g->exe = "application";
			g->exe_line = prev->line;
		}
	} else if (g->depth) {
		if (g->depth == g->plugins_depth)
			g->plugins_depth = 0;
		g->depth--;
	}
	gnext(g);
	return 0;
}

int rc_collect_gradle(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len)
{
	struct gradle g = { .f = f, .d = d, .path = path };
	struct rc_tok prev = { 0 };
	int e = 0;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_lex_init(&g.lx, buf, len, RC_LEX_SLASH);
	gnext(&g);
	while (g.tok.type != RC_TOK_EOF && !g.stop) {
		struct rc_tok t = g.tok;

		if (configuration(&t)) {
			e = gradle_dep(&g, &t);
		} else if (ident(&t, "id") || ident(&t, "plugin")) {
			e = gradle_plugin(&g);
		} else if (punct(&t, '`')) {
			e = backquoted_plugin(&g, &t);
			gnext(&g);
		} else if (ident(&t, "application") && g.plugins_depth &&
			   g.depth == g.plugins_depth) {
			e = plugin_id(&g, t.s, t.n, t.line);
			gnext(&g);
		} else if (ident(&t, "mainClass") ||
			   ident(&t, "mainClassName") ||
			   (t.type == RC_TOK_STRING &&
			    rc_manifest_eq(t.s, t.n, "Main-Class"))) {
			gradle_main(&g);
		} else if (ident(&t, "version") && !g.depth &&
			   !punct(&prev, '.')) {
			e = gradle_version(&g);
		} else if (punct(&t, '{') || punct(&t, '}')) {
			e = gradle_brace(&g, &prev);
		} else {
			gnext(&g);
		}
		if (e)
			return e;
		prev = t;
	}
	if ((e = gradle_exe(&g)))
		return e;
	if (g.stop)
		return rc_diags_add(d, RC_DIAG_ERROR, path, g.tok.line,
				    g.tok.col, "unterminated string");
	return 0;
}
