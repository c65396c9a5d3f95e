/*
 * collect.c - which collector reads which file.
 *
 * The dispatch is by path alone (relative to the root): CI files and
 * Dockerfiles go to the collectors of ci.h and docker.h wherever they are;
 * manifests (manifest.h), lockfiles (lockfile.h), non-test Go, Rust and
 * Python sources (code.h), systemd units and YAML files (platform.h)
 * only outside foreign directories (rc_manifest_foreign(): vendored code,
 * node_modules, test fixtures, examples).
 */
#include "../core/common.h"
#include "collect.h"
#include "ci.h"
#include "code.h"
#include "db.h"
#include "docs.h"
#include "docker.h"
#include "lockfile.h"
#include "manifest.h"
#include "manifest_util.h"
#include "platform.h"
#include "scripts.h"
#include "../core/str.h"

typedef int (*rc_collect_fn)(struct rc_facts *f, struct rc_diags *d,
			     const char *path, const char *buf, size_t len);

static const rc_collect_fn manifest_fns[] = {
	[RC_MF_NONE] = NULL,
	[RC_MF_CARGO] = rc_collect_cargo,
	[RC_MF_PYPROJECT] = rc_collect_pyproject,
	[RC_MF_REQUIREMENTS] = rc_collect_requirements,
	[RC_MF_SETUP_PY] = rc_collect_setup_py,
	[RC_MF_SETUP_CFG] = rc_collect_setup_cfg,
	[RC_MF_PACKAGE_JSON] = rc_collect_package_json,
	[RC_MF_GOMOD] = rc_collect_gomod,
	[RC_MF_POM] = rc_collect_pom,
	[RC_MF_GRADLE] = rc_collect_gradle,
	[RC_MF_GEMFILE] = rc_collect_gemfile,
	[RC_MF_COMPOSER] = rc_collect_composer,
	[RC_MF_CSPROJ] = rc_collect_csproj,
	[RC_MF_CMAKE] = rc_collect_cmake,
	[RC_MF_MESON] = rc_collect_meson,
};

/* YAML files that cannot be Kubernetes resources (and may be large). */
static bool k8s_candidate(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!rc_str_ends_with(base, ".yml") && !rc_str_ends_with(base, ".yaml"))
		return false;
	return strcmp(base, "pnpm-lock.yaml") != 0 &&
	       strncmp(path, ".github/", 8) != 0;
}

static bool go_source(const char *path)
{
	return rc_str_ends_with(path, ".go") &&
	       !rc_str_ends_with(path, "_test.go");
}

static rc_collect_fn dispatch(const char *path)
{
	enum rc_manifest_kind k;

	if (rc_collect_ci_system(path))
		return rc_collect_ci_file;
	if (rc_collect_is_dockerfile(path))
		return rc_collect_dockerfile;
	if (rc_manifest_foreign(path))
		return NULL;
	if (rc_collect_is_lockfile(path))
		return rc_collect_lockfile;
	if (rc_db_migration_file(path))
		return rc_collect_migration;
	k = rc_manifest_kind_of(path);
	if (k != RC_MF_NONE)
		return manifest_fns[k];
	if (rc_collect_is_makefile(path))
		return rc_collect_makefile;
	if (rc_collect_is_script(path, NULL, 0))
		return rc_collect_script;
	if (go_source(path))
		return rc_collect_go_source;
	if (rc_code_wants_rust(path))
		return rc_collect_rust_source;
	if (rc_code_wants_python(path))
		return rc_collect_python_source;
	if (rc_collect_is_systemd_unit(path))
		return rc_collect_systemd_unit;
	if (rc_collect_is_doc(path))
		return rc_collect_doc;
	if (k8s_candidate(path))
		return rc_collect_k8s;
	return NULL;
}

bool rc_collect_wants(const char *path)
{
	return dispatch(path) != NULL;
}

int rc_collect_file(struct rc_facts *f, struct rc_diags *d, const char *path,
		    const char *buf, size_t len)
{
	rc_collect_fn fn = dispatch(path);

	return fn ? fn(f, d, path, buf, len) : 0;
}
