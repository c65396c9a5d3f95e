#!/usr/bin/env python3
"""Copy a synthetic benchmark tree and plant synthetic secrets in it.

    bench/secrets_plant.py --tree typical      # bench/work/typical -> bench/work/secrets-typical
    bench/secrets_plant.py --tree big --count 600

The source tree (made by bench/gen.py) is never modified: the copy is made
of hard links (a plain copy where linking fails), and a file that receives a
secret is unlinked in the copy and written anew. Deterministic: the same
source tree, options and seed give the same copy, byte for byte.

Every secret is a random string in the documented format of its kind (GitHub,
GitLab, AWS key id and secret key, Slack, Stripe live keys, OpenAI,
Anthropic, private-key blocks, database URIs with passwords, JWT, npm, PyPI,
SendGrid, Twilio, Google, generic `password = "..."`, ...; `--list-kinds`
prints them). It is inserted as new lines between existing lines of a text
file that the benchmark's tools read (not excluded by .gitignore, as listed
by `rg --files`), written in the syntax of the file's language (an
assignment, a YAML key, a JSON member, a Markdown shell line). At most one
planting per file; an AWS key id is followed by its secret key on the next
line. Generic kinds (a secret-ish name given a random literal) are planted
only outside test paths (tests/, test/, spec/, testdata/, fixtures/,
__tests__/, *_test.go, test_*.py) and in files without lines over 5,000
bytes, where a scanner may rightly skip them; documented formats go anywhere,
including test paths and files with very long lines.

The positions are written to <work>/secrets-<tree>.planted.tsv:

    path<TAB>line<TAB>kind<TAB>lines

path relative to the tree, line the 1-based line of the secret (of the BEGIN
line of a private-key block), lines how many lines the secret spans (more
than 1 only for private-key blocks). Lines starting with '#' are comments.

No value contains the placeholder words scanners ignore (example, xxxx,
placeholder, changeme, dummy, redacted, your_, ...), so every planted secret
should be reported.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import string
import subprocess
import sys

ALNUM = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
PASSWORD_CHARS = ALNUM + "!#%^&()-_+=.,;:~"

# What a scanner may legitimately treat as a placeholder (secrets-format.md).
PLACEHOLDERS = ("example", "xxxx", "****", "${", "{{", "<", ">",
                "placeholder", "changeme", "your_", "your-", "redacted",
                "dummy", "readycheck:allow")

LANGS = ("py", "js", "go", "rs", "c", "java", "md", "yml", "json")
TEST_DIRS = ("tests", "test", "spec", "testdata", "fixtures", "__tests__")
MINIFIED_LINE = 5000

HOSTS = ("pg-main.int.acme-corp.net", "orders-db.c7hq2k1x.eu-west-1.rds.amazonaws.com",
         "10.20.3.41", "db01.prod.northwind.io", "mysql-primary.svc.cluster.local",
         "billing-db.internal.contoso.dev", "172.16.8.12", "warehouse.db.fabrikam.org")
DB_NAMES = ("orders", "billing", "app_production", "inventory", "analytics",
            "accounts", "ledger")
DB_USERS = ("app", "svc_orders", "admin", "root", "billing_rw", "deploy",
            "reporting", "api")


class Rand:
    """Random strings from one seeded generator."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def digits(self, lo, hi):
        n = self.r.randint(lo, hi)
        return str(self.r.randint(1, 9)) + self.s(string.digits, n - 1)

    def b(self, n):
        return bytes(self.r.getrandbits(8) for _ in range(n))

    def choice(self, seq):
        return self.r.choice(seq)


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


# -- the kinds: name -> (count, generic?, generator) -------------------------
#
# A generator returns a list of (name, value) assignments, one line each, or
# ("block", name, header, body_lines, footer) for a private-key block.


def g_github_classic(R):
    return [("GITHUB_TOKEN", "ghp_" + R.s(ALNUM, 36))]


def g_github_oauth(R):
    return [("GITHUB_OAUTH_TOKEN", "gho_" + R.s(ALNUM, 36))]


