/*
 * test_collect_project.c - ecosystems, platforms, packages and project
 * kinds decided by rc_collect_project().
 *
 * Each case is a small repository given as a table of files (path and
 * contents, in walk order). Every file is added to the file list and,
 * when a collector wants it, collected; then rc_collect_project() runs and
 * the facts it added are compared, one per line:
 * "name=value @path:line (note)".
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
#include "facts/facts.h"

struct file {
	const char *path, *text;
};

struct run {
	struct rc_facts *f;
	struct rc_diags d;
	struct rc_buf out;
	bool with_package_kinds; /* print package.kind facts too */
};

static int setup(void **state)
{
	struct run *r = calloc(1, sizeof(*r));

	if (!r || rc_facts_new(&r->f))
		return -1;
	rc_buf_init(&r->out, RC_BUF_MAX_DEFAULT);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct run *r = *state;

	rc_facts_free(r->f);
	rc_diags_release(&r->d);
	rc_buf_release(&r->out);
	free(r);
	return 0;
}

static const char *const project_facts[] = { "ecosystem", "platform", "package",
					     "kind", "package.kind" };

static bool is_project_fact(const char *name)
{
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(project_facts); i++)
		if (!strcmp(name, project_facts[i]))
			return true;
	return false;
}

/* Collect the files, run rc_collect_project(), render what it added. */
static const char *scan_(struct run *r, const struct file *files, size_t n)
{
	size_t i, before;

	for (i = 0; i < n; i++) {
		const char *t = files[i].text;
		size_t len = strlen(t);

		assert_int_equal(
			0, rc_facts_add_file(r->f, files[i].path, len, 0, 1));
		if (rc_collect_wants(files[i].path))
			assert_int_equal(0, rc_collect_file(r->f, &r->d,
							    files[i].path, t,
							    len));
	}
	rc_facts_sort_files(r->f);
	before = rc_facts_count(r->f);
	for (i = 0; i < before; i++)
		assert_false(is_project_fact(rc_facts_at(r->f, i)->name));
	assert_int_equal(0, rc_collect_project(r->f, &r->d));
	assert_int_equal(0, r->d.list.n);
	rc_buf_reset(&r->out);
	for (i = before; i < rc_facts_count(r->f); i++) {
		const struct rc_fact *x = rc_facts_at(r->f, i);

		assert_true(is_project_fact(x->name));
		if (!r->with_package_kinds && !strcmp(x->name, "package.kind"))
			continue;
		rc_buf_addf(&r->out, "%s=%s @%s:%u", x->name, x->str, x->path,
			    x->line);
		if (x->note)
			rc_buf_addf(&r->out, " (%s)", x->note);
		rc_buf_addc(&r->out, '\n');
	}
	assert_int_equal(0, rc_buf_err(&r->out));
	return r->out.ptr;
}

#define scan(r, files) scan_((r), (files), RC_ARRAY_SIZE(files))

/* The cases the brief names */

static void test_collect_project__rust_actix_service(void **state)
{
	static const struct file files[] = {
		{ "Cargo.lock", "# lock\n" },
		{ "Cargo.toml", "[package]\n"
				"name = \"api\"\n"
				"version = \"0.1.0\"\n"
				"edition = \"2021\"\n"
				"\n"
				"[dependencies]\n"
				"actix-web = \"4\"\n"
				"tokio = { version = \"1\", features = "
				"[\"full\"] }\n" },
		{ "Dockerfile", "FROM rust:1.75\nEXPOSE 8080\n" },
		{ "src/main.rs", "fn main() {}\n" },
	};

	assert_string_equal(
		"ecosystem=rust @Cargo.toml:0\n"
		"platform=docker @Dockerfile:0\n"
		"package=. @Cargo.toml:0\n"
		"kind=service @Cargo.toml:7 (actix-web in Cargo.toml "
		"[dependencies])\n",
		scan(*state, files));
}

static void test_collect_project__python_library(void **state)
{
	static const struct file files[] = {
		{ "pyproject.toml", "[build-system]\n"
				    "requires = [\"hatchling\"]\n"
				    "build-backend = \"hatchling.build\"\n"
				    "[project]\n"
				    "name = \"acme-utils\"\n"
				    "version = \"1.0.0\"\n"
				    "dependencies = [\"requests>=2\"]\n" },
		{ "requirements-dev.txt", "pytest\n" },
		{ "src/acme_utils/__init__.py", "" },
		{ "tests/test_utils.py", "def test_x(): pass\n" },
	};

	assert_string_equal("ecosystem=python @pyproject.toml:0\n"
			    "package=. @pyproject.toml:0\n"
			    "kind=library @pyproject.toml:5 (package "
			    "'acme-utils' without scripts in pyproject.toml)\n",
			    scan(*state, files));
}

static void test_collect_project__node_service(void **state)
{
	static const struct file files[] = {
		{ "package-lock.json", "{}\n" },
		{ "package.json",
		  "{\n"
		  "  \"name\": \"api\",\n"
		  "  \"version\": \"1.0.0\",\n"
		  "  \"main\": \"server.js\",\n"
		  "  \"dependencies\": {\n"
		  "    \"express\": \"^4.18.0\",\n"
		  "    \"pino\": \"^8.0.0\"\n"
		  "  },\n"
		  "  \"devDependencies\": { \"jest\": \"^29\" }\n"
		  "}\n" },
		{ "server.js", "require('express')\n" },
	};

	/* a service is not also called a library for its "main" */
	assert_string_equal("ecosystem=node @package.json:0\n"
			    "package=. @package.json:0\n"
			    "kind=service @package.json:6 (express in "
			    "package.json dependencies)\n",
			    scan(*state, files));
}

