/*
 * project.c - what the repository is: ecosystems, platforms, packages and
 * project kinds, decided once after every file was collected.
 *
 * Inputs are the file list and the facts of the manifest collectors
 * (manifest.h), of the Go and YAML checks, and docker.expose. Outputs, in
 * this order:
 *
 *  - `ecosystem`: one per ecosystem found, with the manifest (or lockfile)
 *    that proves it as provenance; the shallowest manifest wins.
 *  - `platform`: docker, compose, kubernetes, helm, kustomize, terraform,
 *    pulumi, cdk; the first file that shows it.
 *  - `package`: one per directory holding a package manifest ("." for the
 *    root); nested CMakeLists.txt/meson.build belong to the package above.
 *  - `kind`: service, app, library, cli, worker per package, each with the
 *    fact that decided it as provenance and a note giving the reason
 *    ("actix-web in Cargo.toml [dependencies]"). A service or an app is not
 *    also called a library, a cli or a worker (a Python standard-library
 *    server keeps the package's library and cli kinds). A worker runs
 *    until stopped without serving HTTP: a consumer dependency, an endless
 *    main loop (code.loop), a container CMD without EXPOSE naming a worker
 *    or a watcher, a systemd unit, a .NET Worker SDK project. When
 *    nothing decides, there is no kind fact. The dependencies of a gem
 *    and of a composer package that is not a "project" are the host
 *    application's: they make it neither a service nor a worker.
 *    Each is followed by `package.kind`: the same kind and provenance with
 *    the package's directory as note ("." for the root).
 *
 * Files in foreign directories (rc_manifest_foreign()) are ignored.
 */
#include "../core/common.h"
#include "collect.h"
#include "docker.h"
#include "manifest_util.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/str.h"
#include "../core/vec.h"

#include <stdarg.h>
#include <stdio.h>

/* Dependencies that decide a kind. */

enum match { EXACT, PREFIX, GOMOD, ICASE };

struct known_dep {
	const char *eco;
	const char *name;
	enum match match;
};

/* Web frameworks and servers: the package runs a network service. */
static const struct known_dep servers[] = {
	{ "rust", "actix-web", EXACT },
	{ "rust", "axum", EXACT },
	{ "rust", "rocket", EXACT },
	{ "rust", "warp", EXACT },
	{ "rust", "poem", EXACT },
	{ "rust", "salvo", EXACT },
	{ "rust", "tide", EXACT },
	{ "python", "flask", EXACT },
	{ "python", "fastapi", EXACT },
	{ "python", "django", EXACT },
	{ "python", "aiohttp", EXACT },
	{ "python", "starlette", EXACT },
	{ "python", "sanic", EXACT },
	{ "python", "tornado", EXACT },
	{ "python", "falcon", EXACT },
	{ "python", "bottle", EXACT },
	{ "python", "litestar", EXACT },
	{ "python", "quart", EXACT },
	{ "python", "pyramid", EXACT },
	{ "python", "uvicorn", EXACT },
	{ "python", "gunicorn", EXACT },
	{ "python", "hypercorn", EXACT },
	{ "node", "express", EXACT },
	{ "node", "fastify", EXACT },
	{ "node", "koa", EXACT },
	{ "node", "@nestjs/core", EXACT },
	{ "node", "@hapi/hapi", EXACT },
	{ "node", "hapi", EXACT },
	{ "node", "restify", EXACT },
	{ "go", "github.com/gin-gonic/gin", GOMOD },
	{ "go", "github.com/labstack/echo", GOMOD },
	{ "go", "github.com/gofiber/fiber", GOMOD },
	{ "go", "github.com/go-chi/chi", GOMOD },
	{ "go", "github.com/gorilla/mux", GOMOD },
	{ "java", "org.springframework.boot:spring-boot-starter-web", PREFIX },
	{ "java", "org.springframework.boot:spring-boot-starter-jersey",
	  EXACT },
	{ "java", "io.quarkus:quarkus-rest", PREFIX },
	{ "java", "io.quarkus:quarkus-resteasy", PREFIX },
	{ "java", "io.quarkus:quarkus-vertx-http", EXACT },
	{ "java", "io.quarkus:quarkus-undertow", EXACT },
	{ "java", "io.micronaut:micronaut-http-server", PREFIX },
	{ "java", "io.javalin:javalin", EXACT },
	{ "java", "io.dropwizard:dropwizard-core", EXACT },
	{ "java", "io.ktor:ktor-server", PREFIX },
	{ "c", "libmicrohttpd", ICASE },
	{ "c", "microhttpd", ICASE },
	{ "c", "mhd", ICASE },
	{ "c", "civetweb", ICASE },
	{ "ruby", "rails", EXACT },
	{ "ruby", "sinatra", EXACT },
	{ "ruby", "hanami", EXACT },
	{ "ruby", "roda", EXACT },
	{ "ruby", "puma", EXACT },
	{ "php", "laravel/framework", EXACT },
	{ "php", "symfony/framework-bundle", EXACT },
	{ "php", "slim/slim", EXACT },
	{ "php", "laravel/lumen-framework", EXACT },
	{ "php", "cakephp/cakephp", EXACT },
	{ "php", "yiisoft/yii2", EXACT },
	{ "php", "codeigniter4/framework", EXACT },
	{ "php", "laminas/laminas-mvc", EXACT },
	{ "php", "mezzio/mezzio", EXACT },
};

/* Queue and stream consumers, job runners and schedulers: a program using
 * them runs until stopped (a worker). */
static const struct known_dep workers[] = {
	{ "rust", "rdkafka", EXACT },
	{ "rust", "lapin", EXACT },
	{ "rust", "amqprs", EXACT },
	{ "rust", "async-nats", EXACT },
	{ "rust", "nats", EXACT },
	{ "rust", "aws-sdk-sqs", EXACT },
	{ "rust", "rusoto_sqs", EXACT },
	{ "rust", "kafka", EXACT },
	{ "rust", "pulsar", EXACT },
	{ "rust", "apalis", EXACT },
	{ "rust", "tokio-cron-scheduler", EXACT },
	{ "python", "kafka-python", EXACT },
	{ "python", "confluent-kafka", EXACT },
	{ "python", "aiokafka", EXACT },
	{ "python", "pika", EXACT },
	{ "python", "aio-pika", EXACT },
	{ "python", "celery", EXACT },
	{ "python", "rq", EXACT },
	{ "python", "dramatiq", EXACT },
	{ "python", "huey", EXACT },
	{ "python", "arq", EXACT },
	{ "python", "faust", EXACT },
	{ "python", "faust-streaming", EXACT },
	{ "python", "nats-py", EXACT },
	{ "python", "apscheduler", EXACT },
	{ "node", "kafkajs", EXACT },
	{ "node", "node-rdkafka", EXACT },
	{ "node", "amqplib", EXACT },
	{ "node", "amqp-connection-manager", EXACT },
	{ "node", "bullmq", EXACT },
	{ "node", "bull", EXACT },
	{ "node", "bee-queue", EXACT },
	{ "node", "sqs-consumer", EXACT },
	{ "node", "agenda", EXACT },
	{ "node", "nats", EXACT },
	{ "go", "github.com/segmentio/kafka-go", GOMOD },
	{ "go", "github.com/confluentinc/confluent-kafka-go", GOMOD },
	{ "go", "github.com/IBM/sarama", GOMOD },
	{ "go", "github.com/Shopify/sarama", GOMOD },
	{ "go", "github.com/twmb/franz-go", GOMOD },
	{ "go", "github.com/rabbitmq/amqp091-go", GOMOD },
	{ "go", "github.com/streadway/amqp", GOMOD },
	{ "go", "github.com/nats-io/nats.go", GOMOD },
	{ "go", "github.com/hibiken/asynq", GOMOD },
	{ "go", "github.com/robfig/cron", GOMOD },
	{ "go", "github.com/go-co-op/gocron", GOMOD },
	{ "java", "org.apache.kafka:kafka-clients", EXACT },
	{ "java", "org.apache.kafka:kafka-streams", EXACT },
	{ "java", "org.springframework.kafka:spring-kafka", EXACT },
	{ "java", "org.springframework.boot:spring-boot-starter-amqp", EXACT },
	{ "java", "com.rabbitmq:amqp-client", EXACT },
	{ "java", "org.quartz-scheduler:quartz", EXACT },
	{ "ruby", "sidekiq", EXACT },
	{ "ruby", "resque", EXACT },
	{ "ruby", "good_job", EXACT },
	{ "ruby", "delayed_job", EXACT },
	{ "ruby", "sneakers", EXACT },
	{ "ruby", "karafka", EXACT },
	{ "ruby", "racecar", EXACT },
	{ "ruby", "shoryuken", EXACT },
	{ "php", "php-amqplib/php-amqplib", EXACT },
	{ "dotnet", "Confluent.Kafka", EXACT },
	{ "dotnet", "RabbitMQ.Client", EXACT },
	{ "dotnet", "MassTransit", EXACT },
	{ "dotnet", "Hangfire.Core", EXACT },
	{ "dotnet", "Quartz", EXACT },
	{ "dotnet", "Microsoft.Extensions.Hosting.WindowsServices", EXACT },
	{ "dotnet", "Microsoft.Extensions.Hosting.Systemd", EXACT },
};

