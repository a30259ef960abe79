/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-device-demux.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastDeviceDemux");

NS_OBJECT_ENSURE_REGISTERED(SelmcastDeviceDemux);

TypeId
SelmcastDeviceDemux::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastDeviceDemux")
                            .SetParent<Object>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastDeviceDemux>()
                            .AddAttribute("Enabled",
                                          "Whether Install() installs a demux (read from the "
                                          "default, Config::SetDefault or "
                                          "--ns3::SelmcastDeviceDemux::Enabled). Runs are "
                                          "identical either way; with it a switch's cost per "
                                          "packet does not grow with its ports.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&SelmcastDeviceDemux::m_enabled),
                                          MakeBooleanChecker());
    return tid;
}

Ptr<SelmcastDeviceDemux>
SelmcastDeviceDemux::Install(Ptr<Node> node)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    Ptr<ArpL3Protocol> arp = node->GetObject<ArpL3Protocol>();
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    // IPv6 registers the same TrafficControlLayer::Receive per device: beyond its loopback,
    // the node's entries could not be told apart.
    if (!ipv4 || !arp || !tc || (ipv6 && ipv6->GetNInterfaces() > 1) ||
        node->GetObject<SelmcastDeviceDemux>())
    {
        return nullptr;
    }
    Ptr<SelmcastDeviceDemux> demux = CreateObject<SelmcastDeviceDemux>();
    if (!demux->m_enabled)
    {
        return nullptr;
    }
    demux->m_covered.assign(node->GetNDevices(), false);
    demux->m_ipv4 = PeekPointer(ipv4);
    demux->m_arp = PeekPointer(arp);
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> device = ipv4->GetNetDevice(i);
        if (DynamicCast<LoopbackNetDevice>(device))
        {
            continue; // its handler is Ipv4L3Protocol::Receive itself, not the TC layer's
        }
        // AddInterface registered two equal entries (IPv4 and ARP); all of them go.
        node->UnregisterProtocolHandler(MakeCallback(&TrafficControlLayer::Receive, tc));
        node->UnregisterProtocolHandler(MakeCallback(&TrafficControlLayer::Receive, tc));
        demux->m_covered[device->GetIfIndex()] = true;
    }
    for (uint16_t protocol : {Ipv4L3Protocol::PROT_NUMBER, ArpL3Protocol::PROT_NUMBER})
    {
        node->RegisterProtocolHandler(MakeCallback(&SelmcastDeviceDemux::Receive, demux),
                                      protocol,
                                      nullptr);
    }
    node->AggregateObject(demux);
    return demux;
}

bool
SelmcastDeviceDemux::Covers(Ptr<const NetDevice> device) const
{
    const uint32_t index = device->GetIfIndex();
    return index < m_covered.size() && m_covered[index];
}

void
SelmcastDeviceDemux::Receive(Ptr<NetDevice> device,
                             Ptr<const Packet> packet,
                             uint16_t protocol,
                             const Address& from,
                             const Address& to,
                             NetDevice::PacketType type)
{
    // Other devices (a loopback, one added later) are served by their own entries.
    if (!Covers(device))
    {
        return;
    }
    if (protocol == Ipv4L3Protocol::PROT_NUMBER)
    {
        m_ipv4->Receive(device, packet, protocol, from, to, type);
    }
    else
    {
        m_arp->Receive(device, packet, protocol, from, to, type);
    }
}

void
SelmcastDeviceDemux::DoDispose()
{
    m_ipv4 = nullptr;
    m_arp = nullptr;
    Object::DoDispose();
}

} // namespace ns3
