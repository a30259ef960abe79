/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-worker.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastWorker");

NS_OBJECT_ENSURE_REGISTERED(SelmcastWorker);

namespace
{
/// IPv4 (20) and UDP (8) header bytes of every datagram.
constexpr uint32_t IP_UDP_OVERHEAD = 28;
/// The largest UDP payload of an IPv4 datagram.
constexpr uint32_t MAX_UDP_PAYLOAD = 65507;
} // namespace

TypeId
SelmcastWorker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastWorker")
            .SetParent<Application>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastWorker>()
            .AddAttribute("WorkerId",
                          "The worker's id, carried in every header it sends (the index of the "
                          "worker in the selection problem).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SelmcastWorker::m_workerId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Port",
                          "UDP port the worker sends from and listens on (the same on every "
                          "worker, since multicast reaches every socket bound to it).",
                          UintegerValue(5400),
                          MakeUintegerAccessor(&SelmcastWorker::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("BlockSize",
                          "Bytes of the parameter block each transfer sends (v). All workers of "
                          "a run must share it (and SegmentSize): a receiver drops a segment of "
                          "another block geometry as malformed.",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&SelmcastWorker::m_blockSize),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("SegmentSize",
                          "Block payload bytes per data segment. The default fills a 1500-byte "
                          "IP packet: 1500 - 20 (IPv4) - 8 (UDP) - 32 (data header) = 1440. "
                          "For 9000-byte jumbo frames use 8940 (and raise the links' MTU). "
                          "All workers of a run must share it (see BlockSize).",
                          UintegerValue(1440),
                          MakeUintegerAccessor(&SelmcastWorker::m_segmentSize),
                          MakeUintegerChecker<uint32_t>(1,
                                                        MAX_UDP_PAYLOAD -
                                                            SelmcastDataHeader::SERIALIZED_SIZE))
            .AddAttribute("RepairMode",
                          "How repairs of an L3 transfer travel: Multicast to the group, on the "
                          "transfer's own tree (one copy per lost segment serves every receiver "
                          "that lost it; those that hold it count a duplicate), or Unicast to the "
                          "receiver that asked. L7 repairs are always unicast.",
                          EnumValue(REPAIR_MULTICAST),
                          MakeEnumAccessor(&SelmcastWorker::m_repairMode),
                          MakeEnumChecker(REPAIR_UNICAST, "Unicast", REPAIR_MULTICAST, "Multicast"))
            .AddAttribute("RepairKind",
                          "What a repair is: Source, the lost segment sent again (a multicast "
                          "repair serves only the receivers that lost that segment), or Parity, "
                          "a parity segment of its FEC group (NORM with Reed-Solomon, RFC 5740 / "
                          "RFC 5510: any FecGroupSize distinct segments of a group give it back, "
                          "so one parity segment repairs a different loss at each receiver).",
                          EnumValue(REPAIR_PARITY),
                          MakeEnumAccessor(&SelmcastWorker::m_repairKind),
                          MakeEnumChecker(REPAIR_SOURCE, "Source", REPAIR_PARITY, "Parity"))
            .AddAttribute("FecGroupSize",
                          "Source segments per FEC group (k) with RepairKind Parity. A larger "
                          "group needs fewer parity segments for the same losses, but its parity "
                          "can leave only once the whole group was sent. Carried in every source "
                          "segment and poll: receivers follow the sender's value.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&SelmcastWorker::m_fecGroupSize),
                          MakeUintegerChecker<uint32_t>(1, SelmcastFecGroups::MAX_GROUP_SIZE))
            .AddAttribute("RepairTimeout",
                          "The longest time a lane with nothing left to send waits before it "
                          "polls the receivers that have not acknowledged, and the shortest "
                          "silence after which a receiver may be given up. The wait is the "
                          "answer time (measured: estimate + 4 x variation; before any sample: "
                          "four frames at the lane's rate), doubled after every unanswered poll "
                          "round (at most PollBackoffLimit times), between MinRepairTimeout and "
                          "this.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&SelmcastWorker::m_repairTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MinRepairTimeout",
                          "The shortest answer time, however small the measured one: the "
                          "shortest poll wait and repair holdoff (a repaired segment is not "
                          "repaired again for the same target within the answer time).",
                          TimeValue(MicroSeconds(10)),
                          MakeTimeAccessor(&SelmcastWorker::m_minRepairTimeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MaxPolls",
                          "Polls without any answer (no ACK, no NACK) after which a receiver "
                          "that has also been silent for RepairTimeout is given up. Polls count "
                          "at the pace of a receiver polled alone (backed off), so a receiver "
                          "whose link is up answers one of them, whatever the loss.",
                          UintegerValue(20),
                          MakeUintegerAccessor(&SelmcastWorker::m_maxPolls),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxStalledPolls",
                          "Answers in a row without progress (NACKs that repeat the previous "
                          "one) after which a receiver is given up: its NACKs reach the sender "
                          "but no repair reaches it, by multicast nor by unicast.",
                          UintegerValue(200),
                          MakeUintegerAccessor(&SelmcastWorker::m_maxStalled),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("FallbackNacks",
                          "Multicast repairs: unchanged NACKs in a row after which a receiver is "
                          "repaired by unicast (the group may no longer reach it). Above 1 so "
                          "that repairs lost again by chance do not switch it.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SelmcastWorker::m_fallbackNacks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("PollBackoffLimit",
                          "Most doublings of the poll wait over unanswered poll rounds: losses "
                          "of polls and answers are independent of each other, so the wait "
                          "need not grow without bound; a receiver is given up after MaxPolls "
                          "polls without an answer at this pace (about MaxPolls x 2^limit "
                          "answer times of silence).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&SelmcastWorker::m_backoffLimit),
                          MakeUintegerChecker<uint32_t>(0, 30))
            .AddAttribute("GapNacks",
                          "Receivers NACK a gap as soon as an original segment skips segments "
                          "never seen, so repairs flow during the original pass; false: they "
                          "NACK only on LAST segments and polls.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastWorker::m_gapNacks),
                          MakeBooleanChecker())
            .AddAttribute("MaxNackRanges",
                          "Most missing runs listed in one NACK; a receiver missing more asks "
                          "again after those are repaired.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&SelmcastWorker::m_maxNackRanges),
                          MakeUintegerChecker<uint32_t>(1, SelmcastNackHeader::MAX_RANGES))
            .AddAttribute("PacingOverhead",
                          "Bytes added to each segment's block payload when pacing. 0 paces "
                          "block bytes (a block takes BlockSize / rate); GetFrameOverhead() "
                          "(+2 for PPP) paces wire bytes, for a rate that is a link share.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SelmcastWorker::m_pacingOverhead),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RoundsKept",
                          "Receive records a worker keeps per sender: those of the sender's "
                          "latest rounds. Older ones are forgotten (memory stays bounded over a "
                          "long run); a late poll for one of them is still acknowledged when the "
                          "block was complete. Must exceed the rounds a sender has in flight at "
                          "once.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&SelmcastWorker::m_roundsKept),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("SegmentSent",
                            "A data segment (original or repair) was sent.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_segmentSentTrace),
                            "ns3::SelmcastWorker::SegmentTracedCallback")
            .AddTraceSource("RepairSent",
                            "A repair segment was sent (also reported by SegmentSent).",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_repairSentTrace),
                            "ns3::SelmcastWorker::SegmentTracedCallback")
            .AddTraceSource("SegmentReceived",
                            "A valid data segment was received, new or duplicate.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_segmentReceivedTrace),
                            "ns3::SelmcastWorker::SegmentReceivedTracedCallback")
            .AddTraceSource("BlockComplete",
                            "A block became complete at this receiver.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_blockCompleteTrace),
                            "ns3::SelmcastWorker::BlockCompleteTracedCallback")
            .AddTraceSource("TransferStarted",
                            "A transfer of this sender started: its report with sender, round, "
                            "receivers, block size and start filled in, nothing sent yet.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_transferStartedTrace),
                            "ns3::SelmcastWorker::TransferCompleteTracedCallback")
            .AddTraceSource("TransferComplete",
                            "A transfer of this sender finished: no receiver is left ACTIVE.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_transferCompleteTrace),
                            "ns3::SelmcastWorker::TransferCompleteTracedCallback")
            .AddTraceSource("ReceiverFailed",
                            "A receiver was given up after MaxPolls unanswered polls.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_receiverFailedTrace),
                            "ns3::SelmcastWorker::ReceiverFailedTracedCallback")
            .AddTraceSource("Malformed",
                            "A foreign, truncated or inconsistent packet was dropped.",
                            MakeTraceSourceAccessor(&SelmcastWorker::m_malformedTrace),
                            "ns3::SelmcastWorker::MalformedTracedCallback");
    return tid;
}

SelmcastWorker::SelmcastWorker()
    : m_workerId(0),
      m_port(5400),
      m_blockSize(1000000),
      m_segmentSize(1440),
      m_repairMode(REPAIR_MULTICAST),
      m_repairKind(REPAIR_PARITY),
      m_fecGroupSize(64),
      m_repairTimeout(MilliSeconds(10)),
      m_minRepairTimeout(MicroSeconds(10)),
      m_maxPolls(20),
      m_maxStalled(200),
      m_fallbackNacks(2),
      m_gapNacks(true),
      m_backoffLimit(3),
      m_maxNackRanges(64),
      m_pacingOverhead(0),
      m_roundsKept(16),
      m_socket(nullptr),
      m_rtt(CreateObject<RttMeanDeviation>()),
      m_running(false),
      m_startedAny(false),
      m_lastStartedRound(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastWorker::~SelmcastWorker()
{
    NS_LOG_FUNCTION(this);
}

SelmcastWorker::Outgoing::Outgoing(const SelmcastBlockLayout& layout,
                                   uint32_t receivers,
                                   bool unicast,
                                   bool sharedRepairs,
                                   uint32_t groupSize)
    : state(layout, receivers, unicast, sharedRepairs, groupSize),
      lanes(unicast ? receivers : 1)
{
}

SelmcastWorker::Incoming::Incoming(const SelmcastBlockLayout& layout,
                                   uint32_t groupSize,
                                   const InetSocketAddress& sender,
                                   Time now)
    : sender(sender),
      firstReceived(now),
      state(layout, groupSize)
{
}

uint32_t
SelmcastWorker::GetFrameOverhead()
{
    return IP_UDP_OVERHEAD + SelmcastDataHeader::SERIALIZED_SIZE;
}

void
SelmcastWorker::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& entry : m_outgoing)
    {
        for (auto& lane : entry.second.lanes)
        {
            lane.sendEvent.Cancel();
            lane.pollEvent.Cancel();
        }
    }
    m_outgoing.clear();
    m_incoming.clear();
    m_history.clear();
    m_socket = nullptr;
    m_rtt = nullptr;
    Application::DoDispose();
}

void
SelmcastWorker::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        // Bound to the wildcard address: the one socket gets unicast and multicast alike.
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
        {
            NS_FATAL_ERROR("SelmcastWorker: cannot bind UDP port " << m_port);
        }
    }
    m_socket->SetRecvCallback(MakeCallback(&SelmcastWorker::HandleRead, this));
    m_running = true;
}

