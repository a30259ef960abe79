/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-router-agent.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastRouterAgent");

NS_OBJECT_ENSURE_REGISTERED(SelmcastRouterAgent);

TypeId
SelmcastRouterAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastRouterAgent")
            .SetParent<Application>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastRouterAgent>()
            .AddAttribute("Port",
                          "UDP port the agent receives tree changes on.",
                          UintegerValue(5600),
                          MakeUintegerAccessor(&SelmcastRouterAgent::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("RouteApplied",
                            "A tree change was written into the node's routing: the ROUTE.",
                            MakeTraceSourceAccessor(&SelmcastRouterAgent::m_appliedTrace),
                            "ns3::SelmcastRouterAgent::AppliedTracedCallback");
    return tid;
}

SelmcastRouterAgent::SelmcastRouterAgent()
    : m_port(5600),
      m_applied(0),
      m_malformed(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastRouterAgent::~SelmcastRouterAgent()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastRouterAgent::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

Ipv4Address
SelmcastRouterAgent::AddressOf(Ptr<Node> node)
{
    return node->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
}

uint64_t
SelmcastRouterAgent::GetApplied() const
{
    return m_applied;
}

uint64_t
SelmcastRouterAgent::GetMalformed() const
{
    return m_malformed;
}

void
SelmcastRouterAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_routes = SelmcastNodeRoutes(GetNode());
    m_socket = Socket::CreateSocket(GetNode(), TypeId::LookupByName("ns3::UdpSocketFactory"));
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
    {
        NS_FATAL_ERROR("SelmcastRouterAgent: cannot bind UDP port " << m_port);
    }
    m_socket->SetRecvCallback(MakeCallback(&SelmcastRouterAgent::HandleRead, this));
}

void
SelmcastRouterAgent::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
SelmcastRouterAgent::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        SelmcastTreeHeader header;
        packet->RemoveHeader(header);
        if (!header.IsValid() || header.GetType() == SelmcastTreeHeader::ACK)
        {
            ++m_malformed;
            continue;
        }
        if (header.GetType() == SelmcastTreeHeader::STOP)
        {
            // Every rank must stop at the same simulated time: the controller's rank alone
            // stopping would leave the others waiting for its null messages for ever.
            Simulator::Stop(Max(header.GetStopTime() - Simulator::Now(), Time(0)));
            Acknowledge(socket, header, from);
            continue;
        }
        auto key = std::make_pair(header.GetGroup().Get(), uint8_t(header.GetKind()));
        auto last = m_lastSequence.find(key);
        if (last == m_lastSequence.end() || header.GetSequence() > last->second)
        {
            m_lastSequence[key] = header.GetSequence();
            Apply(header);
        }
        Acknowledge(socket, header, from);
    }
}

void
SelmcastRouterAgent::Acknowledge(Ptr<Socket> socket,
                                 const SelmcastTreeHeader& header,
                                 const Address& from)
{
    SelmcastTreeHeader ack;
    ack.SetType(SelmcastTreeHeader::ACK);
    ack.SetKind(header.GetKind());
    ack.SetSequence(header.GetSequence());
    ack.SetGroup(header.GetGroup());
    Ptr<Packet> reply = Create<Packet>();
    reply->AddHeader(ack);
    socket->SendTo(reply, 0, from);
}

void
SelmcastRouterAgent::Apply(const SelmcastTreeHeader& header)
{
    NS_LOG_FUNCTION(this << header);
    const std::vector<uint32_t>& outputs = header.GetOutputs();
    if (header.GetKind() == SelmcastTreeHeader::MULTICAST)
    {
        m_routes.SetMulticast(header.GetGroup(), header.GetOrigin(), header.GetInput(), outputs);
    }
    else
    {
        m_routes.SetSender(header.GetGroup(), outputs.empty() ? 0 : outputs[0], !outputs.empty());
    }
    ++m_applied;
    m_appliedTrace(header);
}

} // namespace ns3
