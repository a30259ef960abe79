/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TRANSFER_H
#define SELMCAST_TRANSFER_H

#include "selmcast-fec.h"
#include "selmcast-header.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The sender and receiver state of one parameter block, independent of who chose the receivers
 * and of how packets travel: segmentation, per-receiver bitmaps, duplicate detection, missing
 * ranges for NACKs, repair queues, receiver status and pacing. SelmcastWorker drives these with
 * sockets and events.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * How a block of \c blockSize bytes is cut into segments of \c segmentSize payload bytes: every
 * segment is full except possibly the last.
 */
class SelmcastBlockLayout
{
  public:
    /**
     * \param blockSize bytes of the block, > 0
     * \param segmentSize payload bytes per segment, > 0
     * The pair must give at most 2^32 - 1 segments (asserted; see IsValid).
     */
    SelmcastBlockLayout(uint64_t blockSize, uint32_t segmentSize);

    /**
     * \param blockSize bytes of the block
     * \param segmentSize payload bytes per segment
     * \return true when both are positive and the segment count fits 32 bits
     */
    static bool IsValid(uint64_t blockSize, uint32_t segmentSize);

    /** \return bytes of the block */
    uint64_t GetBlockSize() const;
    /** \return payload bytes of a full segment */
    uint32_t GetSegmentSize() const;
    /** \return number of segments, ceil(blockSize / segmentSize) */
    uint32_t GetSegmentCount() const;
    /**
     * \param seq a sequence number < GetSegmentCount()
     * \return payload bytes of segment seq
     */
    uint32_t GetPayloadSize(uint32_t seq) const;

  private:
    uint64_t m_blockSize;    //!< bytes of the block
    uint32_t m_segmentSize;  //!< payload bytes of a full segment
    uint32_t m_segmentCount; //!< number of segments
};

/**
 * \ingroup selmcast
 * What a receiver knows of one block: a bitmap of the segments it holds (one bit per segment,
 * no payload bytes), so duplicates are recognized and counted apart, and the missing runs can be
 * listed for a NACK.
 *
 * With FEC groups (parity repairs) it also counts the distinct segments, source or parity, of
 * each group: at k of them the group is decoded, and every source segment of it is held.
 */
class SelmcastReceiveState
{
  public:
    /** What became of one received segment. */
    enum class Outcome
    {
        NEW,       //!< first copy: counted
        DUPLICATE, //!< held already: not counted again
        INVALID,   //!< sequence number or payload length does not fit the layout
    };

    /**
     * \param layout the block's geometry
     * \param groupSize the FEC group size k of parity repairs, 0 for none (asserted at most
     *        SelmcastFecGroups::MAX_GROUP_SIZE)
     */
    explicit SelmcastReceiveState(const SelmcastBlockLayout& layout, uint32_t groupSize = 0);

    /** \return the block's geometry */
    const SelmcastBlockLayout& GetLayout() const;

    /**
     * Record a received segment.
     * \param seq its sequence number
     * \param payloadSize its payload length in bytes
     * \return whether it was new, a duplicate, or does not fit the layout
     */
    Outcome Receive(uint32_t seq, uint32_t payloadSize);

    /** \return the FEC group size k, 0 without parity repairs */
    uint32_t GetGroupSize() const;
    /**
     * Record a received parity segment (FEC groups only).
     * \param group its group
     * \param index its parity index
     * \param payloadSize its payload length: a full segment
     * \return NEW when it is a distinct segment of a group not yet decoded; DUPLICATE when the
     *         group is decoded or this index was held; INVALID without FEC groups, or when the
     *         group or the payload length does not fit
     */
    Outcome ReceiveParity(uint32_t group, uint32_t index, uint32_t payloadSize);
    /**
     * The groups not yet decoded in [fromGroup, toGroup), as (group, segments missing) pairs in
     * increasing order (NORM's NACK content with FEC). FEC groups only.
     * \param fromGroup the first group looked at
     * \param toGroup one past the last (clipped to the group count)
     * \param maxEntries at most this many pairs are returned
     * \param [out] more set to true when more groups are missing than returned
     * \return the first (up to) maxEntries pairs
     */
    std::vector<SelmcastRange> GetMissingGroups(uint32_t fromGroup,
                                                uint32_t toGroup,
                                                uint32_t maxEntries,
                                                bool& more) const;
    /** \return the FEC groups (asserted: groupSize > 0) */
    SelmcastFecGroups GetGroups() const;

