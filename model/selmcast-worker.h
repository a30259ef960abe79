/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_WORKER_H
#define SELMCAST_WORKER_H

#include "selmcast-header.h"
#include "selmcast-transfer.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/rtt-estimator.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <unordered_map>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The worker application: sends parameter blocks reliably over UDP, to a multicast group (L3)
 * or to each receiver by unicast (L7), and receives the blocks of the other workers.
 */

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup selmcast
 * Everything a worker has counted since it was created.
 */
struct SelmcastWorkerCounters
{
    // Sending side.
    uint64_t segmentsSent{0};       //!< data segments sent, originals and repairs (L7: per copy)
    uint64_t dataBytesSent{0};      //!< block payload bytes in those segments
    uint64_t repairSegmentsSent{0}; //!< repair segments sent
    uint64_t repairBytesSent{0};    //!< block payload bytes in repair segments
    uint64_t pollsSent{0};          //!< polls sent to receivers that had not acknowledged
    uint64_t nacksReceived{0};      //!< valid NACKs for a transfer in flight
    uint64_t acksReceived{0};       //!< valid ACKs for a transfer in flight
    uint64_t sendErrors{0};         //!< Socket::SendTo failures (treated as losses)
    uint64_t transfersCompleted{0}; //!< transfers with no receiver left ACTIVE
    uint64_t receiversFailed{0};    //!< receivers given up (silent MaxPolls polls, or stalled)
    // Receiving side.
    uint64_t segmentsReceived{0};  //!< distinct data segments received
    uint64_t bytesReceived{0};     //!< distinct block bytes received
    uint64_t duplicateSegments{0}; //!< extra copies of segments already held
    uint64_t duplicateBytes{0};    //!< block bytes of those copies
    uint64_t pollsReceived{0};     //!< polls received
    uint64_t nacksSent{0};         //!< NACKs sent
    uint64_t acksSent{0};          //!< ACKs sent (on completion and in answer to polls)
    uint64_t blocksCompleted{0};   //!< blocks received whole
    // Either side.
    uint64_t malformedPackets{0}; //!< foreign, truncated or inconsistent packets dropped
    uint64_t staleControl{0};     //!< NACKs/ACKs for a transfer no longer in flight
    // Added later (kept at the end so that existing code stays source-compatible).
    uint64_t repairFallbacks{0}; //!< receivers switched from multicast to unicast repairs
    uint64_t staleData{0};       //!< data segments and polls for blocks whose record is gone
    uint64_t paritySent{0};      //!< parity segments sent (also in repairSegmentsSent)
    uint64_t parityReceived{0};  //!< parity segments received that counted towards a group
    uint64_t parityUnplaced{0};  //!< parity segments of a block this receiver had no record of
};

/**
 * \ingroup selmcast
 * The sender's summary of one finished transfer (trace source TransferComplete).
 */
struct SelmcastTransferReport
{
    uint32_t sender{0};             //!< the sending worker's id
    uint32_t round{0};              //!< round of the block
    bool unicast{false};            //!< L7 (one unicast stream per receiver) rather than L3
    uint64_t blockSize{0};          //!< bytes of the block
    uint32_t receivers{0};          //!< receivers the transfer started with
    uint32_t acked{0};              //!< receivers that acknowledged the whole block
    uint32_t pruned{0};             //!< receivers dropped by PruneReceiver
    uint32_t failed{0};             //!< receivers given up after MaxPolls unanswered polls
    uint64_t segmentsSent{0};       //!< data segments sent, originals and repairs
    uint64_t dataBytesSent{0};      //!< block payload bytes in them
    uint64_t repairSegmentsSent{0}; //!< repair segments among them
    uint64_t repairBytesSent{0};    //!< block payload bytes in repairs
    uint64_t pollsSent{0};          //!< polls sent
    uint64_t nacksReceived{0};      //!< NACKs received
    Time start;                     //!< when StartBlock was called
    Time end;                       //!< when the last receiver left ACTIVE
};

