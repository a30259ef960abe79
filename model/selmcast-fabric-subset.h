/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_SUBSET_H
#define SELMCAST_FABRIC_SUBSET_H

#include "selmcast-fabric.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * A Fabric seen by a round whose problem covers only some of its hosts (the active workers).
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The fabric over a subset of the hosts, numbered as a round's problem numbers them: host a of
 * the result is host hosts[a] of fabric. The other hosts become switches that no path crosses,
 * every link and its capacity stay, and the path (a, b) is the path (hosts[a], hosts[b]).
 * \param fabric a validated fabric
 * \param hosts distinct hosts of fabric, at least two
 * \return a validated fabric with hosts.size() hosts
 * \throws std::invalid_argument when a host is out of range or listed twice
 */
Fabric SubFabric(const Fabric& fabric, const std::vector<uint32_t>& hosts);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_SUBSET_H
