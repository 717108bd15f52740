"""Runs many generated scripts in one Python process (importing torch costs seconds), each as
__main__ with its stdout captured. argv: a JSON file listing the scripts, and the JSON file to write
[{"stdout": ...} or {"error": ...}] to, one entry per script, in order."""
import contextlib
import io
import json
import runpy
import sys
import traceback

with open(sys.argv[1], encoding='utf-8') as f:
    paths = json.load(f)
results = []
for path in paths:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name='__main__')
        results.append({'stdout': out.getvalue()})
    except BaseException:  # a script's own failure is this script's result, not the runner's
        results.append({'error': traceback.format_exc(), 'stdout': out.getvalue()})
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    json.dump(results, f)
