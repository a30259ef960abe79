/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-tree-messenger.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastTreeMessenger");

NS_OBJECT_ENSURE_REGISTERED(SelmcastTreeMessenger);

TypeId
SelmcastTreeMessenger::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastTreeMessenger")
            .SetParent<Object>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastTreeMessenger>()
            .AddAttribute("AgentPort",
                          "UDP port of the agents (SelmcastRouterAgent::Port).",
                          UintegerValue(5600),
                          MakeUintegerAccessor(&SelmcastTreeMessenger::m_agentPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("RetransmitTimeout",
                          "Time after which an unacknowledged tree change is sent again (> 0).",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&SelmcastTreeMessenger::m_retransmitTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("MessageSent",
                            "A tree change left for an agent (first send or resend).",
                            MakeTraceSourceAccessor(&SelmcastTreeMessenger::m_sentTrace),
                            "ns3::SelmcastTreeMessenger::MessageTracedCallback")
            .AddTraceSource("AckReceived",
                            "An agent acknowledged a tree change still pending.",
                            MakeTraceSourceAccessor(&SelmcastTreeMessenger::m_ackTrace),
                            "ns3::SelmcastTreeMessenger::MessageTracedCallback");
    return tid;
}

SelmcastTreeMessenger::SelmcastTreeMessenger()
    : m_agentPort(5600),
      m_sequence(0),
      m_transmissions(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastTreeMessenger::~SelmcastTreeMessenger()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastTreeMessenger::DoDispose()
{
    Stop();
    Object::DoDispose();
}

void
SelmcastTreeMessenger::Start(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    m_socket = Socket::CreateSocket(node, TypeId::LookupByName("ns3::UdpSocketFactory"));
    NS_ABORT_MSG_IF(m_socket->Bind() == -1, "SelmcastTreeMessenger: cannot bind a UDP port");
    m_socket->SetRecvCallback(MakeCallback(&SelmcastTreeMessenger::HandleRead, this));
}

void
SelmcastTreeMessenger::Stop()
{
    for (auto& entry : m_pending)
    {
        entry.second.resend.Cancel();
    }
    m_pending.clear();
    m_latest.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
SelmcastTreeMessenger::Send(Ipv4Address agent,
                            SelmcastTreeHeader route,
                            std::function<void()> acked)
{
    NS_ABORT_MSG_IF(!m_socket, "SelmcastTreeMessenger: Start before Send");
    route.SetType(SelmcastTreeHeader::ROUTE);
    route.SetSequence(++m_sequence);
    Key key(agent.Get(), route.GetGroup().Get(), uint8_t(route.GetKind()));
    auto older = m_latest.find(key);
    if (older != m_latest.end())
    {
        m_pending[older->second].resend.Cancel();
        m_pending.erase(older->second);
    }
    m_latest[key] = m_sequence;
    m_pending[m_sequence] = Pending{agent, route, std::move(acked), EventId()};
    Transmit(m_sequence);
}

void
SelmcastTreeMessenger::Transmit(uint32_t sequence)
{
    Pending& p = m_pending.at(sequence);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(p.route);
    m_socket->SendTo(packet, 0, InetSocketAddress(p.agent, m_agentPort));
    ++m_transmissions;
    m_sentTrace(p.agent, p.route);
    p.resend =
        Simulator::Schedule(m_retransmitTimeout, &SelmcastTreeMessenger::Transmit, this, sequence);
}

void
SelmcastTreeMessenger::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        SelmcastTreeHeader ack;
        packet->RemoveHeader(ack);
        if (!ack.IsValid() || ack.GetType() != SelmcastTreeHeader::ACK)
        {
            continue;
        }
        auto it = m_pending.find(ack.GetSequence());
        if (it == m_pending.end() || it->second.route.GetGroup() != ack.GetGroup())
        {
            continue; // a duplicate ACK, or one of a superseded ROUTE
        }
        Pending done = std::move(it->second);
        m_pending.erase(it);
        done.resend.Cancel();
        m_latest.erase(
            Key(done.agent.Get(), done.route.GetGroup().Get(), uint8_t(done.route.GetKind())));
        m_ackTrace(done.agent, ack);
        if (done.acked)
        {
            done.acked();
        }
    }
}

void
SelmcastTreeMessenger::SendOnce(Ipv4Address agent, SelmcastTreeHeader message)
{
    NS_ABORT_MSG_IF(!m_socket, "SelmcastTreeMessenger: Start before SendOnce");
    message.SetSequence(++m_sequence);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(message);
    m_socket->SendTo(packet, 0, InetSocketAddress(agent, m_agentPort));
    m_sentTrace(agent, message);
}

uint64_t
SelmcastTreeMessenger::GetTransmissions() const
{
    return m_transmissions;
}

uint32_t
SelmcastTreeMessenger::GetNPending() const
{
    return static_cast<uint32_t>(m_pending.size());
}

} // namespace ns3
