/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-rates.h"

#include "selmcast-fail.h"

#include <algorithm>

namespace ns3
{
namespace selmcast
{

FabricRateInput
LinksAsPorts(const Fabric& fabric,
             const std::vector<double>& ingress,
             const std::vector<double>& egress,
             const std::vector<RateFlow>& flows)
{
    const uint32_t n = fabric.GetHosts();
    if (ingress.size() != n || egress.size() != n)
    {
        Fail("LinksAsPorts: ingress and egress need n = ", n, " values each");
    }
    Problem ports; // what Capacities reads: the hosts' ports on the access links
    ports.n = n;
    ports.ingress = ingress;
    ports.egress = egress;
    const std::vector<double> capacity = fabric.Capacities(ports); // checks the fabric
    FabricRateInput in;
    const size_t size = n + capacity.size();
    in.ports.ingress.assign(size, 0.0);
    in.ports.egress.assign(size, 0.0);
    std::copy(ingress.begin(), ingress.end(), in.ports.ingress.begin());
    std::copy(capacity.begin(), capacity.end(), in.ports.egress.begin() + n);
    for (const RateFlow& flow : flows)
    {
        RateFlow mapped = flow;
        mapped.receivers.clear();
        for (uint32_t j : flow.receivers)
        {
            if (flow.sender >= n || j >= n || j == flow.sender)
            {
                Fail("LinksAsPorts: flow ",
                     flow.sender,
                     " -> ",
                     j,
                     ": hosts must be < ",
                     n,
                     " and differ");
            }
            for (uint32_t l : fabric.GetPath(flow.sender, j))
            {
                if (l != fabric.GetUplink(flow.sender))
                {
                    mapped.receivers.push_back(n + l);
                }
            }
        }
        // A tree crosses a link once (paths of one sender share their prefix).
        std::sort(mapped.receivers.begin(), mapped.receivers.end());
        mapped.receivers.erase(std::unique(mapped.receivers.begin(), mapped.receivers.end()),
                               mapped.receivers.end());
        in.flows.push_back(mapped);
    }
    return in;
}

} // namespace selmcast
} // namespace ns3