static void test_collect_project__go_cli(void **state)
{
	static const struct file files[] = {
		{ "cmd/tool/main.go", "// Command tool.\n"
				      "package main\n"
				      "\n"
				      "func main() {}\n" },
		{ "go.mod", "module github.com/acme/tool\n"
			    "\n"
			    "go 1.22\n"
			    "\n"
			    "require github.com/spf13/cobra v1.8.0\n" },
		{ "go.sum", "\n" },
		{ "internal/run/run.go", "package run\n" },
		{ "tools/gen/main.go", "package main\n" },
	};

	assert_string_equal("ecosystem=go @go.mod:0\n"
			    "package=. @go.mod:0\n"
			    "kind=cli @cmd/tool/main.go:2 (package main in "
			    "cmd/tool/main.go)\n",
			    scan(*state, files));
}

static void test_collect_project__c_library_cmake(void **state)
{
	static const struct file files[] = {
		{ "CMakeLists.txt",
		  "cmake_minimum_required(VERSION 3.16)\n"
		  "project(zfast VERSION 2.1.0 LANGUAGES C)\n"
		  "add_library(zfast src/zfast.c)\n"
		  "add_executable(zfast_bench bench/bench.c)\n"
		  "add_subdirectory(tests)\n" },
		{ "include/zfast.h", "int zfast(void);\n" },
		{ "src/zfast.c", "int zfast(void) { return 0; }\n" },
		{ "tests/CMakeLists.txt",
		  "find_package(cmocka REQUIRED)\n"
		  "add_executable(check_zfast check.c)\n"
		  "add_test(NAME t COMMAND check_zfast)\n" },
	};

	/* tests/ belongs to the root package; its executable is a test */
	assert_string_equal("ecosystem=c @CMakeLists.txt:0\n"
			    "package=. @CMakeLists.txt:0\n"
			    "kind=library @CMakeLists.txt:3 (library target "
			    "'zfast' in CMakeLists.txt)\n",
			    scan(*state, files));
}

static void test_collect_project__c_internal_library(void **state)
{
	static const struct file files[] = {
		{ "CMakeLists.txt",
		  "project(tool C)\n"
		  "add_library(core STATIC src/core.c)\n"
		  "add_executable(tool src/main.c)\n"
		  "target_link_libraries(tool PRIVATE core)\n"
		  "install(TARGETS tool RUNTIME DESTINATION bin)\n" },
		{ "src/core.c", "int core(void) { return 0; }\n" },
		{ "src/main.c", "int main(void) { return 0; }\n" },
	};

	/* a static library linked into the program and not installed is part
	 * of the program, not a library to publish */
	assert_string_equal("ecosystem=c @CMakeLists.txt:0\n"
			    "package=. @CMakeLists.txt:0\n"
			    "kind=cli @CMakeLists.txt:3 (executable target "
			    "'tool' in CMakeLists.txt)\n",
			    scan(*state, files));
}

static void test_collect_project__c_makefile_tool(void **state)
{
	static const struct file files[] = {
		{ "Makefile", "CC ?= cc\n"
			      "all: wordfreq\n"
			      "count.o: src/count.c\n"
			      "\t$(CC) -c -o count.o src/count.c\n"
			      "wordfreq: src/main.c count.o\n"
			      "\t$(CC) $(CFLAGS) -o $@ src/main.c count.o\n" },
		{ "src/main.c", "int main(void) { return 0; }\n" },
		{ "src/count.c", "int count(void) { return 0; }\n" },
	};

	/* a Makefile is no manifest: the kind, but no package fact */
	assert_string_equal("ecosystem=c @Makefile:0\n"
			    "kind=cli @Makefile:6 (executable 'wordfreq' "
			    "linked by Makefile)\n",
			    scan(*state, files));
}

static void test_collect_project__tauri_app(void **state)
{
	static const struct file files[] = {
		{ "index.html", "<html></html>\n" },
		{ "package.json", "{\n"
				  "  \"name\": \"desk\",\n"
				  "  \"version\": \"0.1.0\",\n"
				  "  \"dependencies\": {\n"
				  "    \"@tauri-apps/api\": \"^1.5.0\"\n"
				  "  },\n"
				  "  \"devDependencies\": {\n"
				  "    \"@tauri-apps/cli\": \"^1.5.0\",\n"
				  "    \"vite\": \"^5.0.0\"\n"
				  "  }\n"
				  "}\n" },
		{ "src-tauri/Cargo.toml",
		  "[package]\n"
		  "name = \"desk\"\n"
		  "version = \"0.1.0\"\n"
		  "\n"
		  "[build-dependencies]\n"
		  "tauri-build = \"1\"\n"
		  "\n"
		  "[dependencies]\n"
		  "serde = \"1\"\n"
		  "tauri = { version = \"1\", features = "
		  "[\"shell-open\"] }\n" },
		{ "src-tauri/src/main.rs", "fn main() {}\n" },
		{ "src-tauri/tauri.conf.json", "{}\n" },
	};

	/* an app is not also a cli for its main.rs */
	assert_string_equal(
		"ecosystem=rust @src-tauri/Cargo.toml:0\n"
		"ecosystem=node @package.json:0\n"
		"package=. @package.json:0\n"
		"package=src-tauri @src-tauri/Cargo.toml:0\n"
		"kind=app @package.json:5 (@tauri-apps/api in package.json "
		"dependencies)\n"
		"kind=app @src-tauri/Cargo.toml:10 (tauri in "
		"src-tauri/Cargo.toml [dependencies])\n",
		scan(*state, files));
}