void
SelmcastWorker::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    // Transfers in flight are abandoned (no TransferComplete); the counters stay.
    for (auto& entry : m_outgoing)
    {
        for (auto& lane : entry.second.lanes)
        {
            lane.sendEvent.Cancel();
            lane.pollEvent.Cancel();
        }
    }
    m_outgoing.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

// ---------------------------------------------------------------------------------------------
// Sending side

bool
SelmcastWorker::StartBlock(uint32_t round,
                           Ipv4Address group,
                           std::vector<Ipv4Address> receivers,
                           DataRate rate)
{
    NS_LOG_FUNCTION(this << round << group << receivers.size() << rate);
    NS_ABORT_MSG_UNLESS(group.IsMulticast(), "StartBlock needs a multicast group, not " << group);
    return Start(round, false, group, receivers, rate);
}

bool
SelmcastWorker::StartBlockL7(uint32_t round, std::vector<Ipv4Address> receivers, DataRate rate)
{
    NS_LOG_FUNCTION(this << round << receivers.size() << rate);
    return Start(round, true, Ipv4Address(), receivers, rate);
}

bool
SelmcastWorker::Start(uint32_t round,
                      bool unicast,
                      Ipv4Address group,
                      const std::vector<Ipv4Address>& receivers,
                      DataRate rate)
{
    NS_ABORT_MSG_IF(receivers.empty(), "a block needs at least one receiver");
    std::vector<Ipv4Address> sorted(receivers);
    std::sort(sorted.begin(), sorted.end());
    NS_ABORT_MSG_IF(std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end(),
                    "a receiver is listed twice");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    for (const auto& receiver : receivers)
    {
        // It would ignore its own segments and be given up after MaxPolls polls.
        NS_ABORT_MSG_IF(ipv4 && ipv4->GetInterfaceForAddress(receiver) != -1,
                        "worker " << m_workerId << " lists itself (" << receiver
                                  << ") as a receiver");
    }
    NS_ABORT_MSG_UNLESS(SelmcastBlockLayout::IsValid(m_blockSize, m_segmentSize),
                        "BlockSize " << m_blockSize << " needs too many segments of "
                                     << m_segmentSize << " bytes");
    if (!m_running)
    {
        NS_LOG_WARN("worker " << m_workerId << " is not running: block of round " << round
                              << " not started");
        return false;
    }
    // Receivers would take a reused round for the old block (and ACK it from its record), and
    // forget old records on the premise that rounds increase: refuse anything not above.
    if (m_startedAny && round <= m_lastStartedRound)
    {
        NS_LOG_WARN("worker " << m_workerId << " refuses round " << round
                              << ": not above its last round " << m_lastStartedRound);
        return false;
    }
    m_startedAny = true;
    m_lastStartedRound = round;
    SelmcastBlockLayout layout(m_blockSize, m_segmentSize);
    auto n = static_cast<uint32_t>(receivers.size());
    auto result = m_outgoing.emplace(
        std::piecewise_construct,
        std::forward_as_tuple(round),
        std::forward_as_tuple(layout,
                              n,
                              unicast,
                              m_repairMode == REPAIR_MULTICAST,
                              m_repairKind == REPAIR_PARITY ? m_fecGroupSize : 0));
    Outgoing& out = result.first->second;
    out.receivers = receivers;
    out.askedAt.assign(n, Time::Max());
    out.stalled.assign(n, 0);
    out.repeats.assign(n, 0);
    out.counted.assign(n, Simulator::Now());
    out.heard.assign(n, Simulator::Now());
    out.report.sender = m_workerId;
    out.report.round = round;
    out.report.unicast = unicast;
    out.report.blockSize = m_blockSize;
    out.report.receivers = n;
    out.report.start = Simulator::Now();
    m_transferStartedTrace(out.report);
    for (uint32_t lane = 0; lane < out.lanes.size(); ++lane)
    {
        out.lanes[lane].destination = unicast ? receivers[lane] : group;
        out.lanes[lane].pacer.SetRate(rate);
        ScheduleLane(round, out, lane);
    }
    return true;
}

