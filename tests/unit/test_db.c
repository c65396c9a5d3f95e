/*
 * test_db.c - database usage and schema migrations (collect/db.h).
 */
#include "core/common.h"
#include "collect/db.h"
#include "core/buf.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

static void test_db__paths(void **state)
{
	(void)state;
	assert_int_equal(rc_db_migrations_dir("migrations/1_x.sql"), 10);
	assert_int_equal(rc_db_migrations_dir("svc/db/migrate/2_y.rb"), 14);
	assert_int_equal(rc_db_migrations_dir("alembic/versions/ab.py"), 16);
	assert_int_equal(rc_db_migrations_dir("src/main/resources/db/migration/"
					      "V1__a.sql"),
			 31);
	assert_int_equal(rc_db_migrations_dir("versions/x.py"), 0);
	assert_int_equal(rc_db_migrations_dir("migrate/x.rb"), 0);
	assert_int_equal(rc_db_migrations_dir("src/main.rs"), 0);
	assert_true(rc_db_migration_file("migrations/a/up.sql"));
	assert_false(rc_db_migration_file("migrations/README.md"));
	assert_false(rc_db_migration_file("app/migrations/__init__.py"));
	assert_false(rc_db_migration_file("vendor/x/migrations/1.sql"));
}

/* Collect files as the engine would, then the repository-wide pass. */
static struct rc_facts *collect(const char *const *files, size_t n)
{
	struct rc_facts *f = NULL;
	size_t i;

	assert_int_equal(rc_facts_new(&f), 0);
	for (i = 0; i + 1 < n; i += 2) {
		const char *path = files[i], *text = files[i + 1];

		assert_int_equal(rc_facts_add_file(f, path, strlen(text), 0, 1),
				 0);
		if (rc_db_migration_file(path))
			assert_int_equal(rc_collect_migration(f, NULL, path,
							      text,
							      strlen(text)),
					 0);
	}
	rc_facts_sort_files(f);
	assert_int_equal(rc_collect_db(f), 0);
	return f;
}

static void list(const struct rc_facts *f, const char *name, struct rc_buf *b)
{
	const struct rc_fact *x;
	size_t it = 0;

	rc_buf_reset(b);
	while ((x = rc_facts_next(f, name, &it)))
		rc_buf_addf(b, "%s%s%s%s;", x->str, x->note ? " (" : "",
			    x->note ? x->note : "", x->note ? ")" : "");
}

static void test_db__migrations(void **state)
{
	static const char *const files[] = {
		/* sqlx pairs */
		"migrations/1_a.up.sql",
		"CREATE TABLE a (id int);",
		"migrations/1_a.down.sql",
		"DROP TABLE a;",
		"migrations/2_b.up.sql",
		"CREATE TABLE b (id int);",
		/* Diesel directories */
		"migrations/3_c/up.sql",
		"CREATE TABLE c (id int);",
		"migrations/3_c/down.sql",
		"DROP TABLE c;",
		/* goose: both in one file */
		"migrations/4_d.sql",
		"-- +goose Up\nCREATE TABLE d();\n-- +goose Down\nDROP TABLE "
		"d;\n",
		/* Alembic: a stub downgrade is no downgrade */
		"alembic/versions/e1.py",
		"def upgrade():\n    op.create_table('e')\n\n"
		"def downgrade():\n    pass\n",
		"alembic/versions/e2.py",
		"def upgrade():\n    op.create_table('f')\n\n"
		"def downgrade() -> None:\n    \"\"\"Drop.\"\"\"\n"
		"    op.drop_table('f')\n",
		/* Flyway with an undo script, and one without */
		"db/migration/V1__init.sql",
		"CREATE TABLE g();",
		"db/migration/U1__init.sql",
		"DROP TABLE g;",
		"db/migration/V2__more.sql",
		"ALTER TABLE g ADD x int;",
		/* knex */
		"migrations/5_e.js",
		"exports.up = k => k.schema.createTable('h');\n"
		"exports.down = k => k.schema.dropTable('h');\n",
	};
	struct rc_buf b = RC_BUF_INIT;
	struct rc_facts *f = collect(files, RC_ARRAY_SIZE(files));
	const struct rc_fact *x;

	(void)state;
	list(f, "db.migration.irreversible", &b);
	assert_string_equal(b.ptr, "migrations/2_b.up.sql;"
				   "alembic/versions/e1.py;"
				   "db/migration/V2__more.sql;");
	/* once per directory */
	list(f, "db.migrations", &b);
	assert_string_equal(b.ptr, "migrations (migrations);"
				   "alembic/versions (alembic);"
				   "db/migration (flyway);");
	x = rc_facts_get(f, "db.migrations.count");
	assert_non_null(x);
	assert_true(x->num == 9);
	rc_buf_release(&b);
	rc_facts_free(f);
}

