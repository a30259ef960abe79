/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-controller.h"

#include "selmcast-algorithm.h"
#include "selmcast-fabric-selector.h"
#include "selmcast-fabric-time.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/selmcast-multicast-tree-helper.h"
#include "ns3/selmcast-router-agent.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-tree-messenger.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastController");

NS_OBJECT_ENSURE_REGISTERED(SelmcastController);

namespace
{
/**
 * A returning worker's pairs start afresh: c_ij and c_ji of its absence say nothing about the
 * k rule.
 * \param counters c_ij over worker ids
 * \param i the worker
 */
void
RestartCounters(selmcast::Matrix<uint32_t>& counters, uint32_t i)
{
    for (uint32_t j = 0; j < counters.Size(); ++j)
    {
        counters(i, j) = 0;
        counters(j, i) = 0;
    }
}
} // namespace

double
SelmcastRoundRecord::TransferSeconds() const
{
    return (transferEnd - transferStart).GetSeconds();
}

double
SelmcastMulticastRecord::Scale() const
{
    return workers == 0 ? 0 : double(completed.size()) / workers;
}

double
SelmcastMulticastRecord::SyncSeconds() const
{
    return (end - ready).GetSeconds();
}

TypeId
SelmcastController::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastController")
            .SetParent<Application>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastController>()
            .AddAttribute("Selector",
                          "Receiver-selection policy: selmcast, selmcast-fabric (topology-aware: "
                          "on the fabric of SetFabric), random, broadcast or optimum (BSP only).",
                          StringValue("selmcast"),
                          MakeStringAccessor(&SelmcastController::m_selectorName),
                          MakeStringChecker())
            .AddAttribute("Delivery",
                          "L3 (IP multicast trees) or L7 (one unicast stream per receiver).",
                          StringValue("L3"),
                          MakeStringAccessor(&SelmcastController::m_deliveryName),
                          MakeStringChecker())
            .AddAttribute("MinReceivers",
                          "p: receivers every multicast needs, in [0, n - 1] (lowered to the "
                          "active workers minus one after exclusions).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SelmcastController::m_minReceivers),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ForcedRoundLimit",
                          "k >= 1: pair (i, j) is forced once j got nothing from i in the last "
                          "k rounds of i (c_ij >= k).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SelmcastController::m_forcedRoundLimit),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("BlockSize",
                          "Bytes of every parameter block (must equal the workers' BlockSize).",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&SelmcastController::m_blockSize),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("SegmentSize",
                          "Block bytes per data segment (must equal the workers').",
                          UintegerValue(1440),
                          MakeUintegerAccessor(&SelmcastController::m_segmentSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("FrameOverhead",
                          "Wire bytes per segment beyond its block bytes: IPv4 20 + UDP 8 + "
                          "data header 32 + PPP 2. Volumes and rates are in wire bytes; the "
                          "workers' PacingOverhead must equal it.",
                          UintegerValue(62),
                          MakeUintegerAccessor(&SelmcastController::m_frameOverhead),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RatePolicy",
                          "finish-together (BSP default: v_i / t(X) for every transfer, "
                          "leftover max-min), maxmin, or deadline.",
                          StringValue("finish-together"),
                          MakeStringAccessor(&SelmcastController::m_ratePolicyName),
                          MakeStringChecker())
            .AddAttribute("WorkerTimeout",
                          "A worker silent this long is excluded (trace WorkerExcluded) and the "
                          "run goes on without it. Must exceed the trainers' HeartbeatInterval "
                          "by a wide margin.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&SelmcastController::m_workerTimeout),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("Rounds",
                          "BSP: rounds to run. SSP (Duration 0): run until every active worker "
                          "completed this many rounds.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&SelmcastController::m_rounds),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ControlPort",
                          "UDP port of the control path (the trainers' ControlPort).",
                          UintegerValue(5500),
                          MakeUintegerAccessor(&SelmcastController::m_controlPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("TreeMessages",
                          "Change multicast trees by messages to the SelmcastRouterAgent of "
                          "every router and sender, applied where they arrive (true: what a "
                          "distributed run needs), or by writing the routers' tables directly "
                          "(false: one process only, no control latency).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastController::m_treeMessages),
                          MakeBooleanChecker())
            .AddAttribute("StopWhenDone",
                          "Stop the simulator 1 ms after the last round (excluded workers "
                          "would otherwise keep their heartbeats going).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastController::m_stopWhenDone),
                          MakeBooleanChecker())
            .AddAttribute("Rejoin",
                          "An excluded worker whose messages reach the controller again rejoins, "
                          "with its c_ij counters restarted (trace WorkerReturned): BSP from the "
                          "next round, SSP at once (START of a round above its last, at least "
                          "the slowest active worker's, once the staleness bound allows).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastController::m_rejoin),
                          MakeBooleanChecker())
            .AddAttribute("Mode",
                          "BSP (one barrier per round) or SSP (stale synchronous parallel: "
                          "per-worker rounds, Staleness bound, selection each time a worker "
                          "becomes ready).",
                          StringValue("BSP"),
                          MakeStringAccessor(&SelmcastController::m_modeName),
                          MakeStringChecker())
            .AddAttribute("Staleness",
                          "SSP threshold ssp >= 0: a worker starts its next compute when its "
                          "completed rounds exceed the slowest active worker's by at most this "
                          "(0: a BSP barrier). The paper's SSP setting is 4.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SelmcastController::m_staleness),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Eta",
                          "SSP, selmcast selector: a receiver holding more than (1 - eta) of "
                          "a block stays selected, in [0, 1] (spec default 0.75).",
                          DoubleValue(0.75),
                          MakeDoubleAccessor(&SelmcastController::m_eta),
                          MakeDoubleChecker<double>())
            .AddAttribute("TauOrder",
                          "SSP, selmcast selector: order of the tasks by tau_i in the basic "
                          "selection: non-decreasing (the pseudocode's, default) or "
                          "non-increasing (the text's).",
                          StringValue("non-decreasing"),
                          MakeStringAccessor(&SelmcastController::m_tauOrderName),
                          MakeStringChecker())
            .AddAttribute("ParetoLoad",
                          "SSP, selmcast selector: R_j' of the Pareto step over the new plan "
                          "plus v_ij (new, default) or the old plan as printed (old).",
                          StringValue("new"),
                          MakeStringAccessor(&SelmcastController::m_paretoLoadName),
                          MakeStringChecker())
            .AddAttribute("KeepCompare",
                          "SSP, selmcast selector: the keep rule's comparison, v_ij < eta v_i "
                          "(less, as printed) or v_ij <= eta v_i (less-equal, default: the "
                          "reading that gives the paper's near-broadcast at eta = 1).",
                          StringValue("less-equal"),
                          MakeStringAccessor(&SelmcastController::m_keepCompareName),
                          MakeStringChecker())
            .AddAttribute("KeepMeasure",
                          "SSP, selmcast selector: what v_ij of the keep rule counts: the part "
                          "still to deliver (remaining, default) or the part held (received).",
                          StringValue("remaining"),
                          MakeStringAccessor(&SelmcastController::m_keepMeasureName),
                          MakeStringChecker())
            .AddAttribute("KeepScope",
                          "SSP, selmcast selector: the keep rule reads each receiver's v_ij "
                          "(receiver, default) or the task's largest (session).",
                          StringValue("receiver"),
                          MakeStringAccessor(&SelmcastController::m_keepScopeName),
                          MakeStringChecker())
            .AddAttribute("ParetoScope",
                          "SSP, selmcast selector: the Pareto step re-adds dropped pairs of "
                          "every task (all, default) or of the new task only (new).",
                          StringValue("all"),
                          MakeStringAccessor(&SelmcastController::m_paretoScopeName),
                          MakeStringChecker())
            .AddAttribute("ParetoDeadline",
                          "SSP, selmcast selector: a re-added pair must fit under its task's own "
                          "t_i (own, default) or the largest t_i (global).",
                          StringValue("own"),
                          MakeStringAccessor(&SelmcastController::m_paretoDeadlineName),
                          MakeStringChecker())
            .AddAttribute("TauEstimate",
                          "SSP: tau_i from the current phase of the workers that hold i back "
                          "(blocking), from every round they owe at the measured mean compute "
                          "and multicast time (round, default: closest to the paper's default "
                          "point), or the slowest worker's round whether or not i is blocked "
                          "(straggler).",
                          StringValue("round"),
                          MakeStringAccessor(&SelmcastController::m_tauEstimateName),
                          MakeStringChecker())
            .AddAttribute("ReselectOnDone",
                          "SSP, selmcast selector: also run Algorithm 2 over the transfers in "
                          "flight when a multicast completes (default false: at READY only).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SelmcastController::m_reselectOnDone),
                          MakeBooleanChecker())
            .AddAttribute("SspRatePolicy",
                          "SSP rate sharing between the transfers in flight: maxmin (default, "
                          "as in the paper's simulator) or deadline (strict priority, "
                          "deadline tau_i, work-conserving); on a fabric that can limit them "
                          "(SetFabric), kept within every link (SspFabricRates).",
                          StringValue("maxmin"),
                          MakeStringAccessor(&SelmcastController::m_sspRateName),
                          MakeStringChecker())
            .AddAttribute("SspFabricRates",
                          "SSP on a fabric that can limit the rates (SetFabric): scale (default: "
                          "SspRatePolicy over the ports, then each flow slowed to its tightest "
                          "fabric link) or links (SspRatePolicy over every link, "
                          "work-conserving: the bottleneck links run full).",
                          StringValue("scale"),
                          MakeStringAccessor(&SelmcastController::m_sspFabricRatesName),
                          MakeStringChecker())
            .AddAttribute("Duration",
                          "SSP: end the run at this simulated time; 0 ends it when every "
                          "active worker completed Rounds rounds.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SelmcastController::m_duration),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("MulticastComplete",
                            "SSP: a multicast finished: its SelmcastMulticastRecord.",
                            MakeTraceSourceAccessor(&SelmcastController::m_multicastTrace),
                            "ns3::SelmcastController::MulticastTracedCallback")
            .AddTraceSource("ReceiverDropped",
                            "SSP: a receiver was removed from a transfer in flight (sender, "
                            "round, receiver).",
                            MakeTraceSourceAccessor(&SelmcastController::m_droppedTrace),
                            "ns3::SelmcastController::DroppedTracedCallback")
            .AddTraceSource("MulticastSelected",
                            "SSP: the selector chose the receivers of a ready worker's multicast "
                            "(sender, round, receivers, selector wall time in seconds).",
                            MakeTraceSourceAccessor(&SelmcastController::m_multicastSelectedTrace),
                            "ns3::SelmcastController::MulticastSelectedTracedCallback")
            .AddTraceSource("RoundStarted",
                            "A round started (START sent; round 0 when the controller starts).",
                            MakeTraceSourceAccessor(&SelmcastController::m_roundStartedTrace),
                            "ns3::SelmcastController::RoundStartedTracedCallback")
            .AddTraceSource("SelectionDone",
                            "The selector chose a round's plan.",
                            MakeTraceSourceAccessor(&SelmcastController::m_selectionTrace),
                            "ns3::SelmcastController::SelectionTracedCallback")
            .AddTraceSource("RoundComplete",
                            "A round finished: its SelmcastRoundRecord.",
                            MakeTraceSourceAccessor(&SelmcastController::m_roundCompleteTrace),
                            "ns3::SelmcastController::RoundTracedCallback")
            .AddTraceSource("WorkerExcluded",
                            "A worker was silent for WorkerTimeout and is excluded.",
                            MakeTraceSourceAccessor(&SelmcastController::m_excludedTrace),
                            "ns3::SelmcastController::ExcludedTracedCallback")
            .AddTraceSource("WorkerReturned",
                            "An excluded worker was heard again and rejoins in this round "
                            "(worker, round).",
                            MakeTraceSourceAccessor(&SelmcastController::m_returnedTrace),
                            "ns3::SelmcastController::ExcludedTracedCallback");
    return tid;
}

SelmcastController::SelmcastController()
    : m_minReceivers(2),
      m_forcedRoundLimit(4),
      m_blockSize(1000000),
      m_segmentSize(1440),
      m_frameOverhead(62),
      m_workerTimeout(MilliSeconds(100)),
      m_rounds(3),
      m_controlPort(5500),
      m_stopWhenDone(true),
      m_rejoin(true),
      m_modeName("BSP"),
      m_staleness(4),
      m_eta(0.75),
      m_tauOrderName("non-decreasing"),
      m_paretoLoadName("new"),
      m_sspRateName("maxmin"),
      m_keepCompareName("less-equal"),
      m_keepMeasureName("remaining"),
      m_keepScopeName("receiver"),
      m_paretoScopeName("all"),
      m_paretoDeadlineName("own"),
      m_tauEstimateName("round"),
      m_reselectOnDone(false),
      m_sspFabricRatesName("scale"),
      m_delivery(selmcast::Delivery::L3),
      m_ratePolicy(selmcast::RatePolicy::FinishTogether),
      m_seedVariable(CreateObject<UniformRandomVariable>()),
      m_n(0),
      m_phase(COLLECT),
      m_round(0),
      m_completedRounds(0),
      m_malformed(0),
      m_ssp(false),
      m_sspRatePolicy(selmcast::RatePolicy::MaxMin),
      m_tauEstimate(selmcast::TauEstimate::Round),
      m_computeCount(0),
      m_multicasts(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastController::~SelmcastController()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastController::SetTopology(Ptr<SelmcastTopology> topology)
{
    m_topology = topology;
    m_n = topology->GetNWorkers();
    m_trees = CreateObject<SelmcastTreeManager>();
    m_trees->SetTopology(topology);
}

int64_t
SelmcastController::AssignStreams(int64_t stream)
{
    m_seedVariable->SetStream(stream);
    return 1;
}

const selmcast::Matrix<uint32_t>&
SelmcastController::GetCounters() const
{
    return m_counters;
}

uint32_t
SelmcastController::GetCompletedRounds() const
{
    // SSP has no global round: the slowest active worker's count is what every worker has done.
    return m_ssp && !m_roundsDone.empty() ? SspMinRounds() : m_completedRounds;
}

bool
SelmcastController::IsActive(uint32_t id) const
{
    return id < m_active.size() && m_active[id];
}

bool
SelmcastController::IsFinished() const
{
    return m_phase == FINISHED;
}

uint64_t
SelmcastController::GetMalformed() const
{
    return m_malformed;
}

Ptr<SelmcastTreeManager>
SelmcastController::GetTreeManager() const
{
    return m_trees;
}

Ptr<SelmcastTreeMessenger>
SelmcastController::GetTreeMessenger() const
{
    return m_treeMessenger;
}

bool
SelmcastController::IsSsp() const
{
    return m_modeName == "SSP";
}

uint32_t
SelmcastController::GetRoundsDone(uint32_t id) const
{
    if (!m_ssp)
    {
        return m_completedRounds;
    }
    return id < m_roundsDone.size() ? m_roundsDone[id] : 0;
}

uint32_t
SelmcastController::GetMulticasts() const
{
    return m_multicasts;
}

uint32_t
SelmcastController::GetReportedInFlight(uint32_t id) const
{
    return id < m_inFlight.size() ? m_inFlight[id] : 0;
}

uint32_t
SelmcastController::GetReportedQueued(uint32_t id) const
{
    return id < m_queued.size() ? m_queued[id] : 0;
}

std::string
SelmcastController::Validate(uint32_t n) const
{
    std::ostringstream err;
    auto names = selmcast::SelectorNames();
    if (std::find(names.begin(), names.end(), m_selectorName) == names.end())
    {
        err << "Selector: unknown '" << m_selectorName << "', allowed:";
        for (const auto& name : names)
        {
            err << " " << name;
        }
        return err.str();
    }
    try
    {
        selmcast::ParseDelivery(m_deliveryName);
    }
    catch (const std::invalid_argument&)
    {
        return "Delivery: unknown '" + m_deliveryName + "', allowed: L3, L7";
    }
    try
    {
        selmcast::ParseRatePolicy(m_ratePolicyName);
    }
    catch (const std::invalid_argument&)
    {
        return "RatePolicy: unknown '" + m_ratePolicyName +
               "', allowed: finish-together, maxmin, deadline";
    }
    if (n < 2)
    {
        err << "n (workers): " << n << " is out of range, allowed: >= 2";
        return err.str();
    }
    if (m_minReceivers > n - 1)
    {
        err << "MinReceivers (p): " << m_minReceivers << " is out of range, allowed: [0, " << n - 1
            << "] (p < n)";
        return err.str();
    }
    if (m_forcedRoundLimit < 1)
    {
        return "ForcedRoundLimit (k): must be >= 1";
    }
    if (m_blockSize == 0)
    {
        return "BlockSize: 0 is out of range, allowed: >= 1";
    }
    if (m_segmentSize == 0)
    {
        return "SegmentSize: 0 is out of range, allowed: >= 1";
    }
    if (m_rounds == 0)
    {
        return "Rounds: 0 is out of range, allowed: >= 1";
    }
    if (m_modeName != "BSP" && m_modeName != "SSP")
    {
        return "Mode: unknown '" + m_modeName + "', allowed: BSP, SSP";
    }
    if (!(m_eta >= 0 && m_eta <= 1))
    {
        err << "Eta: " << m_eta << " is out of range, allowed: [0, 1]";
        return err.str();
    }
    if (m_tauOrderName != "non-decreasing" && m_tauOrderName != "non-increasing")
    {
        return "TauOrder: unknown '" + m_tauOrderName +
               "', allowed: non-decreasing, non-increasing";
    }
    if (m_paretoLoadName != "new" && m_paretoLoadName != "old")
    {
        return "ParetoLoad: unknown '" + m_paretoLoadName + "', allowed: new, old";
    }
    try
    {
        selmcast::SelmcastOptions options;
        for (const auto& [name, value] : SspReadings())
        {
            selmcast::SetSspReading(options, name, value);
        }
        selmcast::ParseTauEstimate(m_tauEstimateName);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    if (m_sspRateName != "maxmin" && m_sspRateName != "deadline")
    {
        return "SspRatePolicy: unknown '" + m_sspRateName + "', allowed: maxmin, deadline";
    }
    if (m_sspFabricRatesName != "scale" && m_sspFabricRatesName != "links")
    {
        return "SspFabricRates: unknown '" + m_sspFabricRatesName + "', allowed: scale, links";
    }
    if (m_modeName == "SSP" && m_selectorName == "optimum")
    {
        return "Selector: 'optimum' has no SSP form, allowed in SSP: selmcast, selmcast-fabric, "
               "random, broadcast";
    }
    return "";
}

std::map<std::string, std::string>
SelmcastController::SspReadings() const
{
    return {{"KeepCompare", m_keepCompareName},
            {"KeepMeasure", m_keepMeasureName},
            {"KeepScope", m_keepScopeName},
            {"ParetoScope", m_paretoScopeName},
            {"ParetoDeadline", m_paretoDeadlineName}};
}

void
SelmcastController::DoDispose()
{
    m_topology = nullptr;
    if (m_trees)
    {
        m_trees->Dispose();
    }
    m_trees = nullptr;
    if (m_treeMessenger)
    {
        m_treeMessenger->Dispose();
    }
    m_treeMessenger = nullptr;
    m_socket = nullptr;
    m_seedVariable = nullptr;
    Application::DoDispose();
}

void
SelmcastController::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_topology, "SelmcastController: SetTopology before the start");
    std::string error = Validate(m_n);
    NS_ABORT_MSG_IF(!error.empty(), "SelmcastController: " << error);
    m_ssp = IsSsp();
    if (m_ssp && (m_selectorName == "selmcast" || m_selectorName == "selmcast-fabric"))
    {
        selmcast::SelmcastOptions options;
        options.eta = m_eta;
        options.tauOrder = m_tauOrderName == "non-increasing"
                               ? selmcast::SelmcastOptions::TauOrder::NonIncreasing
                               : selmcast::SelmcastOptions::TauOrder::NonDecreasing;
        options.paretoLoad = m_paretoLoadName == "old"
                                 ? selmcast::SelmcastOptions::ParetoLoad::OldPlan
                                 : selmcast::SelmcastOptions::ParetoLoad::NewPlan;
        for (const auto& [name, value] : SspReadings())
        {
            selmcast::SetSspReading(options, name, value);
        }
        if (m_selectorName == "selmcast")
        {
            m_selector = std::make_unique<selmcast::SelmcastSelector>(options);
        }
        else
        {
            // The SSP view spans every worker id (excluded ones are no candidates): the whole
            // fabric, or the big switch without one (SetFabric hands over a later one).
            m_selector = std::make_unique<selmcast::FabricSelmcastSelector>(m_fabric, options);
        }
    }
    else
    {
        m_selector = selmcast::MakeSelector(m_selectorName);
    }
    m_sspRatePolicy = selmcast::ParseRatePolicy(m_sspRateName);
    m_tauEstimate = selmcast::ParseTauEstimate(m_tauEstimateName);
    m_delivery = selmcast::ParseDelivery(m_deliveryName);
    m_ratePolicy = selmcast::ParseRatePolicy(m_ratePolicyName);
    uint64_t seed = (uint64_t(m_seedVariable->GetInteger(0, 0xffffffffU)) << 32) |
                    m_seedVariable->GetInteger(0, 0xffffffffU);
    m_rng = selmcast::Rng(seed);

    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_controlPort)) == -1)
    {
        NS_FATAL_ERROR("SelmcastController: cannot bind UDP port " << m_controlPort);
    }
    m_socket->SetRecvCallback(MakeCallback(&SelmcastController::HandleRead, this));
    if (m_treeMessages)
    {
        m_treeMessenger = CreateObject<SelmcastTreeMessenger>();
        m_treeMessenger->Start(GetNode());
        m_trees->SetMessenger(m_treeMessenger);
    }

    m_active.assign(m_n, true);
    m_returning.assign(m_n, false);
    m_lastHeard.assign(m_n, Simulator::Now());
    m_ready.assign(m_n, false);
    m_ingress.assign(m_n, 0);
    m_egress.assign(m_n, 0);
    m_inFlight.assign(m_n, 0);
    m_queued.assign(m_n, 0);
    m_counters = selmcast::Matrix<uint32_t>(m_n, 0);
    m_transferOf.assign(m_n, -1);
    m_index.assign(m_n, -1);
    m_phase = COLLECT;
    m_round = 0;
    m_record = SelmcastRoundRecord();
    m_record.round = 0;
    m_record.start = Simulator::Now();
    m_roundStartedTrace(0);
    if (m_ssp)
    {
        SspStart();
    }
    m_livenessEvent =
        Simulator::Schedule(m_workerTimeout / 4, &SelmcastController::CheckLiveness, this);
}