void
SelmcastWorker::ScheduleLane(uint32_t round, Outgoing& out, uint32_t lane)
{
    Lane& l = out.lanes[lane];
    Time next = l.pacer.GetNextSendTime();
    if (next == Time::Max())
    {
        return; // paused: a new rate reschedules
    }
    Time delay = std::max(Time(0), next - Simulator::Now());
    l.sendEvent = Simulator::Schedule(delay, &SelmcastWorker::SendNext, this, round, lane);
}

void
SelmcastWorker::WakeLane(uint32_t round, Outgoing& out, uint32_t lane)
{
    Lane& l = out.lanes[lane];
    l.pollEvent.Cancel();
    l.quietPolls = 0;
    if (!l.sendEvent.IsRunning())
    {
        ScheduleLane(round, out, lane);
    }
}

void
SelmcastWorker::LaneIdle(uint32_t round, Outgoing& out, uint32_t lane)
{
    Lane& l = out.lanes[lane];
    if (out.state.IsLaneActive(lane) && !l.pollEvent.IsRunning())
    {
        l.pollEvent = Simulator::Schedule(GetPollTimeout(out, lane),
                                          &SelmcastWorker::Poll,
                                          this,
                                          round,
                                          lane);
    }
}

Time
SelmcastWorker::GetPollTimeout(const Outgoing& out, uint32_t lane) const
{
    return GetBackoff(out.lanes[lane], out.lanes[lane].quietPolls);
}

Time
SelmcastWorker::GetBackoff(const Lane& lane, uint32_t quiet) const
{
    Time timeout = GetRepairHoldoff(lane);
    for (uint32_t k = 0; k < std::min(quiet, m_backoffLimit) && timeout < m_repairTimeout; ++k)
    {
        timeout = timeout * 2;
    }
    return std::min(timeout, m_repairTimeout);
}

Time
SelmcastWorker::GetRepairHoldoff(const Lane& lane) const
{
    if (m_rtt->GetNSamples() > 0)
    {
        return std::max(m_minRepairTimeout, m_rtt->GetEstimate() + 4 * m_rtt->GetVariation());
    }
    // Nothing measured yet: an answer takes at least a few frames at the lane's own rate (its
    // data shares the path), so a slow lane waits longer; an early poll costs one small packet.
    uint64_t bps = lane.pacer.GetRate().GetBitRate();
    if (bps == 0)
    {
        return m_repairTimeout;
    }
    Time frames = DataRate(bps).CalculateBytesTxTime(4 * (m_segmentSize + GetFrameOverhead()));
    return std::min(m_repairTimeout, std::max(m_minRepairTimeout, frames));
}

void
SelmcastWorker::NoteAsked(Outgoing& out, uint32_t receiver)
{
    out.askedAt[receiver] = Simulator::Now();
}