static void test_collect_project__monorepo_two(void **state)
{
	static const struct file files[] = {
		{ "README.md", "# mono\n" },
		{ "libs/client/pyproject.toml",
		  "[project]\n"
		  "name = \"client\"\n"
		  "version = \"0.2.0\"\n"
		  "dependencies = [\"httpx\"]\n" },
		{ "services/api/Cargo.toml", "[package]\n"
					     "name = \"api\"\n"
					     "version = \"0.1.0\"\n"
					     "[dependencies]\n"
					     "axum = \"0.7\"\n" },
		{ "services/api/src/main.rs", "fn main() {}\n" },
	};

	assert_string_equal(
		"ecosystem=rust @services/api/Cargo.toml:0\n"
		"ecosystem=python @libs/client/pyproject.toml:0\n"
		"package=libs/client @libs/client/pyproject.toml:0\n"
		"package=services/api @services/api/Cargo.toml:0\n"
		"kind=library @libs/client/pyproject.toml:2 (package "
		"'client' without scripts in libs/client/pyproject.toml)\n"
		"kind=service @services/api/Cargo.toml:5 (axum in "
		"services/api/Cargo.toml [dependencies])\n",
		scan(*state, files));
}

/* package.kind: each kind again, with its package's directory as note */
static void test_collect_project__package_kinds(void **state)
{
	static const struct file files[] = {
		{ "Cargo.toml", "[package]\n"
				"name = \"root\"\n"
				"[dependencies]\n"
				"axum = \"0.7\"\n" },
		{ "apps/cli/package.json", "{\"name\": \"c\", \"bin\": "
					   "\"c.js\"}\n" },
	};
	struct run *r = *state;
	const struct rc_fact *x;
	size_t it = 0;

	r->with_package_kinds = true;
	scan(r, files);
	x = rc_facts_next(r->f, "package.kind", &it);
	assert_non_null(x);
	assert_string_equal(x->str, "service");
	assert_string_equal(x->note, ".");
	assert_string_equal(x->path, "Cargo.toml");
	x = rc_facts_next(r->f, "package.kind", &it);
	assert_non_null(x);
	assert_string_equal(x->str, "cli");
	assert_string_equal(x->note, "apps/cli");
	assert_null(rc_facts_next(r->f, "package.kind", &it));
}

/* Rust targets */

static void test_collect_project__rust_targets(void **state)
{
	static const struct file files[] = {
		{ "Cargo.toml", "[workspace]\n"
				"members = [\"crates/*\"]\n" },
		/* [lib] and [[bin]]: both */
		{ "crates/both/Cargo.toml", "[package]\n"
					    "name = \"both\"\n"
					    "[lib]\n"
					    "name = \"both\"\n"
					    "[[bin]]\n"
					    "name = \"both-cli\"\n" },
		/* lib.rs only: a library */
		{ "crates/core/Cargo.toml", "[package]\n"
					    "name = \"core\"\n" },
		{ "crates/core/src/lib.rs", "" },
		/* lib.rs and main.rs without [lib]: a cli */
		{ "crates/tool/Cargo.toml", "[package]\n"
					    "name = \"tool\"\n" },
		{ "crates/tool/src/lib.rs", "" },
		{ "crates/tool/src/main.rs", "fn main() {}\n" },
		/* src/bin/<x>.rs: a cli */
		{ "crates/xtra/Cargo.toml", "[package]\n"
					    "name = \"xtra\"\n" },
		{ "crates/xtra/src/bin/one.rs", "fn main() {}\n" },
	};

	/* the virtual workspace root is a package without a kind */
	assert_string_equal(
		"ecosystem=rust @Cargo.toml:0\n"
		"package=. @Cargo.toml:0\n"
		"package=crates/both @crates/both/Cargo.toml:0\n"
		"package=crates/core @crates/core/Cargo.toml:0\n"
		"package=crates/tool @crates/tool/Cargo.toml:0\n"
		"package=crates/xtra @crates/xtra/Cargo.toml:0\n"
		"kind=library @crates/both/Cargo.toml:3 ([lib] in "
		"crates/both/Cargo.toml)\n"
		"kind=cli @crates/both/Cargo.toml:5 ([[bin]] both-cli in "
		"crates/both/Cargo.toml)\n"
		"kind=library @crates/core/Cargo.toml:2 (crate 'core' "
		"without a binary target in crates/core/Cargo.toml)\n"
		"kind=cli @crates/tool/src/main.rs:0 (crates/tool/src/main.rs "
		"of crate 'tool')\n"
		"kind=cli @crates/xtra/src/bin/one.rs:0 "
		"(crates/xtra/src/bin/one.rs of crate 'xtra')\n",
		scan(*state, files));
}

static void test_collect_project__hyper_needs_server(void **state)
{
	static const struct file files[] = {
		{ "client/Cargo.toml", "[package]\n"
				       "name = \"client\"\n"
				       "[dependencies]\n"
				       "hyper = { version = \"1\", features = "
				       "[\"client\"] }\n" },
		{ "server/Cargo.toml",
		  "[package]\n"
		  "name = \"server\"\n"
		  "[dependencies]\n"
		  "hyper = { version = \"0.14\", features = "
		  "[\"full\"] }\n" },
		{ "server/src/main.rs", "fn main() {}\n" },
	};

	assert_string_equal(
		"ecosystem=rust @client/Cargo.toml:0\n"
		"package=client @client/Cargo.toml:0\n"
		"package=server @server/Cargo.toml:0\n"
		"kind=library @client/Cargo.toml:2 (crate 'client' without a "
		"binary target in client/Cargo.toml)\n"
		"kind=service @server/Cargo.toml:4 (hyper with the server "
		"feature in server/Cargo.toml [dependencies])\n",
		scan(*state, files));
}

