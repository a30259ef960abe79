/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_FILE_H
#define SELMCAST_FABRIC_FILE_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/selmcast-fabric-spec.h"

#include <string>

/**
 * \file
 * \ingroup selmcast
 * Topology files in the formats of ns-3's topology-read module (Inet, Orbis, Rocketfuel), read
 * with ns-3's TopologyReaderHelper into the same fabric description as the CSV edge list.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * The formats a topology file can have.
 */
enum SelmcastFileFormat
{
    SELMCAST_FILE_CSV,       //!< node,node,rate,delay per line (SelmcastReadFabricCsv)
    SELMCAST_FILE_INET,      //!< Inet 3.0: counts line, node lines, "from to weight" lines
    SELMCAST_FILE_ORBIS,     //!< Orbis: "from to" per line
    SELMCAST_FILE_ROCKETFUEL //!< Rocketfuel: a weights file or a maps (.cch) file
};

/**
 * \ingroup selmcast
 * Read a fabric from a file of ns-3's topology-read formats with ns-3's own readers
 * (TopologyReaderHelper). None of these formats gives link rates or delays: every link gets rate
 * and delay. Nodes are numbered in the order the reader meets them; a link given twice (both
 * directions of a Rocketfuel maps file, or repeated) is built once, at its first appearance. The
 * racks and the controller follow the CSV rules (SelmcastFinishFileFabric).
 *
 * ns-3's readers create one ns-3 Node per file node while parsing. Those nodes stay unused (no
 * stack, no device): SelmcastTopologyHelper makes its own routers, so that an MPI rank policy can
 * place them; node ids of the built network start after them.
 * \param path the file
 * \param format Inet, Orbis or Rocketfuel (not CSV)
 * \param rate the rate of each direction of every link
 * \param delay the propagation delay of every link
 * \param workers which nodes are racks: leaves, all, or names joined by '+'
 * \param controller the controller's node name, or empty for the first
 * \param[out] spec the fabric
 * \return an empty string on success, else a message naming the parameter and the problem
 */
std::string SelmcastReadFabricNs3(const std::string& path,
                                  SelmcastFileFormat format,
                                  DataRate rate,
                                  Time delay,
                                  const std::string& workers,
                                  const std::string& controller,
                                  SelmcastFabricSpec& spec);

} // namespace ns3

#endif /* SELMCAST_FABRIC_FILE_H */