void
SelmcastController::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_livenessEvent.Cancel();
    m_durationEvent.Cancel();
    if (m_treeMessenger)
    {
        m_treeMessenger->Stop();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

double
SelmcastController::WireVolume() const
{
    uint64_t segments = (m_blockSize + m_segmentSize - 1) / m_segmentSize;
    return double(m_blockSize) + double(segments) * m_frameOverhead;
}

void
SelmcastController::Send(const SelmcastControlHeader& header, uint32_t id)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    m_socket->SendTo(packet, 0, InetSocketAddress(m_topology->GetWorkerAddress(id), m_controlPort));
}

void
SelmcastController::SendStart(uint32_t id)
{
    SelmcastControlHeader header;
    header.SetType(SelmcastControlType::START);
    header.SetWorker(id);
    header.SetRound(m_round);
    if (m_phase == FINISHED)
    {
        header.SetFlags(SelmcastControlHeader::FLAG_FINISH);
    }
    Send(header, id);
}

void
SelmcastController::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        SelmcastControlHeader header;
        packet->RemoveHeader(header);
        uint32_t w = header.GetWorker();
        if (!header.IsValid() || w >= m_n)
        {
            ++m_malformed;
            continue;
        }
        if (!m_active[w])
        {
            // It is back (its link works again). BSP: it rejoins when the next round starts;
            // until then its messages change nothing. SSP: at once.
            m_returning[w] = m_rejoin && !m_ssp;
            if (m_rejoin && m_ssp && m_phase != FINISHED)
            {
                SspAdvance();
                uint32_t least = SspMinRounds(); // of the others: it is not active yet
                m_active[w] = true;
                m_lastHeard[w] = Simulator::Now();
                RestartCounters(m_counters, w);
                // Its trainer takes only a START above its round; the others' pace decides.
                m_roundsDone[w] =
                    std::max(m_roundsDone[w] + 1,
                             least == std::numeric_limits<uint32_t>::max() ? 0 : least);
                m_blocked[w] = true;
                m_returnedTrace(w, m_roundsDone[w]);
                SspRelease();
            }
            continue;
        }
        m_lastHeard[w] = Simulator::Now();
        if (m_ssp)
        {
            switch (header.GetType())
            {
            case SelmcastControlType::READY:
                SspHandleReady(header);
                break;
            case SelmcastControlType::DONE:
                SspHandleDone(header);
                break;
            case SelmcastControlType::HEARTBEAT:
                SspHandleHeartbeat(header);
                break;
            default:
                ++m_malformed;
                break;
            }
            continue;
        }
        switch (header.GetType())
        {
        case SelmcastControlType::READY:
            HandleReady(header);
            break;
        case SelmcastControlType::DONE:
            HandleDone(header);
            break;
        case SelmcastControlType::HEARTBEAT:
            break;
        default:
            ++m_malformed; // a controller-to-worker type sent to the controller
            break;
        }
    }
}