/**
 * \ingroup selmcast
 * A receiver's summary of one block it holds whole (trace source BlockComplete).
 */
struct SelmcastBlockReport
{
    uint32_t receiver{0};          //!< this (receiving) worker's id
    uint32_t sender{0};            //!< sending worker's id
    uint32_t round{0};             //!< round of the block
    uint64_t bytes{0};             //!< distinct bytes held: the block size
    uint32_t segments{0};          //!< distinct segments held
    uint32_t duplicateSegments{0}; //!< extra copies received so far
    uint64_t duplicateBytes{0};    //!< block bytes of those copies
    Time firstReceived;            //!< when the first segment (or poll) of the block arrived
    Time completed;                //!< when the last missing segment arrived
};

/**
 * \ingroup selmcast
 * A data-parallel worker's network side: sends its parameter blocks and receives the others'.
 *
 * **Sending.** StartBlock (L3) sends a block of BlockSize bytes as segments of SegmentSize
 * payload bytes to a multicast group; StartBlockL7 sends it to every receiver by unicast. Each
 * output lane (the group for L3, each receiver for L7) is paced at its rate on block payload
 * bytes (plus PacingOverhead per packet) and never faster; SetRate and its relatives take
 * effect for the next segment, and a rate of 0 pauses. Payloads are virtual.
 *
 * **Reliability (NACK-based, sender-polled, after NORM, RFC 5740).**
 * - Data segments carry (sender, round, seq, block geometry). The final segment of the original
 *   pass, and (after the pass) the final repair queued for a target, carry the LAST flag.
 * - A receiver keeps a bitmap per block. When an original segment skips segments it never saw
 *   (GapNacks), it NACKs that gap at once (unicast to the sender), so repairs flow during the
 *   original pass. On a LAST segment it is missing something, it sends a NACK of the whole
 *   block with up to MaxNackRanges missing runs (flag MORE when there are more). On completion
 *   it sends an ACK.
 * - The sender queues the requested segments ahead of its original pass and sends them paced
 *   like data: to the group on the transfer's own tree (RepairMode Multicast, L3 default: one
 *   copy serves every receiver that lost the same segment, the others count it as a duplicate)
 *   or by unicast to the requester (RepairMode Unicast; L7 always). NACKs are aggregated at the
 *   sender: a segment is queued at most once per target, and not again for the same target
 *   within the repair holdoff (the measured answer time) after its repair left, since a NACK
 *   sent before that repair arrived lists it again.
 * - When a lane has nothing left to send and some of its receivers have not acknowledged, the
 *   sender polls them (unicast POLL, no payload); a receiver answers with an ACK or a NACK, so
 *   lost last segments, repairs, NACKs and ACKs are all recovered. A poll to a receiver that
 *   never saw the block sets it up from the poll's geometry (it NACKs everything).
 * - Every timer is the answer time: the time from a LAST segment or poll to the receiver's
 *   answer is an RTT sample (ns3::RttMeanDeviation), the answer time is estimate + 4 x
 *   variation (before any sample: four frames at the lane's rate), at least MinRepairTimeout.
 *   An idle lane polls after the answer time, doubled after every unanswered poll round (at
 *   most PollBackoffLimit times, at most RepairTimeout).
 * - A receiver is given up (FAILED, trace ReceiverFailed) only when it stays silent for MaxPolls
 *   polls, counted at the pace of a receiver polled alone, and for at least RepairTimeout (a
 *   failed link, a stopped worker), or when it answers MaxStalledPolls times in a row without
 *   progress (its NACKs reach the sender but no repair reaches it). Any answer restarts the
 *   silence, so loss alone, random or in bursts, never gives up a receiver whose link is up.
 *   The transfer completes when no receiver is ACTIVE (all ACKED, PRUNED or FAILED).
 * - RepairKind Parity (NORM's FEC repairs, RFC 5740 with Reed-Solomon, RFC 5510): the segments
 *   form groups of FecGroupSize, and any k distinct segments of a group, source or parity, give
 *   it back (modelled exactly in bookkeeping: the payloads are virtual). Source segments and
 *   polls carry k; receivers NACK (group, missing count) pairs, a gap NACK whenever the pass
 *   leaves a group incomplete; the sender answers a group with fresh parity segments, as many
 *   as the largest count asked (those queued or sent within the holdoff count towards it).
 * - With multicast repairs, a receiver whose NACK repeats unchanged FallbackNacks times in a row
 *   is repaired by unicast from then on (counter repairFallbacks): the group may no longer reach
 *   it (a pruned branch, a removed tree), while its NACKs still reach the sender.
 *
 * **Rounds.** The rounds of one worker must increase: StartBlock and StartBlockL7 refuse a round
 * that is not above every round this worker started before. Receivers identify a block by
 * (sender, round) and remember the blocks they completed, so a reused round would be
 * acknowledged at once from the old record, without data.
 *
 * **Receiving.** One UDP socket bound to Port receives data for any (sender, round); duplicates
 * are counted apart and never twice. All workers of a run must share BlockSize and SegmentSize:
 * a data segment or poll of another block geometry is dropped as malformed before any state is
 * made for it, so a crafted header cannot make a receiver allocate a huge bitmap. A completed
 * block keeps a small record without its bitmap (a few dozen bytes), so a late copy is still a
 * duplicate. A receiver keeps the records of the RoundsKept latest rounds of each sender (complete
 * or not) and forgets older ones, so memory stays bounded over long runs; for a sender's last 64
 * forgotten rounds it still knows which blocks were complete. A data segment or poll for a
 * forgotten round is counted (staleData) and dropped, a poll or LAST segment of a block that was
 * complete is answered with an ACK. (This relies on increasing rounds: a block older than what a
 * receiver forgot is never new.) A foreign, truncated or inconsistent packet is counted
 * (malformedPackets) and reported through trace source Malformed, then dropped.
 *
 * Receiver selection is not this class's business: with ns-3 multicast, whoever the tree
 * reaches receives (see the multicast tree helper).
 */