/* Dependencies that do not decide */

static void test_collect_project__peer_and_optional(void **state)
{
	static const struct file files[] = {
		{ "mw/package.json", "{\"name\": \"express-thing\",\n"
				     " \"main\": \"index.js\",\n"
				     " \"peerDependencies\": "
				     "{\"express\": \"4\"},\n"
				     " \"devDependencies\": "
				     "{\"express\": \"4\"}}\n" },
		{ "py/pyproject.toml", "[project]\n"
				       "name = \"kit\"\n"
				       "[project.optional-dependencies]\n"
				       "server = [\"fastapi\"]\n" },
		{ "site/package.json", "{\"name\": \"site\", \"dependencies\": "
				       "{\"react\": \"18\"}}\n" },
	};

	/* site/: nothing decides, so no kind */
	assert_string_equal(
		"ecosystem=python @py/pyproject.toml:0\n"
		"ecosystem=node @mw/package.json:0\n"
		"package=mw @mw/package.json:0\n"
		"package=py @py/pyproject.toml:0\n"
		"package=site @site/package.json:0\n"
		"kind=library @mw/package.json:2 (main/exports in "
		"mw/package.json)\n"
		"kind=library @py/pyproject.toml:2 (package 'kit' without "
		"scripts in py/pyproject.toml)\n",
		scan(*state, files));
}

static void test_collect_project__python_cli_and_service(void **state)
{
	static const struct file files[] = {
		{ "ci/requirements.txt", "tox\n" },
		{ "cli/pyproject.toml", "[project]\n"
					"name = \"tool\"\n"
					"[project.scripts]\n"
					"tool = \"tool.main:run\"\n" },
		{ "docs/requirements.txt", "sphinx\n" },
		{ "web/app.py", "app = Flask(__name__)\n" },
		{ "web/requirements.txt", "Flask==3.0\ngunicorn\n" },
	};

	/* requirements for CI and docs make no package or ecosystem */
	assert_string_equal("ecosystem=python @cli/pyproject.toml:0\n"
			    "package=cli @cli/pyproject.toml:0\n"
			    "package=web @web/requirements.txt:0\n"
			    "kind=cli @cli/pyproject.toml:4 (script 'tool' in "
			    "cli/pyproject.toml)\n"
			    "kind=service @web/requirements.txt:1 (flask in "
			    "web/requirements.txt)\n",
			    scan(*state, files));
}

/* Go */

static void test_collect_project__go_library_and_server(void **state)
{
	static const struct file files[] = {
		{ "lib/go.mod", "module github.com/acme/lib\n\ngo 1.21\n" },
		{ "lib/lib.go", "package lib\n" },
		{ "lib/examples/demo/main.go", "package main\n" },
		{ "srv/go.mod", "module github.com/acme/srv\n" },
		{ "srv/main.go", "package main\n"
				 "\n"
				 "func main() {\n"
				 "\thttp.ListenAndServe(\":8080\", nil)\n"
				 "}\n" },
		{ "web/go.mod", "module github.com/acme/web\n"
				"require (\n"
				"\tgithub.com/go-chi/chi/v5 v5.0.0\n"
				")\n" },
	};

	assert_string_equal(
		"ecosystem=go @lib/go.mod:0\n"
		"package=lib @lib/go.mod:0\n"
		"package=srv @srv/go.mod:0\n"
		"package=web @web/go.mod:0\n"
		"kind=library @lib/go.mod:1 (Go module 'github.com/acme/lib' "
		"without package main in lib/go.mod)\n"
		"kind=service @srv/main.go:4 (http.ListenAndServe in "
		"srv/main.go)\n"
		"kind=service @web/go.mod:3 (github.com/go-chi/chi/v5 in "
		"web/go.mod require)\n",
		scan(*state, files));
}

/* Java, .NET, C */

static void test_collect_project__java_dotnet(void **state)
{
	static const struct file files[] = {
		{ "a/pom.xml", "<project>\n"
			       "  <artifactId>core</artifactId>\n"
			       "</project>\n" },
		{ "b/pom.xml", "<project>\n"
			       "  <artifactId>web</artifactId>\n"
			       "  <packaging>war</packaging>\n"
			       "</project>\n" },
		{ "c/pom.xml", "<project>\n"
			       "  <artifactId>parent</artifactId>\n"
			       "  <packaging>pom</packaging>\n"
			       "</project>\n" },
		{ "d/build.gradle.kts", "plugins { `java-library` }\n" },
		{ "e/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n"
				  "</Project>\n" },
		{ "f/Tests.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>\n"
		  "<PackageReference Include=\"Microsoft.NET.Test.Sdk\"/>\n"
		  "</ItemGroup></Project>\n" },
		{ "g/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
				   "<PropertyGroup>\n"
				   "<OutputType>Exe</OutputType>\n"
				   "</PropertyGroup></Project>\n" },
	};

	assert_string_equal(
		"ecosystem=java @a/pom.xml:0\n"
		"ecosystem=dotnet @e/Api.csproj:0\n"
		"package=a @a/pom.xml:0\n"
		"package=b @b/pom.xml:0\n"
		"package=c @c/pom.xml:0\n"
		"package=d @d/build.gradle.kts:0\n"
		"package=e @e/Api.csproj:0\n"
		"package=f @f/Tests.csproj:0\n"
		"package=g @g/Tool.csproj:0\n"
		"kind=library @a/pom.xml:2 (artifact 'core' with the default "
		"jar packaging in a/pom.xml)\n"
		"kind=service @b/pom.xml:3 (war packaging in b/pom.xml)\n"
		"kind=library @d/build.gradle.kts:1 (java-library plugin in "
		"d/build.gradle.kts)\n"
		"kind=service @e/Api.csproj:1 (Microsoft.NET.Sdk.Web in "
		"e/Api.csproj)\n"
		"kind=cli @g/Tool.csproj:3 (OutputType Exe in g/Tool.csproj)\n",
		scan(*state, files));
}

