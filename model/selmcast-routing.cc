/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-routing.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastRouting");

NS_OBJECT_ENSURE_REGISTERED(SelmcastRouting);

TypeId
SelmcastRouting::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastRouting")
            .SetParent<Ipv4ListRouting>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastRouting>()
            .AddAttribute("MulticastLocalDelivery",
                          "Also hand multicast packets forwarded by the module's own table to "
                          "this node's stack, as ns-3's list routing does for every multicast "
                          "packet. Off on routers (they run no application).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastRouting::m_multicastLocalDelivery),
                          MakeBooleanChecker());
    return tid;
}

SelmcastRouting::SelmcastRouting()
    : m_multicastLocalDelivery(true)
{
    NS_LOG_FUNCTION(this);
}

SelmcastRouting::~SelmcastRouting()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastRouting::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_unicast.clear();
    m_multicast.clear();
    m_groupRoutes.clear();
    m_snapshotDestinations.clear();
    m_localAddresses.clear();
    m_ipv4 = nullptr;
    m_static = nullptr;
    Ipv4ListRouting::DoDispose();
}

uint64_t
SelmcastRouting::Key(Ipv4Address group, uint32_t input)
{
    return (static_cast<uint64_t>(group.Get()) << 32) | input;
}

void
SelmcastRouting::AddMulticastRoute(Ipv4Address group,
                                   uint32_t input,
                                   const std::vector<uint32_t>& outputs)
{
    NS_LOG_FUNCTION(this << group << input << outputs.size());
    NS_ASSERT_MSG(group.IsMulticast(), group << " is no multicast address");
    NS_ASSERT_MSG(!outputs.empty(), "a multicast route needs an output interface");
    // Built once here instead of per packet, as ns-3's static routing does.
    Ptr<Ipv4MulticastRoute> route = Create<Ipv4MulticastRoute>();
    route->SetGroup(group);
    route->SetParent(input);
    for (uint32_t output : outputs)
    {
        route->SetOutputTtl(output, Ipv4MulticastRoute::MAX_TTL - 1);
    }
    m_multicast[Key(group, input)] = route;
}

bool
SelmcastRouting::RemoveMulticastRoute(Ipv4Address group, uint32_t input)
{
    NS_LOG_FUNCTION(this << group << input);
    return m_multicast.erase(Key(group, input)) > 0;
}

void
SelmcastRouting::AddGroupRoute(Ipv4Address group, uint32_t interface)
{
    NS_LOG_FUNCTION(this << group << interface);
    NS_ASSERT_MSG(m_ipv4, "SelmcastRouting::AddGroupRoute: no Ipv4 yet");
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(group);
    route->SetSource(m_ipv4->SourceAddressSelection(interface, group));
    route->SetGateway(Ipv4Address::GetZero());
    route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    m_groupRoutes[group.Get()] = route;
}

bool
SelmcastRouting::RemoveGroupRoute(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    return m_groupRoutes.erase(group.Get()) > 0;
}

void
SelmcastRouting::SnapshotUnicastRoutes(const std::vector<Ipv4Address>& destinations)
{
    NS_LOG_FUNCTION(this << destinations.size());
    m_snapshotDestinations = destinations;
    Refresh();
}

uint32_t
SelmcastRouting::GetNMulticastRoutes() const
{
    return m_multicast.size();
}

uint32_t
SelmcastRouting::GetNUnicastRoutes() const
{
    return m_unicast.size();
}

uint32_t
SelmcastRouting::GetNGroupRoutes() const
{
    return m_groupRoutes.size();
}

void
SelmcastRouting::Refresh()
{
    m_localAddresses.clear();
    m_unicast.clear();
    if (!m_ipv4)
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t a = 0; a < m_ipv4->GetNAddresses(i); ++a)
        {
            m_localAddresses.insert(m_ipv4->GetAddress(i, a).GetLocal().Get());
        }
    }
    // The list's own answer, asked once per destination instead of once per packet.
    for (Ipv4Address destination : m_snapshotDestinations)
    {
        Ipv4Header header;
        header.SetDestination(destination);
        Socket::SocketErrno error = Socket::ERROR_NOTERROR;
        Ptr<Ipv4Route> route = Ipv4ListRouting::RouteOutput(nullptr, header, nullptr, error);
        if (route)
        {
            m_unicast[destination.Get()] = route;
        }
    }
}

