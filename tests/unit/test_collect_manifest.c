/*
 * test_collect_manifest.c - the manifest collectors and the dispatcher.
 *
 * Each case feeds one file through rc_collect_file() and compares every
 * fact it produced, rendered one per line as "name=value :line [note]",
 * and every diagnostic, as "path:line:col: message", with the expected
 * text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "collect/collect.h"
#include "collect/manifest.h"
#include "facts/facts.h"

#include <stdio.h>

struct run {
	struct rc_facts *f;
	struct rc_diags d;
	struct rc_buf facts, diags;
};

static int setup(void **state)
{
	struct run *r = calloc(1, sizeof(*r));

	if (!r || rc_facts_new(&r->f))
		return -1;
	rc_buf_init(&r->facts, RC_BUF_MAX_DEFAULT);
	rc_buf_init(&r->diags, RC_BUF_MAX_DEFAULT);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct run *r = *state;

	rc_facts_free(r->f);
	rc_diags_release(&r->d);
	rc_buf_release(&r->facts);
	rc_buf_release(&r->diags);
	free(r);
	return 0;
}

static void collect(struct run *r, const char *path, const char *text)
{
	assert_true(rc_collect_wants(path));
	assert_int_equal(
		0, rc_collect_file(r->f, &r->d, path, text, strlen(text)));
}

/* Facts other than `manifest`, one per line. */
static const char *facts(struct run *r)
{
	size_t i;

	rc_buf_reset(&r->facts);
	for (i = 0; i < rc_facts_count(r->f); i++) {
		const struct rc_fact *x = rc_facts_at(r->f, i);

		if (!strcmp(x->name, "manifest"))
			continue;
		if (x->type == RC_FACT_BOOL)
			rc_buf_addf(&r->facts, "%s=%s :%u", x->name,
				    x->b ? "true" : "false", x->line);
		else
			rc_buf_addf(&r->facts, "%s=%s :%u", x->name, x->str,
				    x->line);
		if (x->note)
			rc_buf_addf(&r->facts, " [%s]", x->note);
		rc_buf_addc(&r->facts, '\n');
	}
	assert_int_equal(0, rc_buf_err(&r->facts));
	return r->facts.ptr;
}

static const char *diags(struct run *r)
{
	size_t i;

	rc_buf_reset(&r->diags);
	for (i = 0; i < r->d.list.n; i++) {
		const struct rc_diag *x = &r->d.list.v[i];

		assert_int_equal(RC_DIAG_ERROR, x->level);
		rc_buf_addf(&r->diags, "%s:%u:%u: %s\n", x->path, x->line,
			    x->col, x->msg);
	}
	return r->diags.ptr;
}

/* The `manifest` fact names the file itself. */
static void assert_manifest_fact(struct run *r, const char *path)
{
	const struct rc_fact *x = rc_facts_find(r->f, "manifest", path);

	assert_non_null(x);
	assert_string_equal(path, x->path);
	assert_int_equal(0, x->line);
}

/* Cargo.toml */