void
SelmcastWorker::NoteAnswer(Outgoing& out, uint32_t receiver, bool progress)
{
    if (out.askedAt[receiver] != Time::Max())
    {
        m_rtt->Measurement(Simulator::Now() - out.askedAt[receiver]);
        out.askedAt[receiver] = Time::Max();
    }
    // Any answer shows the receiver's link is up: its silence count restarts. Only progress
    // restarts the count of answers that show no repair reaches it.
    out.state.ResetPolls(receiver);
    out.counted[receiver] = Simulator::Now();
    out.heard[receiver] = Simulator::Now();
    out.stalled[receiver] = progress ? 0 : out.stalled[receiver] + 1;
    out.lanes[out.state.GetLaneOf(receiver)].quietPolls = 0;
}

uint16_t
SelmcastWorker::FecFlag(const Outgoing& out, bool parity)
{
    if (parity)
    {
        return SelmcastDataHeader::FLAG_PARITY;
    }
    return out.state.GetGroupSize() > 0 ? SelmcastDataHeader::FLAG_FEC : 0;
}

void
SelmcastWorker::SendNext(uint32_t round, uint32_t lane)
{
    auto it = m_outgoing.find(round);
    if (it == m_outgoing.end() || !m_socket)
    {
        return;
    }
    Outgoing& out = it->second;
    SelmcastSendState::Item item;
    if (!out.state.PopNext(lane, item))
    {
        LaneIdle(round, out, lane);
        return;
    }
    out.state.NoteRepairSent(lane, item, Simulator::Now());
    // During the original pass the receivers NACK gaps themselves (GapNacks); a LAST there
    // would make all of them send whole NACKs for every burst of repairs.
    if (m_gapNacks && item.repair && !out.state.IsOriginalPassDone(lane))
    {
        item.last = false;
    }
    const SelmcastBlockLayout& layout = out.state.GetLayout();
    // A parity segment is as long as a full source segment (the code pads the short last one).
    uint32_t payload = item.parity ? layout.GetSegmentSize() : layout.GetPayloadSize(item.seq);
    SelmcastDataHeader header;
    header.SetSender(m_workerId);
    header.SetRound(round);
    header.SetSeq(item.seq);
    header.SetSegmentSize(layout.GetSegmentSize());
    header.SetBlockSize(layout.GetBlockSize());
    header.SetFlags((item.repair ? SelmcastDataHeader::FLAG_REPAIR : 0) |
                    (item.last ? SelmcastDataHeader::FLAG_LAST : 0) | FecFlag(out, item.parity));
    header.SetAux(item.parity ? item.parityIndex : out.state.GetGroupSize());
    Ipv4Address destination = item.target == SelmcastSendState::LANE_DESTINATION
                                  ? out.lanes[lane].destination
                                  : out.receivers[item.target];
    // A virtual payload: the packet records its size, not its bytes.
    Ptr<Packet> packet = Create<Packet>(payload);
    packet->AddHeader(header);
    if (m_socket->SendTo(packet, 0, InetSocketAddress(destination, m_port)) < 0)
    {
        // Treated as a loss: the receivers' NACKs and the polls recover it.
        ++m_counters.sendErrors;
        NS_LOG_WARN("worker " << m_workerId << " SendTo " << destination << " failed: errno "
                              << m_socket->GetErrno());
    }
    ++m_counters.segmentsSent;
    m_counters.dataBytesSent += payload;
    ++out.report.segmentsSent;
    out.report.dataBytesSent += payload;
    m_counters.paritySent += item.parity ? 1 : 0;
    if (item.repair)
    {
        ++m_counters.repairSegmentsSent;
        m_counters.repairBytesSent += payload;
        ++out.report.repairSegmentsSent;
        out.report.repairBytesSent += payload;
    }
    m_segmentSentTrace(header, payload, destination);
    if (item.repair)
    {
        m_repairSentTrace(header, payload, destination);
    }
    if (item.last)
    {
        // Whoever this LAST reaches answers it: the start of an RTT sample.
        if (item.target != SelmcastSendState::LANE_DESTINATION)
        {
            NoteAsked(out, item.target);
        }
        else
        {
            for (uint32_t r = 0; r < out.state.GetReceiverCount(); ++r)
            {
                if (out.state.GetLaneOf(r) == lane)
                {
                    NoteAsked(out, r);
                }
            }
        }
    }
    out.lanes[lane].pacer.OnSent(Simulator::Now(), payload + m_pacingOverhead);
    if (out.state.HasWork(lane))
    {
        ScheduleLane(round, out, lane);
    }
    else
    {
        LaneIdle(round, out, lane);
    }
}

void
SelmcastWorker::Poll(uint32_t round, uint32_t lane)
{
    auto it = m_outgoing.find(round);
    if (it == m_outgoing.end() || !m_socket)
    {
        return;
    }
    Outgoing& out = it->second;
    ++out.lanes[lane].quietPolls;
    for (uint32_t r = 0; r < out.state.GetReceiverCount(); ++r)
    {
        if (out.state.GetLaneOf(r) == lane &&
            out.state.GetStatus(r) == SelmcastSendState::ReceiverStatus::ACTIVE)
        {
            PollReceiver(round, out, r);
        }
    }
    if (out.state.IsDone())
    {
        Finish(round);
        return;
    }
    Lane& l = out.lanes[lane];
    if (out.state.IsLaneActive(lane) && !l.sendEvent.IsRunning())
    {
        l.pollEvent = Simulator::Schedule(GetPollTimeout(out, lane),
                                          &SelmcastWorker::Poll,
                                          this,
                                          round,
                                          lane);
    }
}