def g_github_app(R):
    return [("GITHUB_APP_TOKEN", R.choice(("ghs_", "ghu_", "ghr_")) + R.s(ALNUM, 36))]


def g_github_fine(R):
    return [("GH_PAT", "github_pat_" + R.s(ALNUM, 22) + "_" + R.s(ALNUM, 59))]


def g_gitlab(R):
    return [("GITLAB_TOKEN", "glpat-" + R.s(ALNUM + "-_", 20))]


def g_aws(R):
    kid = R.choice(("AKIA", "ASIA")) + R.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    return [("AWS_ACCESS_KEY_ID", kid),
            ("AWS_SECRET_ACCESS_KEY", R.s(B64, 40))]


def g_slack_bot(R):
    return [("SLACK_BOT_TOKEN", "xoxb-%s-%s-%s" % (
        R.digits(10, 13), R.digits(10, 13), R.s(ALNUM, 24)))]


def g_slack_user(R):
    return [("SLACK_USER_TOKEN", "xoxp-%s-%s-%s-%s" % (
        R.digits(10, 13), R.digits(10, 13), R.digits(10, 13), R.s(HEX, 32)))]


def g_slack_webhook(R):
    return [("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T%s/B%s/%s" % (
        R.s(UPPER_ALNUM, 10), R.s(UPPER_ALNUM, 10), R.s(ALNUM, 24)))]


def g_stripe_secret(R):
    return [("STRIPE_SECRET_KEY", "sk_live_" + R.s(ALNUM, R.choice((24, 99))))]


def g_stripe_restricted(R):
    return [("STRIPE_RESTRICTED_KEY", "rk_live_" + R.s(ALNUM, R.choice((24, 99))))]


def g_openai_legacy(R):
    return [("OPENAI_API_KEY", "sk-" + R.s(ALNUM, 20) + "T3BlbkFJ" + R.s(ALNUM, 20))]


def g_openai_project(R):
    kind = R.choice(("proj", "svcacct", "proj"))
    return [("OPENAI_API_KEY", "sk-%s-%sT3BlbkFJ%s" % (
        kind, R.s(B64URL, 74), R.s(B64URL, 74)))]


def g_anthropic(R):
    return [("ANTHROPIC_API_KEY", "sk-ant-api03-" + R.s(B64URL, 93) + "AA")]


def pem_body(R, der, width=64):
    text = base64.b64encode(der).decode()
    return [text[i:i + width] for i in range(0, len(text), width)]


def g_key_rsa(R):
    der = bytes.fromhex("308204a40201000282010100") + R.b(1180)
    return [("block", "SERVER_KEY", "-----BEGIN RSA PRIVATE KEY-----",
             pem_body(R, der), "-----END RSA PRIVATE KEY-----")]


def g_key_pkcs8(R):
    der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8") + R.b(1190)
    return [("block", "SIGNING_KEY", "-----BEGIN PRIVATE KEY-----",
             pem_body(R, der), "-----END PRIVATE KEY-----")]


def g_key_ec(R):
    der = (bytes.fromhex("307702010104 20".replace(" ", "")) + R.b(32) +
           bytes.fromhex("a00a06082a8648ce3d030107a144034200 04".replace(" ", "")) + R.b(64))
    return [("block", "EC_KEY", "-----BEGIN EC PRIVATE KEY-----",
             pem_body(R, der), "-----END EC PRIVATE KEY-----")]


def g_key_openssh(R):
    der = b"openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01" + R.b(360)
    return [("block", "DEPLOY_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----",
             pem_body(R, der, 70), "-----END OPENSSH PRIVATE KEY-----")]


def g_gcp_sa(R):
    der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8") + R.b(900)
    body = "\\n".join(pem_body(R, der))
    return [("private_key", "-----BEGIN PRIVATE KEY-----\\n" + body +
             "\\n-----END PRIVATE KEY-----\\n")]


def db_password(R):
    return R.s(ALNUM, R.r.randint(14, 24))


def g_db_postgres(R):
    return [("DATABASE_URL", "%s://%s:%s@%s:5432/%s" % (
        R.choice(("postgres", "postgresql")), R.choice(DB_USERS), db_password(R),
        R.choice(HOSTS), R.choice(DB_NAMES)))]