/* JVM programs and published jars */
static void test_collect_project__jvm_programs(void **state)
{
	static const struct file files[] = {
		/* a main class: a program, not a library */
		{ "a/pom.xml", "<project>\n"
			       "  <artifactId>tool</artifactId>\n"
			       "  <build><plugins><plugin><configuration>\n"
			       "    <mainClass>com.acme.Main</mainClass>\n"
			       "  </configuration></plugin></plugins></build>\n"
			       "</project>\n" },
		/* published and runnable: both */
		{ "b/pom.xml", "<project>\n"
			       "  <artifactId>sdk</artifactId>\n"
			       "  <distributionManagement/>\n"
			       "  <dependencies><dependency>\n"
			       "    <groupId>info.picocli</groupId>\n"
			       "    <artifactId>picocli</artifactId>\n"
			       "  </dependency></dependencies>\n"
			       "</project>\n" },
		/* picocli only in tests does not make a program */
		{ "c/pom.xml", "<project>\n"
			       "  <artifactId>util</artifactId>\n"
			       "  <dependencies><dependency>\n"
			       "    <groupId>info.picocli</groupId>\n"
			       "    <artifactId>picocli</artifactId>\n"
			       "    <scope>test</scope>\n"
			       "  </dependency></dependencies>\n"
			       "</project>\n" },
		{ "d/build.gradle.kts",
		  "plugins {\n"
		  "    application\n"
		  "}\n"
		  "application { mainClass.set(\"M\") }\n" },
		{ "e/build.gradle",
		  "plugins { id 'java'; id 'maven-publish' }\n" },
		{ "f/build.gradle", "dependencies {\n"
				    "  implementation 'com.github.ajalt.clikt:"
				    "clikt:4.4.0'\n"
				    "}\n" },
		/* a Spring web application is a service, whatever its jar */
		{ "g/pom.xml",
		  "<project>\n"
		  "  <artifactId>web</artifactId>\n"
		  "  <dependencies><dependency>\n"
		  "    <groupId>org.springframework.boot</groupId>\n"
		  "    <artifactId>spring-boot-starter-web"
		  "</artifactId>\n"
		  "  </dependency></dependencies>\n"
		  "  <build><plugins><plugin>\n"
		  "    <artifactId>spring-boot-maven-plugin"
		  "</artifactId>\n"
		  "  </plugin></plugins></build>\n"
		  "</project>\n" },
	};

	assert_string_equal(
		"ecosystem=java @a/pom.xml:0\n"
		"package=a @a/pom.xml:0\n"
		"package=b @b/pom.xml:0\n"
		"package=c @c/pom.xml:0\n"
		"package=d @d/build.gradle.kts:0\n"
		"package=e @e/build.gradle:0\n"
		"package=f @f/build.gradle:0\n"
		"package=g @g/pom.xml:0\n"
		"kind=cli @a/pom.xml:4 (executable jar 'com.acme.Main' in "
		"a/pom.xml)\n"
		"kind=library @b/pom.xml:3 (distributionManagement in "
		"b/pom.xml)\n"
		"kind=cli @b/pom.xml:4 (info.picocli:picocli in b/pom.xml "
		"<dependencies>)\n"
		"kind=library @c/pom.xml:2 (artifact 'util' with the default "
		"jar packaging in c/pom.xml)\n"
		"kind=cli @d/build.gradle.kts:4 (application 'M' in "
		"d/build.gradle.kts)\n"
		"kind=library @e/build.gradle:1 (maven-publish in "
		"e/build.gradle)\n"
		"kind=cli @f/build.gradle:2 (com.github.ajalt.clikt:clikt in "
		"f/build.gradle implementation)\n"
		"kind=service @g/pom.xml:3 (org.springframework.boot:spring-"
		"boot-starter-web in g/pom.xml <dependencies>)\n",
		scan(*state, files));
}