class SelmcastWorker : public Application
{
  public:
    /** How repairs travel in L3 transfers. */
    enum RepairMode
    {
        REPAIR_UNICAST,   //!< to the receiver that asked, by unicast
        REPAIR_MULTICAST, //!< to the group, once per segment however many asked
    };

    /** What a repair is. */
    enum RepairKind
    {
        REPAIR_SOURCE, //!< the lost segment sent again
        REPAIR_PARITY, //!< a parity segment of the lost segment's FEC group
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** A worker with default attributes; it opens its socket when the application starts. */
    SelmcastWorker();
    ~SelmcastWorker() override;

    /**
     * Bytes each data packet adds to its block payload up to the IP layer: IPv4 (20), UDP (8)
     * and the data header. A 1500-byte MTU leaves 1500 - GetFrameOverhead() payload bytes, the
     * default SegmentSize.
     * \return the overhead in bytes
     */
    static uint32_t GetFrameOverhead();

    /**
     * Start sending a block of BlockSize bytes to a multicast group (L3). The group's routes
     * must already reach exactly the receivers (and the sender must have a route for the group).
     * \param round the round: identifies the block at the receivers; above every round this
     *        worker started before (rounds must increase, see the class description)
     * \param group an IPv4 multicast address
     * \param receivers the receivers' unicast addresses (for NACKs, ACKs, polls and unicast
     *        repairs); non-empty, no duplicates
     * \param rate the sending rate (block payload bytes); 0 starts paused
     * \return false when the application is not running or the round is not above every round
     *         this worker started before (in flight or finished)
     *
     * Aborts when receivers is empty, lists an address twice or lists this worker, and when
     * BlockSize needs 2^32 or more segments: those are errors of the caller.
     */
    bool StartBlock(uint32_t round,
                    Ipv4Address group,
                    std::vector<Ipv4Address> receivers,
                    DataRate rate);