def g_db_mysql(R):
    return [("MYSQL_URL", "mysql://%s:%s@%s:3306/%s" % (
        R.choice(DB_USERS), db_password(R), R.choice(HOSTS), R.choice(DB_NAMES)))]


def g_db_mongodb(R):
    if R.r.random() < 0.5:
        host = "cluster0.%s.mongodb.net" % R.s(string.ascii_lowercase + string.digits, 5)
        return [("MONGODB_URI", "mongodb+srv://%s:%s@%s/%s?retryWrites=true&w=majority" % (
            R.choice(DB_USERS), db_password(R), host, R.choice(DB_NAMES)))]
    return [("MONGO_URL", "mongodb://%s:%s@%s:27017/%s?authSource=admin" % (
        R.choice(DB_USERS), db_password(R), R.choice(HOSTS), R.choice(DB_NAMES)))]


def g_db_redis(R):
    return [("REDIS_URL", "%s://default:%s@%s:6379/0" % (
        R.choice(("redis", "rediss")), db_password(R), R.choice(HOSTS)))]


def g_db_amqp(R):
    return [("AMQP_URL", "amqps://%s:%s@%s:5671/%s" % (
        R.choice(DB_USERS), db_password(R), R.choice(HOSTS), R.choice(DB_NAMES)))]


def g_jwt(R):
    header = b64url(json.dumps({"alg": R.choice(("HS256", "HS512")), "typ": "JWT"},
                               separators=(",", ":")).encode())
    claims = {"sub": R.digits(6, 9), "name": R.s(string.ascii_lowercase, 8),
              "iat": R.r.randint(1600000000, 1760000000), "role": "admin"}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    return [("AUTH_JWT", "%s.%s.%s" % (header, payload, b64url(R.b(32))))]


def g_npm(R):
    return [("NPM_TOKEN", "npm_" + R.s(ALNUM, 36))]


def g_pypi(R):
    # "pypi-" then a base64url macaroon whose first bytes say pypi.org
    return [("PYPI_API_TOKEN", "pypi-AgEIcHlwaS5vcmc" + R.s(B64URL, R.r.randint(70, 160)))]


def g_sendgrid(R):
    return [("SENDGRID_API_KEY", "SG." + R.s(B64URL, 22) + "." + R.s(B64URL, 43))]


def g_twilio(R):
    return [("TWILIO_API_KEY", "SK" + R.s(HEX, 32))]


def g_google_api(R):
    return [("GOOGLE_API_KEY", "AIza" + R.s(B64URL, 35))]


def g_google_oauth(R):
    return [("GOOGLE_CLIENT_SECRET", "GOCSPX-" + R.s(B64URL, 28))]


def g_huggingface(R):
    return [("HF_TOKEN", "hf_" + R.s(string.ascii_letters, 34))]


def g_shopify(R):
    return [("SHOPIFY_ACCESS_TOKEN", R.choice(("shpat_", "shpss_", "shpca_")) + R.s(HEX, 32))]


def g_digitalocean(R):
    return [("DIGITALOCEAN_TOKEN", R.choice(("dop_v1_", "doo_v1_")) + R.s(HEX, 64))]


def g_vault(R):
    return [("VAULT_TOKEN", "hvs." + R.s(B64URL, 90))]


def g_databricks(R):
    return [("DATABRICKS_TOKEN", "dapi" + R.s(HEX, 32))]


def g_azure_storage(R):
    return [("AZURE_STORAGE_CONNECTION_STRING",
             "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;"
             "EndpointSuffix=core.windows.net" % (
                 "st" + R.s(string.ascii_lowercase + string.digits, 10),
                 base64.b64encode(R.b(64)).decode()))]


def g_linear(R):
    return [("LINEAR_API_KEY", "lin_api_" + R.s(ALNUM, 40))]


def g_grafana(R):
    return [("GRAFANA_TOKEN", "glsa_" + R.s(ALNUM, 32) + "_" + R.s(HEX, 8))]


def g_age(R):
    return [("SOPS_AGE_KEY", "AGE-SECRET-KEY-1" + R.s(BECH32, 58))]