/* .NET: web, worker, tool, packaged and internal class libraries */
static void test_collect_project__dotnet_kinds(void **state)
{
	static const struct file files[] = {
		{ "src/Api/Api.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		  "<PropertyGroup><OutputType>Exe</OutputType></"
		  "PropertyGroup>\n"
		  "<ItemGroup><FrameworkReference "
		  "Include=\"Microsoft.AspNetCore.App\"/></ItemGroup>\n"
		  "</Project>\n" },
		{ "src/Jobs/Jobs.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk.Worker\">\n"
		  "<PropertyGroup><OutputType>Exe</OutputType></"
		  "PropertyGroup>\n"
		  "</Project>\n" },
		{ "src/Cli/Cli.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
					"<PropertyGroup><OutputType>Exe</"
					"OutputType></PropertyGroup>\n"
					"</Project>\n" },
		/* parts of the programs above */
		{ "src/Domain/Domain.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n" },
		/* packaged for NuGet */
		{ "src/Client/Client.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		  "<PropertyGroup>\n<PackageId>Acme.Client</PackageId>\n"
		  "</PropertyGroup>\n</Project>\n" },
		{ "src/Internal/Internal.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		  "<PropertyGroup><IsPackable>false</IsPackable>"
		  "<PackageId>x</PackageId></PropertyGroup>\n</Project>\n" },
		/* helpers: a benchmark program, a test project */
		{ "benchmarks/Bench/Bench.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		  "<PropertyGroup><OutputType>Exe</OutputType></"
		  "PropertyGroup>\n"
		  "</Project>\n" },
		{ "tests/Api.Tests/Api.Tests.csproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>\n"
		  "<PackageReference Include=\"Microsoft.NET.Test.Sdk\"/>\n"
		  "</ItemGroup></Project>\n" },
	};

	assert_string_equal(
		"ecosystem=dotnet @benchmarks/Bench/Bench.csproj:0\n"
		"package=src/Api @src/Api/Api.csproj:0\n"
		"package=src/Jobs @src/Jobs/Jobs.csproj:0\n"
		"package=src/Cli @src/Cli/Cli.csproj:0\n"
		"package=src/Domain @src/Domain/Domain.csproj:0\n"
		"package=src/Client @src/Client/Client.csproj:0\n"
		"package=src/Internal @src/Internal/Internal.csproj:0\n"
		"kind=service @src/Api/Api.csproj:3 (FrameworkReference "
		"Microsoft.AspNetCore.App in src/Api/Api.csproj)\n"
		"kind=worker @src/Jobs/Jobs.csproj:1 (Microsoft.NET.Sdk.Worker "
		"in src/Jobs/Jobs.csproj)\n"
		"kind=cli @src/Cli/Cli.csproj:2 (OutputType Exe in "
		"src/Cli/Cli.csproj)\n"
		"kind=library @src/Client/Client.csproj:3 (class library "
		"'Acme.Client' with PackageId in src/Client/Client.csproj)\n",
		scan(*state, files));
}

/* A class library alone is the product: a library. */
static void test_collect_project__dotnet_class_library(void **state)
{
	static const struct file files[] = {
		{ "Lib.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
				"</Project>\n" },
		{ "tests/Lib.Tests/Lib.Tests.fsproj",
		  "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
		  "<PropertyGroup><OutputType>Exe</OutputType></"
		  "PropertyGroup>\n"
		  "</Project>\n" },
	};

	assert_string_equal("ecosystem=dotnet @Lib.fsproj:0\n"
			    "package=. @Lib.fsproj:0\n"
			    "kind=library @Lib.fsproj:0 (class library 'Lib' "
			    "in Lib.fsproj)\n",
			    scan(*state, files));
}

/* Ruby gems: a library, a cli with executables; a Rails engine is no
 * service */
static void test_collect_project__ruby_gems(void **state)
{
	static const struct file files[] = {
		{ "Gemfile", "gemspec\ngem \"rails\"\n" },
		{ "engine.gemspec", "Gem::Specification.new do |s|\n"
				    "  s.name = \"engine\"\n"
				    "  s.add_dependency \"rails\", \">= 7\"\n"
				    "  s.add_dependency \"sidekiq\"\n"
				    "end\n" },
		{ "lib/engine/version.rb", "module Engine\n"
					   "  VERSION = \"1.0.0\"\n"
					   "end\n" },
		{ "gems/tool/bin/console", "" },
		{ "gems/tool/bin/setup", "" },
		{ "gems/tool/exe/tool", "" },
		{ "gems/tool/tool.gemspec", "Gem::Specification.new do |spec|\n"
					    "  spec.name = \"tool\"\n"
					    "  spec.bindir = \"exe\"\n"
					    "end\n" },
		/* a computed list reads the bindir; the bundler template's
		 * bin/console and bin/setup are not executables */
		{ "gems/dev/bin/console", "" },
		{ "gems/dev/bin/setup", "" },
		{ "gems/dev/dev.gemspec",
		  "Gem::Specification.new do |spec|\n"
		  "  spec.executables = spec.files.grep(%r{^bin/})\n"
		  "end\n" },
		{ "gems/run/bin/run", "" },
		{ "gems/run/run.gemspec",
		  "Gem::Specification.new do |spec|\n"
		  "  spec.name = \"run\"\n"
		  "  spec.executables = spec.files.grep(%r{^bin/})\n"
		  "end\n" },
		{ "gems/lit/lit.gemspec", "Gem::Specification.new do |spec|\n"
					  "  spec.name = \"lit\"\n"
					  "  spec.executables = %w[lit]\n"
					  "end\n" },
	};

	assert_string_equal(
		"ecosystem=ruby @Gemfile:0\n"
		"package=. @Gemfile:0\n"
		"package=gems/tool @gems/tool/tool.gemspec:0\n"
		"package=gems/dev @gems/dev/dev.gemspec:0\n"
		"package=gems/run @gems/run/run.gemspec:0\n"
		"package=gems/lit @gems/lit/lit.gemspec:0\n"
		"kind=library @engine.gemspec:2 (gem 'engine' in "
		"engine.gemspec)\n"
		"kind=library @gems/tool/tool.gemspec:2 (gem 'tool' in "
		"gems/tool/tool.gemspec)\n"
		"kind=cli @gems/tool/exe/tool:0 (gems/tool/exe/tool of gem "
		"'tool')\n"
		"kind=library @gems/dev/dev.gemspec:0 (gem 'dev' in "
		"gems/dev/dev.gemspec)\n"
		"kind=library @gems/run/run.gemspec:2 (gem 'run' in "
		"gems/run/run.gemspec)\n"
		"kind=cli @gems/run/bin/run:0 (gems/run/bin/run of gem 'run' "
		"(executables in gems/run/run.gemspec))\n"
		"kind=library @gems/lit/lit.gemspec:2 (gem 'lit' in "
		"gems/lit/lit.gemspec)\n"
		"kind=cli @gems/lit/lit.gemspec:3 (executable 'lit' in "
		"gems/lit/lit.gemspec)\n",
		scan(*state, files));
}

