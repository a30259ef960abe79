/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FEC_H
#define SELMCAST_FEC_H

#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <unordered_map>

/**
 * \file
 * \ingroup selmcast
 * Parity (FEC) repairs after NORM (RFC 5740) with a Reed-Solomon code (RFC 5510): the segments
 * of a block form groups of k source segments, and any k distinct segments of a group (source
 * or parity) give the group back. Payloads are virtual in ns-3, so the code is modelled exactly
 * in bookkeeping: a receiver counts the distinct segments of each group. This file holds the
 * group geometry and the sender's queue of parity segments for one target.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * How the segments of a block form FEC groups: group g holds segments [g k, min((g + 1) k,
 * segments)), so only the last group may be short (a shortened code).
 */
class SelmcastFecGroups
{
  public:
    /** The largest group size: a parity index is 16 bits (RS over GF(2^16), RFC 5510). */
    static constexpr uint32_t MAX_GROUP_SIZE = 1024;

    /**
     * \param segments segments of the block, > 0
     * \param groupSize k, in [1, MAX_GROUP_SIZE]
     */
    SelmcastFecGroups(uint32_t segments, uint32_t groupSize);

    /** \return k */
    uint32_t GetGroupSize() const;
    /** \return number of groups, ceil(segments / k) */
    uint32_t GetGroupCount() const;
    /**
     * \param seq a segment
     * \return its group
     */
    uint32_t GetGroupOf(uint32_t seq) const;
    /**
     * \param group a group < GetGroupCount()
     * \return its first segment
     */
    uint32_t GetFirst(uint32_t group) const;
    /**
     * \param group a group < GetGroupCount()
     * \return its source segments (k, or fewer for the last group)
     */
    uint32_t GetSourceCount(uint32_t group) const;
    /**
     * The parity indices of a group: an RS code over GF(2^16) has at most 65535 segments per
     * group, k of them source.
     * \return the number of distinct parity indices
     */
    uint32_t GetParityIndexCount() const;

  private:
    uint32_t m_segments;  //!< segments of the block
    uint32_t m_groupSize; //!< k
};

/**
 * \ingroup selmcast
 * The parity segments a sender owes one target (a multicast group, or one receiver): per FEC
 * group, how many are queued. A NACK that says a group misses m segments asks for m parity
 * segments; those already queued for the target, and those sent to it less than the holdoff
 * ago (they may still be on their way: the NACK left before they arrived), count towards them.
 * So NACKs of several receivers for one group are answered with as many parity segments as the
 * largest count among them (one parity segment repairs a different loss at each receiver).
 */
class SelmcastParityQueue
{
  public:
    /**
     * Ask for parity segments of a group.
     * \param group the group
     * \param missing segments the asker misses in it
     * \param now the current time
     * \param holdoff how long a parity segment sent to this target counts as on its way (0: not)
     * \return number of parity segments newly queued
     */
    uint32_t Request(uint32_t group, uint32_t missing, Time now, Time holdoff);
    /**
     * Take one queued parity segment, of the group asked for first.
     * \param [out] group its group
     * \return false when nothing is queued
     */
    bool Pop(uint32_t& group);
    /**
     * Record that a parity segment of a group left for this target, for the holdoff.
     * \param group the group
     * \param now the current time
     */
    void NoteSent(uint32_t group, Time now);
    /** \return parity segments queued */
    uint32_t GetPending() const;
    /** Forget everything queued and sent. */
    void Clear();

  private:
    /** One group's entry. */
    struct Group
    {
        uint32_t pending{0};          //!< parity segments queued
        std::deque<int64_t> sentAt{}; //!< ns of the recent sends, oldest first
    };

    std::deque<uint32_t> m_order;                 //!< groups with pending > 0, FIFO, once each
    std::unordered_map<uint32_t, Group> m_groups; //!< groups asked for
    uint32_t m_pending{0};                        //!< sum of pending
};

} // namespace ns3

#endif /* SELMCAST_FEC_H */
