#!/usr/bin/env python3
"""Validate a readycheck JSON report against schema/report.schema.json.

usage: schema_validate.py [SCHEMA.json] REPORT.json

Without SCHEMA, the repository's schema/report.schema.json is used. The two
files may also be given the other way round: the one with a "$schema" key is
taken as the schema.

Exit status: 0 valid; 1 invalid (each error is printed as
"REPORT: json/path: message"); 2 usage error or a file that cannot be read
or parsed; 77 python3-jsonschema is not installed (the automake "skipped"
code, so callers can skip rather than fail).
"""
import json
import os
import sys


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    if len(argv) == 3:
        schema_path, report_path = argv[1], argv[2]
    else:
        schema_path = os.path.join(here, "..", "..", "schema",
                                   "report.schema.json")
        report_path = argv[1]
    try:
        import jsonschema
    except ImportError:
        print("schema_validate: python3-jsonschema is not installed",
              file=sys.stderr)
        return 77
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"schema_validate: {e}", file=sys.stderr)
        return 2
    if (isinstance(report, dict) and "$schema" in report
            and not (isinstance(schema, dict) and "$schema" in schema)):
        schema, report = report, schema
        schema_path, report_path = report_path, schema_path
    cls = jsonschema.Draft202012Validator
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"schema_validate: '{schema_path}' is not a valid schema: "
              f"{e.message}", file=sys.stderr)
        return 1
    errors = sorted(cls(schema).iter_errors(report),
                    key=lambda e: [f"{p:012d}" if isinstance(p, int) else p
                                   for p in e.absolute_path])
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"{report_path}: {where}: {e.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