def g_postman(R):
    return [("POSTMAN_API_KEY", "PMAK-" + R.s(HEX, 24) + "-" + R.s(HEX, 34))]


def g_doppler(R):
    return [("DOPPLER_TOKEN", "dp.pt." + R.s(ALNUM, 43))]


GENERIC_PASSWORD_NAMES = ("password", "db_password", "admin_password",
                          "smtp_password", "passwd", "redis_password")
GENERIC_SECRET_NAMES = ("client_secret", "api_secret", "secret_key",
                        "access_token", "api_key", "auth_token")


def generic_value(R):
    while True:
        v = R.s(PASSWORD_CHARS, R.r.randint(16, 32))
        if sum(c.isdigit() for c in v) >= 2 and sum(c.isalpha() for c in v) >= 8:
            return v


def g_generic_password(R):
    return [(R.choice(GENERIC_PASSWORD_NAMES), generic_value(R))]


def g_generic_secret(R):
    return [(R.choice(GENERIC_SECRET_NAMES), R.s(ALNUM, R.r.randint(24, 40)))]


# kind, how many plantings, generic (kept out of test paths and minified files)
KINDS = [
    ("github-pat-classic", 8, False, g_github_classic),
    ("github-oauth-token", 3, False, g_github_oauth),
    ("github-app-token", 3, False, g_github_app),
    ("github-fine-grained-pat", 4, False, g_github_fine),
    ("gitlab-pat", 5, False, g_gitlab),
    ("aws-access-key", 6, False, g_aws),  # two lines: key id, secret key
    ("slack-bot-token", 4, False, g_slack_bot),
    ("slack-user-token", 3, False, g_slack_user),
    ("slack-webhook", 4, False, g_slack_webhook),
    ("stripe-secret-key", 5, False, g_stripe_secret),
    ("stripe-restricted-key", 2, False, g_stripe_restricted),
    ("openai-api-key", 3, False, g_openai_legacy),
    ("openai-project-key", 3, False, g_openai_project),
    ("anthropic-api-key", 4, False, g_anthropic),
    ("private-key-rsa", 4, False, g_key_rsa),
    ("private-key-pkcs8", 3, False, g_key_pkcs8),
    ("private-key-ec", 3, False, g_key_ec),
    ("private-key-openssh", 3, False, g_key_openssh),
    ("gcp-service-account-key", 3, False, g_gcp_sa),
    ("db-uri-postgres", 5, False, g_db_postgres),
    ("db-uri-mysql", 3, False, g_db_mysql),
    ("db-uri-mongodb", 4, False, g_db_mongodb),
    ("db-uri-redis", 3, False, g_db_redis),
    ("db-uri-amqp", 2, False, g_db_amqp),
    ("jwt", 5, False, g_jwt),
    ("npm-token", 4, False, g_npm),
    ("pypi-token", 3, False, g_pypi),
    ("sendgrid-api-key", 4, False, g_sendgrid),
    ("twilio-api-key", 3, False, g_twilio),
    ("google-api-key", 5, False, g_google_api),
    ("google-oauth-client-secret", 2, False, g_google_oauth),
    ("huggingface-token", 3, False, g_huggingface),
    ("shopify-token", 3, False, g_shopify),
    ("digitalocean-token", 2, False, g_digitalocean),
    ("vault-token", 2, False, g_vault),
    ("databricks-token", 2, False, g_databricks),
    ("azure-storage-key", 3, False, g_azure_storage),
    ("linear-api-key", 2, False, g_linear),
    ("grafana-token", 2, False, g_grafana),
    ("age-secret-key", 2, False, g_age),
    ("postman-api-key", 2, False, g_postman),
    ("doppler-token", 2, False, g_doppler),
    ("generic-password", 12, True, g_generic_password),
    ("generic-secret", 8, True, g_generic_secret),
]
# The two lines of an AWS planting are recorded as two secrets.
AWS_LINE_KINDS = ("aws-access-key-id", "aws-secret-access-key")


# -- rendering in the file's language ----------------------------------------