/* PHP: composer types, bin, autoload */
static void test_collect_project__php_packages(void **state)
{
	static const struct file files[] = {
		/* a Laravel package: its framework is the host's */
		{ "a/composer.json",
		  "{\"name\": \"acme/perm\", \"type\": \"library\",\n"
		  " \"require\": {\"laravel/framework\": \"^11\"}}\n" },
		{ "b/composer.json", "{\"name\": \"acme/tool\",\n"
				     " \"bin\": [\"bin/tool\"]}\n" },
		{ "c/composer.json",
		  "{\"name\": \"acme/util\",\n"
		  " \"autoload\": {\"psr-4\": {\"Acme\\\\\": \"src/\"}}}\n" },
		/* an application without a type is still an application */
		{ "d/composer.json",
		  "{\"name\": \"acme/site\",\n"
		  " \"autoload\": {\"psr-4\": {\"App\\\\\": \"app/\"}},\n"
		  " \"require\": {\"cakephp/cakephp\": \"^5\"}}\n" },
		{ "e/composer.json",
		  "{\"name\": \"acme/shop\", \"type\": \"project\",\n"
		  " \"autoload\": {\"psr-4\": {\"App\\\\\": \"src/\"}}}\n" },
	};

	assert_string_equal(
		"ecosystem=php @a/composer.json:0\n"
		"package=a @a/composer.json:0\n"
		"package=b @b/composer.json:0\n"
		"package=c @c/composer.json:0\n"
		"package=d @d/composer.json:0\n"
		"package=e @e/composer.json:0\n"
		"kind=library @a/composer.json:1 (type library in "
		"a/composer.json)\n"
		"kind=cli @b/composer.json:2 (bin 'tool' in b/composer.json)\n"
		"kind=library @c/composer.json:2 (package 'acme/util' with "
		"autoload and the default type library in c/composer.json)\n"
		"kind=service @d/composer.json:3 (cakephp/cakephp in "
		"d/composer.json require)\n",
		scan(*state, files));
}

static void test_collect_project__c_service_and_gui(void **state)
{
	static const struct file files[] = {
		{ "gui/CMakeLists.txt", "project(viewer)\n"
					"find_package(Qt6 COMPONENTS Widgets)\n"
					"add_executable(viewer main.cpp)\n" },
		{ "srv/meson.build", "project('srv', 'c')\n"
				     "dep = dependency('libmicrohttpd')\n"
				     "executable('srv', 'srv.c')\n" },
	};

	assert_string_equal(
		"ecosystem=c @gui/CMakeLists.txt:0\n"
		"package=gui @gui/CMakeLists.txt:0\n"
		"package=srv @srv/meson.build:0\n"
		"kind=app @gui/CMakeLists.txt:2 (Qt6 in gui/CMakeLists.txt "
		"find_package)\n"
		"kind=service @srv/meson.build:2 (libmicrohttpd in "
		"srv/meson.build dependency())\n",
		scan(*state, files));
}

/* Containers, Kubernetes, infrastructure */

static void test_collect_project__dockerfile_expose(void **state)
{
	static const struct file files[] = {
		{ "Dockerfile", "FROM alpine:3.19\nEXPOSE 8080\n" },
		{ "Makefile", "all:\n\tcc -o srv main.c\n" },
		{ "main.c", "int main(void) { return 0; }\n" },
	};

	/* no manifest: the Makefile with C sources is the C evidence */
	assert_string_equal("ecosystem=c @Makefile:0\n"
			    "platform=docker @Dockerfile:0\n"
			    "kind=service @Dockerfile:2 (EXPOSE 8080 in "
			    "Dockerfile)\n",
			    scan(*state, files));
}

static void test_collect_project__platforms(void **state)
{
	static const struct file files[] = {
		{ "Pulumi.yaml", "name: infra\nruntime: go\n" },
		{ "cdk.json", "{\"app\": \"npx ts-node bin/app.ts\"}\n" },
		{ "charts/api/Chart.yaml", "apiVersion: v2\nname: api\n" },
		{ "charts/api/templates/deploy.yaml",
		  "apiVersion: apps/v1\n"
		  "kind: {{ .Values.kind }}\n"
		  "---\n"
		  "apiVersion: apps/v1\n"
		  "kind: Deployment\n" },
		{ "compose.yaml", "services:\n  api:\n    image: x\n" },
		{ "deploy/base/kustomization.yaml",
		  "apiVersion: kustomize.config.k8s.io/v1beta1\n"
		  "kind: Kustomization\n" },
		{ "infra/main.tf", "provider \"aws\" {}\n" },
		{ "service.Dockerfile", "FROM scratch\n" },
	};

	assert_string_equal(
		"platform=docker @service.Dockerfile:0\n"
		"platform=compose @compose.yaml:0\n"
		"platform=kubernetes @charts/api/templates/deploy.yaml:5\n"
		"platform=helm @charts/api/Chart.yaml:0\n"
		"platform=kustomize @deploy/base/kustomization.yaml:0\n"
		"platform=terraform @infra/main.tf:0\n"
		"platform=pulumi @Pulumi.yaml:0\n"
		"platform=cdk @cdk.json:0\n"
		"kind=service @charts/api/templates/deploy.yaml:5 "
		"(Kubernetes Deployment in charts/api/templates/deploy.yaml)\n",
		scan(*state, files));
}

/* Foreign code and nothing at all */