void
SelmcastController::HandleReady(const SelmcastControlHeader& header)
{
    uint32_t w = header.GetWorker();
    if (header.GetRound() != m_round)
    {
        return;
    }
    if (m_phase == COLLECT && !m_ready[w])
    {
        m_ready[w] = true;
        // bit/s to bytes/s; a port reported as 0 would make the problem invalid.
        m_ingress[w] = std::max(1.0, header.GetIngress() / 8.0);
        m_egress[w] = std::max(1.0, header.GetEgress() / 8.0);
        m_inFlight[w] = header.GetInFlight();
        m_queued[w] = header.GetQueued();
        for (uint32_t i = 0; i < m_n; ++i)
        {
            if (m_active[i] && !m_ready[i])
            {
                return;
            }
        }
        RunRound();
    }
    else if (m_phase == SYNC && m_transferOf[w] >= 0 && !m_transfers[m_transferOf[w]].done)
    {
        SendAssign(w); // the ASSIGN was lost
    }
}

void
SelmcastController::HandleDone(const SelmcastControlHeader& header)
{
    uint32_t w = header.GetWorker();
    if (m_phase == FINISHED || (m_phase == COLLECT && header.GetRound() + 1 == m_round))
    {
        SendStart(w); // the START (or FINISH) was lost
        return;
    }
    if (m_phase != SYNC || header.GetRound() != m_round || m_transferOf[w] < 0)
    {
        return;
    }
    Transfer& t = m_transfers[m_transferOf[w]];
    if (t.done)
    {
        return;
    }
    t.done = true;
    for (uint32_t id : header.GetCompleted())
    {
        if (std::find(t.receivers.begin(), t.receivers.end(), id) != t.receivers.end() &&
            !t.pruned.count(id))
        {
            t.completed.push_back(id);
        }
    }
    t.start = header.GetTransferStart();
    t.end = header.GetTransferEnd();
    t.wireBytes = header.GetDataBytes() + header.GetSegments() * m_frameOverhead;
    t.repairBytes = header.GetRepairBytes();
    if (t.hasTree)
    {
        m_trees->Remove(t.group);
        t.hasTree = false;
    }
    Reallocate();
    MaybeCompleteRound();
}