def ident(name, lang):
    if lang in ("yml", "json"):
        return name.lower()
    if lang in ("js", "java", "go"):
        head, *rest = name.lower().split("_")
        return head + "".join(p.capitalize() for p in rest)
    return name.upper() if lang in ("py", "rs", "c", "md") else name


def assign(lang, name, value):
    n = ident(name, lang)
    return {
        "py": '%s = "%s"' % (n, value),
        "js": 'const %s = "%s";' % (n, value),
        "go": 'var %s = "%s"' % (n, value),
        "rs": 'const %s: &str = "%s";' % (n, value),
        "c": 'static const char %s[] = "%s";' % (n, value),
        "java": 'private static final String %s = "%s";' % (n, value),
        "md": "export %s='%s'" % (n, value),
        "yml": '%s: "%s"' % (n, value),
        "json": '"%s": "%s",' % (n, value),
    }[lang]


def block(lang, name, header, body, footer):
    """A private key as it sits in a file of this language."""
    n = ident(name, lang)
    if lang == "py":
        return ['%s = """%s' % (n, header)] + body + [footer + '"""']
    if lang in ("js", "go"):
        first = ("const %s = `%s" if lang == "js" else "const %s = `%s") % (n, header)
        return [first] + body + [footer + "`" + (";" if lang == "js" else "")]
    if lang == "rs":
        return ['const %s: &str = r#"%s' % (n, header)] + body + [footer + '"#;']
    if lang == "java":
        return ['private static final String %s = """' % n, header] + body + [footer, '""";']
    if lang == "c":
        return ["/* %s:" % n, header] + body + [footer, "*/"]
    if lang == "md":
        return ["```", header] + body + [footer, "```"]
    if lang == "yml":
        return ["%s: |" % n, "  " + header] + ["  " + b for b in body] + ["  " + footer]
    # json: a one-line string with \n escapes
    return ['"%s": "%s",' % (n, "\\n".join([header] + body + [footer, ""]))]


def render(lang, items):
    """Lines to insert and [(offset of the secret line, span)] per secret."""
    lines, where = [], []
    for it in items:
        if it[0] == "block":
            text = block(lang, *it[1:])
            start = next(i for i, l in enumerate(text) if "-----BEGIN" in l)
            end = next(i for i, l in enumerate(text) if "-----END" in l)
            where.append((len(lines) + start, end - start + 1))
            lines.extend(text)
        else:
            where.append((len(lines), 1))
            lines.append(assign(lang, it[0], it[1]))
    return lines, where


def clean_value(items):
    """True when no value holds a placeholder word (then it could be skipped)."""
    for it in items:
        vals = ["".join(it[3])] if it[0] == "block" else [it[1]]
        for v in vals:
            low = v.lower()
            if any(p in low for p in PLACEHOLDERS) or len(set(v)) == 1:
                return False
    return True


# -- files -------------------------------------------------------------------


def is_test_path(rel):
    parts = rel.split("/")
    base = parts[-1]
    return (any(p in TEST_DIRS for p in parts[:-1]) or base.endswith("_test.go")
            or (base.startswith("test_") and base.endswith(".py")))


def scanned_files(tree):
    """Files the benchmark's tools read: rg's list with bench/run.sh's flags."""
    out = subprocess.run(
        ["rg", "--files", "--hidden", "--no-require-git", "--no-ignore-parent",
         "--no-ignore-global", "--sort", "path"],
        cwd=tree, check=True, capture_output=True).stdout
    return [l for l in out.decode("utf-8", "surrogateescape").split("\n") if l]