static void test_collect_project__foreign_ignored(void **state)
{
	static const struct file files[] = {
		{ "node_modules/express/package.json",
		  "{\"name\": \"express\", \"main\": \"index.js\"}\n" },
		{ "package.json", "{\"name\": \"site\"}\n" },
		{ "tests/fixtures/svc/Cargo.toml",
		  "[package]\nname = \"svc\"\n[dependencies]\naxum = "
		  "\"0.7\"\n" },
		{ "tests/fixtures/svc/Dockerfile", "FROM x\nEXPOSE 80\n" },
		{ "third_party/zlib/CMakeLists.txt", "add_library(z z.c)\n" },
		{ "vendor/github.com/gin-gonic/gin/go.mod",
		  "module github.com/gin-gonic/gin\n" },
	};

	assert_string_equal("ecosystem=node @package.json:0\n"
			    "package=. @package.json:0\n",
			    scan(*state, files));
}

static void test_collect_project__nothing(void **state)
{
	static const struct file files[] = {
		{ "Makefile", "all:\n\techo hi\n" },
		{ "README.md", "# notes\n" },
		{ "notes.yaml", "kind: list\n" },
	};

	assert_string_equal("", scan(*state, files));
}

static void test_collect_project__ecosystem_prefers_manifest(void **state)
{
	static const struct file files[] = {
		{ "a/b/Cargo.toml", "[package]\nname = \"deep\"\n" },
		{ "a/b/src/lib.rs", "" },
		{ "Cargo.lock", "\n" },
		{ "x/Cargo.toml", "[package]\nname = \"shallow\"\n" },
		{ "x/src/lib.rs", "" },
		{ "yarn.lock", "\n" },
	};

	/* a manifest beats a lockfile, a shallower manifest a deeper one;
	 * a lockfile alone still names the ecosystem */
	assert_string_equal(
		"ecosystem=rust @x/Cargo.toml:0\n"
		"ecosystem=node @yarn.lock:0\n"
		"package=a/b @a/b/Cargo.toml:0\n"
		"package=x @x/Cargo.toml:0\n"
		"kind=library @a/b/Cargo.toml:2 (crate 'deep' without a "
		"binary target in a/b/Cargo.toml)\n"
		"kind=library @x/Cargo.toml:2 (crate 'shallow' without a "
		"binary target in x/Cargo.toml)\n",
		scan(*state, files));
}

/* Allocation failures in rc_collect_project() give RC_ENOMEM, no leak. */
static void test_collect_project__oom(void **state)
{
	static const struct file files[] = {
		{ "Dockerfile", "FROM x\nEXPOSE 1\n" },
		{ "Makefile", "" },
		{ "a.c", "" },
		{ "charts/x/Chart.yaml", "name: x\n" },
		{ "k.yaml", "apiVersion: v1\nkind: Service\n" },
		{ "libs/client/pyproject.toml", "[project]\nname = \"c\"\n" },
		{ "services/api/Cargo.toml",
		  "[package]\nname = \"api\"\n"
		  "[dependencies]\naxum = \"0.7\"\n" },
		{ "services/api/src/main.rs", "" },
		{ "sub/CMakeLists.txt", "add_library(s s.c)\n" },
		{ "sub/x/CMakeLists.txt", "add_executable(t t.c)\n" },
		{ "tool/go.mod", "module t\n" },
		{ "tool/main.go", "package main\n" },
		{ "gem/exe/g", "" },
		{ "gem/g.gemspec", "Gem::Specification.new do |s|\n"
				   "  s.name = 'g'\nend\n" },
		{ "net/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\">"
				    "</Project>\n" },
		{ "net/lib/Lib.csproj", "<Project/>\n" },
	};
	long n;

	(void)state;
	for (n = 0;; n++) {
		struct rc_facts *f;
		struct rc_diags d = RC_DIAGS_INIT;
		size_t i;
		int e;

		assert_int_equal(0, rc_facts_new(&f));
		for (i = 0; i < RC_ARRAY_SIZE(files); i++) {
			size_t len = strlen(files[i].text);

			assert_int_equal(0, rc_facts_add_file(f, files[i].path,
							      len, 0, 1));
			if (rc_collect_wants(files[i].path))
				assert_int_equal(
					0, rc_collect_file(f, &d, files[i].path,
							   files[i].text, len));
		}
		rc_alloc_fail_after(n);
		e = rc_collect_project(f, &d);
		rc_alloc_fail_after(-1);
		rc_facts_free(f);
		rc_diags_release(&d);
		if (!e)
			break;
		assert_int_equal(RC_ENOMEM, e);
		assert_true(n < 100000);
	}
	/* the loop reached success only after failing on the way */
	assert_true(n > 0);
}

static void test_collect_project__empty(void **state)
{
	struct run *r = *state;

	assert_int_equal(0, rc_collect_project(r->f, &r->d));
	assert_int_equal(0, rc_facts_count(r->f));
}

#define T(name)                                                              \
	cmocka_unit_test_setup_teardown(test_collect_project__##name, setup, \
					teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(rust_actix_service),
		T(python_library),
		T(node_service),
		T(go_cli),
		T(c_library_cmake),
		T(c_internal_library),
		T(c_makefile_tool),
		T(tauri_app),
		T(monorepo_two),
		T(package_kinds),
		T(rust_targets),
		T(hyper_needs_server),
		T(peer_and_optional),
		T(python_cli_and_service),
		T(go_library_and_server),
		T(java_dotnet),
		T(jvm_programs),
		T(dotnet_kinds),
		T(dotnet_class_library),
		T(ruby_gems),
		T(php_packages),
		T(c_service_and_gui),
		T(dockerfile_expose),
		T(platforms),
		T(foreign_ignored),
		T(nothing),
		T(ecosystem_prefers_manifest),
		T(empty),
		T(oom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
