/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-transfer.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastTransfer");

// ---------------------------------------------------------------------------------------------
// SelmcastBlockLayout

SelmcastBlockLayout::SelmcastBlockLayout(uint64_t blockSize, uint32_t segmentSize)
    : m_blockSize(blockSize),
      m_segmentSize(segmentSize),
      m_segmentCount(0)
{
    NS_ASSERT_MSG(IsValid(blockSize, segmentSize),
                  "invalid block layout: " << blockSize << " bytes in segments of " << segmentSize);
    m_segmentCount = static_cast<uint32_t>((blockSize - 1) / segmentSize + 1);
}

bool
SelmcastBlockLayout::IsValid(uint64_t blockSize, uint32_t segmentSize)
{
    return blockSize > 0 && segmentSize > 0 &&
           (blockSize - 1) / segmentSize + 1 <= std::numeric_limits<uint32_t>::max();
}

uint64_t
SelmcastBlockLayout::GetBlockSize() const
{
    return m_blockSize;
}

uint32_t
SelmcastBlockLayout::GetSegmentSize() const
{
    return m_segmentSize;
}

uint32_t
SelmcastBlockLayout::GetSegmentCount() const
{
    return m_segmentCount;
}

uint32_t
SelmcastBlockLayout::GetPayloadSize(uint32_t seq) const
{
    NS_ASSERT(seq < m_segmentCount);
    uint64_t offset = static_cast<uint64_t>(seq) * m_segmentSize;
    return static_cast<uint32_t>(std::min<uint64_t>(m_segmentSize, m_blockSize - offset));
}

// ---------------------------------------------------------------------------------------------
// SelmcastReceiveState

SelmcastReceiveState::SelmcastReceiveState(const SelmcastBlockLayout& layout, uint32_t groupSize)
    : m_layout(layout),
      m_groupSize(groupSize),
      m_received(layout.GetSegmentCount(), false)
{
    if (groupSize > 0)
    {
        m_held.assign(GetGroups().GetGroupCount(), 0);
    }
}

const SelmcastBlockLayout&
SelmcastReceiveState::GetLayout() const
{
    return m_layout;
}

SelmcastReceiveState::Outcome
SelmcastReceiveState::Receive(uint32_t seq, uint32_t payloadSize)
{
    if (seq >= m_layout.GetSegmentCount() || payloadSize != m_layout.GetPayloadSize(seq))
    {
        return Outcome::INVALID;
    }
    // A released bitmap means the block is complete: anything more is a duplicate.
    if (IsComplete() || m_received[seq])
    {
        ++m_duplicateSegments;
        m_duplicateBytes += payloadSize;
        return Outcome::DUPLICATE;
    }
    m_received[seq] = true;
    ++m_receivedSegments;
    m_receivedBytes += payloadSize;
    if (m_groupSize > 0)
    {
        CountInGroup(GetGroups().GetGroupOf(seq));
    }
    return Outcome::NEW;
}

uint32_t
SelmcastReceiveState::GetGroupSize() const
{
    return m_groupSize;
}

SelmcastFecGroups
SelmcastReceiveState::GetGroups() const
{
    return SelmcastFecGroups(m_layout.GetSegmentCount(), m_groupSize);
}

SelmcastReceiveState::Outcome
SelmcastReceiveState::ReceiveParity(uint32_t group, uint32_t index, uint32_t payloadSize)
{
    if (m_groupSize == 0 || group >= GetGroups().GetGroupCount() ||
        index >= GetGroups().GetParityIndexCount() || payloadSize != m_layout.GetSegmentSize())
    {
        return Outcome::INVALID;
    }
    bool decoded = IsComplete() || m_held[group] >= GetGroups().GetSourceCount(group);
    std::vector<uint16_t>* held = decoded ? nullptr : &m_parity[group];
    if (decoded || std::find(held->begin(), held->end(), index) != held->end())
    {
        ++m_duplicateSegments;
        m_duplicateBytes += payloadSize;
        return Outcome::DUPLICATE;
    }
    held->push_back(static_cast<uint16_t>(index));
    CountInGroup(group);
    return Outcome::NEW;
}

void
SelmcastReceiveState::CountInGroup(uint32_t group)
{
    SelmcastFecGroups groups = GetGroups();
    uint32_t sources = groups.GetSourceCount(group);
    if (++m_held[group] < sources)
    {
        return;
    }
    // k distinct segments of an MDS code: the missing source segments are decoded, held now.
    for (uint32_t seq = groups.GetFirst(group); seq < groups.GetFirst(group) + sources; ++seq)
    {
        if (!m_received[seq])
        {
            m_received[seq] = true;
            ++m_receivedSegments;
            m_receivedBytes += m_layout.GetPayloadSize(seq);
        }
    }
    m_parity.erase(group);
    // The NACKs scan from the first group not decoded: keep it current.
    while (m_firstIncomplete < m_held.size() &&
           m_held[m_firstIncomplete] >= groups.GetSourceCount(m_firstIncomplete))
    {
        ++m_firstIncomplete;
    }
}

