/*
 * db.c - database usage and schema migrations (db.h).
 */
#include "../core/common.h"
#include "db.h"
#include "manifest_util.h"
#include "../core/buf.h"
#include "../core/str.h"

#include <stdio.h>
#include <strings.h>

/* Database clients and ORMs by ecosystem (names as the dependency facts
 * spell them; '*' globs). */
static const struct {
	const char *eco, *name, *engine;
} clients[] = {
	{ "rust", "sqlx", "sql" },
	{ "rust", "diesel", "sql" },
	{ "rust", "sea-orm", "sql" },
	{ "rust", "tokio-postgres", "postgres" },
	{ "rust", "postgres", "postgres" },
	{ "rust", "deadpool-postgres", "postgres" },
	{ "rust", "rusqlite", "sqlite" },
	{ "rust", "mysql_async", "mysql" },
	{ "rust", "mysql", "mysql" },
	{ "rust", "mongodb", "mongodb" },
	{ "rust", "redb", "embedded" },
	{ "rust", "sled", "embedded" },
	{ "python", "sqlalchemy", "sql" },
	{ "python", "psycopg", "postgres" },
	{ "python", "psycopg2", "postgres" },
	{ "python", "psycopg2-binary", "postgres" },
	{ "python", "asyncpg", "postgres" },
	{ "python", "django", "sql" },
	{ "python", "peewee", "sql" },
	{ "python", "tortoise-orm", "sql" },
	{ "python", "sqlmodel", "sql" },
	{ "python", "pymysql", "mysql" },
	{ "python", "mysqlclient", "mysql" },
	{ "python", "pymongo", "mongodb" },
	{ "python", "motor", "mongodb" },
	{ "node", "pg", "postgres" },
	{ "node", "postgres", "postgres" },
	{ "node", "mysql", "mysql" },
	{ "node", "mysql2", "mysql" },
	{ "node", "sqlite3", "sqlite" },
	{ "node", "better-sqlite3", "sqlite" },
	{ "node", "knex", "sql" },
	{ "node", "prisma", "sql" },
	{ "node", "@prisma/client", "sql" },
	{ "node", "typeorm", "sql" },
	{ "node", "sequelize", "sql" },
	{ "node", "drizzle-orm", "sql" },
	{ "node", "kysely", "sql" },
	{ "node", "mongoose", "mongodb" },
	{ "node", "mongodb", "mongodb" },
	{ "go", "github.com/jackc/pgx*", "postgres" },
	{ "go", "github.com/lib/pq", "postgres" },
	{ "go", "gorm.io/gorm", "sql" },
	{ "go", "github.com/jmoiron/sqlx", "sql" },
	{ "go", "entgo.io/ent", "sql" },
	{ "go", "github.com/go-sql-driver/mysql", "mysql" },
	{ "go", "github.com/mattn/go-sqlite3", "sqlite" },
	{ "go", "modernc.org/sqlite", "sqlite" },
	{ "go", "go.mongodb.org/mongo-driver*", "mongodb" },
	{ "java", "*:spring-boot-starter-data-jpa", "sql" },
	{ "java", "*:spring-boot-starter-jdbc", "sql" },
	{ "java", "*:hibernate-core", "sql" },
	{ "java", "org.postgresql:postgresql", "postgres" },
	{ "java", "com.mysql:mysql-connector-j", "mysql" },
	{ "java", "mysql:mysql-connector-java", "mysql" },
	{ "java", "org.jooq:jooq", "sql" },
	{ "java", "org.mybatis*", "sql" },
	{ "java", "*:spring-boot-starter-data-mongodb", "mongodb" },
	{ "ruby", "activerecord", "sql" },
	{ "ruby", "rails", "sql" },
	{ "ruby", "pg", "postgres" },
	{ "ruby", "mysql2", "mysql" },
	{ "ruby", "sqlite3", "sqlite" },
	{ "ruby", "sequel", "sql" },
	{ "ruby", "mongoid", "mongodb" },
	{ "php", "doctrine/orm", "sql" },
	{ "php", "doctrine/dbal", "sql" },
	{ "php", "illuminate/database", "sql" },
	{ "php", "laravel/framework", "sql" },
	{ "dotnet", "Microsoft.EntityFrameworkCore*", "sql" },
	{ "dotnet", "Npgsql*", "postgres" },
	{ "dotnet", "Dapper", "sql" },
	{ "dotnet", "MySqlConnector", "mysql" },
	{ "dotnet", "Microsoft.Data.Sqlite", "sqlite" },
	{ "dotnet", "MongoDB.Driver", "mongodb" },
};