void
SelmcastController::RunRound()
{
    NS_LOG_FUNCTION(this << m_round);
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < m_n; ++i)
    {
        if (m_active[i])
        {
            ids.push_back(i);
        }
    }
    uint32_t m = ids.size();
    if (m < 2)
    {
        NS_LOG_WARN("SelmcastController: fewer than two active workers, ending the run");
        Finish();
        return;
    }
    selmcast::Problem problem;
    problem.n = m;
    problem.delivery = m_delivery;
    problem.volume.assign(m, WireVolume());
    problem.minReceivers.assign(m, std::min(m_minReceivers, m - 1));
    problem.counters = selmcast::Matrix<uint32_t>(m, 0);
    m_index.assign(m_n, -1);
    for (uint32_t a = 0; a < m; ++a)
    {
        m_index[ids[a]] = a;
        problem.ingress.push_back(m_ingress[ids[a]]);
        problem.egress.push_back(m_egress[ids[a]]);
        for (uint32_t b = 0; b < m; ++b)
        {
            problem.counters(a, b) = a == b ? 0 : m_counters(ids[a], ids[b]);
        }
    }
    problem.forced = selmcast::ForcedFromCounters(problem.counters, m_forcedRoundLimit);

    std::shared_ptr<const selmcast::Fabric> fabric = RoundFabric(ids);
    auto wallStart = std::chrono::steady_clock::now();
    selmcast::Plan plan = m_selector->SelectRound(problem, m_rng);
    auto wallEnd = std::chrono::steady_clock::now();
    std::string bad = selmcast::CheckPlan(problem, plan);
    NS_ABORT_MSG_IF(!bad.empty(), "SelmcastController: selector returned a bad plan: " << bad);

    m_record.syncStart = Simulator::Now();
    m_record.planTime = fabric ? selmcast::FabricCompletionTime(problem, *fabric, plan)
                               : selmcast::CompletionTime(problem, plan);
    m_record.fluidIdeal = selmcast::FluidIdeal(problem);
    m_record.selectorSeconds = std::chrono::duration<double>(wallEnd - wallStart).count();
    m_record.scale = selmcast::MulticastScale(plan);
    m_record.workers = m;
    m_record.workerIds = ids;
    m_record.inFlight.clear();
    m_record.queued.clear();
    for (uint32_t id : ids)
    {
        m_record.inFlight.push_back(m_inFlight[id]);
        m_record.queued.push_back(m_queued[id]);
    }
    m_record.plan = plan;
    m_record.forced = problem.forced;
    m_record.pairs = 0;
    m_selectionTrace(m_round, problem, plan, ids);

    // One transfer per active worker, even without receivers: its DONE closes it.
    m_transfers.clear();
    m_transferOf.assign(m_n, -1);
    for (uint32_t a = 0; a < m; ++a)
    {
        Transfer t;
        t.sender = ids[a];
        t.round = m_round;
        for (uint32_t b = 0; b < m; ++b)
        {
            if (plan(a, b))
            {
                t.receivers.push_back(ids[b]);
            }
        }
        m_record.pairs += t.receivers.size();
        if (m_delivery == selmcast::Delivery::L3 && !t.receivers.empty())
        {
            // Management plane: the routes are written into the routers directly.
            t.group = m_trees->Install(t.sender, t.receivers);
            t.hasTree = true;
        }
        m_transferOf[t.sender] = m_transfers.size();
        m_transfers.push_back(t);
    }

    m_ports = selmcast::PortsOfProblem(problem);
    std::vector<selmcast::RateFlow> flows = selmcast::FlowsOfPlan(problem, plan);
    std::vector<double> fluid =
        selmcast::FluidCompletionTimes(selmcast::RatePolicy::MaxMin, m_ports, flows);
    m_record.fluidMaxMin = fluid.empty() ? 0 : *std::max_element(fluid.begin(), fluid.end());
    m_record.fluidPolicy = m_record.fluidMaxMin;
    std::vector<double> rates;
    try
    {
        rates = selmcast::AllocateRates(m_ratePolicy, m_ports, flows, m_record.planTime);
        fluid = selmcast::FluidCompletionTimes(m_ratePolicy, m_ports, flows, m_record.planTime);
        m_record.fluidPolicy = fluid.empty() ? 0 : *std::max_element(fluid.begin(), fluid.end());
    }
    catch (const std::invalid_argument& e)
    {
        NS_LOG_WARN("SelmcastController: " << e.what() << "; falling back to max-min");
        rates = selmcast::MaxMinRates(m_ports, flows);
    }
    PaceOnFabric(problem, plan, flows, rates);
    m_flows.clear();
    for (std::size_t f = 0; f < flows.size(); ++f)
    {
        Flow flow;
        flow.transfer = m_transferOf[ids[flows[f].sender]];
        flow.rf = flows[f];
        flow.rate = rates[f];
        m_flows.push_back(flow);
    }

    m_phase = SYNC;
    m_lastAdvance = Simulator::Now();
    for (auto& t : m_transfers)
    {
        t.assign.SetType(SelmcastControlType::ASSIGN);
        t.assign.SetWorker(t.sender);
        t.assign.SetRound(m_round);
        t.assign.SetFlags(m_delivery == selmcast::Delivery::L7 ? SelmcastControlHeader::FLAG_L7
                                                               : 0);
        t.assign.SetGroup(t.group);
        t.assign.SetEntries(BspAssignEntries(t));
        SendAssign(t.sender);
    }
    ScheduleReflow();
}