std::vector<SelmcastRange>
SelmcastReceiveState::GetMissingGroups(uint32_t fromGroup,
                                       uint32_t toGroup,
                                       uint32_t maxEntries,
                                       bool& more) const
{
    NS_ASSERT_MSG(m_groupSize > 0, "missing groups of a block without FEC groups");
    std::vector<SelmcastRange> entries;
    more = false;
    if (IsComplete())
    {
        return entries;
    }
    SelmcastFecGroups groups = GetGroups();
    uint32_t count = std::min(toGroup, groups.GetGroupCount());
    for (uint32_t g = std::max(fromGroup, m_firstIncomplete); g < count; ++g)
    {
        uint32_t sources = groups.GetSourceCount(g);
        if (m_held[g] >= sources)
        {
            continue;
        }
        if (entries.size() == maxEntries)
        {
            more = true;
            break;
        }
        entries.push_back(SelmcastRange{g, sources - m_held[g]});
    }
    return entries;
}

bool
SelmcastReceiveState::IsComplete() const
{
    return m_receivedSegments == m_layout.GetSegmentCount();
}

uint64_t
SelmcastReceiveState::GetReceivedBytes() const
{
    return m_receivedBytes;
}

uint32_t
SelmcastReceiveState::GetReceivedSegments() const
{
    return m_receivedSegments;
}

uint32_t
SelmcastReceiveState::GetDuplicateSegments() const
{
    return m_duplicateSegments;
}

uint64_t
SelmcastReceiveState::GetDuplicateBytes() const
{
    return m_duplicateBytes;
}

std::vector<SelmcastRange>
SelmcastReceiveState::GetMissingRanges(uint32_t maxRanges, bool& more) const
{
    return GetMissingRanges(0, m_layout.GetSegmentCount(), maxRanges, more);
}

std::vector<SelmcastRange>
SelmcastReceiveState::GetMissingRanges(uint32_t from,
                                       uint32_t to,
                                       uint32_t maxRanges,
                                       bool& more) const
{
    std::vector<SelmcastRange> ranges;
    more = false;
    if (IsComplete())
    {
        return ranges;
    }
    uint32_t count = std::min(to, m_layout.GetSegmentCount());
    uint32_t seq = from;
    while (seq < count)
    {
        if (m_received[seq])
        {
            ++seq;
            continue;
        }
        if (ranges.size() == maxRanges)
        {
            more = true;
            break;
        }
        uint32_t first = seq;
        while (seq < count && !m_received[seq])
        {
            ++seq;
        }
        ranges.push_back(SelmcastRange{first, seq - first});
    }
    return ranges;
}

void
SelmcastReceiveState::ReleaseBitmap()
{
    NS_ASSERT_MSG(IsComplete(), "only a complete block may drop its bitmap");
    std::vector<bool>().swap(m_received);
    std::vector<uint16_t>().swap(m_held);
    m_parity.clear();
}

// ---------------------------------------------------------------------------------------------
// SelmcastSendState

SelmcastSendState::SelmcastSendState(const SelmcastBlockLayout& layout,
                                     uint32_t receivers,
                                     bool lanePerReceiver,
                                     bool sharedRepairs,
                                     uint32_t groupSize)
    : m_layout(layout),
      m_lanePerReceiver(lanePerReceiver),
      m_sharedRepairs(sharedRepairs && !lanePerReceiver),
      m_lanes(lanePerReceiver ? receivers : 1),
      m_receivers(receivers),
      m_active(receivers),
      m_groupSize(groupSize)
{
    NS_ASSERT_MSG(receivers > 0, "a block needs at least one receiver");
    NS_ASSERT_MSG(groupSize <= SelmcastFecGroups::MAX_GROUP_SIZE, "FEC group size " << groupSize);
}

const SelmcastBlockLayout&
SelmcastSendState::GetLayout() const
{
    return m_layout;
}

uint32_t
SelmcastSendState::GetGroupSize() const
{
    return m_groupSize;
}

uint32_t
SelmcastSendState::GetReceiverCount() const
{
    return static_cast<uint32_t>(m_receivers.size());
}