static void test_collect_manifest__cargo(void **state)
{
	struct run *r = *state;

	collect(r, "crates/api/Cargo.toml",
		"[package]\n"
		"name = \"api\"\n"
		"version = \"0.3.1\"\n"
		"license = \"MIT OR Apache-2.0\"\n"
		"\n"
		"[dependencies]\n"
		"actix-web = \"4\"\n"
		"serde = { version = \"1\", features = [\"derive\"] }\n"
		"web = { package = \"hyper\", version = \"1\", "
		"features = [\"server\"] }\n"
		"\n"
		"[dependencies.tokio]\n"
		"version = \"1\"\n"
		"\n"
		"[dev-dependencies]\n"
		"criterion = \"0.5\"\n"
		"[build-dependencies]\n"
		"cc = \"1\"\n"
		"[target.'cfg(unix)'.dependencies]\n"
		"nix = \"0.27\"\n"
		"[target.x86_64-pc-windows-msvc.dev-dependencies]\n"
		"winapi = \"0.3\"\n"
		"[lib]\n"
		"path = \"src/lib.rs\"\n"
		"[[bin]]\n"
		"name = \"api-server\"\n"
		"[[bin]]\n"
		"path = \"src/other.rs\"\n");
	assert_manifest_fact(r, "crates/api/Cargo.toml");
	assert_string_equal(
		"manifest.name=api :2\n"
		"manifest.version=0.3.1 :3\n"
		"manifest.license=MIT OR Apache-2.0 :4\n"
		"dependency.rust=actix-web :7 [[dependencies]]\n"
		"dependency.rust=serde :8 [[dependencies]]\n"
		"cargo.feature=serde/derive :8\n"
		"dependency.rust=hyper :9 [[dependencies]]\n"
		"cargo.feature=hyper/server :9\n"
		"dependency.rust=tokio :11 [[dependencies]]\n"
		"dev_dependency.rust=criterion :15 [[dev-dependencies]]\n"
		"dev_dependency.rust=cc :17 [[build-dependencies]]\n"
		"dependency.rust=nix :19 [[target.'cfg(unix)'.dependencies]]\n"
		"dev_dependency.rust=winapi :21 "
		"[[target.x86_64-pc-windows-msvc.dev-dependencies]]\n"
		"manifest.lib=true :22\n"
		"manifest.bin=api-server :24\n"
		"manifest.bin=api :26\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__cargo_workspace(void **state)
{
	struct run *r = *state;

	collect(r, "Cargo.toml",
		"[workspace]\n"
		"members = [\n"
		"  \"crates/*\",\n"
		"  \"tools/gen\",\n"
		"]\n"
		"[workspace.dependencies]\n"
		"serde = \"1\"\n");
	assert_string_equal("manifest.workspace=crates/* :3\n"
			    "manifest.workspace=tools/gen :4\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__cargo_malformed(void **state)
{
	struct run *r = *state;
	const struct rc_diag *x;

	collect(r, "Cargo.toml",
		"[package]\n"
		"name = \"x\"\n"
		"\n"
		"[dependencies]\n"
		"serde \"1\"\n");
	/* the manifest is still known; nothing else is trusted */
	assert_manifest_fact(r, "Cargo.toml");
	assert_string_equal("", facts(r));
	assert_int_equal(1, r->d.list.n);
	x = &r->d.list.v[0];
	assert_int_equal(RC_DIAG_ERROR, x->level);
	assert_string_equal("Cargo.toml", x->path);
	assert_int_equal(5, x->line);
	assert_int_equal(7, x->col);
	/* the parser's message, without a location prefix */
	assert_true(strlen(x->msg) > 0);
	assert_null(strstr(x->msg, "Cargo.toml"));
	assert_true(x->msg[0] < '0' || x->msg[0] > '9');
}

static void test_collect_manifest__cargo_wrong_types(void **state)
{
	struct run *r = *state;

	collect(r, "Cargo.toml",
		"dependencies = \"serde\"\n"
		"[package]\n"
		"name = \"x\"\n"
		"version = { workspace = true }\n"
		"[target]\n"
		"linux = 3\n");
	assert_string_equal("manifest.name=x :3\n", facts(r));
	assert_string_equal("Cargo.toml:1:16: expected a table for "
			    "'dependencies', found string\n",
			    diags(r));
}

/* pyproject.toml */

static void test_collect_manifest__pyproject(void **state)
{
	struct run *r = *state;

	collect(r, "pyproject.toml",
		"[build-system]\n"
		"requires = [\"setuptools>=61\", \"wheel\"]\n"
		"[project]\n"
		"name = \"My_Lib\"\n"
		"version = \"1.0.0\"\n"
		"license = { text = \"MIT\" }\n"
		"dependencies = [\n"
		"  \"Requests[security]>=2.0\",\n"
		"  \"numpy ; python_version>'3.8'\",\n"
		"  \"Typing__Extensions.Foo\",\n"
		"  \"pkg @ https://example.com/pkg.zip\",\n"
		"]\n"
		"[project.optional-dependencies]\n"
		"test = [\"pytest>=7\"]\n"
		"server = [\"fastapi\"]\n"
		"[project.scripts]\n"
		"mylib = \"my_lib.cli:main\"\n"
		"[dependency-groups]\n"
		"lint = [\"ruff\", { include-group = \"test\" }]\n");
	assert_string_equal(
		"manifest.name=My_Lib :4\n"
		"manifest.version=1.0.0 :5\n"
		"manifest.license=MIT :6\n"
		"dependency.python=requests :8 [[project] dependencies]\n"
		"dependency.python=numpy :9 [[project] dependencies]\n"
		"dependency.python=typing-extensions-foo :10 "
		"[[project] dependencies]\n"
		"dependency.python=pkg :11 [[project] dependencies]\n"
		"dev_dependency.python=pytest :14 "
		"[[project.optional-dependencies] test]\n"
		"dependency.python=fastapi :15 "
		"[[project.optional-dependencies] server]\n"
		"manifest.bin=mylib :17\n"
		"dev_dependency.python=ruff :19 [[dependency-groups] lint]\n"
		"dev_dependency.python=setuptools :2 [[build-system] "
		"requires]\n"
		"dev_dependency.python=wheel :2 [[build-system] requires]\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__pyproject_poetry(void **state)
{
	struct run *r = *state;

	collect(r, "svc/pyproject.toml",
		"[tool.poetry]\n"
		"name = \"svc\"\n"
		"version = \"0.1.0\"\n"
		"license = \"Apache-2.0\"\n"
		"[tool.poetry.dependencies]\n"
		"python = \"^3.11\"\n"
		"FastAPI = \"^0.110\"\n"
		"[tool.poetry.dev-dependencies]\n"
		"black = \"*\"\n"
		"[tool.poetry.group.test.dependencies]\n"
		"pytest = \"*\"\n"
		"[tool.poetry.group.main.dependencies]\n"
		"uvicorn = \"*\"\n"
		"[tool.poetry.scripts]\n"
		"svc = \"svc.main:run\"\n");
	assert_string_equal(
		"manifest.name=svc :2\n"
		"manifest.version=0.1.0 :3\n"
		"manifest.license=Apache-2.0 :4\n"
		"dependency.python=fastapi :7 [[tool.poetry.dependencies]]\n"
		"dev_dependency.python=black :9 "
		"[[tool.poetry.dev-dependencies]]\n"
		"dev_dependency.python=pytest :11 "
		"[[tool.poetry.group.test.dependencies]]\n"
		"dependency.python=uvicorn :13 "
		"[[tool.poetry.group.main.dependencies]]\n"
		"manifest.bin=svc :15\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__pyproject_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "pyproject.toml",
		"[project]\n"
		"name = \"x\"\n"
		"dependencies = [\"ok\", \">=1.0\"]\n"
		"optional-dependencies = [\"a\"]\n");
	assert_string_equal(
		"manifest.name=x :2\n"
		"dependency.python=ok :3 [[project] dependencies]\n",
		facts(r));
	assert_string_equal("pyproject.toml:3:23: expected a requirement in "
			    "'dependencies', found '>=1.0'\n"
			    "pyproject.toml:4:25: expected a table for "
			    "'project.optional-dependencies', found array\n",
			    diags(r));
}

/* requirements*.txt */

static void test_collect_manifest__requirements(void **state)
{
	struct run *r = *state;

	collect(r, "requirements.txt",
		"# pinned\n"
		"Flask==2.0.3  # web\n"
		"-r base.txt\n"
		"--index-url https://pypi.example.com/simple\n"
		"-e git+https://github.com/x/y.git#egg=y\n"
		"gunicorn ; sys_platform != \"win32\" \\\n"
		"    --hash=sha256:abc \\\n"
		"    --hash=sha256:def\n"
		"python_dateutil[extra]>=2\n"
		"\n"
		"pkg @ https://example.com/pkg-1.0.tar.gz\n"
		"https://example.com/other.whl\n"
		"./local/dir\n"
		"dist/thing-1.0-py3-none-any.whl\n"
		"zope.interface~=5.0\r\n");
	assert_string_equal("dependency.python=flask :2\n"
			    "dependency.python=gunicorn :6\n"
			    "dependency.python=python-dateutil :9\n"
			    "dependency.python=pkg :11\n"
			    "dependency.python=zope-interface :15\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__requirements_dev(void **state)
{
	struct run *r = *state;

	collect(r, "requirements-dev.txt", "pytest\n");
	collect(r, "requirements/test.txt", "hypothesis\n");
	collect(r, "requirements/base.txt", "attrs\n");
	collect(r, "docs/requirements.in", "sphinx\n");
	collect(r, "service/requirements.txt", "flask\n");
	collect(r, "specific-requirements.txt", "six\n");
	assert_string_equal("dev_dependency.python=pytest :1\n"
			    "dev_dependency.python=hypothesis :1\n"
			    "dependency.python=attrs :1\n"
			    "dev_dependency.python=sphinx :1\n"
			    "dependency.python=flask :1\n"
			    "dependency.python=six :1\n",
			    facts(r));
}

static void test_collect_manifest__requirements_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "requirements.txt",
		"ok\n"
		"  ==1.0\n"
		"foo bar\n"
		"after\n");
	assert_string_equal("dependency.python=ok :1\n"
			    "dependency.python=after :4\n",
			    facts(r));
	assert_string_equal(
		"requirements.txt:2:3: expected a package name\n"
		"requirements.txt:3:5: unexpected 'b' after package name "
		"'foo'\n",
		diags(r));
}

/* setup.py and setup.cfg */

static void test_collect_manifest__setup_py(void **state)
{
	struct run *r = *state;

	collect(r, "setup.py",
		"from setuptools import setup, Extension\n"
		"# install_requires=['commented']\n"
		"ext = Extension(name='not_me', sources=[])\n"
		"setup(\n"
		"    name=\"legacy-pkg\",\n"
		"    version='2.0',\n"
		"    license='BSD-3-Clause',\n"
		"    install_requires=[\n"
		"        'click>=7',\n"
		"        \"Jinja2\",  # templates\n"
		"    ],\n"
		"    tests_require=['pytest'],\n"
		"    entry_points={'console_scripts': ['legacy = "
		"legacy.cli:main']},\n"
		"    ext_modules=[ext],\n"
		")\n");
	assert_string_equal("manifest.name=legacy-pkg :5\n"
			    "manifest.version=2.0 :6\n"
			    "manifest.license=BSD-3-Clause :7\n"
			    "dependency.python=click :9 [install_requires]\n"
			    "dependency.python=jinja2 :10 [install_requires]\n"
			    "dev_dependency.python=pytest :12 [tests_require]\n"
			    "manifest.bin=legacy :13\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__setup_py_ini_entry_points(void **state)
{
	struct run *r = *state;

	collect(r, "setup.py",
		"setup(name='x', entry_points='''\n"
		"[console_scripts]\n"
		"xtool = x.main:run\n"
		"''')\n");
	assert_string_equal("manifest.name=x :1\n"
			    "manifest.bin=xtool :3\n",
			    facts(r));
}

static void test_collect_manifest__setup_py_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "setup.py",
		"setup(\n"
		"    install_requires=['ok'],\n"
		"    name='broken,\n"
		")\n");
	assert_string_equal("dependency.python=ok :2 [install_requires]\n",
			    facts(r));
	assert_string_equal("setup.py:3:10: unterminated string\n", diags(r));
}

static void test_collect_manifest__setup_cfg(void **state)
{
	struct run *r = *state;

	collect(r, "setup.cfg",
		"[metadata]\n"
		"name = cfgpkg\n"
		"version = 0.5\n"
		"license = MIT\n"
		"\n"
		"[options]\n"
		"install_requires =\n"
		"    attrs>=20\n"
		"    PyYAML ; python_version > '3'\n"
		"tests_require = pytest\n"
		"[options.extras_require]\n"
		"dev =\n"
		"    black\n"
		"yaml = ruamel.yaml\n"
		"[options.entry_points]\n"
		"console_scripts =\n"
		"    cfgtool = cfgpkg.main:run\n"
		"[flake8]\n"
		"max-line-length = 100\n");
	assert_string_equal(
		"manifest.name=cfgpkg :2\n"
		"manifest.version=0.5 :3\n"
		"manifest.license=MIT :4\n"
		"dependency.python=attrs :8 [[options] install_requires]\n"
		"dependency.python=pyyaml :9 [[options] install_requires]\n"
		"dev_dependency.python=pytest :10 [[options] tests_require]\n"
		"dev_dependency.python=black :13 "
		"[[options.extras_require] dev]\n"
		"dependency.python=ruamel-yaml :14 "
		"[[options.extras_require] yaml]\n"
		"manifest.bin=cfgtool :17\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__setup_cfg_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "setup.cfg",
		"[metadata\n"
		"name = x\n"
		"[options]\n"
		"garbage line\n");
	assert_string_equal("", facts(r));
	assert_string_equal("setup.cfg:1:10: expected ']'\n"
			    "setup.cfg:4:1: expected '=' after "
			    "'garbage line'\n",
			    diags(r));
}

/* package.json */

static void test_collect_manifest__package_json(void **state)
{
	struct run *r = *state;

	collect(r, "web/package.json",
		"{\n"
		"  \"name\": \"@acme/tool\",\n"
		"  \"version\": \"1.2.3\",\n"
		"  \"license\": \"MIT\",\n"
		"  \"exports\": { \".\": \"./index.js\" },\n"
		"  \"bin\": \"cli.js\",\n"
		"  \"dependencies\": {\n"
		"    \"express\": \"^4\",\n"
		"    \"pino\": \"^8\"\n"
		"  },\n"
		"  \"devDependencies\": { \"jest\": \"^29\" },\n"
		"  \"peerDependencies\": { \"react\": \"*\" },\n"
		"  \"optionalDependencies\": { \"fsevents\": \"*\" },\n"
		"  \"workspaces\": { \"packages\": [\"packages/*\"] }\n"
		"}\n");
	assert_string_equal(
		"manifest.name=@acme/tool :2\n"
		"manifest.version=1.2.3 :3\n"
		"manifest.license=MIT :4\n"
		"dependency.node=express :8 [dependencies]\n"
		"dependency.node=pino :9 [dependencies]\n"
		"dev_dependency.node=jest :11 [devDependencies]\n"
		"dependency.node=react :12 [peerDependencies]\n"
		"dependency.node=fsevents :13 [optionalDependencies]\n"
		"manifest.lib=true :5\n"
		"manifest.bin=tool :6\n"
		"manifest.workspace=packages/* :14\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__package_json_bins(void **state)
{
	struct run *r = *state;

	collect(r, "package.json",
		"{\"name\": \"x\", \"license\": {\"type\": \"ISC\"},\n"
		" \"bin\": {\"x-one\": \"a.js\", \"x-two\": \"b.js\"},\n"
		" \"workspaces\": [\"a\", \"b\"]}");
	assert_string_equal("manifest.name=x :1\n"
			    "manifest.license=ISC :1\n"
			    "manifest.bin=x-one :2\n"
			    "manifest.bin=x-two :2\n"
			    "manifest.workspace=a :3\n"
			    "manifest.workspace=b :3\n",
			    facts(r));
}

static void test_collect_manifest__package_json_malformed(void **state)
{
	struct run *r = *state;
	const struct rc_diag *x;

	collect(r, "package.json",
		"{\n  \"name\": \"x\",\n  \"version\" 1\n}\n");
	assert_manifest_fact(r, "package.json");
	assert_string_equal("", facts(r));
	assert_int_equal(1, r->d.list.n);
	x = &r->d.list.v[0];
	assert_string_equal("package.json", x->path);
	assert_int_equal(3, x->line);
	assert_int_equal(13, x->col);
	assert_null(strstr(x->msg, "package.json"));

	rc_diags_release(&r->d);
	collect(r, "package.json", "[1, 2]");
	collect(r, "package.json", "{\"dependencies\": [\"a\"]}");
	assert_string_equal(
		"package.json:1:1: expected an object at the top level, "
		"found array\n"
		"package.json:1:18: expected an object for 'dependencies', "
		"found array\n",
		diags(r));
}

/* go.mod and Go sources */

static void test_collect_manifest__gomod(void **state)
{
	struct run *r = *state;

	collect(r, "go.mod",
		"// the module\n"
		"module github.com/acme/x // comment\n"
		"\n"
		"go 1.22\n"
		"toolchain go1.22.1\n"
		"\n"
		"require (\n"
		"\tgithub.com/gin-gonic/gin v1.9.0\n"
		"\tgolang.org/x/sys v0.1.0 // indirect\n"
		"\t\"github.com/quoted/mod\" v1.0.0\n"
		"\n"
		"\t// a comment line\n"
		")\n"
		"require github.com/spf13/cobra v1.8.0\n"
		"replace github.com/a/b => ../b\n"
		"exclude (\n"
		"\tgithub.com/c/d v1.0.0\n"
		")\n");
	assert_string_equal(
		"manifest.name=github.com/acme/x :2\n"
		"go.version=1.22 :4\n"
		"dependency.go=github.com/gin-gonic/gin :8 [require]\n"
		"dependency.go=github.com/quoted/mod :10 [require]\n"
		"dependency.go=github.com/spf13/cobra :14 [require]\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__gomod_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "go.mod",
		"module\n"
		"frobnicate x\n"
		"require github.com/a/b\n"
		"require \"unterminated v1\n"
		"require (\n"
		"\tgithub.com/c/d v1.0.0\n");
	assert_string_equal("dependency.go=github.com/c/d :6 [require]\n",
			    facts(r));
	assert_string_equal(
		"go.mod:1:1: expected a module path\n"
		"go.mod:2:1: unknown directive 'frobnicate'\n"
		"go.mod:3:9: expected a module path and a version\n"
		"go.mod:4:9: unterminated string\n"
		"go.mod:6:1: expected ')' to close the 'require' block of "
		"line 5\n",
		diags(r));
}

static void test_collect_manifest__go_source(void **state)
{
	struct run *r = *state;

	collect(r, "cmd/api/main.go",
		"// Copyright 2024\n"
		"\n"
		"/* a block\n"
		"   package notthis */\n"
		"//go:build linux\n"
		"package main\n"
		"\n"
		"func main() {\n"
		"\t// http.ListenAndServe(\":1\", nil)\n"
		"\tif err := srv.ListenAndServeTLS(c, k); err != nil {\n"
		"\t}\n"
		"\thttp.ListenAndServe(\":8080\", nil)\n"
		"}\n");
	collect(r, "internal/store/store.go",
		"package store\n"
		"\n"
		"func New() *grpc.Server { return grpc.NewServer() }\n");
	collect(r, "pkg/mainly/x.go", "package mainly\n");
	assert_false(rc_collect_wants("cmd/api/main_test.go"));
	assert_string_equal("go.main=cmd/api/main.go :6\n"
			    "go.listen=srv.ListenAndServeTLS :10\n"
			    "go.listen=grpc.NewServer :3\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

/* pom.xml and Gradle */

static const char pom[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!-- <artifactId>commented</artifactId> -->\n"
	"<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
	"  <parent>\n"
	"    <artifactId>spring-boot-starter-parent</artifactId>\n"
	"    <version>3.2.0</version>\n"
	"  </parent>\n"
	"  <artifactId>demo</artifactId>\n"
	"  <version>0.0.1-SNAPSHOT</version>\n"
	"  <packaging>jar</packaging>\n"
	"  <licenses><license><name>Apache-2.0</name></license></licenses>\n"
	"  <modules>\n"
	"    <module>core</module>\n"
	"  </modules>\n"
	"  <dependencies>\n"
	"    <dependency>\n"
	"      <groupId>org.springframework.boot</groupId>\n"
	"      <artifactId>spring-boot-starter-web</artifactId>\n"
	"    </dependency>\n"
	"    <dependency>\n"
	"      <groupId>org.junit.jupiter</groupId>\n"
	"      <artifactId><![CDATA[junit-jupiter]]></artifactId>\n"
	"      <scope>test</scope>\n"
	"    </dependency>\n"
	"    <dependency/>\n"
	"  </dependencies>\n"
	"  <dependencyManagement><dependencies><dependency>\n"
	"    <groupId>x</groupId><artifactId>managed</artifactId>\n"
	"  </dependency></dependencies></dependencyManagement>\n"
	"</project>\n";

static void test_collect_manifest__pom(void **state)
{
	struct run *r = *state;

	collect(r, "pom.xml", pom);
	assert_string_equal(
		"manifest.name=demo :8\n"
		"manifest.version=0.0.1-SNAPSHOT :9\n"
		"manifest.packaging=jar :10\n"
		"manifest.license=Apache-2.0 :11\n"
		"manifest.workspace=core :13\n"
		"dependency.java=org.springframework.boot:spring-boot-starter-"
		"web"
		" :16 [<dependencies>]\n"
		"dev_dependency.java=org.junit.jupiter:junit-jupiter :20 "
		"[<dependencies> scope test]\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__pom_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "a/pom.xml",
		"<project>\n"
		"  <artifactId>x</artifactId>\n"
		"  <version>1</versio>\n"
		"</project>\n");
	collect(r, "b/pom.xml", "<project>\n  <!-- open\n");
	collect(r, "c/pom.xml", "<project>\n  <artifactId>x</artifactId>\n");
	collect(r, "d/pom.xml", "<project><a b=\"1></project>\n");
	collect(r, "e/pom.xml", "</project>\n");
	assert_string_equal("manifest.name=x :2\n"
			    "manifest.version=1 :3\n"
			    "manifest.name=x :2\n",
			    facts(r));
	assert_string_equal(
		"a/pom.xml:3:13: expected '</version>'\n"
		"b/pom.xml:2:3: unterminated comment\n"
		"c/pom.xml:3:1: expected '</project>' before the end of the "
		"file\n"
		"d/pom.xml:1:10: expected '>' to close '<a'\n"
		"e/pom.xml:1:1: unexpected '</project>'\n",
		diags(r));
}

/* Hostile nesting is cut off with a diagnostic, not followed. */
static void test_collect_manifest__deep_nesting(void **state)
{
	struct run *r = *state;
	struct rc_buf b = RC_BUF_INIT;
	int i;

	for (i = 0; i < 100; i++)
		rc_buf_adds(&b, "<a>");
	collect(r, "pom.xml", b.ptr);
	rc_buf_reset(&b);
	rc_buf_adds(&b, "add_library(x ");
	for (i = 0; i < 100; i++)
		rc_buf_addc(&b, '(');
	collect(r, "CMakeLists.txt", b.ptr);
	rc_buf_reset(&b);
	rc_buf_adds(&b, "setup(install_requires=[");
	for (i = 0; i < 100; i++)
		rc_buf_adds(&b, "['a',");
	collect(r, "setup.py", b.ptr);
	assert_int_equal(0, rc_buf_err(&b));
	rc_buf_release(&b);
	/* the strings of the first 64 levels only */
	{
		size_t it = 0, n = 0;

		while (rc_facts_next(r->f, "dependency.python", &it))
			n++;
		assert_int_equal(63, n);
	}
	assert_string_equal("pom.xml:1:193: elements nested too deeply at "
			    "'<a>'\n"
			    "CMakeLists.txt:1:78: parentheses nested too "
			    "deeply\n",
			    diags(r));
}

static void test_collect_manifest__gradle(void **state)
{
	struct run *r = *state;

	collect(r, "lib/build.gradle",
		"plugins {\n"
		"    id 'java-library'\n"
		"}\n"
		"dependencies {\n"
		"    implementation 'com.google.guava:guava:32.1.2-jre'\n"
		"    api(\"org.apache.commons:commons-lang3:3.13.0\")\n"
		"    testImplementation group: 'junit', name: 'junit', "
		"version: '4.13'\n"
		"    implementation platform('org.x:bom:1.0')\n"
		"    implementation project(':core') // 'x:y:1'\n"
		"    /* implementation 'a:b:c'\n"
		"       */\n"
		"    annotationProcessor 'org.projectlombok:lombok:1.18.30'\n"
		"    implementation 'not-a-coordinate'\n"
		"}\n");
	collect(r, "app/build.gradle.kts",
		"plugins {\n"
		"    `java-library`\n"
		"    id(\"org.springframework.boot\") version \"3.2.0\"\n"
		"}\n"
		"dependencies {\n"
		"    implementation(\"org.springframework.boot:"
		"spring-boot-starter-web\")\n"
		"    testImplementation(kotlin(\"test\"))\n"
		"}\n");
	/* the Spring Boot plugin builds an executable jar, named after the
	 * directory when no main class is given */
	assert_string_equal(
		"gradle.plugin=java-library :2\n"
		"manifest.lib=true :2\n"
		"dependency.java=com.google.guava:guava :5 [implementation]\n"
		"dependency.java=org.apache.commons:commons-lang3 :6 [api]\n"
		"dev_dependency.java=junit:junit :7 [testImplementation]\n"
		"dev_dependency.java=org.projectlombok:lombok :12 "
		"[annotationProcessor]\n"
		"gradle.plugin=java-library :2\n"
		"manifest.lib=true :2\n"
		"gradle.plugin=org.springframework.boot :3\n"
		"dependency.java=org.springframework.boot:"
		"spring-boot-starter-web :6 [implementation]\n"
		"manifest.bin=app :3\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__gradle_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "build.gradle",
		"dependencies {\n"
		"    implementation 'a:b:1'\n"
		"    implementation 'c:d\n"
		"}\n");
	assert_string_equal("dependency.java=a:b :2 [implementation]\n",
			    facts(r));
	assert_string_equal("build.gradle:3:20: unterminated string\n",
			    diags(r));
}

static void test_collect_manifest__gradle_application(void **state)
{
	struct run *r = *state;

	collect(r, "cli/build.gradle.kts",
		"plugins {\n"
		"    application\n"
		"    `maven-publish`\n"
		"    kotlin(\"jvm\") version \"2.0.0\"\n"
		"}\n"
		"version = \"1.4.2\"\n"
		"application {\n"
		"    mainClass.set(\"com.acme.MainKt\")\n"
		"}\n"
		"publishing { publications { create<MavenPublication>(\"x\") {"
		" version = \"9\" } } }\n"
		"dependencies { implementation(\"info.picocli:picocli:4.7.6\") "
		"}\n");
	collect(r, "build.gradle",
		"apply plugin: 'application'\n"
		"version = '2.0.0'\n"
		"mainClassName = 'com.acme.Tool'\n"
		"jar { manifest { attributes 'Main-Class': 'com.acme.Other' } "
		"}\n");
	collect(r, "tool/build.gradle",
		"plugins { id 'application' }\n"
		"subprojects { version = '0.1' }\n"
		"version = \"${major}.0\"\n");
	/* the first main class wins; a version inside a block or computed
	 * is not the project's; without a main class the directory names
	 * the program */
	assert_string_equal(
		"gradle.plugin=application :2\n"
		"gradle.plugin=maven-publish :3\n"
		"manifest.publish=maven-publish :3\n"
		"manifest.version=1.4.2 :6\n"
		"dependency.java=info.picocli:picocli :11 [implementation]\n"
		"manifest.bin=com.acme.MainKt :8\n"
		"gradle.plugin=application :1\n"
		"manifest.version=2.0.0 :2\n"
		"manifest.bin=com.acme.Tool :3\n"
		"gradle.plugin=application :1\n"
		"manifest.bin=tool :1\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__pom_executable(void **state)
{
	struct run *r = *state;

	collect(r, "a/pom.xml",
		"<project>\n"
		"  <artifactId>tool</artifactId>\n"
		"  <distributionManagement><repository><id>x</id>"
		"</repository></distributionManagement>\n"
		"  <build><plugins><plugin>\n"
		"    <artifactId>maven-assembly-plugin</artifactId>\n"
		"    <configuration><archive><manifest>\n"
		"      <mainClass>com.acme.Main</mainClass>\n"
		"    </manifest></archive></configuration>\n"
		"  </plugin></plugins></build>\n"
		"</project>\n");
	collect(r, "b/pom.xml",
		"<project>\n"
		"  <artifactId>batch</artifactId>\n"
		"  <build><plugins><plugin>\n"
		"    <artifactId>spring-boot-maven-plugin</artifactId>\n"
		"  </plugin></plugins>\n"
		"  <pluginManagement><plugins><plugin><configuration>"
		"<mainClass>Nope</mainClass></configuration></plugin></plugins>"
		"</pluginManagement></build>\n"
		"</project>\n");
	collect(r, "c/pom.xml",
		"<project>\n"
		"  <artifactId>run</artifactId>\n"
		"  <version>${revision}</version>\n"
		"  <properties><exec.mainClass>com.acme.Run</exec.mainClass>"
		"</properties>\n"
		"</project>\n");
	assert_string_equal("manifest.name=tool :2\n"
			    "manifest.publish=distributionManagement :3\n"
			    "manifest.bin=com.acme.Main :7\n"
			    "manifest.name=batch :2\n"
			    "manifest.bin=batch :4\n"
			    "manifest.name=run :2\n"
			    "manifest.bin=com.acme.Run :4\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

/* Gemfile, composer.json, *.csproj */

static void test_collect_manifest__gemfile(void **state)
{
	struct run *r = *state;

	collect(r, "Gemfile",
		"source \"https://rubygems.org\"\n"
		"gem \"rails\", \"~> 7.0\"\n"
		"gem 'pg' # database\n"
		"group :development, :test do\n"
		"  gem \"rspec-rails\"\n"
		"  if ENV[\"X\"]\n"
		"    gem \"debug\"\n"
		"  end\n"
		"end\n"
		"platforms :jruby do\n"
		"  gem \"jdbc\"\n"
		"end\n"
		"gem \"rubocop\", require: false, group: :development\n"
		"gem(\"puma\")\n"
		"gemspec\n");
	assert_string_equal(
		"dependency.ruby=rails :2\n"
		"dependency.ruby=pg :3\n"
		"dev_dependency.ruby=rspec-rails :5 [group development/test]\n"
		"dev_dependency.ruby=debug :7 [group development/test]\n"
		"dependency.ruby=jdbc :11\n"
		"dev_dependency.ruby=rubocop :13 [group development/test]\n"
		"dependency.ruby=puma :14\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__gemfile_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "Gemfile", "gem\n  gem \"open\n");
	assert_string_equal("", facts(r));
	assert_string_equal("Gemfile:1:4: expected a gem name\n"
			    "Gemfile:2:7: unterminated string\n",
			    diags(r));
}

static void test_collect_manifest__gemspec(void **state)
{
	struct run *r = *state;

	collect(r, "quill.gemspec",
		"# frozen_string_literal: true\n"
		"require_relative \"lib/quill/version\"\n"
		"Gem::Specification.new do |spec|\n"
		"  spec.name = \"quill\"\n"
		"  spec.version = Quill::VERSION\n"
		"  spec.licenses = %w[MIT Apache-2.0]\n"
		"  spec.description = <<~DESC\n"
		"    spec.name = \"not this\"\n"
		"  DESC\n"
		"  spec.bindir = \"exe\"\n"
		"  spec.executables = spec.files.grep(%r{\\Aexe/}) { |f| "
		"File.basename(f) }\n"
		"  spec.add_dependency \"thor\", \"~> 1.3\"\n"
		"  spec.add_runtime_dependency(%q<zeitwerk>, [\">= 2\"])\n"
		"  spec.add_development_dependency 'rspec' # tests\n"
		"  other.name = \"ignored\"\n"
		"  spec.add_dependency name_from_elsewhere\n"
		"end\n");
	collect(r, "tools/x.gemspec",
		"Gem::Specification.new do |s|\n"
		"  s.name = 'x'\n"
		"  s.version = '0.3.1'.freeze\n"
		"  s.license = \"MIT\"\n"
		"  s.executables = [\"x\", 'x-admin']\n"
		"  s.executables << \"x-extra\"\n"
		"  s.version = \"9.9.9\"\n"
		"end\n");
	assert_string_equal(
		"manifest.name=quill :4\n"
		"manifest.license=MIT :6\n"
		"manifest.license=Apache-2.0 :6\n"
		"gem.bindir=exe :10\n"
		"gem.executables=spec.files.grep(%r{\\Aexe/}) { |f| "
		"File.basename(f) } :11\n"
		"dependency.ruby=thor :12 [add_dependency]\n"
		"dependency.ruby=zeitwerk :13 [add_runtime_dependency]\n"
		"dev_dependency.ruby=rspec :14 [add_development_dependency]\n"
		"manifest.name=x :2\n"
		"manifest.version=0.3.1 :3\n"
		"manifest.license=MIT :4\n"
		"manifest.bin=x :5\n"
		"manifest.bin=x-admin :5\n"
		"manifest.bin=x-extra :6\n",
		facts(r));
	assert_manifest_fact(r, "quill.gemspec");
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__gemspec_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "a.gemspec",
		"Gem::Specification.new do |s|\n"
		"  s.add_dependency \"open\n"
		"  s.name = \"a\n"
		"  s.add_dependency 'b'\n");
	assert_string_equal("dependency.ruby=b :4 [add_dependency]\n",
			    facts(r));
	assert_string_equal("a.gemspec:2:20: unterminated string\n", diags(r));
}

static void test_collect_manifest__ruby_version(void **state)
{
	struct run *r = *state;

	collect(r, "lib/quill/version.rb",
		"# frozen_string_literal: true\n"
		"module Quill\n"
		"  VERSION_NOTE = \"x\"\n"
		"  VERSION == \"0\"\n"
		"  VERSION = \"1.2.3\".freeze\n"
		"  VERSION = \"9\"\n"
		"end\n");
	collect(r, "gems/b/lib/b/version.rb",
		"module B\n  VERSION = \"#{MAJOR}.0\"\nend\n");
	/* a version file is read but is not a manifest */
	assert_string_equal("manifest.version=1.2.3 :5\n", facts(r));
	assert_null(rc_facts_find(r->f, "manifest", "lib/quill/version.rb"));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__composer(void **state)
{
	struct run *r = *state;

	collect(r, "composer.json",
		"{\n"
		"  \"name\": \"acme/app\",\n"
		"  \"type\": \"library\",\n"
		"  \"license\": [\"MIT\"],\n"
		"  \"require\": {\n"
		"    \"php\": \">=8.1\",\n"
		"    \"ext-json\": \"*\",\n"
		"    \"laravel/framework\": \"^10\"\n"
		"  },\n"
		"  \"require-dev\": {\"phpunit/phpunit\": \"^10\"}\n"
		"}\n");
	assert_string_equal(
		"manifest.name=acme/app :2\n"
		"manifest.license=MIT :4\n"
		"dependency.php=laravel/framework :8 [require]\n"
		"dev_dependency.php=phpunit/phpunit :10 [require-dev]\n"
		"composer.type=library :3\n"
		"manifest.lib=true :3\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__composer_bin_autoload(void **state)
{
	struct run *r = *state;

	collect(r, "a/composer.json",
		"{\n"
		"  \"name\": \"acme/tool\",\n"
		"  \"bin\": [\"bin/acme\", \"bin/acme-admin\"],\n"
		"  \"autoload\": {\"psr-4\": {\"Acme\\\\\": \"src/\"}}\n"
		"}\n");
	collect(r, "b/composer.json",
		"{\"name\": \"acme/site\", \"type\": \"project\",\n"
		" \"autoload\": {\"psr-4\": {\"App\\\\\": \"app/\"}},\n"
		" \"bin\": \"bin/site\"}\n");
	collect(r, "c/composer.json",
		"{\"name\": \"acme/empty\", \"autoload\": {}}\n");
	/* composer's default type is library: a named package that
	 * autoloads classes is one */
	assert_string_equal("manifest.name=acme/tool :2\n"
			    "manifest.bin=acme :3\n"
			    "manifest.bin=acme-admin :3\n"
			    "manifest.lib=true :4\n"
			    "manifest.name=acme/site :1\n"
			    "composer.type=project :1\n"
			    "manifest.bin=site :3\n"
			    "manifest.name=acme/empty :1\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__csproj(void **state)
{
	struct run *r = *state;

	collect(r, "src/Api/Api.csproj",
		"<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n"
		"  <PropertyGroup>\n"
		"    <OutputType>Exe</OutputType>\n"
		"    <Version>1.4.0</Version>\n"
		"    <PackageLicenseExpression>MIT</PackageLicenseExpression>\n"
		"  </PropertyGroup>\n"
		"  <ItemGroup>\n"
		"    <PackageReference Include=\"Serilog\" Version=\"3.0.0\" "
		"/>\n"
		"    <PackageReference Include='StyleCop.Analyzers' "
		"PrivateAssets=\"All\" />\n"
		"    <PackageReference Update=\"Ignored\" />\n"
		"  </ItemGroup>\n"
		"</Project>\n");
	collect(r, "src/Lib/Lib.fsproj",
		"<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		"  <PropertyGroup><PackageId>Acme.Lib</PackageId>"
		"</PropertyGroup>\n"
		"</Project>\n");
	assert_string_equal("dotnet.sdk=Microsoft.NET.Sdk.Web :1\n"
			    "manifest.bin=Api :3\n"
			    "manifest.version=1.4.0 :4\n"
			    "manifest.license=MIT :5\n"
			    "dependency.dotnet=Serilog :8 [PackageReference]\n"
			    "dev_dependency.dotnet=StyleCop.Analyzers :9 "
			    "[PackageReference]\n"
			    "manifest.name=Api :0\n"
			    "dotnet.sdk=Microsoft.NET.Sdk :1\n"
			    "manifest.publish=PackageId :2\n"
			    "manifest.name=Acme.Lib :2\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__csproj_packaging(void **state)
{
	struct run *r = *state;

	collect(r, "src/Tool/Tool.csproj",
		"<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		"  <PropertyGroup>\n"
		"    <OutputType>Exe</OutputType>\n"
		"    <VersionPrefix>2.1.0</VersionPrefix>\n"
		"    <VersionSuffix>beta.1</VersionSuffix>\n"
		"    <IsPackable>true</IsPackable>\n"
		"  </PropertyGroup>\n"
		"  <ItemGroup>\n"
		"    <FrameworkReference Include=\"Microsoft.AspNetCore.App\" "
		"/>\n"
		"  </ItemGroup>\n"
		"</Project>\n");
	collect(r, "src/Core/Core.csproj",
		"<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		"  <PropertyGroup>\n"
		"    <Version>$(CoreVersion)</Version>\n"
		"    <VersionPrefix>1.0.0</VersionPrefix>\n"
		"    <IsPackable>false</IsPackable>\n"
		"    <GeneratePackageOnBuild>true</GeneratePackageOnBuild>\n"
		"  </PropertyGroup>\n"
		"</Project>\n");
	collect(r, "src/Both/Both.csproj",
		"<Project><PropertyGroup>\n"
		"<Version>3.0.0</Version><VersionPrefix>1.0.0</VersionPrefix>\n"
		"</PropertyGroup></Project>\n");
	/* a computed <Version> is no version: <VersionPrefix> is used */
	assert_string_equal("dotnet.sdk=Microsoft.NET.Sdk :1\n"
			    "manifest.bin=Tool :3\n"
			    "manifest.publish=IsPackable :6\n"
			    "dotnet.framework=Microsoft.AspNetCore.App :9\n"
			    "manifest.version=2.1.0-beta.1 :4\n"
			    "manifest.name=Tool :0\n"
			    "dotnet.sdk=Microsoft.NET.Sdk :1\n"
			    "manifest.private=true :5\n"
			    "manifest.publish=GeneratePackageOnBuild :6\n"
			    "manifest.version=1.0.0 :4\n"
			    "manifest.name=Core :0\n"
			    "manifest.version=3.0.0 :2\n"
			    "manifest.name=Both :0\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

/* CMakeLists.txt and meson.build */

static void test_collect_manifest__cmake(void **state)
{
	struct run *r = *state;

	collect(r, "CMakeLists.txt",
		"cmake_minimum_required(VERSION 3.16)\n"
		"project(mylib VERSION 1.2.0 LANGUAGES C)\n"
		"find_package(PkgConfig REQUIRED)\n"
		"find_package(OpenSSL 3 REQUIRED)\n"
		"pkg_check_modules(DEPS REQUIRED IMPORTED_TARGET\n"
		"  libmicrohttpd>=0.9 glib-2.0 >= 2.50 zlib)\n"
		"#[[ add_executable(commented x.c)\n"
		"]] # add_executable(also x.c)\n"
		"#[==[ ]] ]==]\n"
		"add_library(${PROJECT_NAME} STATIC src/a.c)\n"
		"add_library(foo::bar ALIAS mylib)\n"
		"add_library(ext SHARED IMPORTED)\n"
		"ADD_EXECUTABLE(mytool \"src/main.c\") # comment\n"
		"add_executable([[bracket]] x.c)\n"
		"if((A) AND B)\n"
		"  message(\"a \\\" quote ) (\")\n"
		"endif()\n"
		"find_package(GTest)\n");
	collect(r, "tests/CMakeLists.txt",
		"find_package(Boost)\n"
		"add_executable(test_a test_a.c)\n");
	assert_string_equal(
		"manifest.name=mylib :2\n"
		"manifest.version=1.2.0 :2\n"
		"dependency.c=OpenSSL :4 [find_package]\n"
		"dependency.c=libmicrohttpd :6 [pkg_check_modules]\n"
		"dependency.c=glib-2.0 :6 [pkg_check_modules]\n"
		"dependency.c=zlib :6 [pkg_check_modules]\n"
		"c.target=library:mylib :10\n"
		"c.target=executable:mytool :13\n"
		"c.target=executable:bracket :14\n"
		"dev_dependency.c=GTest :18 [find_package]\n"
		"dev_dependency.c=Boost :1 [find_package]\n"
		"c.target=executable:test_a :2\n",
		facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__cmake_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "a/CMakeLists.txt",
		"add_library(a a.c)\nadd_executable(b\n");
	collect(r, "b/CMakeLists.txt", "message(\"open)\n");
	collect(r, "c/CMakeLists.txt", "project x\n");
	collect(r, "d/CMakeLists.txt", "#[[ open\n");
	collect(r, "e/CMakeLists.txt", "set(x [=[ open ]])\n");
	collect(r, "f/CMakeLists.txt", "  \"quoted\"()\n");
	assert_string_equal("c.target=library:a :1\n", facts(r));
	assert_string_equal(
		"a/CMakeLists.txt:2:15: expected ')'\n"
		"b/CMakeLists.txt:1:9: unterminated string\n"
		"c/CMakeLists.txt:1:9: expected '(' after the command name\n"
		"d/CMakeLists.txt:1:1: unterminated bracket comment\n"
		"e/CMakeLists.txt:1:7: unterminated bracket argument\n"
		"f/CMakeLists.txt:1:3: expected a command name\n",
		diags(r));
}

static void test_collect_manifest__meson(void **state)
{
	struct run *r = *state;

	collect(r, "meson.build",
		"project('proj', 'c',\n"
		"  version : '0.1',\n"
		"  license : ['MIT', 'Apache-2.0'],\n"
		"  default_options : ['warning_level=3'])\n"
		"# executable('commented', 'x.c')\n"
		"glib = dependency('glib-2.0', version : '>=2.50')\n"
		"executable('prog', 'main.c', dependencies : glib)\n"
		"lib = shared_library('foo', '''foo.c''')\n"
		"static_library(name, 'x.c')\n");
	collect(r, "tests/meson.build", "cm = dependency('cmocka')\n");
	assert_string_equal("manifest.name=proj :1\n"
			    "manifest.version=0.1 :2\n"
			    "manifest.license=MIT :3\n"
			    "dependency.c=glib-2.0 :6 [dependency()]\n"
			    "c.target=executable:prog :7\n"
			    "c.target=library:foo :8\n"
			    "dev_dependency.c=cmocka :1 [dependency()]\n",
			    facts(r));
	assert_string_equal("", diags(r));
}

static void test_collect_manifest__meson_malformed(void **state)
{
	struct run *r = *state;

	collect(r, "meson.build", "project('x')\nexecutable('open\n");
	assert_string_equal("manifest.name=x :1\n", facts(r));
	assert_string_equal("meson.build:2:12: unterminated string\n",
			    diags(r));
}

/* Kubernetes YAML */

static void test_collect_manifest__k8s(void **state)
{
	struct run *r = *state;

	collect(r, "deploy/app.yaml",
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"---\n"
		"# a deployment\n"
		"apiVersion: apps/v1\n"
		"kind: \"Deployment\" # quoted\n"
		"metadata:\n"
		"  kind: Nested\n"
		"---\n"
		"kind: NoApiVersion\n");
	collect(r, "config.yml", "name: x\nkind: thing\n");
	/* the workload collector adds the Deployment (replicas default 1) */
	assert_string_equal("k8s.kind=ConfigMap :2\n"
			    "k8s.kind=Deployment :6\n"
			    "k8s.workload=Deployment/(unnamed) :6\n"
			    "k8s.replicas= :6\n",
			    facts(r));
	/* not manifests */
	assert_null(rc_facts_get(r->f, "manifest"));
}

/* The dispatcher */

static void test_collect_manifest__wants(void **state)
{
	static const struct {
		const char *path;
		bool want;
	} cases[] = {
		{ "Cargo.toml", true },
		{ "crates/a/Cargo.toml", true },
		{ "Cargo.lock", true },
		{ "pyproject.toml", true },
		{ "requirements.txt", true },
		{ "requirements-dev.txt", true },
		{ "dev-requirements.txt", true },
		{ "requirements/prod.txt", true },
		{ "requirements.in", true },
		{ "constraints.txt", false },
		{ "notes.txt", false },
		{ "setup.py", true },
		{ "setup.cfg", true },
		{ "package.json", true },
		{ "package-lock.json", true },
		{ "go.mod", true },
		{ "go.sum", true },
		{ "main.go", true },
		{ "main_test.go", false },
		{ "pom.xml", true },
		{ "build.gradle", true },
		{ "build.gradle.kts", true },
		{ "Gemfile", true },
		{ "Gemfile.lock", true },
		{ "quill.gemspec", true },
		{ "lib/quill/version.rb", true },
		{ "gems/a/lib/a/version.rb", true },
		{ "app/version.rb", false },
		{ ".gemspec", false },
		{ "node_modules/x/package-lock.json", false },
		{ "composer.json", true },
		{ "src/App/App.csproj", true },
		{ "CMakeLists.txt", true },
		{ "meson.build", true },
		{ "Makefile", true },
		{ "scripts/lint.sh", true },
		{ ".ci/run", true },
		{ "docs/notes.txt", false },
		{ "deploy/app.yaml", true },
		{ "pnpm-lock.yaml", true },
		{ "README.md", true },	 /* doc.heading (docs.h) */
		{ "src/main.rs", true }, /* inline tests are counted */
		{ "tests/it.rs", false },
		/* other people's code and test data */
		{ "node_modules/express/package.json", false },
		{ "vendor/github.com/x/y/go.mod", false },
		{ "vendor/github.com/x/y/y.go", false },
		{ "third_party/zlib/CMakeLists.txt", false },
		{ "tests/fixtures/rust/Cargo.toml", false },
		{ "examples/server/package.json", false },
		{ "pkg/testdata/x.go", false },
		{ ".venv/lib/site-packages/x/setup.py", false },
		{ "fuzz/corpora/manifest/go.mod", false },
		{ "fuzz/corpus/package.json", false },
		{ "vendored/Cargo.toml", true },
		/* CI and containers go to their collectors anywhere */
		{ ".github/workflows/ci.yml", true },
		{ ".gitlab-ci.yml", true },
		{ ".circleci/config.yml", true },
		{ "Jenkinsfile", true },
		{ ".travis.yml", true },
		{ "Dockerfile", true },
		{ "docker/api.Dockerfile", true },
		{ "Dockerfile.dev", true },
		{ "Containerfile", true },
		{ "tests/fixtures/app/Dockerfile", true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		if (rc_collect_wants(cases[i].path) != cases[i].want)
			fail_msg("rc_collect_wants(\"%s\") is %s",
				 cases[i].path,
				 cases[i].want ? "false" : "true");
	}
}

static void test_collect_manifest__unwanted_adds_nothing(void **state)
{
	struct run *r = *state;

	assert_int_equal(0,
			 rc_collect_file(r->f, &r->d, "LICENSE", "# x\n", 4));
	assert_int_equal(0, rc_collect_file(r->f, &r->d,
					    "node_modules/x/package.json",
					    "{\"name\":\"x\"}", 12));
	assert_int_equal(0, rc_facts_count(r->f));
	assert_int_equal(0, r->d.list.n);
}

/* Allocation failures: every collector fails cleanly with RC_ENOMEM. */

static const struct {
	const char *path, *text;
} oom_inputs[] = {
	{ "Cargo.toml", "[package]\nname = \"a\"\n[dependencies]\nx = "
			"{ version = \"1\", features = [\"f\"] }\n[[bin]]\n" },
	{ "pyproject.toml", "[project]\nname = \"a\"\ndependencies = "
			    "[\"b\"]\n[project.scripts]\nc = \"d\"\n" },
	{ "requirements.txt", "a\nb==1\n" },
	{ "setup.py", "setup(name='a', install_requires=['b'])\n" },
	{ "setup.cfg", "[metadata]\nname = a\n[options]\ninstall_requires "
		       "=\n  b\n" },
	{ "package.json", "{\"name\":\"a\",\"dependencies\":{\"b\":\"1\"},"
			  "\"bin\":\"c\"}" },
	{ "go.mod", "module a\nrequire b v1\n" },
	{ "main.go", "package main\nhttp.ListenAndServe(x)\n" },
	{ "pom.xml", "<project><artifactId>a</artifactId><dependencies>"
		     "<dependency><artifactId>b</artifactId></dependency>"
		     "</dependencies></project>" },
	{ "build.gradle", "id 'java-library'\nimplementation 'a:b:1'\n" },
	{ "Gemfile", "gem 'a'\n" },
	{ "a.gemspec",
	  "Gem::Specification.new do |s|\n s.name = 'a'\n"
	  " s.executables = %w[a b]\n s.add_dependency 'c'\nend\n" },
	{ "lib/a/version.rb", "VERSION = '1.0.0'\n" },
	{ "pom.xml", "<project><artifactId>a</artifactId><build><plugins>"
		     "<plugin><artifactId>spring-boot-maven-plugin</artifactId>"
		     "</plugin></plugins></build></project>" },
	{ "app/build.gradle", "plugins { id 'application' }\n"
			      "version = '1'\n" },
	{ "composer.json", "{\"name\":\"a/b\",\"bin\":[\"bin/c\"],"
			   "\"autoload\":{\"psr-4\":{\"A\":\"s\"}}}" },
	{ "b.csproj", "<Project><PropertyGroup><VersionPrefix>1</VersionPrefix>"
		      "<PackageId>b</PackageId></PropertyGroup></Project>" },
	{ "composer.json", "{\"require\":{\"a/b\":\"1\"}}" },
	{ "a.csproj", "<Project Sdk=\"x\"><ItemGroup><PackageReference "
		      "Include=\"a\"/></ItemGroup></Project>" },
	{ "CMakeLists.txt", "project(a)\nadd_library(b)\nfind_package(c)\n" },
	{ "meson.build", "project('a')\nexecutable('b')\n" },
	{ "k.yaml", "apiVersion: v1\nkind: Pod\n" },
	{ "Cargo.toml", "bad =" },
};

static void test_collect_manifest__oom(void **state)
{
	size_t k;
	long n;

	(void)state;
	for (k = 0; k < RC_ARRAY_SIZE(oom_inputs); k++) {
		for (n = 0;; n++) {
			struct rc_facts *f;
			struct rc_diags d = RC_DIAGS_INIT;
			int e;

			assert_int_equal(0, rc_facts_new(&f));
			rc_alloc_fail_after(n);
			e = rc_collect_file(f, &d, oom_inputs[k].path,
					    oom_inputs[k].text,
					    strlen(oom_inputs[k].text));
			rc_alloc_fail_after(-1);
			rc_facts_free(f);
			rc_diags_release(&d);
			if (!e)
				break;
			assert_int_equal(RC_ENOMEM, e);
			assert_true(n < 10000);
		}
	}
}

#define T(name)                                                               \
	cmocka_unit_test_setup_teardown(test_collect_manifest__##name, setup, \
					teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(cargo),
		T(cargo_workspace),
		T(cargo_malformed),
		T(cargo_wrong_types),
		T(pyproject),
		T(pyproject_poetry),
		T(pyproject_malformed),
		T(requirements),
		T(requirements_dev),
		T(requirements_malformed),
		T(setup_py),
		T(setup_py_ini_entry_points),
		T(setup_py_malformed),
		T(setup_cfg),
		T(setup_cfg_malformed),
		T(package_json),
		T(package_json_bins),
		T(package_json_malformed),
		T(gomod),
		T(gomod_malformed),
		T(go_source),
		T(pom),
		T(pom_malformed),
		T(deep_nesting),
		T(gradle),
		T(gradle_malformed),
		T(gradle_application),
		T(pom_executable),
		T(gemfile),
		T(gemfile_malformed),
		T(gemspec),
		T(gemspec_malformed),
		T(ruby_version),
		T(composer),
		T(composer_bin_autoload),
		T(csproj),
		T(csproj_packaging),
		T(cmake),
		T(cmake_malformed),
		T(meson),
		T(meson_malformed),
		T(k8s),
		T(wants),
		T(unwanted_adds_nothing),
		T(oom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