    /**
     * Start sending a block of BlockSize bytes to every receiver by unicast (L7).
     * \param round the round: identifies the block at the receivers; above every round this
     *        worker started before (rounds must increase, see the class description)
     * \param receivers the receivers' unicast addresses; non-empty, no duplicates
     * \param rate the rate of each receiver's stream (the sender sends receivers.size() times
     *        this in all); 0 starts paused
     * \return false when the application is not running or the round is not above every round
     *         this worker started before (in flight or finished)
     *
     * Aborts when receivers is empty, lists an address twice or lists this worker, and when
     * BlockSize needs 2^32 or more segments: those are errors of the caller.
     */
    bool StartBlockL7(uint32_t round, std::vector<Ipv4Address> receivers, DataRate rate);

    /**
     * Stop serving a receiver: it is no longer waited for, polled or repaired; for L7 its stream
     * stops. (For L3, pruning the multicast tree is the tree helper's job.)
     * \param round the transfer's round
     * \param receiver the receiver's address
     * \return false when no such transfer or receiver is in flight
     */
    bool PruneReceiver(uint32_t round, Ipv4Address receiver);

    /**
     * Set the rate of every lane of every transfer in flight, from the next segment on.
     * \param rate the new rate (0 pauses)
     */
    void SetRate(DataRate rate);
    /**
     * Set the rate of every lane of one transfer, from the next segment on.
     * \param round the transfer's round
     * \param rate the new rate (0 pauses)
     * \return false when no such transfer is in flight
     */
    bool SetTransferRate(uint32_t round, DataRate rate);
    /**
     * Set the rate of the lane that serves one receiver (L7: its stream; L3: the whole group).
     * \param round the transfer's round
     * \param receiver the receiver's address
     * \param rate the new rate (0 pauses)
     * \return false when no such transfer or receiver is in flight
     */
    bool SetReceiverRate(uint32_t round, Ipv4Address receiver, DataRate rate);

    /**
     * \param round a round
     * \return true while the transfer of that round is in flight
     */
    bool IsSending(uint32_t round) const;

    /**
     * \param sender the sending worker's id
     * \param round the round
     * \return true when this worker holds the whole block (also for a forgotten record, when
     *         it still knows the block was complete)
     */
    bool IsBlockComplete(uint32_t sender, uint32_t round) const;
    /**
     * \param sender the sending worker's id
     * \param round the round
     * \return distinct bytes of that block held (0 if never seen; BlockSize for a forgotten
     *         record of a block known complete, 0 for another forgotten one)
     */
    uint64_t GetReceivedBytes(uint32_t sender, uint32_t round) const;
    /**
     * \return the blocks this worker keeps a receive record of (at most RoundsKept per sender)
     */
    uint32_t GetIncomingRecordCount() const;

    /**
     * The load this worker reports to the controller in its READY (SelmcastControlHeader).
     * - inFlight: its own transfers in flight with at least one lane at a rate above 0
     *   (sending), plus the blocks it is receiving: the senders whose latest block with a
     *   receive record here is not complete (a sender has at most one block in flight, its
     *   latest; a block whose sender gave this receiver up counts until that sender's next
     *   block reaches it).
     * - queued: its own transfers in flight whose every lane is paused (rate 0), e.g. held
     *   back by a deadline-priority rate policy: started, waiting for bandwidth.
     * \param[out] inFlight transfers sending or receiving
     * \param[out] queued transfers started but paused
     */
    void GetLoad(uint32_t& inFlight, uint32_t& queued) const;

    /** \return the counters */
    const SelmcastWorkerCounters& GetCounters() const;
    /** \return the id this worker puts in its headers */
    uint32_t GetWorkerId() const;
    /** \return the UDP port it sends from and listens on */
    uint16_t GetPort() const;

