/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-builder.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"

#include <map>
#include <memory>
#include <utility>

namespace ns3
{

namespace
{

/**
 * \param device a point-to-point device
 * \return its sending rate in bytes/s
 */
double
BytesPerSecond(Ptr<PointToPointNetDevice> device)
{
    DataRateValue rate;
    device->GetAttribute("DataRate", rate);
    return rate.Get().GetBitRate() / 8.0;
}

} // namespace

selmcast::Fabric
SelmcastFabricOfTopology(Ptr<SelmcastTopology> topology, Ptr<const SelmcastTreeManager> trees)
{
    const uint32_t n = topology->GetNWorkers();
    selmcast::Fabric fabric(n);
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        fabric.AddSwitch(); // router r is node n + r
    }
    std::vector<uint32_t> uplink(n);
    std::vector<uint32_t> downlink(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        const SelmcastAccessLink& link = topology->GetWorkerLink(i);
        uplink[i] = fabric.AddLink(i, n + link.router, BytesPerSecond(link.hostDevice));
        downlink[i] = fabric.AddLink(n + link.router, i, BytesPerSecond(link.routerDevice));
    }
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> linkOf; // (router, interface) -> link
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        for (const SelmcastRouterLink& link : topology->GetRouterLinks(r))
        {
            linkOf[{r, link.localInterface}] =
                fabric.AddLink(n + r, n + link.neighbour, BytesPerSecond(link.localDevice));
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i == j)
            {
                continue;
            }
            std::vector<std::pair<uint32_t, uint32_t>> hops = trees->GetPath(i, j);
            std::vector<uint32_t> path{uplink[i]};
            for (std::size_t h = 0; h + 1 < hops.size(); ++h)
            {
                path.push_back(linkOf.at(hops[h]));
            }
            path.push_back(downlink[j]);
            fabric.SetPath(i, j, std::move(path));
        }
    }
    fabric.Validate();
    return fabric;
}

void
SelmcastPlanOnFabric(Ptr<SelmcastController> controller)
{
    Ptr<SelmcastTreeManager> trees = controller->GetTreeManager();
    trees->SetAttribute("SenderPaths", BooleanValue(true));
    controller->SetFabric(std::make_shared<const selmcast::Fabric>(
        SelmcastFabricOfTopology(trees->GetTopology(), trees)));
}

} // namespace ns3
