/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-trainer.h"

#include "selmcast-rate-meter.h"
#include "selmcast-router-agent.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastTrainer");

NS_OBJECT_ENSURE_REGISTERED(SelmcastTrainer);

TypeId
SelmcastTrainer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastTrainer")
            .SetParent<Application>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastTrainer>()
            .AddAttribute("WorkerId",
                          "The worker's id (its index in the selection problem); must equal the "
                          "WorkerId of the node's SelmcastWorker.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SelmcastTrainer::m_workerId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Controller",
                          "Unicast address of the controller.",
                          Ipv4AddressValue(Ipv4Address("127.0.0.1")),
                          MakeIpv4AddressAccessor(&SelmcastTrainer::m_controller),
                          MakeIpv4AddressChecker())
            .AddAttribute("ControlPort",
                          "UDP port of the control path, the same at the controller and the "
                          "workers (distinct from the data port).",
                          UintegerValue(5500),
                          MakeUintegerAccessor(&SelmcastTrainer::m_controlPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Worker",
                          "The node's SelmcastWorker; when null, the first one installed on the "
                          "node is used.",
                          PointerValue(),
                          MakePointerAccessor(&SelmcastTrainer::m_worker),
                          MakePointerChecker<SelmcastWorker>())
            .AddAttribute("ComputeModel",
                          "Compute time per round: constant, uniform, lstm, transformer or "
                          "resnet50 (the measured workloads, rescaled to ComputeMean).",
                          StringValue("constant"),
                          MakeStringAccessor(&SelmcastTrainer::m_computeName),
                          MakeStringChecker())
            .AddAttribute("ComputeMean",
                          "Mean compute time per round.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&SelmcastTrainer::m_computeMean),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ComputeSpread",
                          "Uniform model: relative half width, draws in mean x [1 - s, 1 + s].",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&SelmcastTrainer::m_computeSpread),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("ComputeBinCentre",
                          "Workload models: draw the centre of a bin instead of a uniform "
                          "value inside it.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SelmcastTrainer::m_binCentre),
                          MakeBooleanChecker())
            .AddAttribute("HeartbeatInterval",
                          "How often the trainer repeats its pending report (READY or DONE) "
                          "or, while busy, tells the controller it is alive. Must be well below "
                          "the controller's WorkerTimeout.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&SelmcastTrainer::m_heartbeat),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("RateReport",
                          "What READY reports as the bandwidths: Configured (the rates of the "
                          "access link's two devices) or Measured (those rates minus the other "
                          "traffic, not SELMCAST's own, that the node's access device sent and "
                          "received over the last RateWindow; at least 1 % of the rate).",
                          EnumValue(SelmcastTrainer::RATE_CONFIGURED),
                          MakeEnumAccessor(&SelmcastTrainer::m_rateReport),
                          MakeEnumChecker(SelmcastTrainer::RATE_CONFIGURED,
                                          "Configured",
                                          SelmcastTrainer::RATE_MEASURED,
                                          "Measured"))
            .AddAttribute("RateWindow",
                          "RateReport Measured: how far back the other traffic is averaged.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&SelmcastTrainer::m_rateWindow),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("ComputeStarted",
                            "The compute of a round started (worker, round, drawn duration).",
                            MakeTraceSourceAccessor(&SelmcastTrainer::m_computeStartedTrace),
                            "ns3::SelmcastTrainer::ComputeTracedCallback")
            .AddTraceSource("ComputeFinished",
                            "The compute of a round finished (worker, round, duration).",
                            MakeTraceSourceAccessor(&SelmcastTrainer::m_computeFinishedTrace),
                            "ns3::SelmcastTrainer::ComputeTracedCallback")
            .AddTraceSource("Ready",
                            "READY was first sent for a round (worker, round).",
                            MakeTraceSourceAccessor(&SelmcastTrainer::m_readyTrace),
                            "ns3::SelmcastTrainer::ReadyTracedCallback")
            .AddTraceSource("Assigned",
                            "The ASSIGN of the current round arrived (worker, round, receivers "
                            "named in it).",
                            MakeTraceSourceAccessor(&SelmcastTrainer::m_assignedTrace),
                            "ns3::SelmcastTrainer::AssignedTracedCallback")
            .AddTraceSource("Pruned",
                            "A PRUNE removed a receiver from the transfer in flight (worker, "
                            "round, receiver id).",
                            MakeTraceSourceAccessor(&SelmcastTrainer::m_prunedTrace),
                            "ns3::SelmcastTrainer::PrunedTracedCallback");
    return tid;
}