    /**
     * TracedCallback signature for data segments sent or received.
     * \param header the segment's header
     * \param payloadBytes its block payload bytes
     * \param peer the destination (sent) or the source (received)
     */
    typedef void (*SegmentTracedCallback)(const SelmcastDataHeader& header,
                                          uint32_t payloadBytes,
                                          Ipv4Address peer);
    /**
     * TracedCallback signature for data segments received.
     * \param header the segment's header
     * \param payloadBytes its block payload bytes
     * \param peer the source
     * \param duplicate true when the segment was held already (not counted again)
     */
    typedef void (*SegmentReceivedTracedCallback)(const SelmcastDataHeader& header,
                                                  uint32_t payloadBytes,
                                                  Ipv4Address peer,
                                                  bool duplicate);
    /**
     * TracedCallback signature for a block received whole.
     * \param report the receiver's summary
     */
    typedef void (*BlockCompleteTracedCallback)(const SelmcastBlockReport& report);
    /**
     * TracedCallback signature for a finished transfer, and for a started one (TransferStarted:
     * only sender, round, unicast, blockSize, receivers and start are set).
     * \param report the sender's summary
     */
    typedef void (*TransferCompleteTracedCallback)(const SelmcastTransferReport& report);
    /**
     * TracedCallback signature for a receiver given up.
     * \param round the transfer's round
     * \param receiver the receiver's address
     */
    typedef void (*ReceiverFailedTracedCallback)(uint32_t round, Ipv4Address receiver);
    /**
     * TracedCallback signature for a dropped packet.
     * \param packet the packet as received (UDP payload)
     * \param from its source address
     */
    typedef void (*MalformedTracedCallback)(Ptr<const Packet> packet, const Address& from);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** One paced output of a transfer. */
    struct Lane
    {
        Ipv4Address destination; //!< the group (L3) or the receiver (L7)
        SelmcastPacer pacer;     //!< when the next segment may leave
        EventId sendEvent;       //!< the next SendNext
        EventId pollEvent;       //!< the next Poll while the lane is idle
        uint32_t quietPolls{0};  //!< poll rounds since the lane last had news: the backoff
    };

    /** A block this worker is sending. */
    struct Outgoing
    {
        /**
         * \param layout the block's geometry
         * \param receivers number of receivers
         * \param unicast L7
         * \param sharedRepairs L3 multicast repairs
         * \param groupSize FEC group size of parity repairs, 0 for none
         */
        Outgoing(const SelmcastBlockLayout& layout,
                 uint32_t receivers,
                 bool unicast,
                 bool sharedRepairs,
                 uint32_t groupSize);

        SelmcastSendState state;            //!< queues and receiver status
        std::vector<Ipv4Address> receivers; //!< receiver addresses, by index
        std::vector<Time> askedAt;     //!< per receiver: last LAST or poll sent (Max: answered)
        std::vector<uint32_t> stalled; //!< per receiver: answers in a row without progress
        std::vector<uint32_t> repeats; //!< per receiver: unchanged NACKs in a row
        std::vector<Time> counted;     //!< per receiver: last poll counted as unanswered
        std::vector<Time> heard;       //!< per receiver: its last answer (or the start)
        std::vector<Lane> lanes;       //!< paced outputs
        SelmcastTransferReport report; //!< running summary
    };

    /** A block this worker is receiving (or has received). */
    struct Incoming
    {
        /**
         * \param layout the block's geometry
         * \param groupSize the sender's FEC group size, 0 for none
         * \param sender where to send NACKs and ACKs
         * \param now when the first packet arrived
         */
        Incoming(const SelmcastBlockLayout& layout,
                 uint32_t groupSize,
                 const InetSocketAddress& sender,
                 Time now);

        // Written by every segment: next to the key and the state's counters.
        uint32_t nextOriginal{0};   //!< one past the highest original segment received
        InetSocketAddress sender;   //!< the sender's address and port, for answers
        Time firstReceived;         //!< when the first packet arrived
        SelmcastReceiveState state; //!< bitmap and counts
    };

