/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-rate-meter.h"

#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastRateMeter");

NS_OBJECT_ENSURE_REGISTERED(SelmcastRateMeter);

namespace
{
/// IANA protocol number of UDP.
const uint8_t UDP_PROTOCOL = 17;
/// PPP protocol number of IPv4.
const uint16_t PPP_IPV4 = 0x0021;
} // namespace

TypeId
SelmcastRateMeter::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastRateMeter")
                            .SetParent<Object>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastRateMeter>()
                            .AddAttribute("Window",
                                          "How far back the other traffic is averaged (> 0).",
                                          TimeValue(MilliSeconds(10)),
                                          MakeTimeAccessor(&SelmcastRateMeter::m_window),
                                          MakeTimeChecker(NanoSeconds(1)));
    return tid;
}

SelmcastRateMeter::SelmcastRateMeter()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastRateMeter::DoDispose()
{
    m_device = nullptr;
    Object::DoDispose();
}

void
SelmcastRateMeter::Install(Ptr<PointToPointNetDevice> device, const std::set<uint16_t>& ownPorts)
{
    NS_LOG_FUNCTION(this << device);
    m_device = device;
    m_ownPorts = ownPorts;
    device->TraceConnectWithoutContext("PhyTxEnd",
                                       MakeCallback(&SelmcastRateMeter::Count, this).Bind(SENT));
    device->TraceConnectWithoutContext(
        "PhyRxEnd",
        MakeCallback(&SelmcastRateMeter::Count, this).Bind(RECEIVED));
}

bool
SelmcastRateMeter::IsOwn(Ptr<const Packet> packet, const std::set<uint16_t>& ownPorts)
{
    Ptr<Packet> copy = packet->Copy();
    PppHeader ppp;
    if (copy->RemoveHeader(ppp) == 0 || ppp.GetProtocol() != PPP_IPV4)
    {
        return false;
    }
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    // A fragment after the first has no UDP header: SELMCAST sends no fragments.
    if (ip.GetProtocol() != UDP_PROTOCOL || ip.GetFragmentOffset() != 0)
    {
        return false;
    }
    UdpHeader udp;
    copy->PeekHeader(udp);
    return ownPorts.count(udp.GetDestinationPort()) > 0 || ownPorts.count(udp.GetSourcePort()) > 0;
}

void
SelmcastRateMeter::Count(Direction direction, Ptr<const Packet> packet)
{
    if (IsOwn(packet, m_ownPorts))
    {
        return;
    }
    m_seen[direction].emplace_back(Simulator::Now(), packet->GetSize());
    m_bytes[direction] += packet->GetSize();
    Expire(direction);
}

void
SelmcastRateMeter::Expire(Direction direction)
{
    const Time oldest = Simulator::Now() - m_window;
    auto& seen = m_seen[direction];
    while (!seen.empty() && seen.front().first <= oldest)
    {
        m_bytes[direction] -= seen.front().second;
        seen.pop_front();
    }
}

double
SelmcastRateMeter::GetOtherBps(Direction direction)
{
    Expire(direction);
    return 8.0 * static_cast<double>(m_bytes[direction]) / m_window.GetSeconds();
}

} // namespace ns3
