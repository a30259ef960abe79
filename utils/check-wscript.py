#!/usr/bin/env python3
"""Keep the waf-era build files (wscript, examples/wscript) in step with the CMake files.

No waf-era ns-3 (<= 3.35) source can be installed on the project's machines, so this test is
what keeps the wscript files honest: it runs each wscript's build() against a recording stand-in
for waf's build context (so the files must be valid Python using ns-3.35's module API) and fails
when a source, header, test or example listed in the CMake files is missing from them, or the
other way round.

Usage: check-wscript.py MODULE_DIR
"""
import ast
import os
import re
import sys


def cmake_lists(path):
    """Return {variable: [items]} for every set(var ...) in a CMake file, plus build_lib_example
    entries as {'examples': {name: [sources]}}."""
    text = open(path).read()
    text = re.sub(r"#[^\n]*", "", text)
    sets = {}
    for match in re.finditer(r"\bset\(\s*([A-Za-z_]+)\s+([^)]*)\)", text):
        sets[match.group(1)] = match.group(2).split()
    examples = {}
    for match in re.finditer(r"build_lib_example\((.*?)\)\s*(?=\n|$)", text, re.S):
        body = match.group(1)
        name = re.search(r"NAME\s+(\S+)", body).group(1)
        sources = re.search(r"SOURCE_FILES\s+(.*?)(?:\s+[A-Z_]{4,}\s|$)", body, re.S).group(1)
        examples[name] = sources.split()
    return sets, examples


class Recorder:
    """Stands in for waf's build context and records what a wscript declares."""

    class Obj:
        def __init__(self, kind, name=None, deps=None):
            self.kind, self.name, self.deps = kind, name, deps
            self.source = []

    class Env(dict):
        def __getattr__(self, key):
            return self.get(key, True)

    def __init__(self, folder):
        self.folder = folder
        self.env = Recorder.Env(ENABLE_EXAMPLES=True, ENABLE_TESTS=True, MODULES_NOT_BUILT=[])
        self.objects = []
        self.recursed = []

    def create_ns3_module(self, name, deps):
        obj = Recorder.Obj("module", name, deps)
        self.objects.append(obj)
        return obj

    def create_ns3_module_test_library(self, name):
        obj = Recorder.Obj("test", name)
        self.objects.append(obj)
        return obj

    def create_ns3_program(self, name, deps):
        obj = Recorder.Obj("program", name, deps)
        self.objects.append(obj)
        return obj

    def __call__(self, features=None, **kwargs):
        obj = Recorder.Obj(features)
        self.objects.append(obj)
        return obj

    def recurse(self, folder):
        self.recursed.append(folder)

    def ns3_python_bindings(self):
        pass


def run_wscript(path, folder):
    source = open(path).read()
    ast.parse(source, path)  # a syntax error names the file and line
    scope = {"__file__": path}
    exec(compile(source, path, "exec"), scope)
    bld = Recorder(folder)
    scope["build"](bld)
    return bld


def as_list(value):
    return [value] if isinstance(value, str) else list(value)


def compare(what, cmake, waf, problems):
    for item in sorted(set(cmake) - set(waf)):
        problems.append(f"{what}: {item} is in the CMake files but not in the wscript")
    for item in sorted(set(waf) - set(cmake)):
        problems.append(f"{what}: {item} is in the wscript but not in the CMake files")


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
    problems = []
    sets, _ = cmake_lists(os.path.join(top, "CMakeLists.txt"))
    _, cmake_examples = cmake_lists(os.path.join(top, "examples", "CMakeLists.txt"))
    module_name = re.search(r"LIBNAME\s+(\S+)", open(os.path.join(top, "CMakeLists.txt")).read())
    module_name = module_name.group(1)

    bld = run_wscript(os.path.join(top, "wscript"), top)
    by_kind = {}
    for obj in bld.objects:
        by_kind.setdefault(obj.kind, []).append(obj)
    module = by_kind.get("module", [None])[0]
    if module is None or module.name != module_name:
        problems.append(f"wscript: no create_ns3_module('{module_name}', ...)")
    else:
        compare("sources", sets.get("source_files", []), as_list(module.source), problems)
    tests = by_kind.get("test", [])
    compare("tests", sets.get("test_sources", []),
            [s for t in tests for s in as_list(t.source)], problems)
    headers = [o for o in bld.objects if o.kind == "ns3header"]
    compare("headers", sets.get("header_files", []),
            [s for h in headers for s in as_list(h.source)], problems)
    if "examples" not in bld.recursed:
        problems.append("wscript: does not recurse into examples")
    for kind_list in (by_kind.get("module", []), tests, headers):
        for obj in kind_list:
            for source in as_list(obj.source):
                if not os.path.exists(os.path.join(top, source)):
                    problems.append(f"wscript lists {source}, which does not exist")

    ebld = run_wscript(os.path.join(top, "examples", "wscript"), os.path.join(top, "examples"))
    waf_examples = {o.name: as_list(o.source) for o in ebld.objects if o.kind == "program"}
    compare("examples", cmake_examples, waf_examples, problems)
    for name in set(cmake_examples) & set(waf_examples):
        compare(f"sources of example {name}", cmake_examples[name], waf_examples[name], problems)
        if module_name not in (next(o for o in ebld.objects if o.name == name).deps or []):
            problems.append(f"examples/wscript: {name} does not depend on {module_name}")

    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: wscript lists {len(as_list(module.source))} sources, "
          f"{sum(len(as_list(h.source)) for h in headers)} headers, "
          f"{sum(len(as_list(t.source)) for t in tests)} tests, {len(waf_examples)} examples, "
          "as the CMake files do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