SelmcastTrainer::SelmcastTrainer()
    : m_workerId(0),
      m_controlPort(5500),
      m_computeSpread(0.5),
      m_binCentre(false),
      m_seedVariable(CreateObject<UniformRandomVariable>()),
      m_phase(IDLE),
      m_round(0),
      m_computedRounds(0),
      m_malformed(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastTrainer::~SelmcastTrainer()
{
    NS_LOG_FUNCTION(this);
}

int64_t
SelmcastTrainer::AssignStreams(int64_t stream)
{
    m_seedVariable->SetStream(stream);
    return 1;
}

void
SelmcastTrainer::DoDispose()
{
    m_worker = nullptr;
    m_socket = nullptr;
    m_seedVariable = nullptr;
    m_meter = nullptr;
    Application::DoDispose();
}

void
SelmcastTrainer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    try
    {
        m_model = std::make_unique<selmcast::ComputeTimeModel>(
            selmcast::ComputeTimeModel::Create(m_computeName,
                                               m_computeMean.GetSeconds(),
                                               m_computeSpread,
                                               m_binCentre));
    }
    catch (const std::invalid_argument& e)
    {
        NS_FATAL_ERROR("SelmcastTrainer: ComputeModel: " << e.what());
    }
    // Two draws of 32 bits: the stream's integers are exact up to 2^32.
    uint64_t seed = (uint64_t(m_seedVariable->GetInteger(0, 0xffffffffU)) << 32) |
                    m_seedVariable->GetInteger(0, 0xffffffffU);
    m_rng = selmcast::Rng(seed);
    if (!m_worker)
    {
        for (uint32_t a = 0; a < GetNode()->GetNApplications() && !m_worker; ++a)
        {
            m_worker = DynamicCast<SelmcastWorker>(GetNode()->GetApplication(a));
        }
        NS_ABORT_MSG_IF(!m_worker,
                        "SelmcastTrainer: no SelmcastWorker on node " << GetNode()->GetId());
    }
    if (m_rateReport == RATE_MEASURED && !m_meter)
    {
        StartMeter();
    }
    m_worker->TraceConnectWithoutContext("TransferComplete",
                                         MakeCallback(&SelmcastTrainer::OnTransferComplete, this));
    m_worker->TraceConnectWithoutContext("ReceiverFailed",
                                         MakeCallback(&SelmcastTrainer::OnReceiverFailed, this));
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_controlPort)) == -1)
    {
        NS_FATAL_ERROR("SelmcastTrainer: cannot bind UDP port " << m_controlPort);
    }
    m_socket->SetRecvCallback(MakeCallback(&SelmcastTrainer::HandleRead, this));
    // BSP: every worker computes round 0 from the start; later rounds wait for START.
    StartCompute(0);
    m_heartbeatEvent = Simulator::Schedule(m_heartbeat, &SelmcastTrainer::Heartbeat, this);
}

