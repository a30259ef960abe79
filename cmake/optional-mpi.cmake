# Distributed runs (--distributed): ns-3's mpi module, linked only where it exists.
#
# Included by the top-level CMakeLists.txt after its source and header lists, before build_lib,
# apart from it for the reason optional-netanim.cmake gives: ns-3's configure step reads the
# top-level file's text for module variables and would make mpi a hard dependency.
#
# Standalone: Debian's prebuilt ns-3 has no mpi module, so this is off unless an installed ns-3
# exports ns3::libmpi. In an ns-3 source tree: on when ns-3 was configured with --enable-mpi and
# the mpi module is enabled (./ns3 configure --enable-mpi --enable-modules='selmcast;mpi').
#
# Sets selmcast_mpi_libraries (for LIBRARIES_TO_LINK) and, when on, defines SELMCAST_HAVE_MPI for
# the sources of this folder: the distributed parts (SelmcastDistributed, the ranks of
# SelmcastRankPolicy) compile only then; without it --distributed is refused in one line.

set(selmcast_mpi_libraries)
if(SELMCAST_STANDALONE)
  if(TARGET ns3::libmpi)
    set(selmcast_mpi_libraries ns3::libmpi)
  endif()
elseif(mpi IN_LIST ns3-all-enabled-modules)
  set(selmcast_mpi_libraries ${libmpi})
endif()

if(selmcast_mpi_libraries)
  message(STATUS "selmcast: distributed runs (--distributed, ns-3's mpi module) on")
  # Directory scope: in-tree the sources compile in an object library that build_lib makes.
  add_compile_definitions(SELMCAST_HAVE_MPI)
else()
  message(STATUS "selmcast: distributed runs off: this ns-3 has no mpi module")
endif()