    /** \return true when every segment is held */
    bool IsComplete() const;
    /** \return distinct block bytes held */
    uint64_t GetReceivedBytes() const;
    /** \return distinct segments held */
    uint32_t GetReceivedSegments() const;
    /** \return segments received more than once (extra copies) */
    uint32_t GetDuplicateSegments() const;
    /** \return payload bytes of the extra copies */
    uint64_t GetDuplicateBytes() const;

    /**
     * The missing segments as runs in increasing order.
     * \param maxRanges at most this many runs are returned
     * \param [out] more set to true when more runs are missing than returned
     * \return the first (up to) maxRanges missing runs
     */
    std::vector<SelmcastRange> GetMissingRanges(uint32_t maxRanges, bool& more) const;

    /**
     * The missing segments of [from, to) as runs in increasing order (a gap NACK: what was lost
     * between two received segments, not what has not been sent yet).
     * \param from the first sequence number looked at
     * \param to one past the last (clipped to the segment count)
     * \param maxRanges at most this many runs are returned
     * \param [out] more set to true when more runs are missing than returned
     * \return the first (up to) maxRanges missing runs within [from, to)
     */
    std::vector<SelmcastRange> GetMissingRanges(uint32_t from,
                                                uint32_t to,
                                                uint32_t maxRanges,
                                                bool& more) const;

    /**
     * Forget the bitmap once the block is complete: a complete block needs only its counters,
     * and a worker keeps the states of each sender's latest rounds (RoundsKept of them).
     */
    void ReleaseBitmap();

  private:
    /**
     * A distinct segment of a group arrived: decode the group once it has k.
     * \param group the group
     */
    void CountInGroup(uint32_t group);

    // What every segment reads or writes comes first, so that one arrival touches two cache
    // lines of the record, not four (at large n every record is cold when its packet arrives).
    SelmcastBlockLayout m_layout;    //!< geometry of the block
    uint32_t m_groupSize{0};         //!< FEC group size k, 0 without parity repairs
    uint32_t m_receivedSegments{0};  //!< distinct segments held
    uint64_t m_receivedBytes{0};     //!< distinct bytes held
    uint32_t m_firstIncomplete{0};   //!< the lowest group not decoded
    std::vector<bool> m_received;    //!< one bit per segment; empty once released
    std::vector<uint16_t> m_held;    //!< per group: distinct segments held (until decoded)
    uint32_t m_duplicateSegments{0}; //!< extra copies received
    uint64_t m_duplicateBytes{0};    //!< payload bytes of the extra copies
    std::unordered_map<uint32_t, std::vector<uint16_t>> m_parity; //!< parity indices held
};

/**
 * \ingroup selmcast
 * What a sender knows of one block it sends to a set of receivers.
 *
 * Output is organized in lanes, each paced on its own by the worker: L3 (multicast) has one lane
 * whose destination is the group, L7 (unicast) one lane per receiver. A lane first serves queued
 * repairs, then the next segment of its original pass. Repairs are queued on NACKs, either for
 * the requesting receiver only (per-receiver bitmaps, sent by unicast) or, in shared mode, once
 * for the whole lane (one bitmap, sent to the group), so a segment is queued at most once per
 * target however often it is requested.
 *
 * With FEC groups (parity repairs) a NACK lists (group, missing count) pairs instead, and the
 * repairs are parity segments of those groups, queued per target in a SelmcastParityQueue (one
 * parity segment repairs a different loss at each receiver of the group). Every parity segment
 * of a group gets a fresh index, whichever target it goes to.
 */
