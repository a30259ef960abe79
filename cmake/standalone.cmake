# Standalone build of selmcast against an installed ns-3 (Debian's libns3-dev 3.37).
#
# Provides what ns-3's own build system provides in-tree (build_lib, build_lib_example and the
# ${lib<module>} variables), so that the top-level CMakeLists.txt serves both worlds, plus the
# standalone-only targets: a test runner for the module's ns-3 TestSuites, the GoogleTest tests,
# the examples of test/examples-to-run.py as CTest tests, and the Google Benchmark programs.

set(SELMCAST_STANDALONE ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  # Simulations in a debug build are many times slower: Release unless asked otherwise.
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

option(SELMCAST_ENABLE_EXAMPLES "Build the examples" ON)
option(SELMCAST_ENABLE_TESTS "Build the tests (ns-3 TestSuites and GoogleTest)" ON)
option(SELMCAST_ENABLE_BENCHMARKS "Build the Google Benchmark programs" ON)
set(ENABLE_EXAMPLES ${SELMCAST_ENABLE_EXAMPLES})
if(SELMCAST_ENABLE_TESTS)
  # At directory scope: called inside a function it writes no CTestTestfile.
  enable_testing()
endif()

# Debian's export checks the version exactly, so ask without one and compare ourselves.
find_package(ns3 CONFIG REQUIRED)
if(ns3_VERSION VERSION_LESS 3.36)
  message(FATAL_ERROR "selmcast needs ns-3 >= 3.36 for a CMake build (found ${ns3_VERSION}); "
                      "for waf-era ns-3 use the wscript files (README, section wscript-compat)")
endif()
message(STATUS "selmcast: building against ns-3 ${ns3_VERSION}")

find_package(Boost 1.65 REQUIRED)

# The ${lib<module>} variables of an ns-3 source tree, pointing at the imported targets.
foreach(
  module
  core
  network
  internet
  point-to-point
  applications
  traffic-control
  topology-read
  stats
  bridge
  mobility
)
  set(lib${module} ns3::lib${module})
endforeach()

# The allocator of the example programs. ns-3 allocates and frees several objects per packet;
# Debian's tcmalloc (libgoogle-perftools-dev) ran the scaling benchmark about 1.1x faster (n = 64,
# L3 and L7, three paired runs; jemalloc about 1.05x). auto: tcmalloc when installed.
set(SELMCAST_MALLOC "auto" CACHE STRING "Allocator of the examples: auto, tcmalloc or system")
set_property(CACHE SELMCAST_MALLOC PROPERTY STRINGS auto tcmalloc system)
set(SELMCAST_MALLOC_LINK "")
if(NOT SELMCAST_MALLOC STREQUAL "system")
  find_library(SELMCAST_TCMALLOC_LIBRARY NAMES tcmalloc_minimal)
  if(SELMCAST_TCMALLOC_LIBRARY)
    # --no-as-needed: the programs name no tcmalloc symbol, yet it must replace malloc.
    set(SELMCAST_MALLOC_LINK "-Wl,--no-as-needed" ${SELMCAST_TCMALLOC_LIBRARY} "-Wl,--as-needed")
  elseif(SELMCAST_MALLOC STREQUAL "tcmalloc")
    message(FATAL_ERROR "SELMCAST_MALLOC=tcmalloc: libtcmalloc_minimal not found "
                        "(install libgoogle-perftools-dev)")
  endif()
endif()
if(SELMCAST_MALLOC_LINK)
  message(STATUS "selmcast: the examples use tcmalloc (SELMCAST_MALLOC=system for glibc's)")
else()
  message(STATUS "selmcast: the examples use glibc's allocator")
endif()

# ns-3 in-tree builds enable logging and asserts in debug builds only; do the same.
set(selmcast_debug_definitions $<$<CONFIG:Debug>:NS3_LOG_ENABLE NS3_ASSERT_ENABLE>)

set(SELMCAST_INCLUDE_DIR ${CMAKE_BINARY_DIR}/include)

function(build_lib)
  cmake_parse_arguments(
    "BLIB" "IGNORE_PCH" "LIBNAME"
    "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK;TEST_SOURCES;DEPRECATED_HEADER_FILES;MODULE_ENABLED_FEATURES;PRIVATE_HEADER_FILES"
    ${ARGN}
  )
  # Headers are used as <ns3/name.h>, as in an ns-3 tree. Symbolic links rather than copies: an
  # edited header is seen at once, without re-running CMake.
  set(module_header_lines)
  file(MAKE_DIRECTORY ${SELMCAST_INCLUDE_DIR}/ns3)
  foreach(header ${BLIB_HEADER_FILES})
    get_filename_component(name ${header} NAME)
    file(REMOVE ${SELMCAST_INCLUDE_DIR}/ns3/${name})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR}/${header} ${SELMCAST_INCLUDE_DIR}/ns3/${name}
         SYMBOLIC
    )
    string(APPEND module_header_lines "#include \"${name}\"\n")
  endforeach()
  string(TOUPPER "${BLIB_LIBNAME}" upper)
  string(REPLACE "-" "_" upper "${upper}")
  file(
    WRITE ${SELMCAST_INCLUDE_DIR}/ns3/${BLIB_LIBNAME}-module.h.tmp
    "#ifndef NS3_MODULE_${upper}\n#define NS3_MODULE_${upper}\n${module_header_lines}#endif\n"
  )
  configure_file(
    ${SELMCAST_INCLUDE_DIR}/ns3/${BLIB_LIBNAME}-module.h.tmp
    ${SELMCAST_INCLUDE_DIR}/ns3/${BLIB_LIBNAME}-module.h COPYONLY
  )

  add_library(${BLIB_LIBNAME} SHARED ${BLIB_SOURCE_FILES})
  target_include_directories(${BLIB_LIBNAME} PUBLIC ${SELMCAST_INCLUDE_DIR})
  target_compile_definitions(${BLIB_LIBNAME} PUBLIC ${selmcast_debug_definitions})
  set(public_libraries)
  set(private_libraries)
  foreach(library ${BLIB_LIBRARIES_TO_LINK})
    if(library MATCHES "^ns3::")
      list(APPEND public_libraries ${library})
    else()
      list(APPEND private_libraries ${library})
    endif()
  endforeach()
  target_link_libraries(
    ${BLIB_LIBNAME} PUBLIC ${public_libraries} PRIVATE ${private_libraries} Boost::boost
  )
  set_target_properties(${BLIB_LIBNAME} PROPERTIES OUTPUT_NAME ns3-${BLIB_LIBNAME})

  set(lib${BLIB_LIBNAME} ${BLIB_LIBNAME} CACHE INTERNAL "the module's library target")
  set(SELMCAST_LIBNAME ${BLIB_LIBNAME} CACHE INTERNAL "")
  set(SELMCAST_TEST_SOURCES ${BLIB_TEST_SOURCES} CACHE INTERNAL "")
  set(SELMCAST_EXAMPLES "" CACHE INTERNAL "")
  if(ENABLE_EXAMPLES AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/examples/CMakeLists.txt)
    add_subdirectory(examples)
  endif()