/* Command-line parsers: a JVM package using one is a program (picocli's
 * main), not only a jar of classes. */
static const struct known_dep clis[] = {
	{ "java", "info.picocli:picocli", EXACT },
	{ "java", "com.github.ajalt.clikt:clikt", PREFIX },
	{ "java", "com.github.ajalt:clikt", EXACT },
	{ "java", "com.beust:jcommander", EXACT },
	{ "java", "org.jetbrains.kotlinx:kotlinx-cli", PREFIX },
};

/* ASP.NET Core as a package (before .NET Core 3 made it a framework):
 * an executable referencing it serves HTTP. */
static const struct known_dep aspnet[] = {
	{ "dotnet", "Microsoft.AspNetCore.App", EXACT },
	{ "dotnet", "Microsoft.AspNetCore.All", EXACT },
	{ "dotnet", "Microsoft.AspNetCore", EXACT },
};

/* Desktop GUI toolkits: the package is an application. */
static const struct known_dep apps[] = {
	{ "rust", "tauri", EXACT },
	{ "rust", "gtk", EXACT },
	{ "rust", "gtk4", EXACT },
	{ "rust", "relm4", EXACT },
	{ "rust", "cxx-qt", EXACT },
	{ "rust", "qmetaobject", EXACT },
	{ "node", "electron", EXACT },
	{ "node", "@tauri-apps/api", EXACT },
	{ "node", "@tauri-apps/cli", EXACT },
	{ "python", "pyqt5", EXACT },
	{ "python", "pyqt6", EXACT },
	{ "python", "pyside2", EXACT },
	{ "python", "pyside6", EXACT },
	{ "python", "pygobject", EXACT },
	{ "go", "fyne.io/fyne", GOMOD },
	{ "java", "org.openjfx:javafx", PREFIX },
	{ "c", "qt", ICASE },
	{ "c", "qt4", ICASE },
	{ "c", "qt5", ICASE },
	{ "c", "qt6", ICASE },
	{ "c", "gtk", ICASE },
	{ "c", "gtk2", ICASE },
	{ "c", "gtk3", ICASE },
	{ "c", "gtk4", ICASE },
	{ "c", "gtk+-2.0", ICASE },
	{ "c", "gtk+-3.0", ICASE },
	{ "c", "gtkmm-3.0", ICASE },
	{ "c", "gtkmm-4.0", ICASE },
};

static bool dep_matches(const struct known_dep *k, const char *eco,
			const char *name)
{
	size_t n = strlen(k->name);

	if (strcmp(k->eco, eco))
		return false;
	switch (k->match) {
	case EXACT:
		return !strcmp(name, k->name);
	case PREFIX:
		return !strncmp(name, k->name, n);
	case ICASE:
		return rc_manifest_ieq(name, strlen(name), k->name);
	case GOMOD:
		/* the module or a major version of it: ".../v5" */
		if (strncmp(name, k->name, n))
			return false;
		if (!name[n])
			return true;
		if (name[n] != '/' || name[n + 1] != 'v' || !name[n + 2])
			return false;
		for (name += n + 2; *name; name++)
			if (*name < '0' || *name > '9')
				return false;
		return true;
	}
	return false;
}

static bool known(const struct known_dep *list, size_t n, const char *eco,
		  const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dep_matches(&list[i], eco, name))
			return true;
	return false;
}

/* Sections whose dependencies do not make a package a service: a peer
 * dependency is the host's, an optional one only an extra. */
static bool secondary_section(const char *note)
{
	return note && (strstr(note, "peer") || strstr(note, "optional") ||
			strstr(note, "extras"));
}

/* Evidence for a kind. */

enum kind { K_SERVICE, K_APP, K_LIBRARY, K_CLI, K_WORKER, K_COUNT };

static const char *const kind_names[K_COUNT] = { "service", "app", "library",
						 "cli", "worker" };

struct evidence {
	bool set;
	const char *path; /* borrowed from the fact store */
	unsigned line;
	char note[320];
};

struct package {
	char *dir;	      /* "" for the root; owned */
	const char *manifest; /* first manifest in dir; NULL: virtual root */
	struct evidence ev[K_COUNT];
	/* from sources and Dockerfiles: weaker than a manifest's word */
	struct evidence late[K_COUNT];
	/* a standard-library server (Python http.server): a service that
	 * keeps the kinds its manifest gives (`quill serve` of a CLI) */
	struct evidence stdlib_server;
	/* a consumer dependency: a worker unless the package is only a
	 * library (a client wrapper is not a program) */
	struct evidence dep_worker;
	/* the library evidence is only "a Python package without scripts":
	 * such an application run with `python -m` is a worker, not a
	 * library, once it is known to run until stopped */
	bool weak_library;
	bool container_cmd; /* a Dockerfile with CMD or ENTRYPOINT */
	/* a Ruby gem: its Gemfile's and gemspec's dependencies on
	 * frameworks are the host application's, not a server of its own */
	bool gem;
	bool go_module; /* a go.mod with a module line */
	const char *go_name;
	unsigned go_line;
	const char *go_path;
};

struct manifest {
	const char *path; /* borrowed */
	enum rc_manifest_kind kind;
	size_t pkg;
	const char *name;
	unsigned name_line;
	bool lib;
	unsigned lib_line;
	bool private_; /* npm "private": true */
	const char *bin;
	unsigned bin_line;
	const char *packaging;
	unsigned packaging_line;
	const char *sdk;
	unsigned sdk_line;
	/* Maven distributionManagement, Gradle maven-publish, .NET PackageId,
	 * IsPackable or GeneratePackageOnBuild */
	const char *publish;
	unsigned publish_line;
	bool gemspec;		/* a *.gemspec */
	const char *gem_bindir; /* gem.bindir */
	const char *gem_exec;	/* gem.executables (computed) */
	unsigned gem_exec_line;
	bool test_project;
	bool hyper_server;
	const char *hyper_note;
	unsigned hyper_line;
	const char *main_rs; /* src/main.rs or src/bin/x.rs of a crate */
	struct evidence service, app, worker;
	struct evidence cli_dep; /* a command-line parser (picocli) */
	struct evidence aspnet;	 /* ASP.NET Core (framework or package) */
};

struct project {
	struct rc_facts *f;
	/* the first CI step publishing to PyPI (twine upload, uv publish,
	 * pypa/gh-action-pypi-publish, ...); NULL when none */
	const struct rc_fact *pypi;
	RC_VEC(struct package) pkgs;
	RC_VEC(struct manifest) mfs; /* sorted by path after collection */
	/* a .NET project that runs (Exe, Web or Worker, not a test): class
	 * libraries beside it are its parts unless they are packaged */
	bool dotnet_exe;
};

static void set_ev(struct evidence *ev, const char *path, unsigned line,
		   const char *fmt, ...) RC_PRINTF(4, 5);