uint32_t
SelmcastSendState::GetLaneCount() const
{
    return static_cast<uint32_t>(m_lanes.size());
}

uint32_t
SelmcastSendState::GetLaneOf(uint32_t receiver) const
{
    NS_ASSERT(receiver < m_receivers.size());
    return m_lanePerReceiver ? receiver : 0;
}

bool
SelmcastSendState::PerReceiverRepairs(uint32_t receiver) const
{
    return !m_sharedRepairs || m_receivers[receiver].unicastRepairs;
}

bool
SelmcastSendState::IsLaneActive(uint32_t lane) const
{
    NS_ASSERT(lane < m_lanes.size());
    if (m_lanePerReceiver)
    {
        return m_receivers[lane].status == ReceiverStatus::ACTIVE;
    }
    return m_active > 0;
}

bool
SelmcastSendState::HasWork(uint32_t lane) const
{
    const Lane& l = m_lanes[lane];
    return IsLaneActive(lane) &&
           (l.pending > 0 || l.parityPending > 0 || l.nextOriginal < m_layout.GetSegmentCount());
}

bool
SelmcastSendState::IsOriginalPassDone(uint32_t lane) const
{
    return m_lanes[lane].nextOriginal >= m_layout.GetSegmentCount();
}

bool
SelmcastSendState::PopNext(uint32_t lane, Item& item)
{
    if (!IsLaneActive(lane))
    {
        return false;
    }
    Lane& l = m_lanes[lane];
    while (!l.repairs.empty())
    {
        uint32_t seq = l.repairs.front().first;
        uint32_t target = l.repairs.front().second;
        l.repairs.pop_front();
        // The entry's bit says whether it is still wanted: a receiver that left ACTIVE has its
        // bitmap cleared, which turns its queued entries stale without searching the queue.
        // A shared lane also carries per-receiver entries (unicast fallback): the target tells.
        bool shared = m_sharedRepairs && target == LANE_DESTINATION;
        uint32_t owner = m_lanePerReceiver ? lane : target;
        std::vector<bool>& queued = shared ? l.queued : m_receivers[owner].queued;
        if (seq >= queued.size() || !queued[seq])
        {
            continue;
        }
        queued[seq] = false;
        --l.pending;
        bool last;
        if (shared)
        {
            --l.sharedPending;
            last = l.sharedPending == 0;
        }
        else
        {
            --m_receivers[owner].pending;
            last = m_receivers[owner].pending == 0;
        }
        item = Item{seq, target, true, last};
        return true;
    }
    if (l.parityPending > 0 && PopParity(lane, item))
    {
        return true;
    }
    if (l.nextOriginal < m_layout.GetSegmentCount())
    {
        uint32_t seq = l.nextOriginal++;
        item = Item{seq, LANE_DESTINATION, false, seq + 1 == m_layout.GetSegmentCount()};
        return true;
    }
    return false;
}

bool
SelmcastSendState::PopParity(uint32_t lane, Item& item)
{
    Lane& l = m_lanes[lane];
    uint32_t group = 0;
    uint32_t target = LANE_DESTINATION;
    SelmcastParityQueue* queue = &l.parity;
    bool found = queue->Pop(group);
    for (uint32_t r = 0; !found && r < m_receivers.size(); ++r)
    {
        if (GetLaneOf(r) == lane && m_receivers[r].parity.Pop(group))
        {
            found = true;
            queue = &m_receivers[r].parity;
            target = m_lanePerReceiver ? LANE_DESTINATION : r;
        }
    }
    if (!found)
    {
        return false;
    }
    --l.parityPending;
    if (m_nextParity.empty())
    {
        m_nextParity.assign(
            SelmcastFecGroups(m_layout.GetSegmentCount(), m_groupSize).GetGroupCount(),
            0);
    }
    // A fresh index for every parity segment of a group, whoever it goes to; after the last
    // index the indices start again (receivers count a held one as a duplicate).
    uint32_t index = m_nextParity[group];
    m_nextParity[group] =
        (index + 1) %
        SelmcastFecGroups(m_layout.GetSegmentCount(), m_groupSize).GetParityIndexCount();
    item = Item{group, target, true, queue->GetPending() == 0, true, index};
    return true;
}

SelmcastParityQueue&
SelmcastSendState::ParityQueueOf(uint32_t lane, uint32_t target)
{
    if (m_sharedRepairs && target == LANE_DESTINATION)
    {
        return m_lanes[lane].parity;
    }
    return m_receivers[m_lanePerReceiver ? lane : target].parity;
}

