/*
 * manifest_node.c - package.json and composer.json (both JSON).
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "../parse/json.h"

static int str_fact(struct rc_facts *f, const char *name,
		    const struct rc_node *n, const char *path)
{
	const char *s = rc_node_str(n);

	if (!s)
		return 0;
	return rc_manifest_strn(f, name, s, strlen(s), path, n->line);
}

/* An object of name -> version. */
static int deps(struct rc_facts *f, struct rc_diags *d, const char *path,
		const struct rc_node *t, const char *eco, const char *key,
		bool dev, bool (*skip)(const char *name))
{
	size_t i;
	int e;

	if (!t)
		return 0;
	if (!rc_node_is(t, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, t, key, "an object");
	for (i = 0; i < rc_node_count(t); i++) {
		const struct rc_node *x = rc_node_at(t, i);

		if (!x->key || (skip && skip(x->key)))
			continue;
		if ((e = rc_manifest_dep(f, dev, eco, x->key, strlen(x->key),
					 path, x->line, key)))
			return e;
	}
	return 0;
}

/* SPDX string, {"type": "MIT"}, or a list of either (old style). */
static int license(struct rc_facts *f, const char *path,
		   const struct rc_node *n)
{
	size_t i;
	int e;

	if (rc_node_is(n, RC_NODE_ARRAY)) {
		for (i = 0; i < rc_node_count(n); i++)
			if ((e = license(f, path, rc_node_at(n, i))))
				return e;
		return 0;
	}
	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "type");
	return str_fact(f, "manifest.license", n, path);
}

/* "bin": "cli.js" (named after the package) or {"name": "path", ...}. */
static int bins(struct rc_facts *f, const char *path, const struct rc_node *n,
		const char *pkgname)
{
	size_t i;
	int e;

	if (rc_node_is(n, RC_NODE_STRING)) {
		const char *name = pkgname ? pkgname : "";
		const char *slash = strrchr(name, '/');

		/* "@scope/tool" installs "tool" */
		if (slash && name[0] == '@')
			name = slash + 1;
		return rc_manifest_strn(f, "manifest.bin", name, strlen(name),
					path, n->line);
	}
	if (!rc_node_is(n, RC_NODE_TABLE))
		return 0;
	for (i = 0; i < rc_node_count(n); i++) {
		const struct rc_node *x = rc_node_at(n, i);

		if (x->key &&
		    (e = rc_manifest_strn(f, "manifest.bin", x->key,
					  strlen(x->key), path, x->line)))
			return e;
	}
	return 0;
}

/* "workspaces": ["packages/x"] or {"packages": [...]} (yarn). */
static int workspaces(struct rc_facts *f, const char *path,
		      const struct rc_node *n)
{
	size_t i;
	int e;

	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "packages");
	if (!rc_node_is(n, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(n); i++)
		if ((e = str_fact(f, "manifest.workspace", rc_node_at(n, i),
				  path)))
			return e;
	return 0;
}

static int package_json(struct rc_facts *f, struct rc_diags *d,
			const char *path, const struct rc_node *root)
{
	static const char *const entries[] = { "main", "exports", "module" };
	const char *pkgname = rc_node_str(rc_node_get(root, "name"));
	const struct rc_node *priv;
	char tbuf[8];
	size_t i;
	int e;

	if ((e = str_fact(f, "manifest.name", rc_node_get(root, "name"),
			  path)) ||
	    (e = str_fact(f, "manifest.version", rc_node_get(root, "version"),
			  path)) ||
	    (e = license(f, path, rc_node_get(root, "license"))) ||
	    (e = license(f, path, rc_node_get(root, "licenses"))) ||
	    (e = deps(f, d, path, rc_node_get(root, "dependencies"), "node",
		      "dependencies", false, NULL)) ||
	    (e = deps(f, d, path, rc_node_get(root, "devDependencies"), "node",
		      "devDependencies", true, NULL)) ||
	    (e = deps(f, d, path, rc_node_get(root, "peerDependencies"), "node",
		      "peerDependencies", false, NULL)) ||
	    (e = deps(f, d, path, rc_node_get(root, "optionalDependencies"),
		      "node", "optionalDependencies", false, NULL)))
		return e;
	for (i = 0; i < RC_ARRAY_SIZE(entries); i++) {
		const struct rc_node *x = rc_node_get(root, entries[i]);

		if (x && (e = rc_facts_add_bool(f, "manifest.lib", true, path,
						x->line)))
			return e;
		if (x)
			break;
	}
	priv = rc_node_get(root, "private");
	if (rc_node_is(priv, RC_NODE_BOOL) &&
	    !strcmp(rc_node_text(priv, tbuf, sizeof(tbuf)), "true") &&
	    (e = rc_facts_add_bool(f, "manifest.private", true, path,
				   priv->line)))
		return e;
	if ((e = bins(f, path, rc_node_get(root, "bin"), pkgname)))
		return e;
	return workspaces(f, path, rc_node_get(root, "workspaces"));
}

