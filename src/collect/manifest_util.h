/*
 * manifest_util.h - helpers shared by the manifest collectors.
 *
 * Small pieces every manifest reader needs: adding a dependency fact with
 * its section, turning a parser's struct rc_err into a diagnostic, walking a
 * buffer line by line with line numbers, and a tokenizer for the
 * script-like manifests (setup.py, meson.build, build.gradle) that finds
 * identifiers, string literals and punctuation while skipping comments.
 *
 * Nothing here allocates except the fact and diagnostic adders; buffers are
 * never read past buf + len and need not be NUL-terminated.
 */
#ifndef RC_COLLECT_MANIFEST_UTIL_H
#define RC_COLLECT_MANIFEST_UTIL_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../core/err.h"
#include "../facts/facts.h"
#include "../parse/doc.h"

/* The manifest formats, found by file name. */
enum rc_manifest_kind {
	RC_MF_NONE,
	RC_MF_CARGO,	    /* Cargo.toml */
	RC_MF_PYPROJECT,    /* pyproject.toml */
	RC_MF_REQUIREMENTS, /* requirements*.txt|in, requirements/x.txt */
	RC_MF_SETUP_PY,	    /* setup.py */
	RC_MF_SETUP_CFG,    /* setup.cfg */
	RC_MF_PACKAGE_JSON, /* package.json */
	RC_MF_GOMOD,	    /* go.mod */
	RC_MF_POM,	    /* pom.xml */
	RC_MF_GRADLE,	    /* build.gradle, build.gradle.kts */
	RC_MF_GEMFILE,	    /* Gemfile, *.gemspec, lib/.../version.rb */
	RC_MF_COMPOSER,	    /* composer.json */
	RC_MF_CSPROJ,	    /* *.csproj, *.fsproj, *.vbproj */
	RC_MF_CMAKE,	    /* CMakeLists.txt */
	RC_MF_MESON,	    /* meson.build */
};

/* The format of the manifest at path (relative, '/'-separated), by its
 * name; RC_MF_NONE when it is not one. */
enum rc_manifest_kind rc_manifest_kind_of(const char *path);

/*
 * True for lib/.../version.rb (a `lib` directory anywhere above it): the
 * Ruby file holding the `VERSION` constant a gemspec reads. It is read
 * with the Ruby manifests (RC_MF_GEMFILE) for `manifest.version` but is
 * not a manifest: it makes neither a package nor an ecosystem.
 */
bool rc_manifest_ruby_version_file(const char *path);

/* The ecosystem id of a format ("rust", "python", ...); NULL for NONE. */
const char *rc_manifest_ecosystem(enum rc_manifest_kind k);

/*
 * True when path lies in a directory that holds other people's code or
 * test data rather than the project's own packages: node_modules,
 * bower_components, vendor, third_party (third-party, thirdparty,
 * 3rdparty), testdata, fixtures (__fixtures__, test-fixtures), examples
 * (example, samples), virtualenvs (.venv, venv, site-packages), fuzz
 * corpora (corpus, corpora). Manifests
 * and Go sources there are not collected, and project detection ignores
 * files there.
 */
bool rc_manifest_foreign(const char *path);

/* Longest dependency name we keep; longer names are not recorded. */
#define RC_MANIFEST_NAME_MAX 255

/*
 * Add "dependency.<eco>" (or "dev_dependency.<eco>" when dev) with value
 * name[0..n) at path:line and note (the section it was declared in, e.g.
 * "[dependencies]", or NULL). Empty names, names over RC_MANIFEST_NAME_MAX
 * bytes and names with control characters are skipped. 0 or RC_ENOMEM.
 */
int rc_manifest_dep(struct rc_facts *f, bool dev, const char *eco,
		    const char *name, size_t n, const char *path, unsigned line,
		    const char *note);

/* Add the `manifest` fact (value and provenance: path). 0 or RC_ENOMEM. */
int rc_manifest_begin(struct rc_facts *f, const char *path);

/*
 * A node of the wrong type where a manifest needs want ("a table", "a
 * string", ...): add the RC_DIAG_ERROR "expected <want> for '<key>', found
 * <type>" at the node. 0 or RC_ENOMEM.
 */
int rc_manifest_type_error(struct rc_diags *d, const char *path,
			   const struct rc_node *node, const char *key,
			   const char *want);

/*
 * Add a string fact whose value is s[0..n). Values with control
 * characters other than tab are cut there; empty values are skipped.
 * 0 or RC_ENOMEM.
 */
int rc_manifest_strn(struct rc_facts *f, const char *name, const char *s,
		     size_t n, const char *path, unsigned line);

/*
 * Turn the error of a failed parse into a diagnostic. For RC_ENOMEM nothing
 * is added and RC_ENOMEM is returned; otherwise an RC_DIAG_ERROR with the
 * error's location and message (plus "(did you mean 'x'?)" when the error
 * has a hint) is added for path. 0 or RC_ENOMEM.
 */
int rc_manifest_parse_error(struct rc_diags *d, const char *path, int code,
			    const struct rc_err *err);

/* Line iteration over a buffer: lines end at '\n'; a '\r' before it is
 * dropped. */
struct rc_manifest_lines {
	const char *p, *end;
	unsigned line; /* number of the line last returned (1-based) */
};

void rc_manifest_lines_init(struct rc_manifest_lines *it, const char *buf,
			    size_t len);
/* Next line into *s and *n (without its end of line); false at the end. */
bool rc_manifest_lines_next(struct rc_manifest_lines *it, const char **s,
			    size_t *n);

/* Trim ASCII blanks (space, tab, CR, LF, FF, VT) on both sides. */
void rc_manifest_trim(const char **s, size_t *n);

/* True when s[0..n) equals the NUL-terminated word (case-sensitive). */
bool rc_manifest_eq(const char *s, size_t n, const char *word);
/* Same, ASCII case-insensitive. */
bool rc_manifest_ieq(const char *s, size_t n, const char *word);

/*
 * The tokenizer for script-like manifests. Comments are skipped:
 * RC_LEX_HASH '#' to the end of line (Python, meson, Ruby), RC_LEX_SLASH
 * '//' and slash-star blocks (Groovy, Kotlin). Strings are '...' and
 * "..." (backslash escapes; they end at the end of the line) and the
 * triple-quoted forms, which may span lines. The string token's text is
 * the raw content between the quotes, escapes not processed.
 */
enum rc_lex_flags {
	RC_LEX_HASH = 1 << 0,
	RC_LEX_SLASH = 1 << 1,
};

enum rc_tok_type {
	RC_TOK_EOF,
	RC_TOK_IDENT,  /* [A-Za-z_][A-Za-z0-9_]* */
	RC_TOK_STRING, /* s/n is the content */
	RC_TOK_PUNCT,  /* one byte in s[0] */
	RC_TOK_NUMBER, /* digits and what follows them */
};

struct rc_tok {
	enum rc_tok_type type;
	const char *s;
	size_t n;
	unsigned line, col; /* where the token starts */
	bool unterminated;  /* a string that reached the end of line/file */
};

struct rc_lex {
	const char *p, *end, *bol; /* bol: start of the current line */
	unsigned line;
	unsigned flags;
};

void rc_lex_init(struct rc_lex *lx, const char *buf, size_t len,
		 unsigned flags);
/* The next token; RC_TOK_EOF at the end (and forever after). */
void rc_lex_next(struct rc_lex *lx, struct rc_tok *t);

#endif
