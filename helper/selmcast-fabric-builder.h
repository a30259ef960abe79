/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_BUILDER_H
#define SELMCAST_FABRIC_BUILDER_H

#include "selmcast-multicast-tree-helper.h"
#include "selmcast-topology-helper.h"

#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-fabric.h"

/**
 * \file
 * \ingroup selmcast
 * The plain C++ Fabric of a network that SelmcastTopologyHelper built, with the paths the
 * multicast trees really take on it (issue 11, part 3 at packet level).
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Describe a built network as a selmcast::Fabric: host i is worker i, switch n + r is router r;
 * every worker's access link (uplink at its ingress rate, downlink at its egress rate), every
 * router-to-router device as a directed link at its own DataRate, capacities in bytes/s (the
 * unit of the controller's problems; a rate counts whole frames, as the controller's wire
 * volumes do). The path (i, j) is SelmcastTreeManager::GetPath(i, j): the links every tree of
 * sender i uses to reach j, equal-cost choice included. The controller's link is left out
 * (control traffic only).
 * \param topology the built network
 * \param trees the tree manager that installs the trees on it (SenderPaths must be true)
 * \return a validated fabric
 */
selmcast::Fabric SelmcastFabricOfTopology(Ptr<SelmcastTopology> topology,
                                          Ptr<const SelmcastTreeManager> trees);

/**
 * \ingroup selmcast
 * Let a controller plan BSP rounds on the fabric of its topology: its tree manager takes fixed
 * paths per sender (SenderPaths), and SelmcastController::SetFabric gets
 * SelmcastFabricOfTopology of them. Call after SetTopology (SelmcastTrainingHelper::Install)
 * and before the first round.
 * \param controller the controller
 */
void SelmcastPlanOnFabric(Ptr<SelmcastController> controller);

} // namespace ns3

#endif // SELMCAST_FABRIC_BUILDER_H