void
SelmcastTrainer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_phase == COMPUTING)
    {
        m_computeTotal += Simulator::Now() - m_computeStart;
    }
    m_phase = FINISHED;
    m_computeEvent.Cancel();
    m_heartbeatEvent.Cancel();
    if (m_worker)
    {
        m_worker->TraceDisconnectWithoutContext(
            "TransferComplete",
            MakeCallback(&SelmcastTrainer::OnTransferComplete, this));
        m_worker->TraceDisconnectWithoutContext(
            "ReceiverFailed",
            MakeCallback(&SelmcastTrainer::OnReceiverFailed, this));
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

uint32_t
SelmcastTrainer::GetWorkerId() const
{
    return m_workerId;
}

uint32_t
SelmcastTrainer::GetRound() const
{
    return m_round;
}

SelmcastTrainer::Phase
SelmcastTrainer::GetPhase() const
{
    return m_phase;
}

Time
SelmcastTrainer::GetComputeTime() const
{
    return m_phase == COMPUTING ? m_computeTotal + (Simulator::Now() - m_computeStart)
                                : m_computeTotal;
}

uint32_t
SelmcastTrainer::GetComputedRounds() const
{
    return m_computedRounds;
}

uint64_t
SelmcastTrainer::GetMalformed() const
{
    return m_malformed;
}

void
SelmcastTrainer::StartCompute(uint32_t round)
{
    NS_LOG_FUNCTION(this << round);
    m_round = round;
    m_phase = COMPUTING;
    m_computeStart = Simulator::Now();
    m_computeDuration = Seconds(std::max(0.0, m_model->Draw(m_rng)));
    m_computeStartedTrace(m_workerId, round, m_computeDuration);
    m_computeEvent = Simulator::Schedule(m_computeDuration, &SelmcastTrainer::FinishCompute, this);
}

void
SelmcastTrainer::FinishCompute()
{
    NS_LOG_FUNCTION(this);
    m_computeTotal += m_computeDuration;
    ++m_computedRounds;
    m_computeFinishedTrace(m_workerId, m_round, m_computeDuration);
    m_phase = WAIT_ASSIGN;
    SendReport();
    m_readyTrace(m_workerId, m_round);
}

void
SelmcastTrainer::Heartbeat()
{
    if (m_phase == FINISHED)
    {
        return;
    }
    SendReport();
    m_heartbeatEvent = Simulator::Schedule(m_heartbeat, &SelmcastTrainer::Heartbeat, this);
}

void
SelmcastTrainer::SendReport()
{
    SelmcastControlHeader header;
    if (m_phase == WAIT_START)
    {
        header = m_done;
    }
    else
    {
        header.SetWorker(m_workerId);
        header.SetRound(m_round);
        if (m_phase == WAIT_ASSIGN)
        {
            // The bandwidths are read from the access link every time: a rate changed on the
            // devices during the run is what the controller sees next.
            uint64_t ingress = 0;
            uint64_t egress = 0;
            for (uint32_t d = 0; d < GetNode()->GetNDevices(); ++d)
            {
                Ptr<PointToPointNetDevice> dev =
                    DynamicCast<PointToPointNetDevice>(GetNode()->GetDevice(d));
                if (!dev)
                {
                    continue;
                }
                DataRateValue rate;
                dev->GetAttribute("DataRate", rate);
                ingress = rate.Get().GetBitRate();
                Ptr<Channel> channel = dev->GetChannel();
                for (std::size_t k = 0; channel && k < channel->GetNDevices(); ++k)
                {
                    Ptr<NetDevice> other = channel->GetDevice(k);
                    if (other != dev)
                    {
                        other->GetAttribute("DataRate", rate);
                        egress = rate.Get().GetBitRate();
                    }
                }
                break;
            }
            if (m_meter)
            {
                ingress = Available(ingress, SelmcastRateMeter::SENT);
                egress = Available(egress, SelmcastRateMeter::RECEIVED);
            }
            header.SetType(SelmcastControlType::READY);
            // The load as the node's worker has it now (SelmcastWorker::GetLoad): in BSP
            // mostly blocks still arriving from other senders, in SSP the blocks in flight.
            uint32_t inFlight = 0;
            uint32_t queued = 0;
            m_worker->GetLoad(inFlight, queued);
            header.SetReady(ingress, egress, inFlight, queued);
        }
        else
        {
            header.SetType(SelmcastControlType::HEARTBEAT);
        }
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    m_socket->SendTo(packet, 0, InetSocketAddress(m_controller, m_controlPort));
}

uint64_t
SelmcastTrainer::Available(uint64_t configured, SelmcastRateMeter::Direction direction) const
{
    // Never below 1 % of the link: the controller divides by what it is told.
    const double rate = static_cast<double>(configured);
    return static_cast<uint64_t>(std::max(rate - m_meter->GetOtherBps(direction), rate / 100));
}

void
SelmcastTrainer::StartMeter()
{
    std::set<uint16_t> own{m_controlPort};
    for (uint32_t a = 0; a < GetNode()->GetNApplications(); ++a)
    {
        UintegerValue port;
        Ptr<Application> app = GetNode()->GetApplication(a);
        if (DynamicCast<SelmcastWorker>(app) || DynamicCast<SelmcastRouterAgent>(app))
        {
            app->GetAttribute("Port", port);
            own.insert(static_cast<uint16_t>(port.Get()));
        }
    }
    for (uint32_t d = 0; d < GetNode()->GetNDevices(); ++d)
    {
        // The access link is the node's only point-to-point device, as SendReport reads it.
        if (auto device = DynamicCast<PointToPointNetDevice>(GetNode()->GetDevice(d)))
        {
            m_meter = CreateObject<SelmcastRateMeter>();
            m_meter->SetAttribute("Window", TimeValue(m_rateWindow));
            m_meter->Install(device, own);
            return;
        }
    }
}

void
SelmcastTrainer::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        SelmcastControlHeader header;
        packet->RemoveHeader(header);
        if (!header.IsValid() || header.GetWorker() != m_workerId)
        {
            ++m_malformed;
            continue;
        }
        switch (header.GetType())
        {
        case SelmcastControlType::ASSIGN:
            if (m_phase == WAIT_ASSIGN && header.GetRound() == m_round)
            {
                HandleAssign(header);
            }
            break;
        case SelmcastControlType::RATE:
            if (m_phase == SENDING && header.GetRound() == m_round)
            {
                for (const auto& e : header.GetEntries())
                {
                    // SSP repeats RATEs on heartbeats: an unchanged rate must not re-time the
                    // pending segment.
                    auto known = m_rates.find(e.id);
                    if (known != m_rates.end() && known->second == e.rate)
                    {
                        continue;
                    }
                    m_rates[e.id] = e.rate;
                    m_worker->SetReceiverRate(m_round, e.address, DataRate(e.rate));
                }
            }
            break;
        case SelmcastControlType::PRUNE:
            if (m_phase == SENDING && header.GetRound() == m_round)
            {
                for (const auto& e : header.GetEntries())
                {
                    if (m_receivers.count(e.id) && !m_pruned.count(e.id))
                    {
                        m_pruned.insert(e.id);
                        m_prunedTrace(m_workerId, m_round, e.id);
                        // May finish the transfer at once (TransferComplete, then DONE).
                        m_worker->PruneReceiver(m_round, e.address);
                    }
                }
            }
            break;
        case SelmcastControlType::START:
            if (header.GetFlags() & SelmcastControlHeader::FLAG_FINISH)
            {
                if (m_phase == COMPUTING)
                {
                    m_computeTotal += Simulator::Now() - m_computeStart;
                }
                m_phase = FINISHED;
                m_computeEvent.Cancel();
                m_heartbeatEvent.Cancel();
            }
            else if (m_phase == WAIT_START && header.GetRound() == m_round + 1)
            {
                StartCompute(header.GetRound());
            }
            else if (m_phase != FINISHED && header.GetRound() > m_round)
            {
                // The controller had excluded this worker and takes it back in a later round:
                // drop what it was doing (a send written off goes on alone and is ignored).
                if (m_phase == COMPUTING)
                {
                    m_computeTotal += Simulator::Now() - m_computeStart;
                }
                m_computeEvent.Cancel();
                StartCompute(header.GetRound());
            }
            break;
        default:
            ++m_malformed; // a worker-to-controller type sent to a worker
            break;
        }
    }
}

