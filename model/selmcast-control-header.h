/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_CONTROL_HEADER_H
#define SELMCAST_CONTROL_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The wire format of the control path between the trainers (on the workers) and the controller:
 * readiness reports, assignments, rate changes, prunes, completions, round starts and
 * heartbeats, carried by UDP unicast on their own port. Nothing else parses these bytes.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * The control message types (wire values).
 */
enum class SelmcastControlType : uint8_t
{
    READY = 1,     //!< worker -> controller: round computed, bandwidths and load
    ASSIGN = 2,    //!< controller -> sender: send the round's block to these receivers
    RATE = 3,      //!< controller -> sender: new rates for a transfer in flight
    PRUNE = 4,     //!< controller -> sender: stop serving these receivers
    DONE = 5,      //!< sender -> controller: the transfer finished, who got the block
    START = 6,     //!< controller -> worker: compute this round (or stop: FLAG_FINISH)
    HEARTBEAT = 7, //!< worker -> controller: still alive (computing or sending)
};

/**
 * \ingroup selmcast
 * One receiver of an ASSIGN, RATE or PRUNE: who, where, and at what rate.
 */
struct SelmcastControlEntry
{
    uint32_t id{0};      //!< the receiver's worker id
    Ipv4Address address; //!< its unicast address (for NACKs, ACKs, polls and L7 streams)
    uint64_t rate{0};    //!< sending rate in bit/s (block bytes plus the pacing overhead)
};

/**
 * \ingroup selmcast
 * Every control message: one class, the type in the prefix chooses the body.
 *
 * Prefix (8 bytes): magic "SC" (2) | version (1) | type (1) | flags (2) | count (2), then
 * worker (4) | round (4), then the body of the type (network byte order):
 * - READY: ingress bit/s (8) | egress bit/s (8) | transfers in flight (4) | queued (4)
 * - ASSIGN, RATE, PRUNE: group (4), then count entries of id (4) | address (4) | rate (8)
 * - DONE: failed count (4) | segments sent (8) | block bytes sent (8) | repair bytes (8) |
 *   transfer start ns (8) | end ns (8), then count completed ids (4 each), then the failed ids
 * - START, HEARTBEAT: nothing more
 *
 * The magic differs from the data path's, so a control packet that reaches a data socket (or
 * the reverse) is recognized as foreign. An ASSIGN to more than about 90 receivers exceeds one
 * 1500-byte frame and is fragmented by IPv4 (ns-3 reassembles it); MAX_IDS bounds what a
 * malformed count can make a receiver allocate.
 */
class SelmcastControlHeader : public Header
{
  public:
    static constexpr uint16_t MAGIC = 0x5343;    //!< "SC"
    static constexpr uint8_t VERSION = 1;        //!< the only version understood
    static constexpr uint32_t PREFIX_SIZE = 16;  //!< prefix, worker and round
    static constexpr uint32_t MAX_IDS = 4096;    //!< most entries or ids per message
    static constexpr uint16_t FLAG_L7 = 0x1;     //!< ASSIGN: unicast to each receiver
    static constexpr uint16_t FLAG_FINISH = 0x2; //!< START: no more rounds, stop
    static constexpr uint16_t ALL_FLAGS = 0x3;   //!< the flags this version knows

    /** A HEARTBEAT of worker 0, round 0: set the fields before serializing it. */
    SelmcastControlHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads and validates the header. Never reads past the end of the buffer: on short or
     * invalid input (foreign magic, other version, unknown type or flag, more ids than MAX_IDS
     * or than the bytes present) IsValid() becomes false and the bytes read are returned.
     * \param start where the header starts
     * \return the number of bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \return true when the last Deserialize found a well-formed header */
    bool IsValid() const;

    /** \param type the message type */
    void SetType(SelmcastControlType type);
    /** \return the message type */
    SelmcastControlType GetType() const;
    /** \param flags FLAG_L7 and/or FLAG_FINISH */
    void SetFlags(uint16_t flags);
    /** \return the flags */
    uint16_t GetFlags() const;
    /** \param worker the worker the message is from (READY, DONE, HEARTBEAT) or for */
    void SetWorker(uint32_t worker);
    /** \return the worker the message is from or for */
    uint32_t GetWorker() const;
    /** \param round the round the message is about */
    void SetRound(uint32_t round);
    /** \return the round the message is about */
    uint32_t GetRound() const;

