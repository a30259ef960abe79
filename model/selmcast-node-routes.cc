/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-node-routes.h"

#include "ns3/abort.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/selmcast-routing-helper.h"
#include "ns3/selmcast-routing.h"

namespace ns3
{

SelmcastNodeRoutes::SelmcastNodeRoutes(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    m_selmcast = SelmcastRoutingHelper::GetRouting(ipv4);
    if (!m_selmcast)
    {
        m_ns3 = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    }
    NS_ABORT_MSG_IF(!m_selmcast && !m_ns3,
                    "node " << node->GetId() << " has neither SelmcastRouting nor static routing");
}

void
SelmcastNodeRoutes::SetMulticast(Ipv4Address group,
                                 Ipv4Address origin,
                                 uint32_t input,
                                 const std::vector<uint32_t>& outputs)
{
    auto old = m_installed.find(group);
    if (old != m_installed.end())
    {
        bool removed =
            m_selmcast ? m_selmcast->RemoveMulticastRoute(group, old->second.input)
                       : m_ns3->RemoveMulticastRoute(old->second.origin, group, old->second.input);
        NS_ABORT_MSG_IF(!removed, "route of " << group << " vanished from its node");
        m_installed.erase(old);
    }
    if (outputs.empty())
    {
        return;
    }
    m_selmcast ? m_selmcast->AddMulticastRoute(group, input, outputs)
               : m_ns3->AddMulticastRoute(origin, group, input, outputs);
    m_installed[group] = Installed{origin, input};
}

void
SelmcastNodeRoutes::SetSender(Ipv4Address group, uint32_t interface, bool add)
{
    // Idempotent: ns-3's static routing would otherwise hold a host route twice.
    if (m_senders.count(group) == (add ? 1u : 0u))
    {
        return;
    }
    add ? (void)m_senders.insert(group) : (void)m_senders.erase(group);
    if (m_selmcast)
    {
        add ? m_selmcast->AddGroupRoute(group, interface)
            : (void)m_selmcast->RemoveGroupRoute(group);
        return;
    }
    if (add)
    {
        m_ns3->AddHostRouteTo(group, interface);
        return;
    }
    for (uint32_t k = 0; k < m_ns3->GetNRoutes(); ++k)
    {
        Ipv4RoutingTableEntry route = m_ns3->GetRoute(k);
        if (route.IsHost() && route.GetDest() == group)
        {
            m_ns3->RemoveRoute(k);
            break;
        }
    }
}

uint32_t
SelmcastNodeRoutes::GetNMulticast() const
{
    return static_cast<uint32_t>(m_installed.size());
}

} // namespace ns3