class SelmcastSendState
{
  public:
    /** Item target meaning "the lane's own destination" (the group, or the L7 receiver). */
    static constexpr uint32_t LANE_DESTINATION = 0xffffffff;

    /** Where a receiver stands. */
    enum class ReceiverStatus : uint8_t
    {
        ACTIVE, //!< still expected to complete
        ACKED,  //!< acknowledged the whole block
        PRUNED, //!< dropped by the caller mid-transfer
        FAILED, //!< did not answer polls: given up
    };

    /** One segment to send next. */
    struct Item
    {
        uint32_t seq{0};                   //!< sequence number
        uint32_t target{LANE_DESTINATION}; //!< receiver index, or LANE_DESTINATION
        bool repair{false};                //!< a retransmission
        bool last{false};                  //!< nothing more queued for this target: ask it
        bool parity{false};                //!< a parity segment: seq is its FEC group
        uint32_t parityIndex{0};           //!< its parity index (parity only)
    };

    /**
     * \param layout the block's geometry
     * \param receivers number of receivers, > 0
     * \param lanePerReceiver true for L7 (a lane per receiver), false for L3 (one lane)
     * \param sharedRepairs true to queue repairs once per lane for its destination (L3 multicast
     *        repairs); false to queue them per receiver (unicast repairs). Ignored for L7.
     * \param groupSize the FEC group size k of parity repairs; 0 repairs by resending segments
     */
    SelmcastSendState(const SelmcastBlockLayout& layout,
                      uint32_t receivers,
                      bool lanePerReceiver,
                      bool sharedRepairs,
                      uint32_t groupSize = 0);

    /** \return the block's geometry */
    const SelmcastBlockLayout& GetLayout() const;
    /** \return the FEC group size k, 0 when repairs resend segments */
    uint32_t GetGroupSize() const;
    /** \return number of receivers */
    uint32_t GetReceiverCount() const;
    /** \return number of lanes */
    uint32_t GetLaneCount() const;
    /**
     * \param receiver receiver index
     * \return the lane that carries its segments
     */
    uint32_t GetLaneOf(uint32_t receiver) const;

    /**
     * \param lane lane index
     * \return false when the lane has certainly nothing to send (it may still find nothing)
     */
    bool HasWork(uint32_t lane) const;
    /**
     * Take the next segment of a lane: a queued repair first, else the next original one.
     * \param lane lane index
     * \param [out] item what to send
     * \return false when the lane has nothing to send
     */
    bool PopNext(uint32_t lane, Item& item);
    /**
     * \param lane lane index
     * \return true when the lane has sent every segment once
     */
    bool IsOriginalPassDone(uint32_t lane) const;

    /**
     * Queue the repairs a receiver asked for. Segments its lane has not sent yet are skipped
     * (the original pass will bring them), so are those already queued. With FEC groups the
     * ranges are (group, missing count) pairs, groups not wholly sent are skipped, and a group
     * gets the parity segments its count asks for beyond those queued for the same target.
     * \param receiver receiver index (ignored unless ACTIVE)
     * \param ranges the missing runs it reported
     * \return number of segments newly queued
     */
    uint32_t AddRepairs(uint32_t receiver, const std::vector<SelmcastRange>& ranges);

    /**
     * Queue the repairs a receiver asked for, except the segments repaired for the same target
     * less than holdoff ago: their repair may still be on its way, and a NACK sent before it
     * arrived lists them again (NORM's repair holdoff). Otherwise as AddRepairs above.
     * \param receiver receiver index (ignored unless ACTIVE)
     * \param ranges the missing runs it reported
     * \param now the current time
     * \param holdoff how long a repaired segment is not queued again for the same target
     * \return number of segments newly queued
     */
    uint32_t AddRepairs(uint32_t receiver,
                        const std::vector<SelmcastRange>& ranges,
                        Time now,
                        Time holdoff);