    /**
     * READY body.
     * \param ingress the worker's ingress bandwidth, bit/s
     * \param egress its egress bandwidth, bit/s
     * \param inFlight its transfers in flight: blocks it is sending or receiving
     *        (SelmcastWorker::GetLoad)
     * \param queued its transfers started but paused at rate 0, waiting for bandwidth
     */
    void SetReady(uint64_t ingress, uint64_t egress, uint32_t inFlight, uint32_t queued);
    /** \return READY: ingress bandwidth, bit/s */
    uint64_t GetIngress() const;
    /** \return READY: egress bandwidth, bit/s */
    uint64_t GetEgress() const;
    /** \return READY: transfers in flight */
    uint32_t GetInFlight() const;
    /** \return READY: transfers queued */
    uint32_t GetQueued() const;

    /** \param group ASSIGN (L3): the multicast group; any for L7 */
    void SetGroup(Ipv4Address group);
    /** \return ASSIGN: the multicast group */
    Ipv4Address GetGroup() const;
    /** \param entries ASSIGN, RATE, PRUNE: the receivers (at most MAX_IDS) */
    void SetEntries(const std::vector<SelmcastControlEntry>& entries);
    /** \return ASSIGN, RATE, PRUNE: the receivers */
    const std::vector<SelmcastControlEntry>& GetEntries() const;

    /**
     * DONE body.
     * \param completed ids of the receivers that hold the block
     * \param failed ids of the receivers given up or pruned
     */
    void SetDone(const std::vector<uint32_t>& completed, const std::vector<uint32_t>& failed);
    /** \return DONE: ids of the receivers that hold the block */
    const std::vector<uint32_t>& GetCompleted() const;
    /** \return DONE: ids of the receivers that do not */
    const std::vector<uint32_t>& GetFailed() const;
    /**
     * DONE statistics of the transfer.
     * \param segments data segments sent, repairs included
     * \param dataBytes block bytes in them
     * \param repairBytes block bytes in the repairs
     * \param start when the transfer started
     * \param end when it finished
     */
    void SetTransferStats(uint64_t segments,
                          uint64_t dataBytes,
                          uint64_t repairBytes,
                          Time start,
                          Time end);
    /** \return DONE: data segments sent */
    uint64_t GetSegments() const;
    /** \return DONE: block bytes sent */
    uint64_t GetDataBytes() const;
    /** \return DONE: block bytes in repairs */
    uint64_t GetRepairBytes() const;
    /** \return DONE: when the transfer started */
    Time GetTransferStart() const;
    /** \return DONE: when it finished */
    Time GetTransferEnd() const;

  private:
    SelmcastControlType m_type{SelmcastControlType::HEARTBEAT}; //!< the message type
    uint16_t m_flags{0};                                        //!< FLAG_* bits
    uint32_t m_worker{0};                                       //!< worker from or for
    uint32_t m_round{0};                                        //!< round
    uint64_t m_ingress{0};                                      //!< READY: bit/s
    uint64_t m_egress{0};                                       //!< READY: bit/s
    uint32_t m_inFlight{0};                                     //!< READY: transfers in flight
    uint32_t m_queued{0};                                       //!< READY: transfers queued
    Ipv4Address m_group;                                        //!< ASSIGN/RATE/PRUNE: group
    std::vector<SelmcastControlEntry> m_entries;                //!< ASSIGN/RATE/PRUNE
    std::vector<uint32_t> m_completed;                          //!< DONE: completed ids
    std::vector<uint32_t> m_failed;                             //!< DONE: failed ids
    uint64_t m_segments{0};                                     //!< DONE: segments sent
    uint64_t m_dataBytes{0};                                    //!< DONE: block bytes sent
    uint64_t m_repairBytes{0};                                  //!< DONE: repair bytes
    int64_t m_startNs{0};                                       //!< DONE: start, ns
    int64_t m_endNs{0};                                         //!< DONE: end, ns
    bool m_valid{true}; //!< false after a Deserialize of malformed input
};

} // namespace ns3

#endif /* SELMCAST_CONTROL_HEADER_H */