/* Names compare case-insensitively; "x*" is a prefix, "*:y" a suffix. */
static bool name_match(const char *want, const char *have)
{
	size_t n = strlen(want), h = strlen(have);

	if (n && want[n - 1] == '*')
		return !strncasecmp(want, have, n - 1);
	if (want[0] == '*')
		return h >= n - 1 && !strcasecmp(have + h - (n - 1), want + 1);
	return !strcasecmp(want, have);
}

size_t rc_db_migrations_dir(const char *path)
{
	const char *p = path, *slash, *prev = NULL;
	size_t best = 0;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		if (rc_manifest_ieq(p, n, "migrations") ||
		    rc_manifest_ieq(p, n, "migration") ||
		    (rc_manifest_ieq(p, n, "migrate") && prev &&
		     rc_manifest_ieq(prev, (size_t)(p - 1 - prev), "db")) ||
		    (rc_manifest_ieq(p, n, "versions") && prev &&
		     rc_manifest_ieq(prev, (size_t)(p - 1 - prev), "alembic")))
			best = (size_t)(slash - path);
		prev = p;
		p = slash + 1;
	}
	return best;
}

static const char *ext_of(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot ? dot : "";
}

bool rc_db_migration_file(const char *path)
{
	static const char *const exts[] = { ".sql", ".py",  ".js",
					    ".ts",  ".mjs", ".rb",
					    ".go",  ".php", ".cs" };
	const char *ext = ext_of(path), *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	if (!rc_db_migrations_dir(path) || !strcmp(base, "__init__.py") ||
	    rc_manifest_foreign(path))
		return false;
	/* EF Core: the generated metadata of a migration and the model
	 * snapshot are not migrations */
	if (rc_str_ends_with(base, ".Designer.cs") ||
	    rc_str_ends_with(base, "ModelSnapshot.cs"))
		return false;
	for (i = 0; i < RC_ARRAY_SIZE(exts); i++)
		if (!strcmp(ext, exts[i]))
			return true;
	return false;
}

/* The first non-blank line after position at (the body of a def). */
static bool body_is_pass(const char *buf, size_t len, size_t at)
{
	const char *p = buf + at, *end = buf + len, *nl;

	nl = memchr(p, '\n', (size_t)(end - p));
	while (nl && nl < end) {
		const char *s = nl + 1, *e;

		nl = memchr(s, '\n', (size_t)(end - s));
		e = nl ? nl : end;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s == e || *s == '#' || *s == '"' || *s == '\'')
			continue; /* blank, comment or docstring line */
		return (e - s >= 4 && !memcmp(s, "pass", 4)) ||
		       (e - s >= 3 && !memcmp(s, "...", 3));
	}
	return true;
}

static const char *find(const char *buf, size_t len, const char *s)
{
	return rc_str_find(buf, len, s, strlen(s));
}

/*
 * EF Core: does `void Down(...)` have a body with a statement? The body is
 * the braces after the parameter list (or an expression body `=> x;`);
 * comments and blanks do not count.
 */
static bool ef_down(const char *buf, size_t len)
{
	const char *p = find(buf, len, "void Down("), *end = buf + len;
	int depth = 0;

	if (!p)
		return false;
	p += 10;
	while (p < end && *p != ')')
		p++;
	while (p < end && *p != '{' && *p != '=')
		p++;
	if (p >= end)
		return false;
	if (*p == '=')
		return true; /* => migrationBuilder.DropTable(...); */
	for (p++; p < end; p++) {
		if (p + 1 < end && p[0] == '/' && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			const char *c = rc_str_find(
				p + 2, (size_t)(end - p - 2), "*/", 2);

			p = c ? c + 1 : end;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (!depth)
				return false; /* the body ended empty */
			depth--;
		} else if (*p != ' ' && *p != '\t' && *p != '\r' &&
			   *p != '\n') {
			return true;
		}
	}
	return false;
}

static bool has_down(const char *path, const char *buf, size_t len)
{
	static const char *const markers[] = {
		"exports.down",		"async down(",	    "down(knex",
		"down(queryInterface",	"down: async",	    "-- +goose Down",
		"-- +goose down",	"-- +migrate Down", "def down",
		"def change",		"function down(",   "Down(",
		"public function down",
	};
	const char *at;
	size_t i;

	if (!strcmp(ext_of(path), ".cs"))
		return ef_down(buf, len);
	if (!strcmp(ext_of(path), ".py")) {
		if ((at = find(buf, len, "def downgrade")) ||
		    (at = find(buf, len, "def down(")))
			return !body_is_pass(buf, len, (size_t)(at - buf));
		/* Django migrations are reversed by the framework */
		return find(buf, len, "migrations.Migration") != NULL &&
		       !find(buf, len, "RunPython(") &&
		       !find(buf, len, "RunSQL(");
	}
	for (i = 0; i < RC_ARRAY_SIZE(markers); i++)
		if (find(buf, len, markers[i]))
			return true;
	return false;
}