static void set_ev(struct evidence *ev, const char *path, unsigned line,
		   const char *fmt, ...)
{
	va_list ap;

	if (ev->set)
		return;
	ev->set = true;
	ev->path = path;
	ev->line = line;
	va_start(ap, fmt);
	vsnprintf(ev->note, sizeof(ev->note), fmt, ap);
	va_end(ap);
}

static void copy_ev(struct evidence *to, const struct evidence *from)
{
	if (!to->set && from->set)
		*to = *from;
}

/* Directory of a path: length of the part before the last '/' (0: root). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

/* Is dir[0..n) the directory of path or one of its ancestors? */
static bool dir_contains(const char *dir, size_t n, const char *path)
{
	return n == 0 || (!strncmp(path, dir, n) && path[n] == '/');
}

/* The package owning path: the one with the longest directory. */
static size_t owner(const struct project *p, const char *path)
{
	size_t i, best = 0, best_len = 0;

	for (i = 1; i < p->pkgs.n; i++) {
		size_t n = strlen(p->pkgs.v[i].dir);

		if (n > best_len && dir_contains(p->pkgs.v[i].dir, n, path)) {
			best = i;
			best_len = n;
		}
	}
	return best;
}

static int cmp_manifest(const void *a, const void *b)
{
	return strcmp(((const struct manifest *)a)->path,
		      ((const struct manifest *)b)->path);
}

static struct manifest *find_manifest(struct project *p, const char *path)
{
	struct manifest key;

	memset(&key, 0, sizeof(key));
	key.path = path;
	return p->mfs.n ? bsearch(&key, p->mfs.v, p->mfs.n, sizeof(key),
				  cmp_manifest)
			: NULL;
}

/*
 * Is the build file at path nested in another of the same name above it
 * (a CMake add_subdirectory(), a meson subdir())?
 */
static bool nested_build_file(const struct rc_facts *f, const char *path)
{
	const char *base = strrchr(path, '/');
	struct rc_buf b = RC_BUF_INIT;
	size_t n, k;
	bool found = false;

	if (!base)
		return false;
	base++;
	n = dir_len(path);
	while (n && !found) {
		/* n becomes the length of the parent of path[0..n) */
		for (k = n; k && path[k - 1] != '/'; k--)
			;
		n = k ? k - 1 : 0;
		rc_buf_reset(&b);
		if (n)
			rc_buf_addf(&b, "%.*s/%s", (int)n, path, base);
		else
			rc_buf_adds(&b, base);
		if (rc_buf_err(&b))
			break;
		found = rc_facts_find(f, "manifest", b.ptr) != NULL;
	}
	rc_buf_release(&b);
	return found;
}

/* Directories of helper programs rather than the product. */
static bool aux_path(const char *path)
{
	static const char *const dirs[] = {
		"test",		 "tests", "testing", "unittest",
		"unittests",	 "bench", "benches", "benchmark",
		"benchmarks",	 "fuzz",  "fuzzing", "fuzzers",
		"tools",	 "hack",  "scripts", "e2e",
		"docs",		 "doc",	  "demo",    "demos",
		"magefiles",	 "ci",	  ".ci",     ".github",
		".devcontainer",
	};
	const char *p = path, *slash;
	size_t i;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		for (i = 0; i < RC_ARRAY_SIZE(dirs); i++)
			if (rc_manifest_ieq(p, n, dirs[i]))
				return true;
		p = slash + 1;
	}
	return false;
}

bool rc_collect_package_candidate(const char *path, size_t *dirlen)
{
	enum rc_manifest_kind kind = rc_manifest_kind_of(path);
	size_t n;

	if (kind == RC_MF_NONE || rc_manifest_foreign(path) ||
	    rc_manifest_ruby_version_file(path))
		return false;
	n = dir_len(path);
	/* requirements/base.txt belongs to the directory above */
	if (kind == RC_MF_REQUIREMENTS && n >= 12 &&
	    !memcmp(path + n - 12, "requirements", 12) &&
	    (n == 12 || path[n - 13] == '/'))
		n = n == 12 ? 0 : n - 13;
	*dirlen = n;
	return true;
}

/* The directory of the package a manifest defines, or false when it does
 * not define one. */
static bool package_dir(const struct rc_facts *f, const char *path,
			enum rc_manifest_kind kind, size_t *n)
{
	if ((kind == RC_MF_CMAKE || kind == RC_MF_MESON) &&
	    nested_build_file(f, path))
		return false;
	/* docs/requirements.txt, fuzz/Cargo.toml, benches/package.json and
	 * the like serve the package above: helper programs, not products */
	if (aux_path(path))
		return false;
	return rc_collect_package_candidate(path, n);
}

static int add_package(struct project *p, const char *dir, size_t n,
		       const char *manifest)
{
	struct package pkg;
	size_t i;

	for (i = 0; i < p->pkgs.n; i++)
		if (strlen(p->pkgs.v[i].dir) == n &&
		    !memcmp(p->pkgs.v[i].dir, dir, n)) {
			if (!p->pkgs.v[i].manifest)
				p->pkgs.v[i].manifest = manifest;
			return 0;
		}
	memset(&pkg, 0, sizeof(pkg));
	pkg.dir = rc_strndup(dir, n);
	pkg.manifest = manifest;
	if (!pkg.dir || rc_vec_push(&p->pkgs, pkg)) {
		rc_free(pkg.dir);
		return RC_ENOMEM;
	}
	return 0;
}

static int gather_manifests(struct project *p)
{
	const struct rc_fact *x;
	size_t it = 0, i;
	int e;

	/* the virtual root package: index 0, always there */
	if ((e = add_package(p, "", 0, NULL)))
		return e;
	while ((x = rc_facts_next(p->f, "manifest", &it))) {
		enum rc_manifest_kind kind = rc_manifest_kind_of(x->str);
		struct manifest m;
		size_t n;

		if (kind == RC_MF_NONE || rc_manifest_foreign(x->str))
			continue;
		memset(&m, 0, sizeof(m));
		m.path = x->str;
		m.kind = kind;
		m.gemspec = kind == RC_MF_GEMFILE &&
			    rc_str_ends_with(x->str, ".gemspec");
		if (rc_vec_push(&p->mfs, m))
			return RC_ENOMEM;
		if (package_dir(p->f, x->str, kind, &n) &&
		    (e = add_package(p, x->str, n, x->str)))
			return e;
	}
	if (p->mfs.n > 1)
		qsort(p->mfs.v, p->mfs.n, sizeof(*p->mfs.v), cmp_manifest);
	/* drop duplicates (the same manifest collected twice) */
	for (i = 1; i < p->mfs.n;)
		if (!strcmp(p->mfs.v[i].path, p->mfs.v[i - 1].path))
			memmove(&p->mfs.v[i], &p->mfs.v[i + 1],
				(--p->mfs.n - i) * sizeof(*p->mfs.v));
		else
			i++;
	for (i = 0; i < p->mfs.n; i++)
		p->mfs.v[i].pkg = owner(p, p->mfs.v[i].path);
	return 0;
}

/* Dependencies: service and app evidence of their manifest. */
static void scan_dep(struct manifest *m, const struct rc_fact *x, bool dev)
{
	const char *eco = strchr(x->name, '.') + 1;
	const char *sp = x->note ? " " : "";
	const char *note = x->note ? x->note : "";

	if (!dev && !secondary_section(x->note) &&
	    known(servers, RC_ARRAY_SIZE(servers), eco, x->str))
		set_ev(&m->service, x->path, x->line, "%s in %s%s%s", x->str,
		       x->path, sp, note);
	if (!strcmp(eco, "rust") && !strcmp(x->str, "hyper") && !dev &&
	    !m->hyper_note) {
		m->hyper_note = x->note ? x->note : "";
		m->hyper_line = x->line;
	}
	if (known(apps, RC_ARRAY_SIZE(apps), eco, x->str))
		set_ev(&m->app, x->path, x->line, "%s in %s%s%s", x->str,
		       x->path, sp, note);
	if (!dev && !secondary_section(x->note) &&
	    known(workers, RC_ARRAY_SIZE(workers), eco, x->str))
		set_ev(&m->worker, x->path, x->line, "%s in %s%s%s", x->str,
		       x->path, sp, note);
	if (!dev && !secondary_section(x->note) &&
	    known(clis, RC_ARRAY_SIZE(clis), eco, x->str))
		set_ev(&m->cli_dep, x->path, x->line, "%s in %s%s%s", x->str,
		       x->path, sp, note);
	if (!dev && known(aspnet, RC_ARRAY_SIZE(aspnet), eco, x->str))
		set_ev(&m->aspnet, x->path, x->line, "%s in %s%s%s", x->str,
		       x->path, sp, note);
	if (!strcmp(eco, "dotnet") && !strcmp(x->str, "Microsoft.NET.Test.Sdk"))
		m->test_project = true;
}