    /**
     * Record that a repair item left, for the holdoff of AddRepairs.
     * \param lane the lane it was taken from
     * \param item the item PopNext returned (ignored unless a repair)
     * \param now the current time
     */
    void NoteRepairSent(uint32_t lane, const Item& item, Time now);

    /**
     * \param receiver receiver index
     * \return its status
     */
    ReceiverStatus GetStatus(uint32_t receiver) const;
    /**
     * Set a receiver's status; leaving ACTIVE drops its queued repairs.
     * \param receiver receiver index
     * \param status the new status
     */
    void SetStatus(uint32_t receiver, ReceiverStatus status);
    /**
     * \param status a status
     * \return number of receivers in it
     */
    uint32_t CountStatus(ReceiverStatus status) const;
    /** \return true when no receiver is ACTIVE */
    bool IsDone() const;
    /**
     * \param lane lane index
     * \return true when some receiver served by the lane is ACTIVE
     */
    bool IsLaneActive(uint32_t lane) const;

    /**
     * Count one more unanswered poll.
     * \param receiver receiver index
     * \return the polls since the receiver last answered
     */
    uint32_t AddPoll(uint32_t receiver);
    /**
     * \param receiver receiver index
     * \return the polls counted since the receiver last answered
     */
    uint32_t GetPolls(uint32_t receiver) const;
    /**
     * The receiver made progress (an ACK, or a NACK that RecordNack found new): its count of
     * unanswered polls starts again.
     * \param receiver receiver index
     */
    void ResetPolls(uint32_t receiver);

    /**
     * Remember a receiver's NACK and tell whether it shows progress. A receiver's missing set
     * only shrinks, so a NACK that lists other runs than its previous one shows that something
     * arrived; the same list again means nothing did since (a repair path that does not reach
     * it, or repairs lost again).
     * \param receiver receiver index
     * \param ranges the missing runs it reported
     * \param more the NACK's MORE flag
     * \return true for its first NACK and for one that differs from the previous one
     */
    bool RecordNack(uint32_t receiver, const std::vector<SelmcastRange>& ranges, bool more);

    /**
     * Queue this receiver's repairs for it alone from now on (sent by unicast), even when the
     * lane shares repairs: for a receiver that the lane's destination (the group) no longer
     * reaches. Repairs already queued for the lane stay queued.
     * \param receiver receiver index
     */
    void SetUnicastRepairs(uint32_t receiver);
    /**
     * \param receiver receiver index
     * \return true when its repairs are queued for it alone (unicast)
     */
    bool HasUnicastRepairs(uint32_t receiver) const;

  private:
    /** Per-lane state. */
    struct Lane
    {
        uint32_t nextOriginal{0};                          //!< next segment of the original pass
        std::deque<std::pair<uint32_t, uint32_t>> repairs; //!< (seq, target) in FIFO order
        std::vector<bool> queued;                          //!< shared mode: seq queued for lane
        uint32_t pending{0};                               //!< live entries in repairs
        uint32_t sharedPending{0};       //!< live shared entries among them (decides their LAST)
        std::vector<int64_t> repairedAt; //!< shared mode: ns of seq's last repair (lazily sized)
        SelmcastParityQueue parity;      //!< shared mode: parity segments for the destination
        uint32_t parityPending{0};       //!< parity segments queued in the lane, every target
    };

    /** Per-receiver state. */
    struct Receiver
    {
        ReceiverStatus status{ReceiverStatus::ACTIVE}; //!< where it stands
        uint32_t polls{0};                             //!< polls since its last answer
        std::vector<bool> queued;   //!< per-receiver mode: seq queued for it (lazily sized)
        uint32_t pending{0};        //!< live entries for it in its lane's queue
        bool unicastRepairs{false}; //!< shared lane, but repaired alone (fallback)
        bool hasNack{false};        //!< lastNack holds its previous NACK
        bool lastMore{false};       //!< the previous NACK's MORE flag
        std::vector<SelmcastRange> lastNack{}; //!< the previous NACK's runs
        std::vector<int64_t> repairedAt{};     //!< per-receiver mode: ns of seq's last repair
        SelmcastParityQueue parity{};          //!< per-receiver mode: parity segments for it
    };

