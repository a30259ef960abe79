/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-subset.h"

#include "selmcast-fail.h"

namespace ns3
{
namespace selmcast
{

Fabric
SubFabric(const Fabric& fabric, const std::vector<uint32_t>& hosts)
{
    if (!fabric.IsValidated())
    {
        Fail("SubFabric: the fabric is not validated");
    }
    const uint32_t m = hosts.size();
    std::vector<uint32_t> node(fabric.GetNodes(), Fabric::NO_LINK);
    for (uint32_t a = 0; a < m; ++a)
    {
        if (hosts[a] >= fabric.GetHosts() || node[hosts[a]] != Fabric::NO_LINK)
        {
            Fail("SubFabric: host ",
                 hosts[a],
                 " is out of range: must be distinct hosts in [0, ",
                 fabric.GetHosts(),
                 ")");
        }
        node[hosts[a]] = a;
    }
    Fabric sub(m);
    for (uint32_t v = 0; v < fabric.GetNodes(); ++v)
    {
        // Inactive hosts keep their links but become switches that no path crosses.
        node[v] = node[v] == Fabric::NO_LINK ? sub.AddSwitch() : node[v];
    }
    for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
    {
        const FabricLink& link = fabric.GetLink(l);
        sub.AddLink(node[link.from], node[link.to], link.capacity);
    }
    for (uint32_t a = 0; a < m; ++a)
    {
        for (uint32_t b = 0; b < m; ++b)
        {
            if (a != b)
            {
                sub.SetPath(a, b, fabric.GetPath(hosts[a], hosts[b]));
            }
        }
    }
    sub.Validate();
    return sub;
}

} // namespace selmcast
} // namespace ns3