void
SelmcastWorker::PollReceiver(uint32_t round, Outgoing& out, uint32_t r)
{
    Time now = Simulator::Now();
    const Lane& lane = out.lanes[out.state.GetLaneOf(r)];
    bool counts = now - out.counted[r] >= GetBackoff(lane, out.state.GetPolls(r)) / 2;
    if (counts)
    {
        out.counted[r] = now;
    }
    // Given up only after MaxPolls counted polls and RepairTimeout of silence: a link that is up
    // answers one of them, whatever the loss.
    bool silent =
        counts && out.state.AddPoll(r) > m_maxPolls && now - out.heard[r] >= m_repairTimeout;
    if (silent || out.stalled[r] >= m_maxStalled)
    {
        NS_LOG_INFO("worker " << m_workerId << " round " << round << ": gives up on "
                              << out.receivers[r]);
        out.state.SetStatus(r, SelmcastSendState::ReceiverStatus::FAILED);
        ++m_counters.receiversFailed;
        m_receiverFailedTrace(round, out.receivers[r]);
        return;
    }
    const SelmcastBlockLayout& layout = out.state.GetLayout();
    SelmcastDataHeader header;
    header.SetSender(m_workerId);
    header.SetRound(round);
    header.SetSegmentSize(layout.GetSegmentSize());
    header.SetBlockSize(layout.GetBlockSize());
    header.SetFlags(SelmcastDataHeader::FLAG_POLL | FecFlag(out, false));
    header.SetAux(out.state.GetGroupSize());
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    if (m_socket->SendTo(packet, 0, InetSocketAddress(out.receivers[r], m_port)) < 0)
    {
        ++m_counters.sendErrors;
    }
    ++m_counters.pollsSent;
    ++out.report.pollsSent;
    NoteAsked(out, r);
}

void
SelmcastWorker::Finish(uint32_t round)
{
    auto it = m_outgoing.find(round);
    NS_ASSERT(it != m_outgoing.end());
    Outgoing& out = it->second;
    for (auto& lane : out.lanes)
    {
        lane.sendEvent.Cancel();
        lane.pollEvent.Cancel();
    }
    SelmcastTransferReport report = out.report;
    report.acked = out.state.CountStatus(SelmcastSendState::ReceiverStatus::ACKED);
    report.pruned = out.state.CountStatus(SelmcastSendState::ReceiverStatus::PRUNED);
    report.failed = out.state.CountStatus(SelmcastSendState::ReceiverStatus::FAILED);
    report.end = Simulator::Now();
    m_outgoing.erase(it);
    ++m_counters.transfersCompleted;
    NS_LOG_INFO("worker " << m_workerId << " round " << round << " done: " << report.acked
                          << " acked, " << report.pruned << " pruned, " << report.failed
                          << " failed, " << report.repairBytesSent << " repair bytes");
    // After the erase, so a sink sees the transfer gone and may start its next round at once.
    m_transferCompleteTrace(report);
}

uint32_t
SelmcastWorker::FindReceiver(const Outgoing& out, Ipv4Address address)
{
    auto it = std::find(out.receivers.begin(), out.receivers.end(), address);
    return static_cast<uint32_t>(it - out.receivers.begin());
}

bool
SelmcastWorker::PruneReceiver(uint32_t round, Ipv4Address receiver)
{
    NS_LOG_FUNCTION(this << round << receiver);
    auto it = m_outgoing.find(round);
    if (it == m_outgoing.end())
    {
        return false;
    }
    Outgoing& out = it->second;
    uint32_t r = FindReceiver(out, receiver);
    if (r == out.receivers.size())
    {
        return false;
    }
    if (out.state.GetStatus(r) == SelmcastSendState::ReceiverStatus::ACTIVE)
    {
        out.state.SetStatus(r, SelmcastSendState::ReceiverStatus::PRUNED);
        if (out.state.IsDone())
        {
            Finish(round);
        }
        else if (!out.state.IsLaneActive(out.state.GetLaneOf(r)))
        {
            // L7: its stream stops now rather than at its next pacing slot.
            Lane& lane = out.lanes[out.state.GetLaneOf(r)];
            lane.sendEvent.Cancel();
            lane.pollEvent.Cancel();
        }
    }
    return true;
}

void
SelmcastWorker::SetLaneRate(uint32_t round, Outgoing& out, uint32_t lane, DataRate rate)
{
    Lane& l = out.lanes[lane];
    l.pacer.SetRate(rate);
    // The pending segment was timed at the old rate: time it again.
    if (l.sendEvent.IsRunning())
    {
        l.sendEvent.Cancel();
        ScheduleLane(round, out, lane);
    }
    else if (out.state.HasWork(lane))
    {
        WakeLane(round, out, lane);
    }
}

void
SelmcastWorker::SetRate(DataRate rate)
{
    NS_LOG_FUNCTION(this << rate);
    for (auto& entry : m_outgoing)
    {
        for (uint32_t lane = 0; lane < entry.second.lanes.size(); ++lane)
        {
            SetLaneRate(entry.first, entry.second, lane, rate);
        }
    }
}

bool
SelmcastWorker::SetTransferRate(uint32_t round, DataRate rate)
{
    NS_LOG_FUNCTION(this << round << rate);
    auto it = m_outgoing.find(round);
    if (it == m_outgoing.end())
    {
        return false;
    }
    for (uint32_t lane = 0; lane < it->second.lanes.size(); ++lane)
    {
        SetLaneRate(round, it->second, lane, rate);
    }
    return true;
}

bool
SelmcastWorker::SetReceiverRate(uint32_t round, Ipv4Address receiver, DataRate rate)
{
    NS_LOG_FUNCTION(this << round << receiver << rate);
    auto it = m_outgoing.find(round);
    if (it == m_outgoing.end())
    {
        return false;
    }
    uint32_t r = FindReceiver(it->second, receiver);
    if (r == it->second.receivers.size())
    {
        return false;
    }
    SetLaneRate(round, it->second, it->second.state.GetLaneOf(r), rate);
    return true;
}

bool
SelmcastWorker::IsSending(uint32_t round) const
{
    return m_outgoing.count(round) != 0;
}

// ---------------------------------------------------------------------------------------------
// Receiving side

uint64_t
SelmcastWorker::Key(uint32_t sender, uint32_t round)
{
    return (static_cast<uint64_t>(sender) << 32) | round;
}

void
SelmcastWorker::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            DropMalformed(packet, from);
            continue;
        }
        InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        SelmcastMessageType type;
        if (!SelmcastHeader::PeekType(packet, type))
        {
            DropMalformed(packet, from);
            continue;
        }
        switch (type)
        {
        case SelmcastMessageType::DATA:
            HandleData(packet, source);
            break;
        case SelmcastMessageType::NACK:
            HandleNack(packet, source);
            break;
        case SelmcastMessageType::ACK:
            HandleAck(packet, source);
            break;
        }
    }
}