static void scan_manifest_fact(struct manifest *m, const struct rc_fact *x)
{
	if (!strncmp(x->name, "dependency.", 11))
		scan_dep(m, x, false);
	else if (!strncmp(x->name, "dev_dependency.", 15))
		scan_dep(m, x, true);
	else if (!strcmp(x->name, "manifest.name") && !m->name) {
		m->name = x->str;
		m->name_line = x->line;
	} else if (!strcmp(x->name, "manifest.lib") && !m->lib && x->b) {
		m->lib = true;
		m->lib_line = x->line;
	} else if (!strcmp(x->name, "manifest.private") && x->b) {
		m->private_ = true;
	} else if (!strcmp(x->name, "manifest.bin") && !m->bin) {
		m->bin = x->str;
		m->bin_line = x->line;
	} else if ((!strcmp(x->name, "manifest.packaging") ||
		    !strcmp(x->name, "composer.type")) &&
		   !m->packaging) {
		m->packaging = x->str;
		m->packaging_line = x->line;
	} else if (!strcmp(x->name, "manifest.publish") && !m->publish) {
		m->publish = x->str;
		m->publish_line = x->line;
	} else if (!strcmp(x->name, "gem.bindir") && !m->gem_bindir) {
		m->gem_bindir = x->str;
	} else if (!strcmp(x->name, "gem.executables") && !m->gem_exec) {
		m->gem_exec = x->str;
		m->gem_exec_line = x->line;
	} else if (!strcmp(x->name, "dotnet.framework") &&
		   !strcmp(x->str, "Microsoft.AspNetCore.App")) {
		set_ev(&m->aspnet, x->path, x->line,
		       "FrameworkReference %s in %s", x->str, x->path);
	} else if (!strcmp(x->name, "dotnet.sdk") && !m->sdk) {
		m->sdk = x->str;
		m->sdk_line = x->line;
	} else if (!strcmp(x->name, "cargo.feature") &&
		   (!strcmp(x->str, "hyper/server") ||
		    !strcmp(x->str, "hyper/full"))) {
		m->hyper_server = true;
	}
}

/* Target names of tests, benchmarks, fuzzers and examples. */
static bool aux_target(const char *name)
{
	static const char *const words[] = { "test",	"bench", "fuzz",
					     "example", "demo",	 "sample" };
	char low[128];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(low); i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z'
				 ? (char)(name[i] - 'A' + 'a')
				 : name[i];
	low[i] = '\0';
	for (i = 0; i < RC_ARRAY_SIZE(words); i++)
		if (strstr(low, words[i]))
			return true;
	return false;
}

enum make_output { MAKE_NONE, MAKE_EXE, MAKE_LIB };

/* What a Makefile recipe line links: a C/C++ compiler driver writing an
 * executable (-o without -c), a shared library (-shared) or an archive
 * (ar ... lib*.a). */
static enum make_output make_output(const char *cmd)
{
	static const char *const drivers[] = { "$(CC)",	 "${CC}",    "$(CXX)",
					       "${CXX}", "gcc ",     "g++ ",
					       "clang ", "clang++ ", "cc " };
	const char *o;
	size_t i;
	bool driver = false;

	if ((!strncmp(cmd, "ar ", 3) || !strncmp(cmd, "$(AR)", 5)) &&
	    strstr(cmd, ".a"))
		return MAKE_LIB;
	for (i = 0; i < RC_ARRAY_SIZE(drivers) && !driver; i++)
		driver = !strncmp(cmd, drivers[i], strlen(drivers[i]));
	if (!driver || strstr(cmd, " -c ") || rc_str_ends_with(cmd, " -c"))
		return MAKE_NONE;
	if (strstr(cmd, "-shared"))
		return MAKE_LIB;
	o = strstr(cmd, " -o ");
	if (!o)
		return MAKE_NONE;
	o += 4;
	while (*o == ' ')
		o++;
	/* objects are not programs */
	for (i = 0; o[i] && o[i] != ' '; i++)
		;
	if (i >= 2 && o[i - 2] == '.' && o[i - 1] == 'o')
		return MAKE_NONE;
	return MAKE_EXE;
}

/* A C library target built only to be linked into the executables beside
 * it (not installed) is part of the program, not a library to publish. */
static bool internal_library(const struct rc_facts *f, const char *path,
			     const char *name)
{
	const struct rc_fact *x;
	size_t it = 0;
	bool exe = false;

	if (rc_facts_find(f, "c.install", name))
		return false;
	while ((x = rc_facts_next(f, "c.target", &it)))
		if (!strcmp(x->path, path) &&
		    !strncmp(x->str, "executable:", 11) &&
		    !aux_target(x->str + 11))
			exe = true;
	return exe;
}

/* Does the Dockerfile at path EXPOSE a port? */
static bool exposes(const struct rc_facts *f, const char *path)
{
	const struct rc_fact *x;
	size_t it = 0;

	while ((x = rc_facts_next(f, "docker.expose", &it)))
		if (x->path && !strcmp(x->path, path))
			return true;
	return false;
}

/* A container command that runs until stopped: a word of it (split at
 * anything but letters) names a worker, a watcher, a daemon, a consumer,
 * a scheduler or a poller ("celery -A app worker", "tscore watch"). */