    /**
     * Common part of StartBlock and StartBlockL7.
     * \param round the round
     * \param unicast L7
     * \param group the group (L3)
     * \param receivers the receivers
     * \param rate the rate of every lane
     * \return false when not running or the round is in flight
     */
    bool Start(uint32_t round,
               bool unicast,
               Ipv4Address group,
               const std::vector<Ipv4Address>& receivers,
               DataRate rate);
    /**
     * \param out the transfer
     * \param parity true for a parity segment
     * \return the FEC flag of the transfer's source segments and polls, or FLAG_PARITY
     */
    static uint16_t FecFlag(const Outgoing& out, bool parity);
    /**
     * Send the next segment of a lane, then schedule the one after.
     * \param round the transfer's round
     * \param lane the lane
     */
    void SendNext(uint32_t round, uint32_t lane);
    /**
     * Schedule the lane's next SendNext at its pacer's time (nothing if paused).
     * \param round the transfer's round
     * \param out the transfer
     * \param lane the lane
     */
    void ScheduleLane(uint32_t round, Outgoing& out, uint32_t lane);
    /**
     * New work (repairs, a rate) for a lane: send it as soon as the pacer allows.
     * \param round the transfer's round
     * \param out the transfer
     * \param lane the lane
     */
    void WakeLane(uint32_t round, Outgoing& out, uint32_t lane);
    /**
     * The lane has nothing to send: arm its poll timer if receivers still owe an answer.
     * \param round the transfer's round
     * \param out the transfer
     * \param lane the lane
     */
    void LaneIdle(uint32_t round, Outgoing& out, uint32_t lane);
    /**
     * \param out the transfer
     * \param lane the lane
     * \return how long the idle lane waits before its next poll round
     */
    Time GetPollTimeout(const Outgoing& out, uint32_t lane) const;
    /**
     * A receiver was asked to answer (by a LAST segment or a poll): start its RTT sample.
     * \param out the transfer
     * \param receiver the receiver index
     */
    void NoteAsked(Outgoing& out, uint32_t receiver);
    /**
     * A receiver answered (NACK or ACK): take the RTT sample and reset its lane's backoff; reset
     * its poll count only on progress, so a receiver that answers without ever progressing is
     * still given up after MaxPolls polls.
     * \param out the transfer
     * \param receiver the receiver index
     * \param progress an ACK, or a NACK that differs from the receiver's previous one
     */
    void NoteAnswer(Outgoing& out, uint32_t receiver, bool progress);
    /**
     * Poll the lane's receivers that have not acknowledged; give up those that stayed silent
     * for MaxPolls polls.
     * \param round the transfer's round
     * \param lane the lane
     */
    void Poll(uint32_t round, uint32_t lane);
    /**
     * Set a lane's rate and reschedule it.
     * \param round the transfer's round
     * \param out the transfer
     * \param lane the lane
     * \param rate the new rate
     */
    void SetLaneRate(uint32_t round, Outgoing& out, uint32_t lane, DataRate rate);
    /**
     * Close a transfer once no receiver is ACTIVE: cancel its events, report it, forget it.
     * \param round the transfer's round
     */
    void Finish(uint32_t round);
    /**
     * \param out the transfer
     * \param address a receiver address
     * \return its index, or the receiver count when it is not one of them
     */
    static uint32_t FindReceiver(const Outgoing& out, Ipv4Address address);