std::vector<SelmcastControlEntry>
SelmcastController::BspAssignEntries(const Transfer& t) const
{
    // The sender's flows once, not all n flows per receiver (O(n^2 p) per round at n = 512).
    std::vector<const Flow*> own;
    for (const auto& flow : m_flows)
    {
        if (m_transfers[flow.transfer].sender == t.sender)
        {
            own.push_back(&flow);
        }
    }
    std::vector<SelmcastControlEntry> entries;
    for (uint32_t r : t.receivers)
    {
        if (t.pruned.count(r))
        {
            continue;
        }
        SelmcastControlEntry e;
        e.id = r;
        e.address = m_topology->GetWorkerAddress(r);
        for (const Flow* flow : own)
        {
            const auto& receivers = flow->rf.receivers;
            if (std::find(receivers.begin(), receivers.end(), uint32_t(m_index[r])) !=
                receivers.end())
            {
                // bytes/s to bit/s; never 0, which would start the transfer paused.
                e.rate = std::max<uint64_t>(1000, uint64_t(flow->rate * 8));
            }
        }
        entries.push_back(e);
    }
    return entries;
}

SelmcastController::Transfer*
SelmcastController::FindTransfer(uint32_t sender)
{
    if (m_ssp)
    {
        auto live = m_live.find(sender);
        return live == m_live.end() ? nullptr : &live->second;
    }
    if (m_phase != SYNC || m_transferOf[sender] < 0)
    {
        return nullptr;
    }
    return &m_transfers[m_transferOf[sender]];
}