static bool long_running_command(const char *cmd)
{
	static const char *const words[] = {
		"worker",   "workers",	  "watch",     "watcher",   "daemon",
		"consume",  "consumer",	  "consumers", "scheduler", "beat",
		"poll",	    "poller",	  "agent",     "forever",   "cron",
		"listener", "subscriber", "sidekiq",   "rqworker",  "dramatiq",
	};
	const char *p = cmd;
	size_t i;

	while (*p) {
		const char *w;
		size_t n;

		while (*p &&
		       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		for (w = p; *p && ((*p >= 'a' && *p <= 'z') ||
				   (*p >= 'A' && *p <= 'Z'));
		     p++)
			;
		n = (size_t)(p - w);
		for (i = 0; n && i < RC_ARRAY_SIZE(words); i++)
			if (rc_manifest_ieq(w, n, words[i]))
				return true;
	}
	return false;
}

/* The first CI step that publishes a Python package to PyPI. */
static const struct rc_fact *pypi_publish(const struct rc_facts *f)
{
	static const char *const runs[] = {
		"twine upload",	   "uv publish",    "poetry publish",
		"flit publish",	   "hatch publish", "pdm publish",
		"maturin publish",
	};
	const struct rc_fact *x;
	size_t it = 0, i;

	while ((x = rc_facts_next(f, "ci.uses", &it)))
		if (rc_str_icase_find(x->str, strlen(x->str),
				      "pypa/gh-action-pypi-publish"))
			return x;
	it = 0;
	while ((x = rc_facts_next(f, "ci.run", &it)))
		for (i = 0; i < RC_ARRAY_SIZE(runs); i++)
			if (strstr(x->str, runs[i]))
				return x;
	return NULL;
}

/* Facts that are not about one manifest but about the package. */
static void scan_package_fact(struct project *p, const struct rc_fact *x)
{
	struct package *pkg;

	if (strcmp(x->name, "go.listen") && strcmp(x->name, "docker.expose") &&
	    strcmp(x->name, "go.main") && strcmp(x->name, "c.target") &&
	    strcmp(x->name, "make.recipe") && strcmp(x->name, "code.loop") &&
	    strcmp(x->name, "python.listen") && strcmp(x->name, "docker.cmd") &&
	    strcmp(x->name, "systemd.unit"))
		return;
	if (!x->path || !*x->path || rc_manifest_foreign(x->path))
		return;
	pkg = &p->pkgs.v[owner(p, x->path)];
	if (!strcmp(x->name, "go.listen")) {
		set_ev(&pkg->late[K_SERVICE], x->path, x->line, "%s in %s",
		       x->str, x->path);
	} else if (!strcmp(x->name, "docker.expose")) {
		set_ev(&pkg->late[K_SERVICE], x->path, x->line,
		       "EXPOSE %s in %s", x->str, x->path);
	} else if (!strcmp(x->name, "python.listen") && !aux_path(x->path)) {
		set_ev(&pkg->stdlib_server, x->path, x->line,
		       "%s(...).serve_forever() in %s", x->str, x->path);
	} else if (!strcmp(x->name, "code.loop") && !aux_path(x->path)) {
		set_ev(&pkg->late[K_WORKER], x->path, x->line,
		       "endless loop `%s` %s in %s", x->str,
		       x->note ? x->note : "", x->path);
	} else if (!strcmp(x->name, "systemd.unit") && !aux_path(x->path)) {
		set_ev(&pkg->late[K_WORKER], x->path, x->line,
		       "systemd unit %s runs %.80s", x->path, x->str);
	} else if (!strcmp(x->name, "docker.cmd") && !aux_path(x->path)) {
		pkg->container_cmd = true;
		if (!exposes(p->f, x->path) && long_running_command(x->str))
			set_ev(&pkg->late[K_WORKER], x->path, x->line,
			       "%s %.80s in %s without EXPOSE",
			       x->note ? x->note : "CMD", x->str, x->path);
	} else if (!strcmp(x->name, "go.main") && !aux_path(x->path)) {
		set_ev(&pkg->late[K_CLI], x->path, x->line,
		       "package main in %s", x->path);
	} else if (!strcmp(x->name, "make.recipe") && !aux_path(x->path)) {
		enum make_output out = make_output(x->str);

		if (out == MAKE_NONE || !x->note || aux_target(x->note))
			return;
		set_ev(&pkg->late[out == MAKE_LIB ? K_LIBRARY : K_CLI], x->path,
		       x->line, "%s '%s' linked by %s",
		       out == MAKE_LIB ? "library" : "executable", x->note,
		       x->path);
	} else if (!strcmp(x->name, "c.target") && !aux_path(x->path)) {
		const char *colon = strchr(x->str, ':');
		bool lib = !strncmp(x->str, "library:", 8);

		if (!colon || aux_target(colon + 1))
			return;
		if (lib && internal_library(p->f, x->path, colon + 1))
			return;
		set_ev(&pkg->late[lib ? K_LIBRARY : K_CLI], x->path, x->line,
		       "%s target '%s' in %s", lib ? "library" : "executable",
		       colon + 1, x->path);
	}
}

/* Crates with src/main.rs or src/bin/<x>.rs next to their Cargo.toml. */
static int scan_crate_bins(struct project *p)
{
	struct rc_buf b = RC_BUF_INIT;
	size_t i, n = rc_facts_file_count(p->f);

	for (i = 0; i < n; i++) {
		const char *path = rc_facts_file_at(p->f, i)->path;
		const char *src, *hit = NULL;
		struct manifest *m;

		if (!rc_str_ends_with(path, ".rs"))
			continue;
		/* ".../src/main.rs" or ".../src/bin/<x>.rs" */
		for (src = path; (src = strstr(src, "src/")); src++)
			if ((src == path || src[-1] == '/') &&
			    (!strcmp(src, "src/main.rs") ||
			     (!strncmp(src, "src/bin/", 8) &&
			      !strchr(src + 8, '/')))) {
				hit = src;
				break;
			}
		if (!hit)
			continue;
		rc_buf_reset(&b);
		rc_buf_addf(&b, "%.*sCargo.toml", (int)(hit - path), path);
		if (rc_buf_err(&b)) {
			rc_buf_release(&b);
			return RC_ENOMEM;
		}
		m = find_manifest(p, b.ptr);
		if (m && m->kind == RC_MF_CARGO && !m->main_rs)
			m->main_rs = path;
	}
	rc_buf_release(&b);
	return 0;
}

static bool is_workload(const char *kind)
{
	static const char *const kinds[] = { "Deployment",	"StatefulSet",
					     "DaemonSet",	"ReplicaSet",
					     "Service",		"Rollout",
					     "DeploymentConfig" };
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(kinds); i++)
		if (!strcmp(kind, kinds[i]))
			return true;
	return false;
}

/* A published npm package without main/exports is loaded from index.js
 * next to its package.json. */
static bool default_main(const struct project *p, const char *manifest)
{
	const char *slash = strrchr(manifest, '/');
	char path[4096];
	int n;

	n = snprintf(path, sizeof(path), "%.*sindex.js",
		     slash ? (int)(slash - manifest + 1) : 0, manifest);
	return n > 0 && (size_t)n < sizeof(path) && rc_facts_file(p->f, path);
}

/*
 * Dependencies that belong to the host application rather than make the
 * package a server or a worker: a gem's (its gemspec's and, beside it, its
 * Gemfile's: a Rails engine depends on rails) and those of a composer
 * package whose declared type is not "project" (a Laravel package).
 */
static bool host_dependencies(const struct package *pkg,
			      const struct manifest *m)
{
	if (m->kind == RC_MF_GEMFILE)
		return pkg->gem;
	return m->kind == RC_MF_COMPOSER && m->packaging &&
	       strcmp(m->packaging, "project") != 0;
}

/* A .NET project that is a test or a helper (tests/, benchmarks/, ...). */
static bool dotnet_aux(const struct manifest *m)
{
	return m->test_project || aux_path(m->path);
}

/* Before deciding: which packages are gems, and whether a .NET project
 * of the repository runs. */
static void note_manifest(struct project *p, const struct manifest *m)
{
	if (m->gemspec)
		p->pkgs.v[m->pkg].gem = true;
	if (m->kind == RC_MF_CSPROJ && !dotnet_aux(m) &&
	    (m->bin ||
	     (m->sdk && (strstr(m->sdk, ".Web") || strstr(m->sdk, ".Worker")))))
		p->dotnet_exe = true;
}

/* Maven and Gradle. */
static void decide_jvm(struct package *pkg, const struct manifest *m)
{
	struct evidence *lib = &pkg->ev[K_LIBRARY], *cli = &pkg->ev[K_CLI];
	const char *name = m->name ? m->name : "";
	bool pom = m->kind == RC_MF_POM;

	if (pom && m->packaging && !strcmp(m->packaging, "war")) {
		set_ev(&pkg->ev[K_SERVICE], m->path, m->packaging_line,
		       "war packaging in %s", m->path);
		return;
	}
	if (pom && m->packaging && strcmp(m->packaging, "jar") &&
	    strcmp(m->packaging, "bundle"))
		return; /* pom (an aggregator), ear, maven-plugin, ... */
	if (m->lib)
		set_ev(lib, m->path, m->lib_line, "java-library plugin in %s",
		       m->path);
	if (m->publish)
		set_ev(lib, m->path, m->publish_line, "%s in %s", m->publish,
		       m->path);
	if (m->bin)
		set_ev(cli, m->path, m->bin_line, "%s '%s' in %s",
		       pom ? "executable jar" : "application", m->bin, m->path);
	else
		copy_ev(cli, &m->cli_dep);
	/* a jar is a library unless it is a program (a main class, a
	 * command-line parser) */
	if (!pom || m->bin || m->cli_dep.set)
		return;
	if (m->packaging)
		set_ev(lib, m->path, m->packaging_line, "%s packaging in %s",
		       m->packaging, m->path);
	else if (m->name)
		set_ev(lib, m->path, m->name_line,
		       "artifact '%s' with the default jar packaging in %s",
		       name, m->path);
}