def link_tree(src, dst):
    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)
    shutil.copytree(src, dst, symlinks=True, copy_function=link)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", default="typical", help="tree name under WORK (typical)")
    ap.add_argument("--work", default="bench/work", help="work directory (bench/work)")
    ap.add_argument("--out", help="copy to create (WORK/secrets-TREE)")
    ap.add_argument("--tsv", help="positions file (WORK/secrets-TREE.planted.tsv)")
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--scale", type=int, default=1,
                    help="plant SCALE times each kind's count (for the big tree)")
    ap.add_argument("--force", action="store_true",
                    help="re-plant even when the copy is up to date")
    ap.add_argument("--list-kinds", action="store_true")
    a = ap.parse_args()

    if a.list_kinds:
        for kind, count, generic, _ in KINDS:
            print("%s\t%d%s" % (kind, count, "\tgeneric" if generic else ""))
        return 0

    src = os.path.join(a.work, a.tree)
    out = a.out or os.path.join(a.work, "secrets-" + a.tree)
    tsv = a.tsv or os.path.join(a.work, "secrets-%s.planted.tsv" % a.tree)
    if not os.path.isdir(src):
        sys.exit("secrets_plant: no tree at %s (bench/gen.py makes it)" % src)

    # Up to date when this script, the options and the source tree's key match.
    key = hashlib.sha256(open(__file__, "rb").read()).hexdigest()
    key += " seed=%d scale=%d " % (a.seed, a.scale)
    src_key = os.path.join(a.work, a.tree + ".key")
    key += open(src_key).read().strip() if os.path.exists(src_key) else "?"
    key_file = out + ".key"
    if (not a.force and os.path.isdir(out) and os.path.exists(tsv)
            and os.path.exists(key_file) and open(key_file).read() == key):
        print("secrets_plant: %s is up to date" % out, file=sys.stderr)
        return 0

    R = Rand(a.seed)
    files = scanned_files(src)
    cands = []  # (rel, lang, generic_ok)
    for rel in files:
        lang = rel.rsplit(".", 1)[-1] if "." in rel.rsplit("/", 1)[-1] else ""
        if lang not in LANGS:
            continue
        data = open(os.path.join(src, rel), "rb").read()
        if not data or b"\0" in data[:8192]:
            continue
        longest = max(len(l) for l in data.split(b"\n"))
        cands.append((rel, lang, longest < MINIFIED_LINE - 100 and not is_test_path(rel)))
    R.r.shuffle(cands)

    plan = []  # (kind, generic)
    for kind, count, generic, _ in KINDS:
        plan += [(kind, generic)] * (count * a.scale)
    R.r.shuffle(plan)
    if len(plan) > len(cands):
        sys.exit("secrets_plant: %d plantings but only %d candidate files"
                 % (len(plan), len(cands)))

    gens = {k: g for k, _, _, g in KINDS}
    used = set()
    plantings = {}  # rel -> (lang, kind, items)
    for kind, generic in plan:
        rel, lang, generic_ok = next(c for c in cands
                                     if c[0] not in used and (generic_ok_for(c, generic)))
        used.add(rel)
        while True:
            items = gens[kind](R)
            if clean_value(items):
                break
        plantings[rel] = (lang, kind, items)

    if os.path.exists(out):
        shutil.rmtree(out)
    if os.path.exists(key_file):
        os.unlink(key_file)
    link_tree(src, out)

    rows = []
    for rel in sorted(plantings):
        lang, kind, items = plantings[rel]
        path = os.path.join(out, rel)
        data = open(path, "rb").read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()  # the file ends with a newline
        at = R.r.randint(0, len(lines))  # insert after this many lines
        new, where = render(lang, items)
        lines[at:at] = [l.encode() for l in new]
        os.unlink(path)  # break the hard link: never write through to the source
        with open(path, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        kinds = list(AWS_LINE_KINDS) if kind == "aws-access-key" else [kind] * len(where)
        for (off, span), k in zip(where, kinds):
            rows.append((rel, at + off + 1, k, span))

    with open(tsv, "w") as f:
        f.write("# path\tline\tkind\tlines (secrets_plant.py --tree %s --seed %d"
                " --scale %d)\n" % (a.tree, a.seed, a.scale))
        for r in rows:
            f.write("%s\t%d\t%s\t%d\n" % r)
    with open(key_file, "w") as f:
        f.write(key)
    print("secrets_plant: %d secrets in %d files of %s -> %s (%s)"
          % (len(rows), len(plantings), src, out, tsv), file=sys.stderr)
    return 0


def generic_ok_for(cand, generic):
    return cand[2] or not generic


if __name__ == "__main__":
    sys.exit(main())