void
SelmcastController::SendAssign(uint32_t sender)
{
    Transfer* t = FindTransfer(sender);
    NS_ASSERT_MSG(t, "no transfer of worker " << sender);
    if (!t->hasTree || m_trees->IsReady(t->group))
    {
        Send(t->assign, sender);
        return;
    }
    if (!t->assignWaiting)
    {
        t->assignWaiting = true;
        uint32_t round = t->round;
        m_trees->WhenReady(t->group, [this, sender, round]() { AssignReady(sender, round); });
    }
}

void
SelmcastController::AssignReady(uint32_t sender, uint32_t round)
{
    Transfer* t = FindTransfer(sender);
    if (!t || t->round != round || t->done || !t->assignWaiting)
    {
        return;
    }
    t->assignWaiting = false;
    // RATEs and PRUNEs sent meanwhile found the sender waiting and were ignored: the ASSIGN
    // carries what holds now.
    t->assign.SetEntries(m_ssp ? SspRateMessage(*t).GetEntries() : BspAssignEntries(*t));
    Send(t->assign, sender);
}

void
SelmcastController::ScheduleReflow()
{
    m_reflowEvent.Cancel();
    double next = std::numeric_limits<double>::infinity();
    for (const auto& flow : m_flows)
    {
        if (flow.rate > 0 && flow.rf.remaining > 0 && !m_transfers[flow.transfer].done)
        {
            next = std::min(next, flow.rf.remaining / flow.rate);
        }
    }
    if (!m_ssp && std::isfinite(next))
    {
        m_reflowEvent = Simulator::Schedule(NanoSeconds(std::ceil(next * 1e9)),
                                            &SelmcastController::Reallocate,
                                            this);
    }
}

