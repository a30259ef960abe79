/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fec.h"

#include "ns3/assert.h"

#include <algorithm>

namespace ns3
{

// ---------------------------------------------------------------------------------------------
// SelmcastFecGroups

SelmcastFecGroups::SelmcastFecGroups(uint32_t segments, uint32_t groupSize)
    : m_segments(segments),
      m_groupSize(groupSize)
{
    NS_ASSERT_MSG(segments > 0 && groupSize > 0 && groupSize <= MAX_GROUP_SIZE,
                  "invalid FEC groups: " << segments << " segments in groups of " << groupSize);
}

uint32_t
SelmcastFecGroups::GetGroupSize() const
{
    return m_groupSize;
}

uint32_t
SelmcastFecGroups::GetGroupCount() const
{
    return (m_segments - 1) / m_groupSize + 1;
}

uint32_t
SelmcastFecGroups::GetGroupOf(uint32_t seq) const
{
    return seq / m_groupSize;
}

uint32_t
SelmcastFecGroups::GetFirst(uint32_t group) const
{
    return group * m_groupSize;
}

uint32_t
SelmcastFecGroups::GetSourceCount(uint32_t group) const
{
    NS_ASSERT(group < GetGroupCount());
    return std::min(m_groupSize, m_segments - GetFirst(group));
}

uint32_t
SelmcastFecGroups::GetParityIndexCount() const
{
    return 65535 - m_groupSize;
}

// ---------------------------------------------------------------------------------------------
// SelmcastParityQueue

uint32_t
SelmcastParityQueue::Request(uint32_t group, uint32_t missing, Time now, Time holdoff)
{
    Group& g = m_groups[group];
    // Sends older than the holdoff have arrived (or are lost): the asker counted them.
    int64_t recent = (now - holdoff).GetNanoSeconds();
    while (!g.sentAt.empty() && (holdoff.IsZero() || g.sentAt.front() <= recent))
    {
        g.sentAt.pop_front();
    }
    uint64_t coming = uint64_t(g.pending) + g.sentAt.size();
    if (missing <= coming)
    {
        return 0;
    }
    uint32_t added = missing - static_cast<uint32_t>(coming);
    if (g.pending == 0)
    {
        m_order.push_back(group);
    }
    g.pending += added;
    m_pending += added;
    return added;
}

bool
SelmcastParityQueue::Pop(uint32_t& group)
{
    if (m_order.empty())
    {
        return false;
    }
    group = m_order.front();
    Group& g = m_groups[group];
    NS_ASSERT(g.pending > 0);
    --g.pending;
    --m_pending;
    if (g.pending == 0)
    {
        m_order.pop_front();
    }
    return true;
}

void
SelmcastParityQueue::NoteSent(uint32_t group, Time now)
{
    m_groups[group].sentAt.push_back(now.GetNanoSeconds());
}

uint32_t
SelmcastParityQueue::GetPending() const
{
    return m_pending;
}

void
SelmcastParityQueue::Clear()
{
    m_order.clear();
    m_groups.clear();
    m_pending = 0;
}

} // namespace ns3