/* *.csproj, *.fsproj, *.vbproj */
static void decide_dotnet(const struct project *p, struct package *pkg,
			  const struct manifest *m)
{
	const char *name = m->name ? m->name : "";

	if (dotnet_aux(m))
		return;
	if (m->sdk && strstr(m->sdk, ".Web"))
		set_ev(&pkg->ev[K_SERVICE], m->path, m->sdk_line, "%s in %s",
		       m->sdk, m->path);
	else if (m->bin && m->aspnet.set)
		copy_ev(&pkg->ev[K_SERVICE], &m->aspnet);
	else if (m->sdk && strstr(m->sdk, ".Worker"))
		set_ev(&pkg->ev[K_WORKER], m->path, m->sdk_line, "%s in %s",
		       m->sdk, m->path);
	else if (m->bin)
		set_ev(&pkg->ev[K_CLI], m->path, m->bin_line,
		       "OutputType Exe in %s", m->path);
	else if (m->private_)
		return; /* IsPackable false */
	else if (m->publish)
		set_ev(&pkg->ev[K_LIBRARY], m->path, m->publish_line,
		       "class library '%s' with %s in %s", name, m->publish,
		       m->path);
	else if (!p->dotnet_exe)
		set_ev(&pkg->ev[K_LIBRARY], m->path, m->name_line,
		       "class library '%s' in %s", name, m->path);
}

/* The first file directly in dir[0..n)/sub/ that is not a development
 * script (bin/console, bin/setup of the bundler template); NULL when
 * none. */
static const char *gem_executable(const struct project *p, const char *dir,
				  size_t n, const char *sub)
{
	size_t i, k = strlen(sub), count = rc_facts_file_count(p->f);

	for (i = 0; i < count; i++) {
		const char *path = rc_facts_file_at(p->f, i)->path;
		const char *rest = path + (n ? n + 1 : 0);

		if ((n && (strncmp(path, dir, n) || path[n] != '/')) ||
		    strncmp(rest, sub, k) || rest[k] != '/' || !rest[k + 1] ||
		    strchr(rest + k + 1, '/'))
			continue;
		if (strcmp(rest + k + 1, "console") &&
		    strcmp(rest + k + 1, "setup"))
			return path;
	}
	return NULL;
}

/* A gem is a library; its executables (listed in the gemspec, in exe/,
 * or in the bindir a computed list reads) make it a cli too. */
static void decide_gem(const struct project *p, struct package *pkg,
		       const struct manifest *m)
{
	const char *base = strrchr(m->path, '/'), *exe;
	size_t n = dir_len(m->path);
	char stem[128];

	base = base ? base + 1 : m->path;
	snprintf(stem, sizeof(stem), "%.*s", (int)(strlen(base) - 8), base);
	set_ev(&pkg->ev[K_LIBRARY], m->path, m->name ? m->name_line : 0,
	       "gem '%s' in %s", m->name ? m->name : stem, m->path);
	if (m->bin) {
		set_ev(&pkg->ev[K_CLI], m->path, m->bin_line,
		       "executable '%s' in %s", m->bin, m->path);
	} else if ((exe = gem_executable(p, m->path, n, "exe"))) {
		set_ev(&pkg->ev[K_CLI], exe, 0, "%s of gem '%s'", exe,
		       m->name ? m->name : stem);
	} else if (m->gem_exec &&
		   (exe = gem_executable(p, m->path, n,
					 m->gem_bindir ? m->gem_bindir
						       : "bin"))) {
		set_ev(&pkg->ev[K_CLI], exe, 0,
		       "%s of gem '%s' (executables in %s)", exe,
		       m->name ? m->name : stem, m->path);
	}
}

/* Library and cli evidence of one manifest, by format. */
static void decide_manifest(struct project *p, struct manifest *m)
{
	struct package *pkg = &p->pkgs.v[m->pkg];
	struct evidence *lib = &pkg->ev[K_LIBRARY], *cli = &pkg->ev[K_CLI];
	const char *name = m->name ? m->name : "";

	if (m->hyper_server && m->hyper_note)
		set_ev(&m->service, m->path, m->hyper_line,
		       "hyper with the server feature in %s%s%s", m->path,
		       *m->hyper_note ? " " : "", m->hyper_note);
	if (!host_dependencies(pkg, m)) {
		copy_ev(&pkg->ev[K_SERVICE], &m->service);
		copy_ev(&pkg->dep_worker, &m->worker);
	}
	copy_ev(&pkg->ev[K_APP], &m->app);
	switch (m->kind) {
	case RC_MF_CARGO:
		if (!m->name)
			break; /* a virtual workspace */
		if (m->lib)
			set_ev(lib, m->path, m->lib_line, "[lib] in %s",
			       m->path);
		else if (!m->bin && !m->main_rs)
			set_ev(lib, m->path, m->name_line,
			       "crate '%s' without a binary target in %s", name,
			       m->path);
		if (m->bin)
			set_ev(cli, m->path, m->bin_line, "[[bin]] %s in %s",
			       m->bin, m->path);
		else if (m->main_rs)
			set_ev(cli, m->main_rs, 0, "%s of crate '%s'",
			       m->main_rs, name);
		break;
	case RC_MF_PYPROJECT:
	case RC_MF_SETUP_PY:
	case RC_MF_SETUP_CFG:
		if (m->bin)
			set_ev(cli, m->path, m->bin_line, "script '%s' in %s",
			       m->bin, m->path);
		/* a command that CI publishes to PyPI is a library too: its
		 * modules are importable by whoever installs it */
		if (m->bin && m->name && p->pypi)
			set_ev(lib, m->path, m->name_line,
			       "package '%s' published to PyPI by %s (%.60s)",
			       name, p->pypi->path, p->pypi->str);
		if (!m->bin && m->name && !lib->set)
			pkg->weak_library = true;
		if (!m->bin && m->name)
			set_ev(lib, m->path, m->name_line,
			       "package '%s' without scripts in %s", name,
			       m->path);
		break;
	case RC_MF_PACKAGE_JSON:
	case RC_MF_COMPOSER:
		if (m->lib && m->kind == RC_MF_COMPOSER && !m->packaging)
			set_ev(lib, m->path, m->lib_line,
			       "package '%s' with autoload and the "
			       "default type library in %s",
			       name, m->path);
		else if (m->lib)
			set_ev(lib, m->path, m->lib_line, "%s in %s",
			       m->kind == RC_MF_COMPOSER ? "type library"
							 : "main/exports",
			       m->path);
		else if (m->kind == RC_MF_PACKAGE_JSON && m->name && !m->bin &&
			 !m->private_ && default_main(p, m->path))
			set_ev(lib, m->path, m->name_line,
			       "package '%s' with the default entry index.js "
			       "in %s",
			       name, m->path);
		if (m->bin)
			set_ev(cli, m->path, m->bin_line, "bin '%s' in %s",
			       m->bin, m->path);
		break;
	case RC_MF_GOMOD:
		if (m->name && !pkg->go_module) {
			pkg->go_module = true;
			pkg->go_name = m->name;
			pkg->go_line = m->name_line;
			pkg->go_path = m->path;
		}
		break;
	case RC_MF_POM:
	case RC_MF_GRADLE:
		decide_jvm(pkg, m);
		break;
	case RC_MF_CSPROJ:
		decide_dotnet(p, pkg, m);
		break;
	case RC_MF_GEMFILE:
		if (m->gemspec)
			decide_gem(p, pkg, m);
		break;
	case RC_MF_NONE:
	case RC_MF_REQUIREMENTS:
	case RC_MF_CMAKE:
	case RC_MF_MESON:
		break;
	}
}