    /**
     * Socket receive callback: drain and dispatch.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * A data segment or poll arrived.
     * \param packet the UDP payload
     * \param from its source
     */
    void HandleData(Ptr<Packet> packet, const InetSocketAddress& from);
    /**
     * A NACK arrived.
     * \param packet the UDP payload
     * \param from its source
     */
    void HandleNack(Ptr<Packet> packet, const InetSocketAddress& from);
    /**
     * An ACK arrived.
     * \param packet the UDP payload
     * \param from its source
     */
    void HandleAck(Ptr<Packet> packet, const InetSocketAddress& from);
    /**
     * Count and report a dropped packet.
     * \param packet the UDP payload
     * \param from its source
     */
    void DropMalformed(Ptr<const Packet> packet, const Address& from);
    /**
     * Answer the sender of a block with a NACK of what is missing.
     * \param sender the sender's id
     * \param round the round
     * \param in the block's state
     */
    void SendNack(uint32_t sender, uint32_t round, const Incoming& in);
    /**
     * Send a NACK of the missing runs of [from, to) only (with FEC groups: of the incomplete
     * groups in [from, to), from and to counting groups); nothing when none is missing.
     * \param sender the sender's id
     * \param round the round
     * \param in the block's state
     * \param from the first sequence number looked at
     * \param to one past the last
     */
    void SendNack(uint32_t sender, uint32_t round, const Incoming& in, uint32_t from, uint32_t to);
    /**
     * An original (not a repair) segment arrived: when it skips segments never seen, NACK that
     * gap at once (GapNacks), so repairs flow during the pass instead of after it.
     * \param header its header
     * \param in the block's state
     */
    void NoteOriginal(const SelmcastDataHeader& header, Incoming& in);
    /**
     * Record a received data segment (source or parity) in a block's state, count it and trace
     * it.
     * \param header its header
     * \param payload its payload bytes
     * \param from its source
     * \param in the block's state
     * \return what became of it
     */
    SelmcastReceiveState::Outcome Take(const SelmcastDataHeader& header,
                                       uint32_t payload,
                                       const InetSocketAddress& from,
                                       Incoming& in);
    /**
     * \param lane the lane
     * \return the answer time: how long a repaired segment is not repaired again for the same
     * target, and the first poll wait. The measured answer time (estimate + 4 x variation), at
     * least MinRepairTimeout; before any was measured, four frames at the lane's rate (at least
     * MinRepairTimeout, at most RepairTimeout)
     */
    Time GetRepairHoldoff(const Lane& lane) const;
    /**
     * \param lane the lane
     * \param quiet poll rounds without an answer
     * \return the wait before the next poll round: the answer time doubled per quiet round,
     * at most PollBackoffLimit times, at most RepairTimeout
     */
    Time GetBackoff(const Lane& lane, uint32_t quiet) const;
    /**
     * Poll one receiver of an idle lane, or give it up when it stayed silent for MaxPolls
     * counted polls. A poll counts only when at least half the wait of a receiver polled alone
     * passed since the last counted one, so polls that come faster (other receivers of the
     * lane answered) do not shorten the silence that gives a receiver up.
     * \param round the transfer's round
     * \param out the transfer
     * \param r the receiver index
     */
    void PollReceiver(uint32_t round, Outgoing& out, uint32_t r);
    /**
     * Tell the sender of a block that it is held whole.
     * \param sender the sender's id
     * \param round the round
     * \param bytes the block bytes held
     * \param to the sender's address and port
     */
    void SendAck(uint32_t sender, uint32_t round, uint64_t bytes, const InetSocketAddress& to);

    /** What a receiver remembers of one sender's rounds, to keep its records bounded. */
    struct SenderHistory
    {
        std::set<uint32_t> rounds; //!< rounds with a record in m_incoming
        bool forgotAny{false};     //!< some record of this sender was forgotten
        uint32_t forgottenUpTo{0}; //!< the highest forgotten round (every record below is gone)
        uint64_t completeMask{0};  //!< bit d: round forgottenUpTo - d was complete when forgotten
        /**
         * \param round a round
         * \return true when the round is at or below the forgotten ones: no record can be made
         */
        bool IsForgotten(uint32_t round) const;
        /**
         * \param round a forgotten round
         * \return true when its block is known to have been complete
         */
        bool WasComplete(uint32_t round) const;
        /**
         * Note a round as forgotten; rounds are forgotten in increasing order.
         * \param round the round, above forgottenUpTo
         * \param complete whether its block was complete
         */
        void Forget(uint32_t round, bool complete);
    };