uint32_t
SelmcastSendState::QueueParity(uint32_t receiver,
                               const std::vector<SelmcastRange>& groups,
                               Time now,
                               Time holdoff)
{
    uint32_t lane = GetLaneOf(receiver);
    Lane& l = m_lanes[lane];
    bool shared = !PerReceiverRepairs(receiver);
    SelmcastParityQueue& queue =
        ParityQueueOf(lane, shared || m_lanePerReceiver ? LANE_DESTINATION : receiver);
    SelmcastFecGroups fec(m_layout.GetSegmentCount(), m_groupSize);
    uint32_t added = 0;
    for (const auto& entry : groups)
    {
        // Parity is computed over the whole group: only a group the lane has sent wholly.
        if (entry.first >= fec.GetGroupCount() ||
            fec.GetFirst(entry.first) + fec.GetSourceCount(entry.first) > l.nextOriginal)
        {
            continue;
        }
        uint32_t missing = std::min(entry.count, fec.GetSourceCount(entry.first));
        added += queue.Request(entry.first, missing, now, holdoff);
    }
    l.parityPending += added;
    return added;
}

uint32_t
SelmcastSendState::AddRepairs(uint32_t receiver, const std::vector<SelmcastRange>& ranges)
{
    return QueueRepairs(receiver, ranges, Time(0), Time(0));
}

uint32_t
SelmcastSendState::AddRepairs(uint32_t receiver,
                              const std::vector<SelmcastRange>& ranges,
                              Time now,
                              Time holdoff)
{
    return QueueRepairs(receiver, ranges, now, holdoff);
}

uint32_t
SelmcastSendState::QueueRepairs(uint32_t receiver,
                                const std::vector<SelmcastRange>& ranges,
                                Time now,
                                Time holdoff)
{
    NS_ASSERT(receiver < m_receivers.size());
    Receiver& r = m_receivers[receiver];
    if (r.status != ReceiverStatus::ACTIVE)
    {
        return 0;
    }
    if (m_groupSize > 0)
    {
        return QueueParity(receiver, ranges, now, holdoff);
    }
    uint32_t laneIndex = GetLaneOf(receiver);
    Lane& l = m_lanes[laneIndex];
    bool shared = !PerReceiverRepairs(receiver);
    uint32_t target = (shared || m_lanePerReceiver) ? LANE_DESTINATION : receiver;
    std::vector<bool>& queued = shared ? l.queued : r.queued;
    const std::vector<int64_t>& repairedAt = shared ? l.repairedAt : r.repairedAt;
    // Repairs sent after this instant are still held off.
    int64_t recent = (now - holdoff).GetNanoSeconds();
    bool holding = holdoff.IsStrictlyPositive() && !repairedAt.empty();
    // Only segments the lane has sent once can be lost; later ones come with the original pass.
    uint64_t limit = l.nextOriginal;
    uint32_t added = 0;
    for (const auto& range : ranges)
    {
        uint64_t end = std::min<uint64_t>(static_cast<uint64_t>(range.first) + range.count, limit);
        for (uint64_t seq = range.first; seq < end; ++seq)
        {
            if (queued.empty())
            {
                queued.assign(m_layout.GetSegmentCount(), false);
            }
            if (queued[seq] || (holding && repairedAt[seq] > recent))
            {
                continue;
            }
            queued[seq] = true;
            l.repairs.emplace_back(static_cast<uint32_t>(seq), target);
            ++l.pending;
            if (shared)
            {
                ++l.sharedPending;
            }
            else
            {
                ++r.pending;
            }
            ++added;
        }
    }
    return added;
}

void
SelmcastSendState::NoteRepairSent(uint32_t lane, const Item& item, Time now)
{
    NS_ASSERT(lane < m_lanes.size());
    if (!item.repair)
    {
        return;
    }
    if (item.parity)
    {
        ParityQueueOf(lane, item.target).NoteSent(item.seq, now);
        return;
    }
    bool shared = m_sharedRepairs && item.target == LANE_DESTINATION;
    uint32_t owner = m_lanePerReceiver ? lane : item.target;
    std::vector<int64_t>& repairedAt =
        shared ? m_lanes[lane].repairedAt : m_receivers[owner].repairedAt;
    if (repairedAt.empty())
    {
        repairedAt.assign(m_layout.GetSegmentCount(), std::numeric_limits<int64_t>::min());
    }
    repairedAt[item.seq] = now.GetNanoSeconds();
}

SelmcastSendState::ReceiverStatus
SelmcastSendState::GetStatus(uint32_t receiver) const
{
    NS_ASSERT(receiver < m_receivers.size());
    return m_receivers[receiver].status;
}