static int gather(struct project *p)
{
	size_t i, n = rc_facts_count(p->f);
	int e;

	if ((e = gather_manifests(p)) || (e = scan_crate_bins(p)))
		return e;
	p->pypi = pypi_publish(p->f);
	for (i = 0; i < n; i++) {
		const struct rc_fact *x = rc_facts_at(p->f, i);
		struct manifest *m;

		if (!x->path || !*x->path)
			continue;
		m = find_manifest(p, x->path);
		if (m)
			scan_manifest_fact(m, x);
		scan_package_fact(p, x);
	}
	for (i = 0; i < p->mfs.n; i++)
		note_manifest(p, &p->mfs.v[i]);
	for (i = 0; i < p->mfs.n; i++)
		decide_manifest(p, &p->mfs.v[i]);
	for (i = 0; i < p->pkgs.n; i++) {
		struct package *pkg = &p->pkgs.v[i];
		size_t k;

		for (k = 0; k < K_COUNT; k++)
			copy_ev(&pkg->ev[k], &pkg->late[k]);
		/* a Go module is a library unless it has a main package */
		if (pkg->go_module && !pkg->ev[K_CLI].set)
			set_ev(&pkg->ev[K_LIBRARY], pkg->go_path, pkg->go_line,
			       "Go module '%s' without package main in %s",
			       pkg->go_name, pkg->go_path);
		if (pkg->ev[K_CLI].set || !pkg->ev[K_LIBRARY].set ||
		    (pkg->weak_library && pkg->container_cmd))
			copy_ev(&pkg->ev[K_WORKER], &pkg->dep_worker);
		if (pkg->ev[K_WORKER].set && pkg->weak_library)
			pkg->ev[K_LIBRARY].set = false;
	}
	return 0;
}

/* Kubernetes workloads make the repository a service when nothing else
 * did. */
static void k8s_service(struct project *p)
{
	const struct rc_fact *x;
	size_t it = 0, i;

	/* a Deployment of a worker runs the worker, not a server */
	for (i = 0; i < p->pkgs.n; i++)
		if (p->pkgs.v[i].ev[K_SERVICE].set ||
		    p->pkgs.v[i].ev[K_WORKER].set ||
		    p->pkgs.v[i].stdlib_server.set)
			return;
	while ((x = rc_facts_next(p->f, "k8s.kind", &it)))
		if (x->path && !rc_manifest_foreign(x->path) &&
		    is_workload(x->str)) {
			set_ev(&p->pkgs.v[0].ev[K_SERVICE], x->path, x->line,
			       "Kubernetes %s in %s", x->str, x->path);
			return;
		}
}

static int emit_kinds(struct project *p)
{
	size_t i, k;
	int e;

	for (i = 0; i < p->pkgs.n; i++) {
		struct package *pkg = &p->pkgs.v[i];

		if (pkg->ev[K_SERVICE].set || pkg->ev[K_APP].set)
			pkg->ev[K_LIBRARY].set = pkg->ev[K_CLI].set = false;
		/* a server's background loops are part of the service */
		copy_ev(&pkg->ev[K_SERVICE], &pkg->stdlib_server);
		if (pkg->ev[K_SERVICE].set || pkg->ev[K_APP].set)
			pkg->ev[K_WORKER].set = false;
		for (k = 0; k < K_COUNT; k++) {
			const struct evidence *ev = &pkg->ev[k];

			if (!ev->set)
				continue;
			/* then the same by package: note is its directory */
			if ((e = rc_facts_add_note(p->f, "kind", kind_names[k],
						   ev->path, ev->line,
						   ev->note)) ||
			    (e = rc_facts_add_note(p->f, "package.kind",
						   kind_names[k], ev->path,
						   ev->line,
						   *pkg->dir ? pkg->dir : ".")))
				return e;
		}
	}
	return 0;
}

static int emit_packages(struct project *p)
{
	size_t i;
	int e;

	for (i = 0; i < p->pkgs.n; i++) {
		const struct package *pkg = &p->pkgs.v[i];

		if (pkg->manifest &&
		    (e = rc_facts_add_str(p->f, "package",
					  *pkg->dir ? pkg->dir : ".",
					  pkg->manifest, 0)))
			return e;
	}
	return 0;
}

/* Ecosystems and platforms, from the file list. */

static const char *const ecosystems[] = { "rust", "python", "node",
					  "go",	  "java",   "c",
					  "ruby", "php",    "dotnet" };

struct eco_hit {
	const char *path;
	unsigned rank; /* 2 manifest, 1 lockfile */
	size_t depth;
};

static const struct {
	const char *name;
	const char *eco;
} lockfiles[] = {
	{ "Cargo.lock", "rust" },
	{ "Pipfile", "python" },
	{ "Pipfile.lock", "python" },
	{ "poetry.lock", "python" },
	{ "uv.lock", "python" },
	{ "package-lock.json", "node" },
	{ "yarn.lock", "node" },
	{ "pnpm-lock.yaml", "node" },
	{ "go.sum", "go" },
	{ "go.work", "go" },
	{ "gradle.lockfile", "java" },
	{ "settings.gradle", "java" },
	{ "settings.gradle.kts", "java" },
	{ "configure.ac", "c" },
	{ "conanfile.txt", "c" },
	{ "conanfile.py", "c" },
	{ "vcpkg.json", "c" },
	{ "Gemfile.lock", "ruby" },
	{ "composer.lock", "php" },
	{ "packages.lock.json", "dotnet" },
};

static size_t depth_of(const char *path)
{
	size_t n = 0;

	for (; *path; path++)
		n += *path == '/';
	return n;
}

static bool c_source(const char *base)
{
	static const char *const ext[] = { ".c",   ".h",   ".cc", ".cpp",
					   ".cxx", ".hpp", ".hh" };
	size_t i, n = strlen(base);

	for (i = 0; i < RC_ARRAY_SIZE(ext); i++) {
		size_t m = strlen(ext[i]);

		if (n > m && !memcmp(base + n - m, ext[i], m))
			return true;
	}
	return false;
}

static void eco_note(struct eco_hit *hits, const char *eco, const char *path,
		     unsigned rank)
{
	size_t i, depth = depth_of(path);

	for (i = 0; i < RC_ARRAY_SIZE(ecosystems); i++) {
		struct eco_hit *h = &hits[i];

		if (strcmp(ecosystems[i], eco))
			continue;
		if (!h->path || rank > h->rank ||
		    (rank == h->rank && depth < h->depth)) {
			h->path = path;
			h->rank = rank;
			h->depth = depth;
		}
		return;
	}
}

static int emit_ecosystems(struct project *p)
{
	struct eco_hit hits[RC_ARRAY_SIZE(ecosystems)];
	const char *makefile = NULL;
	bool c_sources = false;
	size_t i, k, n = rc_facts_file_count(p->f);
	int e;

	memset(hits, 0, sizeof(hits));
	for (i = 0; i < n; i++) {
		const struct rc_file_entry *fe = rc_facts_file_at(p->f, i);
		const char *base = strrchr(fe->path, '/');
		enum rc_manifest_kind kind;

		base = base ? base + 1 : fe->path;
		if ((fe->flags & RC_FILE_SYMLINK) ||
		    rc_manifest_foreign(fe->path))
			continue;
		kind = rc_manifest_kind_of(fe->path);
		/* docs/requirements.txt: docs tooling, not the product */
		if ((kind == RC_MF_REQUIREMENTS && aux_path(fe->path)) ||
		    rc_manifest_ruby_version_file(fe->path))
			continue;
		if (kind != RC_MF_NONE) {
			eco_note(hits, rc_manifest_ecosystem(kind), fe->path,
				 2);
			continue;
		}
		for (k = 0; k < RC_ARRAY_SIZE(lockfiles); k++)
			if (!strcmp(base, lockfiles[k].name))
				eco_note(hits, lockfiles[k].eco, fe->path, 1);
		if (!strcmp(base, "Makefile") || !strcmp(base, "GNUmakefile") ||
		    !strcmp(base, "makefile")) {
			if (!makefile ||
			    depth_of(fe->path) < depth_of(makefile))
				makefile = fe->path;
		} else if (c_source(base)) {
			c_sources = true;
		}
	}
	/* a Makefile is a C build only when there is C to build */
	if (makefile && c_sources)
		eco_note(hits, "c", makefile, 1);
	for (i = 0; i < RC_ARRAY_SIZE(ecosystems); i++)
		if (hits[i].path &&
		    (e = rc_facts_add_str(p->f, "ecosystem", ecosystems[i],
					  hits[i].path, 0)))
			return e;
	return 0;
}