void
SelmcastWorker::DropMalformed(Ptr<const Packet> packet, const Address& from)
{
    ++m_counters.malformedPackets;
    NS_LOG_DEBUG("worker " << m_workerId << " drops a malformed packet of " << packet->GetSize()
                           << " bytes");
    m_malformedTrace(packet, from);
}

void
SelmcastWorker::HandleData(Ptr<Packet> packet, const InetSocketAddress& from)
{
    SelmcastDataHeader header;
    // Size first: a truncated packet must not reach Deserialize's reads.
    if (packet->GetSize() < SelmcastDataHeader::SERIALIZED_SIZE)
    {
        DropMalformed(packet, from);
        return;
    }
    packet->PeekHeader(header);
    if (!header.IsValid())
    {
        DropMalformed(packet, from);
        return;
    }
    uint32_t payload = packet->GetSize() - SelmcastDataHeader::SERIALIZED_SIZE;
    if (header.GetSender() == m_workerId)
    {
        NS_LOG_DEBUG("worker " << m_workerId << " ignores a segment carrying its own id");
        return; // our own segment, looped back by a tree that includes us: not data for us
    }
    // All workers share the geometry: any other is forged or misconfigured, and must not size
    // a bitmap (a 1-byte segment size would make a 4 GB block a 4e9-bit map).
    if (header.GetBlockSize() != m_blockSize || header.GetSegmentSize() != m_segmentSize ||
        !SelmcastBlockLayout::IsValid(m_blockSize, m_segmentSize))
    {
        DropMalformed(packet, from);
        return;
    }
    SelmcastBlockLayout layout(header.GetBlockSize(), header.GetSegmentSize());
    // Checked before any state is created, so a bad packet leaves no trace but the counter.
    uint32_t expected = header.IsPoll()     ? 0
                        : header.IsParity() ? layout.GetSegmentSize()
                                            : layout.GetPayloadSize(header.GetSeq());
    if (payload != expected || header.GetFecGroupSize() > SelmcastFecGroups::MAX_GROUP_SIZE)
    {
        DropMalformed(packet, from);
        return;
    }
    uint64_t key = Key(header.GetSender(), header.GetRound());
    auto it = m_incoming.find(key);
    if (it == m_incoming.end())
    {
        SenderHistory& history = m_history[header.GetSender()];
        if (history.IsForgotten(header.GetRound()))
        {
            HandleForgotten(header, from, history);
            return;
        }
        if (header.IsParity())
        {
            // Only a source segment or poll tells the group size: nothing to place this in.
            ++m_counters.parityUnplaced;
            return;
        }
        // Room for the new record: the sender's oldest records go first.
        while (history.rounds.size() >= m_roundsKept && *history.rounds.begin() < header.GetRound())
        {
            ForgetRecord(header.GetSender(), *history.rounds.begin());
        }
        if (history.rounds.size() >= m_roundsKept)
        {
            // Older than every kept round of this sender: not worth a record.
            history.Forget(header.GetRound(), false);
            HandleForgotten(header, from, history);
            return;
        }
        history.rounds.insert(header.GetRound());
        it = m_incoming
                 .emplace(key, Incoming(layout, header.GetFecGroupSize(), from, Simulator::Now()))
                 .first;
    }
    else if (it->second.state.GetLayout().GetBlockSize() != layout.GetBlockSize() ||
             it->second.state.GetLayout().GetSegmentSize() != layout.GetSegmentSize() ||
             (header.IsParity() ? it->second.state.GetGroupSize() == 0
                                : it->second.state.GetGroupSize() != header.GetFecGroupSize()))
    {
        DropMalformed(packet, from); // contradicts what the sender said before
        return;
    }
    Incoming& in = it->second;
    in.sender = from;

    if (header.IsPoll())
    {
        ++m_counters.pollsReceived;
        if (in.state.IsComplete())
        {
            SendAck(header.GetSender(), header.GetRound(), in.state.GetReceivedBytes(), in.sender);
        }
        else
        {
            SendNack(header.GetSender(), header.GetRound(), in);
        }
        return;
    }

    SelmcastReceiveState::Outcome outcome = Take(header, payload, from, in);
    if (outcome == SelmcastReceiveState::Outcome::INVALID)
    {
        DropMalformed(packet, from); // a parity segment of a group the block does not have
        return;
    }
    if (outcome == SelmcastReceiveState::Outcome::DUPLICATE)
    {
        // A LAST that repeats a held segment still ends the sender's burst (a multicast repair
        // meant for another receiver, a block sent again): answer it like any LAST, so the
        // sender need not wait for a poll.
        if (header.IsLast())
        {
            if (in.state.IsComplete())
            {
                SendAck(header.GetSender(),
                        header.GetRound(),
                        in.state.GetReceivedBytes(),
                        in.sender);
            }
            else
            {
                SendNack(header.GetSender(), header.GetRound(), in);
            }
        }
        return;
    }
    if (!header.IsRepair() && !header.IsLast() && !in.state.IsComplete())
    {
        NoteOriginal(header, in);
    }
    if (in.state.IsComplete())
    {
        ++m_counters.blocksCompleted;
        SendAck(header.GetSender(), header.GetRound(), in.state.GetReceivedBytes(), in.sender);
        SelmcastBlockReport report;
        report.receiver = m_workerId;
        report.sender = header.GetSender();
        report.round = header.GetRound();
        report.bytes = in.state.GetReceivedBytes();
        report.segments = in.state.GetReceivedSegments();
        report.duplicateSegments = in.state.GetDuplicateSegments();
        report.duplicateBytes = in.state.GetDuplicateBytes();
        report.firstReceived = in.firstReceived;
        report.completed = Simulator::Now();
        in.state.ReleaseBitmap();
        m_blockCompleteTrace(report);
    }
    else if (header.IsLast())
    {
        SendNack(header.GetSender(), header.GetRound(), in);
    }
}