void
SelmcastController::Reallocate()
{
    Time now = Simulator::Now();
    double dt = (now - m_lastAdvance).GetSeconds();
    m_lastAdvance = now;
    // Compacted in place, in order: called once per DONE, so copies of every flow and its
    // receivers here cost O(n p) allocations per DONE, O(n^2 p) per round.
    size_t kept = 0;
    for (auto& flow : m_flows)
    {
        const Transfer& t = m_transfers[flow.transfer];
        if (t.done)
        {
            continue;
        }
        flow.rf.remaining = std::max(0.0, flow.rf.remaining - flow.rate * dt);
        // Below one byte the estimate says done (float residue of the reflow timer).
        flow.rf.remaining = flow.rf.remaining < 1 ? 0 : flow.rf.remaining;
        auto& receivers = flow.rf.receivers;
        if (!t.pruned.empty())
        {
            receivers.erase(std::remove_if(receivers.begin(),
                                           receivers.end(),
                                           [&](uint32_t r) {
                                               return t.pruned.count(m_record.workerIds[r]) > 0;
                                           }),
                            receivers.end());
        }
        if (!receivers.empty())
        {
            if (&m_flows[kept] != &flow)
            {
                m_flows[kept] = std::move(flow);
            }
            ++kept;
        }
    }
    m_flows.erase(m_flows.begin() + kept, m_flows.end());
    if (m_fabricPaced)
    {
        return; // v_i / t(X) holds the whole round: a port allocation could overrun the fabric
    }
    // Once the fluid model has every remaining transfer done, the senders only finish (last
    // segments, repairs) at the rates they have: a new allocation per DONE would cost O(n)
    // work and up to n RATE messages each, O(n^2) per round, and change nothing planned.
    bool fluidDone = std::all_of(m_flows.begin(), m_flows.end(), [](const Flow& flow) {
        return flow.rf.remaining <= 0;
    });
    if (m_flows.empty() || fluidDone)
    {
        return;
    }
    m_flowView.clear();
    for (const auto& flow : m_flows)
    {
        // A flow the estimate says is done (its sender has not said DONE: last packets, ACKs,
        // repairs) takes no share: the others get the bandwidth it frees, as in the fluid
        // reference, while it keeps its last rate at the sender (a rate of 0 is never sent).
        m_flowView.push_back(&flow.rf);
    }
    double left = m_record.planTime - (now - m_record.syncStart).GetSeconds();
    const std::vector<double>* allocated = nullptr;
    try
    {
        if (m_ratePolicy == selmcast::RatePolicy::FinishTogether && left <= 0)
        {
            throw std::invalid_argument("t(X) has passed");
        }
        allocated = &m_allocator.Allocate(m_ratePolicy, m_ports, m_flowView, left);
    }
    catch (const std::invalid_argument& e)
    {
        // Past t(X) (a transfer needed repairs) finish-together has no meaning: share max-min.
        allocated = &m_allocator.MaxMin(m_ports, m_flowView);
    }
    const std::vector<double>& rates = *allocated;
    for (std::size_t f = 0; f < m_flows.size(); ++f)
    {
        Flow& flow = m_flows[f];
        if (rates[f] <= 0 || std::fabs(rates[f] - flow.rate) <= 1e-9 * flow.rate)
        {
            continue;
        }
        flow.rate = rates[f];
        const Transfer& t = m_transfers[flow.transfer];
        std::vector<SelmcastControlEntry> entries;
        for (uint32_t r : flow.rf.receivers)
        {
            SelmcastControlEntry e;
            e.id = m_record.workerIds[r];
            e.address = m_topology->GetWorkerAddress(e.id);
            e.rate = std::max<uint64_t>(1000, uint64_t(flow.rate * 8));
            entries.push_back(e);
        }
        SelmcastControlHeader header;
        header.SetType(SelmcastControlType::RATE);
        header.SetWorker(t.sender);
        header.SetRound(t.round);
        header.SetGroup(t.group);
        header.SetEntries(entries);
        Send(header, t.sender);
    }
    ScheduleReflow();
}