void
SelmcastSendState::SetStatus(uint32_t receiver, ReceiverStatus status)
{
    NS_ASSERT(receiver < m_receivers.size());
    Receiver& r = m_receivers[receiver];
    if (r.status == status)
    {
        return;
    }
    if (r.status == ReceiverStatus::ACTIVE)
    {
        --m_active;
        if (PerReceiverRepairs(receiver))
        {
            // Its queue entries go stale (see PopNext); the counts forget them now.
            m_lanes[GetLaneOf(receiver)].pending -= r.pending;
            r.pending = 0;
            std::vector<bool>().swap(r.queued);
            m_lanes[GetLaneOf(receiver)].parityPending -= r.parity.GetPending();
            r.parity.Clear();
        }
    }
    else if (status == ReceiverStatus::ACTIVE)
    {
        ++m_active;
    }
    r.status = status;
}

uint32_t
SelmcastSendState::CountStatus(ReceiverStatus status) const
{
    uint32_t n = 0;
    for (const auto& r : m_receivers)
    {
        n += r.status == status ? 1 : 0;
    }
    return n;
}

bool
SelmcastSendState::IsDone() const
{
    return m_active == 0;
}

uint32_t
SelmcastSendState::AddPoll(uint32_t receiver)
{
    NS_ASSERT(receiver < m_receivers.size());
    return ++m_receivers[receiver].polls;
}

uint32_t
SelmcastSendState::GetPolls(uint32_t receiver) const
{
    NS_ASSERT(receiver < m_receivers.size());
    return m_receivers[receiver].polls;
}

void
SelmcastSendState::ResetPolls(uint32_t receiver)
{
    NS_ASSERT(receiver < m_receivers.size());
    m_receivers[receiver].polls = 0;
}

bool
SelmcastSendState::RecordNack(uint32_t receiver,
                              const std::vector<SelmcastRange>& ranges,
                              bool more)
{
    NS_ASSERT(receiver < m_receivers.size());
    Receiver& r = m_receivers[receiver];
    bool same = r.hasNack && r.lastMore == more && r.lastNack.size() == ranges.size() &&
                std::equal(ranges.begin(),
                           ranges.end(),
                           r.lastNack.begin(),
                           [](const SelmcastRange& a, const SelmcastRange& b) {
                               return a.first == b.first && a.count == b.count;
                           });
    if (!same)
    {
        r.hasNack = true;
        r.lastMore = more;
        r.lastNack = ranges;
    }
    return !same;
}

void
SelmcastSendState::SetUnicastRepairs(uint32_t receiver)
{
    NS_ASSERT(receiver < m_receivers.size());
    m_receivers[receiver].unicastRepairs = true;
}

bool
SelmcastSendState::HasUnicastRepairs(uint32_t receiver) const
{
    NS_ASSERT(receiver < m_receivers.size());
    return PerReceiverRepairs(receiver);
}

// ---------------------------------------------------------------------------------------------
// SelmcastPacer

SelmcastPacer::SelmcastPacer()
    : m_rate(0),
      m_anchor(0),
      m_lastSend(0),
      m_next(Time::Max())
{
}

void
SelmcastPacer::SetRate(DataRate rate)
{
    m_rate = rate;
    if (m_started)
    {
        // Measure the gap after the last packet again at the new rate.
        m_anchor = m_lastSend;
        m_runBytes = m_lastBytes;
    }
    Update();
}

DataRate
SelmcastPacer::GetRate() const
{
    return m_rate;
}

void
SelmcastPacer::OnSent(Time now, uint32_t bytes)
{
    if (!m_started || now > m_next)
    {
        // The lane was idle (or this is its first packet): a new run starts here, so idle time
        // is never saved up as credit for a burst.
        m_anchor = now;
        m_runBytes = bytes;
    }
    else
    {
        m_runBytes += bytes;
    }
    m_started = true;
    m_lastSend = now;
    m_lastBytes = bytes;
    Update();
}

Time
SelmcastPacer::GetNextSendTime() const
{
    return m_next;
}

void
SelmcastPacer::Update()
{
    uint64_t bps = m_rate.GetBitRate();
    if (bps == 0)
    {
        m_next = Time::Max();
        return;
    }
    if (!m_started)
    {
        m_next = Time(0);
        return;
    }
    // ceil(bits * 1e9 / bps) in 128 bits: 100 MB runs at any rate stay exact.
    unsigned __int128 num = static_cast<unsigned __int128>(m_runBytes) * 8 * 1000000000ULL;
    auto ns = static_cast<uint64_t>((num + bps - 1) / bps);
    m_next = m_anchor + NanoSeconds(static_cast<int64_t>(ns));
}

} // namespace ns3