SelmcastReceiveState::Outcome
SelmcastWorker::Take(const SelmcastDataHeader& header,
                     uint32_t payload,
                     const InetSocketAddress& from,
                     Incoming& in)
{
    uint64_t before = in.state.GetReceivedBytes();
    SelmcastReceiveState::Outcome outcome =
        header.IsParity() ? in.state.ReceiveParity(header.GetSeq(), header.GetAux(), payload)
                          : in.state.Receive(header.GetSeq(), payload);
    if (outcome == SelmcastReceiveState::Outcome::DUPLICATE)
    {
        ++m_counters.duplicateSegments;
        m_counters.duplicateBytes += payload;
        m_segmentReceivedTrace(header, payload, from.GetIpv4(), true);
    }
    else if (outcome == SelmcastReceiveState::Outcome::NEW)
    {
        // Block bytes held: a segment's own, or a decoded group's missing ones (parity: none
        // until its group decodes).
        ++m_counters.segmentsReceived;
        m_counters.bytesReceived += in.state.GetReceivedBytes() - before;
        m_counters.parityReceived += header.IsParity() ? 1 : 0;
        m_segmentReceivedTrace(header, payload, from.GetIpv4(), false);
    }
    return outcome;
}

void
SelmcastWorker::NoteOriginal(const SelmcastDataHeader& header, Incoming& in)
{
    uint32_t seq = header.GetSeq();
    if (seq < in.nextOriginal)
    {
        return; // an original sent again (not in this version) or reordered: no new gap
    }
    uint32_t from = in.nextOriginal;
    in.nextOriginal = seq + 1;
    uint32_t k = in.state.GetGroupSize();
    if (k > 0)
    {
        // FEC groups: NACK when the pass completes a group (its parity can leave now) and some
        // group it passed is incomplete; from group 0, like the gaps below.
        if (m_gapNacks && (seq + 1) / k > from / k)
        {
            SendNack(header.GetSender(), header.GetRound(), in, 0, (seq + 1) / k);
        }
        return;
    }
    // A new gap: NACK everything missing before this segment, oldest first, so a gap whose NACK
    // or repair was lost is asked for again with the next one (the sender's holdoff skips the
    // repairs still under way), not only at the pass's end.
    if (m_gapNacks && seq > from)
    {
        SendNack(header.GetSender(), header.GetRound(), in, 0, seq);
    }
}

void
SelmcastWorker::SendNack(uint32_t sender, uint32_t round, const Incoming& in)
{
    SendNack(sender,
             round,
             in,
             0,
             in.state.GetGroupSize() > 0 ? in.state.GetGroups().GetGroupCount()
                                         : in.state.GetLayout().GetSegmentCount());
}

void
SelmcastWorker::SendNack(uint32_t sender,
                         uint32_t round,
                         const Incoming& in,
                         uint32_t from,
                         uint32_t to)
{
    if (!m_socket)
    {
        return;
    }
    bool more = false;
    bool groups = in.state.GetGroupSize() > 0;
    std::vector<SelmcastRange> ranges =
        groups ? in.state.GetMissingGroups(from, to, m_maxNackRanges, more)
               : in.state.GetMissingRanges(from, to, m_maxNackRanges, more);
    if (ranges.empty())
    {
        return; // nothing missing there (a group boundary passed with every group whole)
    }
    SelmcastNackHeader header;
    header.SetReceiver(m_workerId);
    header.SetSender(sender);
    header.SetRound(round);
    header.SetRanges(ranges);
    header.SetMore(more);
    header.SetGroups(groups);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    if (m_socket->SendTo(packet, 0, in.sender) < 0)
    {
        ++m_counters.sendErrors;
    }
    ++m_counters.nacksSent;
}

void
SelmcastWorker::SendAck(uint32_t sender,
                        uint32_t round,
                        uint64_t bytes,
                        const InetSocketAddress& to)
{
    if (!m_socket)
    {
        return;
    }
    SelmcastAckHeader header;
    header.SetReceiver(m_workerId);
    header.SetSender(sender);
    header.SetRound(round);
    header.SetReceivedBytes(bytes);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    if (m_socket->SendTo(packet, 0, to) < 0)
    {
        ++m_counters.sendErrors;
    }
    ++m_counters.acksSent;
}

void
SelmcastWorker::HandleNack(Ptr<Packet> packet, const InetSocketAddress& from)
{
    SelmcastNackHeader header;
    if (packet->GetSize() < SelmcastNackHeader::FIXED_SIZE)
    {
        DropMalformed(packet, from);
        return;
    }
    packet->PeekHeader(header);
    if (!header.IsValid() || packet->GetSize() != header.GetSerializedSize() ||
        header.GetSender() != m_workerId)
    {
        DropMalformed(packet, from);
        return;
    }
    auto it = m_outgoing.find(header.GetRound());
    if (it == m_outgoing.end())
    {
        ++m_counters.staleControl; // the transfer finished (or never existed here)
        return;
    }
    Outgoing& out = it->second;
    uint32_t r = FindReceiver(out, from.GetIpv4());
    // Not one of this transfer's receivers, or groups for a transfer without them (or back).
    if (r == out.receivers.size() || header.HasGroups() != (out.state.GetGroupSize() > 0))
    {
        DropMalformed(packet, from);
        return;
    }
    ++m_counters.nacksReceived;
    ++out.report.nacksReceived;
    bool progress = out.state.RecordNack(r, header.GetRanges(), header.HasMore());
    NoteAnswer(out, r, progress);
    out.repeats[r] = progress ? 0 : out.repeats[r] + 1;
    if (out.repeats[r] >= m_fallbackNacks && !out.state.HasUnicastRepairs(r) &&
        out.state.GetStatus(r) == SelmcastSendState::ReceiverStatus::ACTIVE)
    {
        // Nothing arrived since its last NACK, though the group got the repairs: the tree may no
        // longer reach it (its NACKs reach us by unicast). Unicast repairs reach it either way.
        NS_LOG_INFO("worker " << m_workerId << " round " << header.GetRound()
                              << ": unicast repairs for " << out.receivers[r]);
        out.state.SetUnicastRepairs(r);
        ++m_counters.repairFallbacks;
    }
    uint32_t lane = out.state.GetLaneOf(r);
    Time holdoff = GetRepairHoldoff(out.lanes[lane]);
    if (out.state.AddRepairs(r, header.GetRanges(), Simulator::Now(), holdoff) > 0)
    {
        WakeLane(header.GetRound(), out, lane);
    }
    else if (out.lanes[lane].pollEvent.IsRunning())
    {
        // All held off (their repairs may be under way): ask again one answer time from now,
        // not at the backed-off time the idle lane had armed.
        out.lanes[lane].pollEvent.Cancel();
        out.lanes[lane].pollEvent = Simulator::Schedule(GetPollTimeout(out, lane),
                                                        &SelmcastWorker::Poll,
                                                        this,
                                                        header.GetRound(),
                                                        lane);
    }
}