/* A down file by its name: x.down.sql, down.sql, Flyway U<n>__x.sql. */
static bool down_name(const char *base)
{
	return rc_str_ends_with(base, ".down.sql") ||
	       rc_str_ends_with(base, "_down.sql") ||
	       !strcmp(base, "down.sql") ||
	       (base[0] == 'U' && base[1] >= '0' && base[1] <= '9' &&
		strstr(base, "__"));
}

int rc_collect_migration(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	const char *note;

	(void)d;
	base = base ? base + 1 : path;
	if (down_name(base))
		note = "down";
	else
		note = has_down(path, buf, len) ? "up+down" : "up";
	return rc_facts_add_note(f, "db.migration.file", path, path, 0, note);
}

/* Is there a file at path with the last component replaced? */
static bool sibling(const struct rc_facts *f, const char *path, size_t dir,
		    const char *name, size_t n)
{
	struct rc_buf b = RC_BUF_INIT;
	bool found;

	rc_buf_add(&b, path, dir);
	rc_buf_add(&b, name, n);
	found = !rc_buf_err(&b) && rc_facts_file(f, b.ptr) != NULL;
	rc_buf_release(&b);
	return found;
}

/* Does the up migration at path have a companion down file? */
static bool companion(const struct rc_facts *f, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t dir = base ? (size_t)(base - path) + 1 : 0;
	char name[512];
	size_t n;

	base = path + dir;
	n = strlen(base);
	if (!strcmp(base, "up.sql"))
		return sibling(f, path, dir, "down.sql", 8);
	if (n > 7 && rc_str_ends_with(base, ".up.sql") &&
	    n + 2 < sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s.down.sql", (int)(n - 7),
			 base);
		return sibling(f, path, dir, name, strlen(name));
	}
	if (n > 7 && rc_str_ends_with(base, "_up.sql") &&
	    n + 2 < sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s_down.sql", (int)(n - 7),
			 base);
		return sibling(f, path, dir, name, strlen(name));
	}
	if (base[0] == 'V' && base[1] >= '0' && base[1] <= '9' &&
	    n < sizeof(name)) {
		memcpy(name, base, n + 1);
		name[0] = 'U';
		return sibling(f, path, dir, name, n);
	}
	return false;
}

static const char *tool_of(const char *dir, const char *file)
{
	if (!strcmp(ext_of(file), ".cs"))
		return "ef";
	if (rc_str_ends_with(dir, "alembic/versions"))
		return "alembic";
	if (rc_str_ends_with(dir, "db/migrate"))
		return "rails";
	if (rc_str_ends_with(dir, "prisma/migrations"))
		return "prisma";
	if (rc_str_ends_with(dir, "db/migration"))
		return "flyway";
	return "migrations";
}

static int emit_clients(struct rc_facts *f)
{
	const struct rc_fact *x;
	size_t it = 0, i;
	int e;

	while ((x = rc_facts_next(f, "dependency.*", &it))) {
		const char *eco = strchr(x->name, '.') + 1;

		if (x->type != RC_FACT_STR)
			continue;
		for (i = 0; i < RC_ARRAY_SIZE(clients); i++)
			if (!strcmp(eco, clients[i].eco) &&
			    name_match(clients[i].name, x->str))
				break;
		if (i < RC_ARRAY_SIZE(clients) &&
		    (e = rc_facts_add_note(f, "db.client", x->str, x->path,
					   x->line, clients[i].engine)))
			return e;
	}
	return 0;
}

int rc_collect_db(struct rc_facts *f)
{
	const struct rc_fact *x;
	char dir[1024];
	size_t it = 0, ups = 0;
	int e;

	if ((e = emit_clients(f)))
		return e;
	while ((x = rc_facts_next(f, "db.migration.file", &it))) {
		size_t n = rc_db_migrations_dir(x->str);

		if (n && n < sizeof(dir)) {
			memcpy(dir, x->str, n);
			dir[n] = '\0';
			if (!rc_facts_find(f, "db.migrations", dir) &&
			    (e = rc_facts_add_note(f, "db.migrations", dir, dir,
						   0, tool_of(dir, x->str))))
				return e;
		}
		if (!x->note || strcmp(x->note, "down") == 0)
			continue;
		ups++;
		if (!strcmp(x->note, "up") && !companion(f, x->str) &&
		    (e = rc_facts_add_str(f, "db.migration.irreversible",
					  x->str, x->str, 0)))
			return e;
	}
	if (!ups)
		return 0;
	return rc_facts_add_num(f, "db.migrations.count", (double)ups, NULL, 0);
}
