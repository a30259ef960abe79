/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-link-stats.h"

#include "ns3/ipv4-header.h"
#include "ns3/node-list.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/ppp-header.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <fstream>

namespace ns3
{

std::vector<std::pair<Ptr<Node>, std::string>>
SelmcastNamedNodes(Ptr<SelmcastTopology> topology)
{
    std::vector<std::pair<Ptr<Node>, std::string>> nodes;
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        nodes.emplace_back(topology->GetWorker(i), "worker" + std::to_string(i));
    }
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        nodes.emplace_back(topology->GetRouter(r), "router" + std::to_string(r));
    }
    nodes.emplace_back(topology->GetController(), "controller");
    return nodes;
}

void
SelmcastLinkStats::Install(Ptr<SelmcastTopology> topology, uint16_t controlPort)
{
    m_controlPort = controlPort;
    m_devices.clear();
    for (const auto& [node, role] : SelmcastNamedNodes(topology))
    {
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (DynamicCast<PointToPointNetDevice>(node->GetDevice(d)))
            {
                m_devices.push_back(Device{role, node->GetId(), d, {}, {}});
            }
        }
    }
    // Connected only once the vector stops growing: the sinks keep indices into it.
    for (size_t k = 0; k < m_devices.size(); ++k)
    {
        Ptr<NetDevice> device =
            NodeList::GetNode(m_devices[k].node)->GetDevice(m_devices[k].device);
        device->TraceConnectWithoutContext("PhyTxEnd",
                                           MakeCallback(&SelmcastLinkStats::Count, this).Bind(k));
    }
}

void
SelmcastLinkStats::Count(size_t index, Ptr<const Packet> packet)
{
    bool control = false;
    Ptr<Packet> copy = packet->Copy();
    PppHeader ppp;
    Ipv4Header ip;
    UdpHeader udp;
    if (copy->RemoveHeader(ppp) > 0 && ppp.GetProtocol() == 0x0021 && copy->RemoveHeader(ip) > 0 &&
        ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER && ip.GetFragmentOffset() == 0 &&
        copy->PeekHeader(udp) > 0)
    {
        control = udp.GetDestinationPort() == m_controlPort || udp.GetSourcePort() == m_controlPort;
    }
    SelmcastLinkCount& count = control ? m_devices[index].control : m_devices[index].data;
    ++count.transmissions;
    count.bytes += packet->GetSize();
}

const SelmcastLinkStats::Device*
SelmcastLinkStats::Find(uint32_t node, uint32_t device) const
{
    for (const Device& d : m_devices)
    {
        if (d.node == node && d.device == device)
        {
            return &d;
        }
    }
    return nullptr;
}

SelmcastLinkCount
SelmcastLinkStats::Sum(SelmcastLinkCount Device::*which) const
{
    SelmcastLinkCount total;
    for (const Device& d : m_devices)
    {
        total.transmissions += (d.*which).transmissions;
        total.bytes += (d.*which).bytes;
    }
    return total;
}

SelmcastLinkCount
SelmcastLinkStats::GetData() const
{
    return Sum(&Device::data);
}

SelmcastLinkCount
SelmcastLinkStats::GetControl() const
{
    return Sum(&Device::control);
}

std::string
SelmcastLinkStats::Write(const std::string& path) const
{
    std::ofstream out(path);
    if (!out)
    {
        return "cannot write " + path;
    }
    out << "role,node,device,data_tx,data_bytes,control_tx,control_bytes\n";
    for (const Device& d : m_devices)
    {
        out << d.role << "," << d.node << "," << d.device << "," << d.data.transmissions << ","
            << d.data.bytes << "," << d.control.transmissions << "," << d.control.bytes << "\n";
    }
    const SelmcastLinkCount data = GetData();
    const SelmcastLinkCount control = GetControl();
    out << "total,,," << data.transmissions << "," << data.bytes << "," << control.transmissions
        << "," << control.bytes << "\n";
    return out ? "" : "cannot write " + path;
}

} // namespace ns3