void
SelmcastWorker::HandleAck(Ptr<Packet> packet, const InetSocketAddress& from)
{
    SelmcastAckHeader header;
    if (packet->GetSize() != SelmcastAckHeader::SERIALIZED_SIZE)
    {
        DropMalformed(packet, from);
        return;
    }
    packet->PeekHeader(header);
    if (!header.IsValid() || header.GetSender() != m_workerId)
    {
        DropMalformed(packet, from);
        return;
    }
    auto it = m_outgoing.find(header.GetRound());
    if (it == m_outgoing.end())
    {
        ++m_counters.staleControl;
        return;
    }
    Outgoing& out = it->second;
    uint32_t r = FindReceiver(out, from.GetIpv4());
    if (r == out.receivers.size() ||
        header.GetReceivedBytes() != out.state.GetLayout().GetBlockSize())
    {
        DropMalformed(packet, from);
        return;
    }
    ++m_counters.acksReceived;
    NoteAnswer(out, r, true);
    if (out.state.GetStatus(r) != SelmcastSendState::ReceiverStatus::ACTIVE)
    {
        return;
    }
    out.state.SetStatus(r, SelmcastSendState::ReceiverStatus::ACKED);
    if (out.state.IsDone())
    {
        Finish(header.GetRound());
    }
    else if (!out.state.IsLaneActive(out.state.GetLaneOf(r)))
    {
        out.lanes[out.state.GetLaneOf(r)].pollEvent.Cancel();
    }
}

bool
SelmcastWorker::SenderHistory::IsForgotten(uint32_t round) const
{
    return forgotAny && round <= forgottenUpTo;
}

bool
SelmcastWorker::SenderHistory::WasComplete(uint32_t round) const
{
    if (!IsForgotten(round))
    {
        return false;
    }
    uint32_t d = forgottenUpTo - round;
    return d < 64 && ((completeMask >> d) & 1) != 0;
}

void
SelmcastWorker::SenderHistory::Forget(uint32_t round, bool complete)
{
    NS_ASSERT(!IsForgotten(round));
    uint32_t shift = forgotAny ? round - forgottenUpTo : 64;
    completeMask = shift >= 64 ? 0 : completeMask << shift;
    completeMask |= complete ? 1 : 0;
    forgotAny = true;
    forgottenUpTo = round;
}

void
SelmcastWorker::ForgetRecord(uint32_t sender, uint32_t round)
{
    auto it = m_incoming.find(Key(sender, round));
    NS_ASSERT(it != m_incoming.end());
    SenderHistory& history = m_history[sender];
    NS_ASSERT(!history.rounds.empty() && *history.rounds.begin() == round);
    history.Forget(round, it->second.state.IsComplete());
    history.rounds.erase(history.rounds.begin());
    m_incoming.erase(it);
}

void
SelmcastWorker::HandleForgotten(const SelmcastDataHeader& header,
                                const InetSocketAddress& from,
                                const SenderHistory& history)
{
    ++m_counters.staleData;
    if (header.IsPoll())
    {
        ++m_counters.pollsReceived;
    }
    // A sender still asking about a block we completed (its ACK was lost) must hear it, or it
    // would give us up; of an incomplete forgotten block we know nothing worth saying.
    if ((header.IsPoll() || header.IsLast()) && history.WasComplete(header.GetRound()))
    {
        SendAck(header.GetSender(), header.GetRound(), m_blockSize, from);
    }
}

bool
SelmcastWorker::IsBlockComplete(uint32_t sender, uint32_t round) const
{
    auto it = m_incoming.find(Key(sender, round));
    if (it != m_incoming.end())
    {
        return it->second.state.IsComplete();
    }
    auto h = m_history.find(sender);
    return h != m_history.end() && h->second.WasComplete(round);
}

uint64_t
SelmcastWorker::GetReceivedBytes(uint32_t sender, uint32_t round) const
{
    auto it = m_incoming.find(Key(sender, round));
    if (it != m_incoming.end())
    {
        return it->second.state.GetReceivedBytes();
    }
    auto h = m_history.find(sender);
    return h != m_history.end() && h->second.WasComplete(round) ? m_blockSize : 0;
}

uint32_t
SelmcastWorker::GetIncomingRecordCount() const
{
    return static_cast<uint32_t>(m_incoming.size());
}

void
SelmcastWorker::GetLoad(uint32_t& inFlight, uint32_t& queued) const
{
    inFlight = 0;
    queued = 0;
    for (const auto& entry : m_outgoing)
    {
        bool moving = false;
        for (const auto& lane : entry.second.lanes)
        {
            moving = moving || lane.pacer.GetRate().GetBitRate() > 0;
        }
        if (moving)
        {
            ++inFlight;
        }
        else
        {
            ++queued;
        }
    }
    for (const auto& entry : m_history)
    {
        if (entry.second.rounds.empty())
        {
            continue;
        }
        auto it = m_incoming.find(Key(entry.first, *entry.second.rounds.rbegin()));
        if (it != m_incoming.end() && !it->second.state.IsComplete())
        {
            ++inFlight;
        }
    }
}

const SelmcastWorkerCounters&
SelmcastWorker::GetCounters() const
{
    return m_counters;
}

uint32_t
SelmcastWorker::GetWorkerId() const
{
    return m_workerId;
}

uint16_t
SelmcastWorker::GetPort() const
{
    return m_port;
}

} // namespace ns3