void
SelmcastTrainer::HandleAssign(const SelmcastControlHeader& header)
{
    NS_LOG_FUNCTION(this << header);
    m_assignedTrace(m_workerId, m_round, static_cast<uint32_t>(header.GetEntries().size()));
    m_receivers.clear();
    m_failed.clear();
    m_pruned.clear();
    m_rates.clear();
    for (const auto& e : header.GetEntries())
    {
        m_rates[e.id] = e.rate;
    }
    std::vector<Ipv4Address> addresses;
    for (const auto& e : header.GetEntries())
    {
        if (e.id == m_workerId || m_receivers.count(e.id))
        {
            continue; // never to itself, never twice: the worker would abort
        }
        m_receivers[e.id] = e.address;
        addresses.push_back(e.address);
    }
    m_phase = SENDING;
    bool started = false;
    if (!addresses.empty())
    {
        DataRate rate(header.GetEntries().front().rate);
        if (header.GetFlags() & SelmcastControlHeader::FLAG_L7)
        {
            started = m_worker->StartBlockL7(m_round, addresses, rate);
            for (const auto& e : header.GetEntries())
            {
                if (e.rate != header.GetEntries().front().rate)
                {
                    m_worker->SetReceiverRate(m_round, e.address, DataRate(e.rate));
                }
            }
        }
        else
        {
            started = m_worker->StartBlock(m_round, header.GetGroup(), addresses, rate);
        }
    }
    if (!started)
    {
        // No receiver (or the worker refused): the round's multicast is over at once.
        SelmcastTransferReport report;
        report.start = Simulator::Now();
        report.end = Simulator::Now();
        if (!addresses.empty())
        {
            for (const auto& r : m_receivers)
            {
                m_failed.insert(r.second);
            }
        }
        PrepareDone(report);
        m_phase = WAIT_START;
        SendReport();
    }
}

void
SelmcastTrainer::OnTransferComplete(const SelmcastTransferReport& report)
{
    NS_LOG_FUNCTION(this << report.round);
    if (m_phase != SENDING || report.round != m_round)
    {
        return;
    }
    PrepareDone(report);
    m_phase = WAIT_START;
    SendReport();
}

void
SelmcastTrainer::OnReceiverFailed(uint32_t round, Ipv4Address receiver)
{
    if (round == m_round)
    {
        m_failed.insert(receiver);
    }
}

void
SelmcastTrainer::PrepareDone(const SelmcastTransferReport& report)
{
    std::vector<uint32_t> completed;
    std::vector<uint32_t> failed;
    for (const auto& r : m_receivers)
    {
        if (m_failed.count(r.second) || m_pruned.count(r.first))
        {
            failed.push_back(r.first);
        }
        else
        {
            completed.push_back(r.first);
        }
    }
    m_done = SelmcastControlHeader();
    m_done.SetType(SelmcastControlType::DONE);
    m_done.SetWorker(m_workerId);
    m_done.SetRound(m_round);
    m_done.SetDone(completed, failed);
    m_done.SetTransferStats(report.segmentsSent,
                            report.dataBytesSent,
                            report.repairBytesSent,
                            report.start,
                            report.end);
}

} // namespace ns3