void
SelmcastController::MaybeCompleteRound()
{
    if (m_phase != SYNC)
    {
        return;
    }
    for (const auto& t : m_transfers)
    {
        if (!t.done)
        {
            return;
        }
    }
    m_record.round = m_round;
    m_record.end = Simulator::Now();
    m_record.delivered = selmcast::Matrix<uint8_t>(m_n, 0);
    m_record.completedPairs = 0;
    m_record.wireBytes = 0;
    m_record.repairBytes = 0;
    bool any = false;
    m_record.senderEnd.assign(m_record.workerIds.size(), -1);
    for (const auto& t : m_transfers)
    {
        for (uint32_t j : t.completed)
        {
            m_record.delivered(t.sender, j) = 1;
        }
        m_record.completedPairs += t.completed.size();
        m_record.wireBytes += t.wireBytes;
        m_record.repairBytes += t.repairBytes;
        if (!t.receivers.empty() && t.end > t.start)
        {
            m_record.transferStart = any ? std::min(m_record.transferStart, t.start) : t.start;
            m_record.transferEnd = any ? std::max(m_record.transferEnd, t.end) : t.end;
            any = true;
            if (m_index[t.sender] >= 0)
            {
                m_record.senderEnd[m_index[t.sender]] = (t.end - m_record.syncStart).GetSeconds();
            }
        }
        if (t.hasTree)
        {
            m_trees->Remove(t.group);
        }
        // The k rule's counters: reset where the block arrived, count up where it did not.
        if (m_active[t.sender])
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (j != t.sender && m_active[j])
                {
                    m_counters(t.sender, j) =
                        m_record.delivered(t.sender, j) ? 0 : m_counters(t.sender, j) + 1;
                }
            }
        }
    }
    m_roundCompleteTrace(m_record);
    ++m_completedRounds;
    ++m_round;
    m_transfers.clear();
    m_flows.clear();
    m_transferOf.assign(m_n, -1);
    m_ready.assign(m_n, false);
    if (m_round >= m_rounds)
    {
        Finish();
        return;
    }
    m_phase = COLLECT;
    m_record = SelmcastRoundRecord();
    m_record.round = m_round;
    m_record.start = Simulator::Now();
    m_roundStartedTrace(m_round);
    for (uint32_t i = 0; i < m_n; ++i)
    {
        if (m_returning[i])
        {
            m_returning[i] = false;
            m_active[i] = true;
            m_lastHeard[i] = Simulator::Now();
            RestartCounters(m_counters, i);
            m_returnedTrace(i, m_round);
        }
        if (m_active[i])
        {
            SendStart(i);
        }
    }
}

void
SelmcastController::CheckLiveness()
{
    Time now = Simulator::Now();
    for (uint32_t i = 0; i < m_n && m_phase != FINISHED; ++i)
    {
        if (m_active[i] && now - m_lastHeard[i] > m_workerTimeout)
        {
            Exclude(i);
        }
    }
    if (m_phase != FINISHED)
    {
        m_livenessEvent =
            Simulator::Schedule(m_workerTimeout / 4, &SelmcastController::CheckLiveness, this);
    }
}

void
SelmcastController::Exclude(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    m_active[id] = false;
    m_ready[id] = false;
    m_excludedTrace(id, m_round);
    if (m_ssp)
    {
        SspExclude(id);
        return;
    }
    if (m_phase == COLLECT)
    {
        for (uint32_t i = 0; i < m_n; ++i)
        {
            if (m_active[i] && !m_ready[i])
            {
                return;
            }
        }
        RunRound();
        return;
    }
    if (m_phase != SYNC)
    {
        return;
    }
    // Its own transfer is written off.
    if (m_transferOf[id] >= 0)
    {
        Transfer& own = m_transfers[m_transferOf[id]];
        if (!own.done)
        {
            own.done = true;
            if (own.hasTree)
            {
                m_trees->Remove(own.group);
                own.hasTree = false;
            }
        }
    }
    // The senders serving it stop waiting for it.
    for (auto& t : m_transfers)
    {
        if (t.done || t.pruned.count(id) ||
            std::find(t.receivers.begin(), t.receivers.end(), id) == t.receivers.end())
        {
            continue;
        }
        t.pruned.insert(id);
        if (t.hasTree)
        {
            m_trees->Prune(t.group, id);
        }
        SelmcastControlEntry e;
        e.id = id;
        e.address = m_topology->GetWorkerAddress(id);
        SelmcastControlHeader header;
        header.SetType(SelmcastControlType::PRUNE);
        header.SetWorker(t.sender);
        header.SetRound(t.round);
        header.SetGroup(t.group);
        header.SetEntries({e});
        Send(header, t.sender);
    }
    Reallocate();
    MaybeCompleteRound();
}

void
SelmcastController::Finish()
{
    m_phase = FINISHED;
    m_livenessEvent.Cancel();
    m_durationEvent.Cancel();
    for (auto& entry : m_live)
    {
        // Transfers cut by the end of the run: their trees go, they are not recorded.
        if (entry.second.hasTree)
        {
            m_trees->Remove(entry.second.group);
            entry.second.hasTree = false;
        }
    }
    m_live.clear();
    for (uint32_t i = 0; i < m_n; ++i)
    {
        if (m_active[i])
        {
            SendStart(i);
        }
    }
    if (m_stopWhenDone)
    {
        // Heartbeats of excluded workers would keep the event list from ever emptying.
        Simulator::Stop(MilliSeconds(1));
        StopEveryRank(Simulator::Now() + MilliSeconds(1));
    }
    if (m_treeMessenger)
    {
        // The removals above left once; nothing waits for them, and an agent cut off for good
        // would keep the resends (and the event list) going forever.
        m_treeMessenger->Stop();
    }
}

void
SelmcastController::StopEveryRank(Time at)
{
    if (!m_treeMessenger)
    {
        return;
    }
    // Every MPI rank simulates some router or worker: their agents stop it at the same time.
    SelmcastTreeHeader stop;
    stop.SetType(SelmcastTreeHeader::STOP);
    stop.SetStopTime(at);
    NodeContainer nodes(m_topology->GetRouters(), m_topology->GetWorkers());
    for (uint32_t k = 0; k < nodes.GetN(); ++k)
    {
        m_treeMessenger->SendOnce(SelmcastRouterAgent::AddressOf(nodes.Get(k)), stop);
    }
}

} // namespace ns3