/* EF Core: Up and Down in one .cs file; the Designer file and the model
 * snapshot are generated metadata, not migrations. */
static void test_db__ef_core(void **state)
{
	static const char *const files[] = {
		"Data/Migrations/20250101_Init.cs",
		"public partial class Init : Migration {\n"
		"  protected override void Up(MigrationBuilder b)\n"
		"  {\n    b.CreateTable(name: \"a\");\n  }\n"
		"  protected override void Down(MigrationBuilder b)\n"
		"  {\n    b.DropTable(name: \"a\");\n  }\n}\n",
		"Data/Migrations/20250101_Init.Designer.cs",
		"partial class Init { void BuildTargetModel() {} }\n",
		"Data/Migrations/AppDbContextModelSnapshot.cs",
		"class AppDbContextModelSnapshot : ModelSnapshot {}\n",
		/* an empty Down (comments only) cannot roll back */
		"Data/Migrations/20250102_Seed.cs",
		"class Seed : Migration {\n"
		"  protected override void Up(MigrationBuilder b) { "
		"b.Sql(\"x\"); }\n"
		"  protected override void Down(MigrationBuilder b)\n"
		"  {\n    // nothing to undo { }\n    /* } */\n  }\n}\n",
		/* no Down at all */
		"Data/Migrations/20250103_Index.cs",
		"class Index : Migration {\n"
		"  protected override void Up(MigrationBuilder b) =>\n"
		"    b.CreateIndex(name: \"ix\", table: \"a\", column: "
		"\"x\");\n"
		"}\n",
		/* an expression-bodied Down */
		"Data/Migrations/20250104_Col.cs",
		"class Col : Migration {\n"
		"  protected override void Up(MigrationBuilder b) => "
		"b.AddColumn();\n"
		"  protected override void Down(MigrationBuilder b) => "
		"b.DropColumn();\n}\n",
	};
	struct rc_buf b = RC_BUF_INIT;
	struct rc_facts *f = collect(files, RC_ARRAY_SIZE(files));
	const struct rc_fact *x;

	(void)state;
	assert_false(rc_db_migration_file("Data/Migrations/1_X.Designer.cs"));
	assert_false(
		rc_db_migration_file("Data/Migrations/AppModelSnapshot.cs"));
	list(f, "db.migration.file", &b);
	assert_string_equal(b.ptr,
			    "Data/Migrations/20250101_Init.cs (up+down);"
			    "Data/Migrations/20250102_Seed.cs (up);"
			    "Data/Migrations/20250103_Index.cs (up);"
			    "Data/Migrations/20250104_Col.cs (up+down);");
	list(f, "db.migration.irreversible", &b);
	assert_string_equal(b.ptr, "Data/Migrations/20250102_Seed.cs;"
				   "Data/Migrations/20250103_Index.cs;");
	list(f, "db.migrations", &b);
	assert_string_equal(b.ptr, "Data/Migrations (ef);");
	x = rc_facts_get(f, "db.migrations.count");
	assert_non_null(x);
	assert_true(x->num == 4);
	rc_buf_release(&b);
	rc_facts_free(f);
}

static void test_db__clients(void **state)
{
	struct rc_facts *f = NULL;
	struct rc_buf b = RC_BUF_INIT;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(
		rc_facts_add_str(f, "dependency.rust", "sqlx", "Cargo.toml", 9),
		0);
	assert_int_equal(rc_facts_add_str(f, "dependency.go",
					  "github.com/jackc/pgx/v5", "go.mod",
					  4),
			 0);
	assert_int_equal(rc_facts_add_str(f, "dependency.node", "express",
					  "package.json", 3),
			 0);
	/* the name of another ecosystem's client does not count */
	assert_int_equal(rc_facts_add_str(f, "dependency.python", "pg",
					  "requirements.txt", 1),
			 0);
	assert_int_equal(rc_collect_db(f), 0);
	list(f, "db.client", &b);
	assert_string_equal(b.ptr,
			    "sqlx (sql);github.com/jackc/pgx/v5 (postgres);");
	assert_null(rc_facts_get(f, "db.migrations.count"));
	rc_buf_release(&b);
	rc_facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db__paths),
		cmocka_unit_test(test_db__migrations),
		cmocka_unit_test(test_db__ef_core),
		cmocka_unit_test(test_db__clients),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
