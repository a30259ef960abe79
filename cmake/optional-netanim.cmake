# The examples' --netanim (SelmcastNetAnim), built only where ns-3's netanim module is available.
#
# Included by the top-level CMakeLists.txt after its source and header lists, before build_lib.
# It lives in its own file because ns-3's configure step reads the top-level file's text for
# module variables and would make netanim (and with it wifi, lte, wimax, ...) a hard dependency.
#
# Standalone: on when the installed ns-3 exports the netanim target (Debian's libns3-dev does).
# In an ns-3 source tree: on when the user enabled the netanim module. ns-3 configures contrib/
# before src/, so its targets do not exist yet here: ask the list of enabled modules instead.
# -DSELMCAST_NETANIM=OFF forces it off (a build without NetAnim, as in a lean ns-3 tree).
#
# Sets selmcast_netanim_libraries (for LIBRARIES_TO_LINK) and, when on, appends the helper to
# source_files and header_files and defines SELMCAST_HAVE_NETANIM for the sources of this folder.

option(SELMCAST_NETANIM "Build the examples' --netanim where ns-3's netanim module is available" ON)

set(selmcast_netanim_libraries)
set(selmcast_netanim_why "")
if(NOT SELMCAST_NETANIM)
  set(selmcast_netanim_why "SELMCAST_NETANIM=OFF")
elseif(SELMCAST_STANDALONE)
  if(TARGET ns3::libnetanim AND TARGET ns3::libmobility)
    # Mobility only for the node positions NetAnim draws.
    set(selmcast_netanim_libraries ns3::libnetanim ns3::libmobility)
  else()
    set(selmcast_netanim_why "the installed ns-3 has no netanim module (install libns3-dev)")
  endif()
elseif(netanim IN_LIST ns3-all-enabled-modules)
  # netanim depends on mobility, so both are enabled.
  set(selmcast_netanim_libraries ${libnetanim} ${libmobility})
else()
  set(selmcast_netanim_why "ns-3's netanim module is not enabled")
endif()

if(selmcast_netanim_libraries)
  message(STATUS "selmcast: NetAnim support (--netanim) on")
  list(APPEND source_files helper/selmcast-netanim-helper.cc)
  list(APPEND header_files helper/selmcast-netanim-helper.h)
  # Directory scope: in-tree the sources compile in an object library that build_lib makes.
  add_compile_definitions(SELMCAST_HAVE_NETANIM)
else()
  message(STATUS "selmcast: NetAnim support (--netanim) off: ${selmcast_netanim_why}")
endif()