static bool yaml_name(const char *base, const char *stem)
{
	size_t n = strlen(stem);

	return !strncmp(base, stem, n) &&
	       (!strcmp(base + n, ".yml") || !strcmp(base + n, ".yaml"));
}

static bool compose_file(const char *base)
{
	const char *ext = strrchr(base, '.');

	if (!ext || (strcmp(ext, ".yml") && strcmp(ext, ".yaml")))
		return false;
	return !strncmp(base, "docker-compose", 14) ||
	       !strncmp(base, "compose.", 8) || !strncmp(base, "compose-", 8);
}

enum platform {
	P_DOCKER,
	P_COMPOSE,
	P_KUBERNETES,
	P_HELM,
	P_KUSTOMIZE,
	P_TERRAFORM,
	P_PULUMI,
	P_CDK,
	P_COUNT
};

static const char *const platform_names[P_COUNT] = {
	"docker",    "compose",	  "kubernetes", "helm",
	"kustomize", "terraform", "pulumi",	"cdk",
};

static int emit_platforms(struct project *p)
{
	const char *first[P_COUNT] = { NULL };
	unsigned line[P_COUNT] = { 0 };
	const struct rc_fact *x;
	size_t i, it = 0, n = rc_facts_file_count(p->f);
	int e;

	for (i = 0; i < n; i++) {
		const char *path = rc_facts_file_at(p->f, i)->path;
		const char *base = strrchr(path, '/');
		int k = -1;

		base = base ? base + 1 : path;
		if (rc_manifest_foreign(path))
			continue;
		if (rc_collect_is_dockerfile(path))
			k = P_DOCKER;
		else if (compose_file(base))
			k = P_COMPOSE;
		else if (!strcmp(base, "Chart.yaml") ||
			 !strcmp(base, "Chart.yml"))
			k = P_HELM;
		else if (yaml_name(base, "kustomization") ||
			 !strcmp(base, "Kustomization"))
			k = P_KUSTOMIZE;
		else if (rc_str_ends_with(base, ".tf") ||
			 rc_str_ends_with(base, ".tf.json"))
			k = P_TERRAFORM;
		else if (yaml_name(base, "Pulumi"))
			k = P_PULUMI;
		else if (!strcmp(base, "cdk.json"))
			k = P_CDK;
		if (k >= 0 && !first[k])
			first[k] = path;
	}
	while ((x = rc_facts_next(p->f, "k8s.kind", &it)))
		if (x->path && !rc_manifest_foreign(x->path) &&
		    strcmp(x->str, "Kustomization") &&
		    strcmp(x->str, "Component")) {
			first[P_KUBERNETES] = x->path;
			line[P_KUBERNETES] = x->line;
			break;
		}
	for (i = 0; i < P_COUNT; i++)
		if (first[i] &&
		    (e = rc_facts_add_str(p->f, "platform", platform_names[i],
					  first[i], line[i])))
			return e;
	return 0;
}

/* CI build platforms: operating systems and targets. */

#define MAX_PLATFORMS 32

struct platform_set {
	char v[MAX_PLATFORMS][48];
	size_t n;
	const char *path; /* the CI file of the first one */
	unsigned line;
};

static void platform_add(struct platform_set *s, const char *v, size_t n,
			 const struct rc_fact *x)
{
	char low[48];
	size_t i;

	if (!n)
		return;
	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] - 'A' + 'a')
						    : v[i];
	low[n] = '\0';
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], low))
			return;
	if (s->n == MAX_PLATFORMS)
		return;
	memcpy(s->v[s->n++], low, n + 1);
	if (!s->path) {
		s->path = x->path;
		s->line = x->line;
	}
}

/* The operating system a runner label stands for; NULL when unknown
 * (self-hosted, custom labels). */
static const char *runner_os(const char *label)
{
	static const struct {
		const char *word, *os;
	} words[] = {
		{ "windows", "windows" }, { "macos", "macos" },
		{ "darwin", "macos" },	  { "osx", "macos" },
		{ "ubuntu", "linux" },	  { "linux", "linux" },
		{ "debian", "linux" },	  { "fedora", "linux" },
		{ "alpine", "linux" },	  { "centos", "linux" },
		{ "freebsd", "freebsd" },
	};
	size_t i, n = strlen(label);

	for (i = 0; i < RC_ARRAY_SIZE(words); i++)
		if (rc_str_icase_find(label, n, words[i].word))
			return words[i].os;
	return NULL;
}

/* Values of "NAME=v" or "NAME v" options in a command: --target x,
 * GOOS=x, --platform a,b (split at commas). */
static void run_values(struct platform_set *s, const struct rc_fact *x,
		       const char *opt, bool commas)
{
	const char *p = x->str, *hit;
	size_t k = strlen(opt);

	while ((hit = strstr(p, opt))) {
		const char *v = hit + k;
		size_t n;

		p = v;
		if (hit > x->str && hit[-1] != ' ' && hit[-1] != '\t' &&
		    hit[-1] != '\n')
			continue;
		while (*v == ' ' || *v == '=')
			v++;
		for (;;) {
			n = strcspn(v, commas ? " \t\n\"',;&|" : " \t\n\"';&|");
			if (n && v[0] != '$')
				platform_add(s, v, n, x);
			if (!commas || v[n] != ',')
				break;
			v += n + 1;
		}
	}
}

static int emit_ci_platforms(struct project *p)
{
	struct platform_set os, tg;
	const struct rc_fact *x;
	char note[256];
	size_t it = 0, i;
	int e;

	memset(&os, 0, sizeof(os));
	memset(&tg, 0, sizeof(tg));
	while ((x = rc_facts_next(p->f, "ci.runner", &it))) {
		const char *o = runner_os(x->str);

		if (o)
			platform_add(&os, o, strlen(o), x);
		if (strstr(x->str, "arm"))
			platform_add(&tg, "arm64", 5, x);
	}
	it = 0;
	while ((x = rc_facts_next(p->f, "ci.target", &it)))
		platform_add(&tg, x->str, strlen(x->str), x);
	it = 0;
	while ((x = rc_facts_next(p->f, "ci.run", &it))) {
		run_values(&tg, x, "--target", false);
		run_values(&tg, x, "GOARCH=", false);
		run_values(&tg, x, "--platform", true);
		run_values(&os, x, "GOOS=", false);
	}
	if (os.n) {
		for (note[0] = '\0', i = 0; i < os.n; i++)
			snprintf(note + strlen(note),
				 sizeof(note) - strlen(note), "%s%s",
				 i ? ", " : "", os.v[i]);
		if ((e = rc_facts_add_num_note(p->f, "ci.os.count",
					       (double)os.n, os.path, os.line,
					       note)))
			return e;
	}
	if (tg.n) {
		for (note[0] = '\0', i = 0; i < tg.n; i++)
			snprintf(note + strlen(note),
				 sizeof(note) - strlen(note), "%s%s",
				 i ? ", " : "", tg.v[i]);
		if ((e = rc_facts_add_num_note(p->f, "ci.target.count",
					       (double)tg.n, tg.path, tg.line,
					       note)))
			return e;
	}
	return 0;
}

int rc_collect_project(struct rc_facts *f, struct rc_diags *d)
{
	struct project p;
	size_t i;
	int e;

	(void)d;
	memset(&p, 0, sizeof(p));
	p.f = f;
	if ((e = emit_ecosystems(&p)) || (e = emit_platforms(&p)) ||
	    (e = emit_ci_platforms(&p)) || (e = gather(&p)))
		goto out;
	k8s_service(&p);
	if ((e = emit_packages(&p)))
		goto out;
	e = emit_kinds(&p);
out:
	for (i = 0; i < p.pkgs.n; i++)
		rc_free(p.pkgs.v[i].dir);
	rc_vec_free(&p.pkgs);
	rc_vec_free(&p.mfs);
	return e;
}