endfunction()

function(build_lib_example)
  cmake_parse_arguments(
    "BLIB_EXAMPLE" "IGNORE_PCH" "NAME" "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK" ${ARGN}
  )
  add_executable(${BLIB_EXAMPLE_NAME} ${BLIB_EXAMPLE_SOURCE_FILES})
  target_link_libraries(
    ${BLIB_EXAMPLE_NAME} PRIVATE ${SELMCAST_LIBNAME} ${BLIB_EXAMPLE_LIBRARIES_TO_LINK}
                                 ${SELMCAST_MALLOC_LINK}
  )
  set_target_properties(
    ${BLIB_EXAMPLE_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/examples
  )
  set(SELMCAST_EXAMPLES ${SELMCAST_EXAMPLES} ${BLIB_EXAMPLE_NAME} CACHE INTERNAL "")
endfunction()

# The standalone-only targets, called by the top-level CMakeLists.txt after build_lib.
function(selmcast_standalone_targets)
  set(top ${PROJECT_SOURCE_DIR})
  if(SELMCAST_ENABLE_TESTS)
    find_package(GTest REQUIRED)
    # Debian's own interpreter first: the figure scripts need its python3-matplotlib.
    if(EXISTS /usr/bin/python3 AND NOT Python3_EXECUTABLE)
      set(Python3_EXECUTABLE /usr/bin/python3)
    endif()
    find_package(Python3 REQUIRED COMPONENTS Interpreter)
    include(GoogleTest)

    # ns-3 TestSuites: linked straight into a runner so that their static registration is kept.
    add_executable(selmcast-test-runner ${top}/test/standalone/selmcast-test-runner.cc
                                        ${SELMCAST_TEST_SOURCES}
    )
    target_link_libraries(selmcast-test-runner PRIVATE ${SELMCAST_LIBNAME} ns3::libcore)
    target_compile_definitions(selmcast-test-runner PRIVATE NS_TEST_SOURCEDIR="test")

    # One CTest test per suite; the names come from the sources, and a further test checks
    # that they are exactly the suites the runner knows.
    set(suites)
    foreach(source ${SELMCAST_TEST_SOURCES})
      file(READ ${top}/${source} text)
      string(REGEX MATCHALL "TestSuite\\(\"selmcast-[a-z0-9-]+\"" found "${text}")
      foreach(match ${found})
        string(REGEX REPLACE "TestSuite\\(\"(.*)\"" "\\1" suite "${match}")
        list(APPEND suites ${suite})
      endforeach()
    endforeach()
    list(SORT suites)
    foreach(suite ${suites})
      add_test(NAME suite:${suite}
               COMMAND selmcast-test-runner --suite=${suite} --tempdir=${CMAKE_BINARY_DIR}/testing
      )
      set_tests_properties(suite:${suite} PROPERTIES FAIL_REGULAR_EXPRESSION "FAIL|CRASH")
    endforeach()
    string(REPLACE ";" "," suites_csv "${suites}")
    add_test(NAME suite-list
             COMMAND ${Python3_EXECUTABLE} ${top}/utils/check-suite-list.py
                     $<TARGET_FILE:selmcast-test-runner> "${suites_csv}"
    )

    # GoogleTest: the plain C++ selection core.
    file(GLOB gtest_sources CONFIGURE_DEPENDS ${top}/test/gtest/*.cc)
    add_executable(selmcast-gtest ${gtest_sources})
    target_link_libraries(selmcast-gtest PRIVATE ${SELMCAST_LIBNAME} GTest::gtest_main Boost::boost)
    gtest_discover_tests(selmcast-gtest TEST_PREFIX "gtest:" DISCOVERY_TIMEOUT 60)

    # The examples of test/examples-to-run.py, the list that ./test.py runs in-tree.
    if(NOT ENABLE_EXAMPLES)
      set(text "")
    else()
      file(READ ${top}/test/examples-to-run.py text)
    endif()
    string(REGEX MATCHALL "\\(\"[^\"]+\", *\"[^\"]+\", *\"[^\"]+\"\\)" entries "${text}")
    foreach(entry ${entries})
      string(REGEX REPLACE "\\(\"([^\"]+)\", *\"([^\"]+)\".*" "\\1" command "${entry}")
      string(REGEX REPLACE "\\(\"([^\"]+)\", *\"([^\"]+)\".*" "\\2" condition "${entry}")
      if(NOT condition STREQUAL "True")
        continue()
      endif()
      separate_arguments(argv UNIX_COMMAND "${command}")
      list(POP_FRONT argv program)
      if(NOT TARGET ${program})
        message(FATAL_ERROR "test/examples-to-run.py names ${program}, which is no example")
      endif()
      # Test names without spaces (CMP0110 is NEW only from CMake 3.19 on).
      string(REPLACE " " "," test_name "example:${command}")
      add_test(NAME "${test_name}" COMMAND ${program} ${argv}
               WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/example-runs
      )
    endforeach()
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/example-runs ${CMAKE_BINARY_DIR}/testing)

    # The look-at-a-run options (--pcap, --pcapWorkers, --timeline, the timeline plot) and the
    # Wireshark dissector against the run's traces (skipped when tshark is missing).
    if(ENABLE_EXAMPLES)
      set(capture_programs $<TARGET_FILE:selmcast-bsp> $<TARGET_FILE:selmcast-ssp>)
      add_test(NAME capture-options
               COMMAND ${Python3_EXECUTABLE} ${top}/test/capture/test_selmcast_capture.py
                       ${capture_programs} $<TARGET_FILE:selmcast-compare>
                       ${top}/utils/selmcast-plot-timeline.py -v
      )
      add_test(NAME pcap-dissector
               COMMAND ${Python3_EXECUTABLE} ${top}/test/capture/check-pcap-dissector.py
                       ${capture_programs} ${top}/utils/wireshark/selmcast.lua
      )
      set_tests_properties(pcap-dissector PROPERTIES SKIP_RETURN_CODE 77)
      # --netanim is tested where the build has it, its refusal where it has not.
      if(selmcast_netanim_libraries)
        set_tests_properties(capture-options PROPERTIES ENVIRONMENT SELMCAST_NETANIM=1)
      else()
        set_tests_properties(capture-options PROPERTIES ENVIRONMENT SELMCAST_NETANIM=0)
      endif()
    endif()

    # The sweep driver (utils/selmcast-sweep.py), with a fake example program.
    # The file itself, not "unittest discover": discovery passes when it finds no test.
    add_test(NAME sweep-driver COMMAND ${Python3_EXECUTABLE} ${top}/test/sweep/test_selmcast_sweep.py
                                       -v
    )

    # Every example refuses every bad numeric, time and rate argument before it writes a file.
    if(ENABLE_EXAMPLES)
      add_test(NAME example-arguments
               COMMAND ${Python3_EXECUTABLE} ${top}/test/args/test_selmcast_arguments.py
                       $<TARGET_FILE_DIR:selmcast-bsp> -v
      )
    endif()

    # The README's C++ snippet must stay the body of examples/selmcast-minimal.cc.
    add_test(NAME readme-snippet COMMAND ${Python3_EXECUTABLE} ${top}/utils/check-readme-snippet.py
                                         ${top}
    )

    # The model chapter and the sweeps chapter parse without a docutils warning.
    add_test(NAME doc-rst COMMAND ${Python3_EXECUTABLE} ${top}/utils/check-doc.py ${top})

    # The waf-era build files must list exactly what the CMake files list.
    add_test(NAME wscript-sync COMMAND ${Python3_EXECUTABLE} ${top}/utils/check-wscript.py ${top})
  endif()

  if(SELMCAST_ENABLE_BENCHMARKS)
    find_package(benchmark REQUIRED)
    add_executable(selmcast-selection-benchmark ${top}/test/benchmark/selmcast-selection-benchmark.cc)
    target_link_libraries(selmcast-selection-benchmark PRIVATE ${SELMCAST_LIBNAME} benchmark::benchmark)
  endif()
endfunction()