    /**
     * \param receiver receiver index
     * \return true when its repairs are queued per receiver (not shared)
     */
    bool PerReceiverRepairs(uint32_t receiver) const;

    /**
     * \param receiver receiver index
     * \param ranges the missing runs it reported
     * \param now the current time
     * \param holdoff 0 for none
     * \return number of segments newly queued
     */
    uint32_t QueueRepairs(uint32_t receiver,
                          const std::vector<SelmcastRange>& ranges,
                          Time now,
                          Time holdoff);
    /**
     * QueueRepairs with FEC groups.
     * \param receiver receiver index, ACTIVE
     * \param groups the (group, missing count) pairs it reported
     * \param now the current time
     * \param holdoff 0 for none
     * \return number of parity segments newly queued
     */
    uint32_t QueueParity(uint32_t receiver,
                         const std::vector<SelmcastRange>& groups,
                         Time now,
                         Time holdoff);
    /**
     * Take the lane's next parity segment: the destination's first, then each receiver's.
     * \param lane lane index, active
     * \param [out] item what to send
     * \return false when the lane has no parity queued
     */
    bool PopParity(uint32_t lane, Item& item);
    /**
     * \param lane lane index
     * \param target the item target (LANE_DESTINATION or a receiver index)
     * \return the parity queue that serves that target
     */
    SelmcastParityQueue& ParityQueueOf(uint32_t lane, uint32_t target);

    SelmcastBlockLayout m_layout;       //!< geometry of the block
    bool m_lanePerReceiver;             //!< L7: lane i serves receiver i
    bool m_sharedRepairs;               //!< L3 multicast repairs
    std::vector<Lane> m_lanes;          //!< output lanes
    std::vector<Receiver> m_receivers;  //!< receivers, in the caller's order
    uint32_t m_active;                  //!< receivers in ACTIVE
    uint32_t m_groupSize;               //!< FEC group size, 0 without parity repairs
    std::vector<uint32_t> m_nextParity; //!< per group: the next fresh parity index (lazily sized)
};

/**
 * \ingroup selmcast
 * Paces one lane: packet k may leave no earlier than anchor + (bytes since anchor) / rate, with
 * the quotient rounded up to the nanosecond, so the lane never exceeds its rate and rounding does
 * not accumulate over a block. A new rate takes effect for the next packet: the gap after the
 * last packet is measured again at the new rate. A rate of 0 pauses the lane.
 */
class SelmcastPacer
{
  public:
    /** A paused pacer (rate 0) that has sent nothing. */
    SelmcastPacer();

    /**
     * \param rate the new rate (0 pauses)
     */
    void SetRate(DataRate rate);
    /** \return the current rate */
    DataRate GetRate() const;
    /**
     * Record a packet that left now.
     * \param now the current time
     * \param bytes the bytes it counts for
     */
    void OnSent(Time now, uint32_t bytes);
    /**
     * \return the earliest time the next packet may leave (Time::Max() when paused; 0 before the
     * first packet)
     */
    Time GetNextSendTime() const;

  private:
    /** Recompute m_next from the anchor. */
    void Update();

    DataRate m_rate;         //!< current rate
    bool m_started{false};   //!< a packet has been sent
    Time m_anchor;           //!< time the current run started
    uint64_t m_runBytes{0};  //!< bytes sent since (and including) the anchor packet
    Time m_lastSend;         //!< time of the last packet
    uint32_t m_lastBytes{0}; //!< bytes of the last packet
    Time m_next;             //!< earliest time of the next packet
};

} // namespace ns3

#endif /* SELMCAST_TRANSFER_H */