    /**
     * Drop the record of a block and remember it in the sender's history.
     * \param sender the sender's id
     * \param round the round, the sender's oldest with a record
     */
    void ForgetRecord(uint32_t sender, uint32_t round);
    /**
     * A data segment or poll for a round whose record was forgotten: count it; answer a poll or
     * LAST segment of a block known complete with an ACK.
     * \param header the packet's header
     * \param from its source
     * \param history the sender's history
     */
    void HandleForgotten(const SelmcastDataHeader& header,
                         const InetSocketAddress& from,
                         const SenderHistory& history);

    /**
     * \param sender a sender id
     * \param round a round
     * \return the key of m_incoming
     */
    static uint64_t Key(uint32_t sender, uint32_t round);

    // Attributes.
    uint32_t m_workerId;       //!< id carried in headers
    uint16_t m_port;           //!< UDP port to send from and listen on
    uint64_t m_blockSize;      //!< bytes per block
    uint32_t m_segmentSize;    //!< block payload bytes per segment
    RepairMode m_repairMode;   //!< how L3 repairs travel
    RepairKind m_repairKind;   //!< what a repair is
    uint32_t m_fecGroupSize;   //!< k of parity repairs
    Time m_repairTimeout;      //!< the longest (and the first) poll timeout
    Time m_minRepairTimeout;   //!< the shortest poll timeout
    uint32_t m_maxPolls;       //!< consecutive unanswered polls before giving up
    uint32_t m_maxStalled;     //!< answers in a row without progress before giving up
    uint32_t m_fallbackNacks;  //!< unchanged NACKs in a row before unicast repairs
    bool m_gapNacks;           //!< receivers NACK gaps during the pass
    uint32_t m_backoffLimit;   //!< doublings of the poll wait at most
    uint32_t m_maxNackRanges;  //!< ranges per NACK
    uint32_t m_pacingOverhead; //!< bytes added per packet when pacing
    uint32_t m_roundsKept;     //!< receive records kept per sender

    Ptr<Socket> m_socket;                                  //!< the one UDP socket
    Ptr<RttMeanDeviation> m_rtt;                           //!< answer-time estimate for polls
    bool m_running;                                        //!< between Start- and StopApplication
    std::map<uint32_t, Outgoing> m_outgoing;               //!< transfers in flight, by round
    std::unordered_map<uint64_t, Incoming> m_incoming;     //!< blocks seen, by (sender, round)
    std::unordered_map<uint32_t, SenderHistory> m_history; //!< kept/forgotten rounds, by sender
    bool m_startedAny;                                     //!< some block was started
    uint32_t m_lastStartedRound;                           //!< the highest round started
    SelmcastWorkerCounters m_counters;                     //!< everything counted

    /// A data segment (original or repair) was sent.
    TracedCallback<const SelmcastDataHeader&, uint32_t, Ipv4Address> m_segmentSentTrace;
    /// A repair segment was sent (also reported by m_segmentSentTrace).
    TracedCallback<const SelmcastDataHeader&, uint32_t, Ipv4Address> m_repairSentTrace;
    /// A valid data segment was received (new or duplicate).
    TracedCallback<const SelmcastDataHeader&, uint32_t, Ipv4Address, bool> m_segmentReceivedTrace;
    /// A block became complete at this receiver.
    TracedCallback<const SelmcastBlockReport&> m_blockCompleteTrace;
    /// A transfer of this sender finished.
    TracedCallback<const SelmcastTransferReport&> m_transferCompleteTrace;
    /// A transfer of this sender started (same signature as TransferComplete).
    TracedCallback<const SelmcastTransferReport&> m_transferStartedTrace;
    /// A receiver was given up.
    TracedCallback<uint32_t, Ipv4Address> m_receiverFailedTrace;
    /// A packet was dropped as malformed or foreign.
    TracedCallback<Ptr<const Packet>, const Address&> m_malformedTrace;
};

} // namespace ns3

#endif /* SELMCAST_WORKER_H */