Ptr<Ipv4Route>
SelmcastRouting::RouteOutput(Ptr<Packet> p,
                             const Ipv4Header& header,
                             Ptr<NetDevice> oif,
                             Socket::SocketErrno& sockerr)
{
    const uint32_t destination = header.GetDestination().Get();
    const auto& table = header.GetDestination().IsMulticast() ? m_groupRoutes : m_unicast;
    auto it = table.find(destination);
    if (it != table.end() && (!oif || oif == it->second->GetOutputDevice()))
    {
        sockerr = Socket::ERROR_NOTERROR;
        return it->second;
    }
    return Ipv4ListRouting::RouteOutput(p, header, oif, sockerr);
}

bool
SelmcastRouting::RouteInput(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ptr<const NetDevice> idev,
                            UnicastForwardCallback ucb,
                            MulticastForwardCallback mcb,
                            LocalDeliverCallback lcb,
                            ErrorCallback ecb)
{
    const Ipv4Address destination = header.GetDestination();
    const uint32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    // The order of ns-3's list routing: local delivery, then the forwarding check, then a route.
    if (destination.IsMulticast())
    {
        auto it = m_multicast.find(Key(destination, iif));
        if (it == m_multicast.end())
        {
            if (!m_multicastLocalDelivery || !OnlyDeliversMulticast())
            {
                return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
            }
            // What the list would do, without its per-packet interface scans: a receiving host.
            lcb(p, header, iif);
            if (!m_ipv4->IsForwarding(iif))
            {
                ecb(p, header, Socket::ERROR_NOROUTETOHOST);
            }
            return true;
        }
        if (m_multicastLocalDelivery)
        {
            lcb(p->Copy(), header, iif);
        }
        if (!m_ipv4->IsForwarding(iif))
        {
            ecb(p, header, Socket::ERROR_NOROUTETOHOST);
            return true;
        }
        mcb(it->second, p, header);
        return true;
    }
    if (m_localAddresses.count(destination.Get()) > 0)
    {
        lcb(p, header, iif);
        return true;
    }
    auto it = m_unicast.find(destination.Get());
    if (it == m_unicast.end())
    {
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    ucb(it->second, p, header);
    return true;
}

void
SelmcastRouting::NotifyInterfaceUp(uint32_t interface)
{
    Ipv4ListRouting::NotifyInterfaceUp(interface);
    Refresh();
}

void
SelmcastRouting::NotifyInterfaceDown(uint32_t interface)
{
    Ipv4ListRouting::NotifyInterfaceDown(interface);
    Refresh();
}

void
SelmcastRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ipv4ListRouting::NotifyAddAddress(interface, address);
    Refresh();
}

void
SelmcastRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ipv4ListRouting::NotifyRemoveAddress(interface, address);
    Refresh();
}

void
SelmcastRouting::AddRoutingProtocol(Ptr<Ipv4RoutingProtocol> routingProtocol, int16_t priority)
{
    Ipv4ListRouting::AddRoutingProtocol(routingProtocol, priority);
    Ptr<Ipv4StaticRouting> staticRouting = DynamicCast<Ipv4StaticRouting>(routingProtocol);
    // The shortcut below knows one static routing's multicast routes, no more.
    m_onlyStaticAndGlobal = m_onlyStaticAndGlobal && !(staticRouting && m_static);
    m_static = staticRouting ? staticRouting : m_static;
    m_onlyStaticAndGlobal =
        m_onlyStaticAndGlobal && (staticRouting || DynamicCast<Ipv4GlobalRouting>(routingProtocol));
}

bool
SelmcastRouting::OnlyDeliversMulticast() const
{
    return m_onlyStaticAndGlobal && m_static && m_static->GetNMulticastRoutes() == 0;
}

void
SelmcastRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    Ipv4ListRouting::SetIpv4(ipv4);
    m_ipv4 = ipv4;
    Refresh();
}

void
SelmcastRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "Node: " << m_ipv4->GetObject<Node>()->GetId()
       << ", SelmcastRouting: " << m_unicast.size() << " unicast, " << m_multicast.size()
       << " multicast, " << m_groupRoutes.size() << " group routes" << std::endl;
    // Sorted, so that two prints of the same tables are equal.
    std::vector<uint64_t> keys;
    for (const auto& [key, route] : m_multicast)
    {
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    for (uint64_t key : keys)
    {
        Ptr<Ipv4MulticastRoute> route = m_multicast.at(key);
        os << "  group " << route->GetGroup() << " in " << route->GetParent() << " out";
        for (const auto& [output, ttl] : route->GetOutputTtlMap())
        {
            os << " " << output;
        }
        os << std::endl;
    }
    Ipv4ListRouting::PrintRoutingTable(stream, unit);
}

} // namespace ns3
