#!/usr/bin/env python3
"""Keep the waf-era build files (wscript, examples/wscript) in step with the CMake files.

No waf-era ns-3 (<= 3.35) source can be installed on the project's machines, so this test is
what keeps the wscript files honest: it runs each wscript's build() against a recording stand-in
for waf's build context (so the files must be valid Python using ns-3.35's module API) and fails
when a source, header, test or example listed in the CMake files is missing from them, or the
other way round. A part built only with an optional ns-3 module (cmake/optional-<module>.cmake,
which appends to the CMake lists) is checked both ways: the wscript is run with that module
enabled (it must add the part, the module dependency and the define) and without it (it must
add none of them).

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
    for match in re.finditer(r"\blist\(\s*APPEND\s+([A-Za-z_]+)\s+([^)]*)\)", text):
        sets.setdefault(match.group(1), []).extend(match.group(2).split())
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
            self.env = Recorder.Env()

    class Env(dict):
        def __getattr__(self, key):
            return self.get(key, True)

        def append_value(self, key, value):
            self.setdefault(key, []).append(value)

    def __init__(self, folder, enabled_modules=()):
        self.folder = folder
        self.env = Recorder.Env(ENABLE_EXAMPLES=True, ENABLE_TESTS=True, MODULES_NOT_BUILT=[],
                                NS3_ENABLED_MODULES=["ns3-" + m for m in enabled_modules])
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


def run_wscript(path, folder, enabled_modules=()):
    source = open(path).read()
    ast.parse(source, path)  # a syntax error names the file and line
    scope = {"__file__": path}
    exec(compile(source, path, "exec"), scope)
    bld = Recorder(folder, enabled_modules)
    scope["build"](bld)
    return bld


def as_list(value):
    return [value] if isinstance(value, str) else list(value)


def compare(what, cmake, waf, problems):
    for item in sorted(set(cmake) - set(waf)):
        problems.append(f"{what}: {item} is in the CMake files but not in the wscript")
    for item in sorted(set(waf) - set(cmake)):
        problems.append(f"{what}: {item} is in the wscript but not in the CMake files")


def optional_parts(top):
    """Return [(ns-3 module, its CMake lists, its define)] for every cmake/optional-<module>.cmake."""
    parts = []
    folder = os.path.join(top, "cmake")
    for name in sorted(os.listdir(folder)):
        match = re.fullmatch(r"optional-([a-z0-9-]+)\.cmake", name)
        if match:
            path = os.path.join(folder, name)
            define = re.search(r"add_compile_definitions\((\w+)\)", open(path).read())
            parts.append((match.group(1), cmake_lists(path)[0], define and define.group(1)))
    return parts


def check_module(top, module_name, sets, enabled, problems):
    """Run the wscript with the ns-3 modules `enabled` and compare it with the CMake lists `sets`
    (those of CMakeLists.txt plus the optional parts that these modules switch on)."""
    bld = run_wscript(os.path.join(top, "wscript"), top, enabled)
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
    return module, headers, tests


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
    problems = []
    sets, _ = cmake_lists(os.path.join(top, "CMakeLists.txt"))
    _, cmake_examples = cmake_lists(os.path.join(top, "examples", "CMakeLists.txt"))
    module_name = re.search(r"LIBNAME\s+(\S+)", open(os.path.join(top, "CMakeLists.txt")).read())
    module_name = module_name.group(1)

    module, headers, tests = check_module(top, module_name, sets, (), problems)
    for ns3_module, optional_sets, define in optional_parts(top):
        # Without the ns-3 module: nothing of the part (checked above), no dependency, no define.
        if module is not None and (ns3_module in (module.deps or [])
                                   or define in module.env.get("DEFINES", [])):
            problems.append(f"wscript: without ns-3's {ns3_module} module the module must not "
                            f"depend on it nor define {define}")
        both = {k: sets.get(k, []) + optional_sets.get(k, [])
                for k in ("source_files", "header_files", "test_sources")}
        with_part = []
        optional, _, _ = check_module(top, module_name, both, (ns3_module,), with_part)
        problems += [f"with ns-3's {ns3_module} module: {p}" for p in with_part]
        if optional is not None and (ns3_module not in (optional.deps or [])
                                     or define not in optional.env.get("DEFINES", [])):
            problems.append(f"wscript: with ns-3's {ns3_module} module the module must depend on "
                            f"it and define {define}")

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
          "as the CMake files do; optional parts: "
          f"{', '.join(m for m, _, _ in optional_parts(top)) or 'none'}, checked with and without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