typedef int (*json_fn)(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const struct rc_node *root);

static int parse(struct rc_facts *f, struct rc_diags *d, const char *path,
		 const char *buf, size_t len, json_fn fn)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	e = rc_json_parse(&doc, buf, len, path, &err);
	if (e) {
		rc_doc_free(doc);
		return rc_manifest_parse_error(d, path, e, &err);
	}
	if (!rc_node_is(doc->root, RC_NODE_TABLE))
		e = rc_diags_add(
			d, RC_DIAG_ERROR, path, doc->root ? doc->root->line : 1,
			doc->root ? doc->root->col : 1,
			"expected an object at the top level, found %s",
			doc->root ? rc_node_type_name(doc->root->type)
				  : "nothing");
	else
		e = fn(f, d, path, doc->root);
	rc_doc_free(doc);
	return e;
}

int rc_collect_package_json(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len)
{
	return parse(f, d, path, buf, len, package_json);
}

/* composer.json: platform requirements are not packages. */
static bool platform_req(const char *name)
{
	return !strcmp(name, "php") || !strncmp(name, "php-", 4) ||
	       !strncmp(name, "ext-", 4) || !strncmp(name, "lib-", 4) ||
	       !strcmp(name, "composer-plugin-api") ||
	       !strcmp(name, "composer-runtime-api") ||
	       !strcmp(name, "composer");
}

/* composer "bin": ["bin/tool"] (or one string): the file names. */
static int composer_bins(struct rc_facts *f, const char *path,
			 const struct rc_node *n)
{
	size_t i, count = 1;
	int e;

	if (rc_node_is(n, RC_NODE_ARRAY))
		count = rc_node_count(n);
	for (i = 0; n && i < count; i++) {
		const struct rc_node *x =
			rc_node_is(n, RC_NODE_ARRAY) ? rc_node_at(n, i) : n;
		const char *s = rc_node_str(x), *base;

		if (!s)
			continue;
		base = strrchr(s, '/');
		base = base ? base + 1 : s;
		if ((e = rc_manifest_strn(f, "manifest.bin", base, strlen(base),
					  path, x->line)))
			return e;
	}
	return 0;
}

/* A non-empty "autoload" object (psr-4, psr-0, classmap, files). */
static bool autoloads(const struct rc_node *n)
{
	size_t i;

	if (!rc_node_is(n, RC_NODE_TABLE))
		return false;
	for (i = 0; i < rc_node_count(n); i++) {
		const struct rc_node *x = rc_node_at(n, i);

		if ((rc_node_is(x, RC_NODE_TABLE) ||
		     rc_node_is(x, RC_NODE_ARRAY)) &&
		    rc_node_count(x))
			return true;
	}
	return false;
}

static int composer(struct rc_facts *f, struct rc_diags *d, const char *path,
		    const struct rc_node *root)
{
	const struct rc_node *type = rc_node_get(root, "type");
	const struct rc_node *autoload = rc_node_get(root, "autoload");
	const char *t = rc_node_str(type);
	int e;

	if ((e = str_fact(f, "manifest.name", rc_node_get(root, "name"),
			  path)) ||
	    (e = str_fact(f, "manifest.version", rc_node_get(root, "version"),
			  path)) ||
	    (e = license(f, path, rc_node_get(root, "license"))) ||
	    (e = deps(f, d, path, rc_node_get(root, "require"), "php",
		      "require", false, platform_req)) ||
	    (e = deps(f, d, path, rc_node_get(root, "require-dev"), "php",
		      "require-dev", true, platform_req)) ||
	    (e = str_fact(f, "composer.type", type, path)) ||
	    (e = composer_bins(f, path, rc_node_get(root, "bin"))))
		return e;
	/* "library" is composer's default type: a named package without
	 * one that autoloads classes is a library too */
	if (t && !strcmp(t, "library"))
		return rc_facts_add_bool(f, "manifest.lib", true, path,
					 type->line);
	if (!type && rc_node_get(root, "name") && autoloads(autoload))
		return rc_facts_add_bool(f, "manifest.lib", true, path,
					 autoload->line);
	return 0;
}

int rc_collect_composer(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len)
{
	return parse(f, d, path, buf, len, composer);
}
