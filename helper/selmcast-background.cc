/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-background.h"

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SelmcastBackgroundTraffic);

TypeId
SelmcastBackgroundTraffic::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastBackgroundTraffic")
            .SetParent<Object>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastBackgroundTraffic>()
            .AddAttribute("Load",
                          "Offered rate of each worker node's flow as a fraction of its ingress "
                          "rate, in [0, 1) (0: no flows).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&SelmcastBackgroundTraffic::m_load),
                          MakeDoubleChecker<double>())
            .AddAttribute("SocketFactory",
                          "Transport of the flows: ns3::TcpSocketFactory or ns3::UdpSocketFactory.",
                          StringValue("ns3::TcpSocketFactory"),
                          MakeStringAccessor(&SelmcastBackgroundTraffic::m_socketFactory),
                          MakeStringChecker())
            .AddAttribute("Port",
                          "Port of the sinks (not one the training uses).",
                          UintegerValue(50000),
                          MakeUintegerAccessor(&SelmcastBackgroundTraffic::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("SegmentSize",
                          "Bytes of each write of a flow's source and, over TCP, the flows' "
                          "segment size (ns3::TcpSocket::SegmentSize); 0: the links' MTU minus "
                          "60 bytes of IPv4 and TCP headers and options.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SelmcastBackgroundTraffic::m_segmentSize),
                          MakeUintegerChecker<uint32_t>(0, 65000))
            .AddAttribute("Start",
                          "When the flows start.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SelmcastBackgroundTraffic::m_start),
                          MakeTimeChecker());
    return tid;
}

SelmcastBackgroundTraffic::SelmcastBackgroundTraffic()
    : m_load(0),
      m_port(50000),
      m_segmentSize(0),
      m_choice(CreateObject<UniformRandomVariable>())
{
}

void
SelmcastBackgroundTraffic::DoDispose()
{
    m_sources = ApplicationContainer();
    m_sinks = ApplicationContainer();
    Object::DoDispose();
}

std::string
SelmcastBackgroundTraffic::Validate() const
{
    std::ostringstream error;
    if (!(m_load >= 0 && m_load < 1))
    {
        error << "background: " << m_load << " is out of range, allowed: [0, 1)";
        return error.str();
    }
    if (m_socketFactory != "ns3::TcpSocketFactory" && m_socketFactory != "ns3::UdpSocketFactory")
    {
        return "SocketFactory: '" + m_socketFactory +
               "', allowed: ns3::TcpSocketFactory, ns3::UdpSocketFactory";
    }
    return "";
}

int64_t
SelmcastBackgroundTraffic::AssignStreams(int64_t stream)
{
    m_choice->SetStream(stream);
    return 1;
}

void
SelmcastBackgroundTraffic::Install(Ptr<SelmcastTopology> topology)
{
    const uint32_t n = topology->GetNWorkers();
    if (m_load <= 0 || n < 2)
    {
        return;
    }
    const uint32_t segment = SegmentBytes(topology);
    if (m_socketFactory == "ns3::TcpSocketFactory")
    {
        // The OnOff sources create their sockets at Start from the defaults; with ns-3's
        // 536 bytes and 512-byte writes the flows cost 17x the training's jumbo frames.
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(segment));
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        // Candidates behind other routers, so that the flow crosses the fabric when it has one.
        std::vector<uint32_t> others;
        std::vector<uint32_t> remote;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j == i)
            {
                continue;
            }
            others.push_back(j);
            if (topology->GetWorkerLink(j).router != topology->GetWorkerLink(i).router)
            {
                remote.push_back(j);
            }
        }
        const std::vector<uint32_t>& pool = remote.empty() ? others : remote;
        uint32_t j = pool[m_choice->GetInteger(0, pool.size() - 1)];
        SelmcastBackgroundFlow flow;
        flow.source = i;
        flow.sink = j;
        flow.offeredBps = m_load * topology->GetIngressRate(i).GetBitRate();
        m_flows.push_back(flow);

        PacketSinkHelper sink(m_socketFactory,
                              InetSocketAddress(Ipv4Address::GetAny(), m_port + i));
        m_sinks.Add(sink.Install(topology->GetWorker(j)));
        OnOffHelper source(m_socketFactory,
                           InetSocketAddress(topology->GetWorkerAddress(j), m_port + i));
        // One write, one full segment: OnOffHelper's 512-byte default would leave TCP (no
        // Nagle) sending 512-byte segments whatever its segment size.
        source.SetConstantRate(DataRate(static_cast<uint64_t>(flow.offeredBps)), segment);
        m_sources.Add(source.Install(topology->GetWorker(i)));
    }
    m_sources.Start(m_start);
    m_sinks.Start(m_start);
}

uint32_t
SelmcastBackgroundTraffic::SegmentBytes(Ptr<SelmcastTopology> topology) const
{
    const uint32_t headers = 60; // IPv4 20, TCP 20, timestamp option 12, spare 8
    if (m_segmentSize > 0)
    {
        return m_segmentSize;
    }
    return topology->GetMtu() > 2 * headers ? topology->GetMtu() - headers : 536;
}

std::vector<SelmcastBackgroundFlow>
SelmcastBackgroundTraffic::Report() const
{
    std::vector<SelmcastBackgroundFlow> flows = m_flows;
    const double seconds = (Simulator::Now() - m_start).GetSeconds();
    for (uint32_t f = 0; f < flows.size(); ++f)
    {
        flows[f].received = DynamicCast<PacketSink>(m_sinks.Get(f))->GetTotalRx();
        flows[f].throughputBps = seconds > 0 ? flows[f].received * 8.0 / seconds : 0;
    }
    return flows;
}

} // namespace ns3
