/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_HEADER_H
#define SELMCAST_HEADER_H

#include "ns3/header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The wire formats of the data path: data segments (and polls), repair requests (NACKs) and
 * completion acknowledgements. Nothing else in the module parses these bytes.
 *
 * Every message starts with the same 8-byte prefix:
 *
 *     magic (2) | version (1) | type (1) | flags (2) | aux (2)
 *
 * so a receiver can tell a selmcast packet of this version from a foreign one before it reads
 * further, and can pick the right header class (SelmcastHeader::PeekType). All fields are in
 * network byte order.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * The message types carried in the prefix (wire values).
 */
enum class SelmcastMessageType : uint8_t
{
    DATA = 1, //!< a data segment or a poll (SelmcastDataHeader)
    NACK = 2, //!< a repair request (SelmcastNackHeader)
    ACK = 3,  //!< a completion acknowledgement (SelmcastAckHeader)
};

/**
 * \ingroup selmcast
 * A run of consecutive segment sequence numbers [first, first + count).
 */
struct SelmcastRange
{
    uint32_t first{0}; //!< the first sequence number of the run
    uint32_t count{0}; //!< how many segments, > 0 in a valid range
};

/**
 * \ingroup selmcast
 * Constants and checks shared by the three header classes.
 */
class SelmcastHeader
{
  public:
    static constexpr uint16_t MAGIC = 0x534d;  //!< "SM": anything else is a foreign packet
    static constexpr uint8_t VERSION = 1;      //!< the only wire version understood
    static constexpr uint32_t PREFIX_SIZE = 8; //!< bytes of the common prefix

    /**
     * Read the common prefix of a packet without changing it.
     *
     * Checks the size, the magic, the version and that the type is known; does not validate
     * the rest (the header class of that type does).
     *
     * \param packet the packet as received (UDP payload)
     * \param [out] type the message type, set only when the prefix is valid
     * \return true when the packet starts with a valid selmcast prefix
     */
    static bool PeekType(Ptr<const Packet> packet, SelmcastMessageType& type);
};

/**
 * \ingroup selmcast
 * The header of a data segment, and of a poll.
 *
 * A data segment carries segment \c seq of block (\c sender, \c round); its payload follows the
 * header and is virtual (no bytes stored). The block geometry (block size and segment payload
 * size) travels in every segment so that a receiver can set up its state from whichever segment
 * reaches it first, and can check the payload length of each segment. IsValid checks the header
 * on its own, not that the geometry is plausible: SelmcastWorker accepts only the geometry its
 * run shares (its BlockSize and SegmentSize).
 *
 * A poll is the same header with the POLL flag and no payload: the sender asks a receiver that
 * has not acknowledged to answer with an ACK or a NACK.
 *
 * Parity repairs (after NORM's Reed-Solomon FEC, RFC 5740 / RFC 5510): a transfer that repairs
 * with parity sets the FEC flag on its source segments and polls, with the FEC group size k in
 * the prefix's aux field (segments [g k, (g + 1) k) form group g). A parity segment carries the
 * PARITY and REPAIR flags, its group in \c seq and its parity index in aux, and the payload size
 * of a full segment. Without either flag, aux is 0.
 *
 * Layout after the prefix: sender (4) | round (4) | seq (4) | segment size (4) | block size (8);
 * 32 bytes in all.
 */
class SelmcastDataHeader : public Header
{
  public:
    static constexpr uint16_t FLAG_REPAIR = 0x1;    //!< a retransmission, not the original pass
    static constexpr uint16_t FLAG_LAST = 0x2;      //!< the last segment of a burst: answer now
    static constexpr uint16_t FLAG_POLL = 0x4;      //!< a poll, no payload: answer ACK or NACK
    static constexpr uint16_t FLAG_FEC = 0x8;       //!< repairs are parity: aux is the group size
    static constexpr uint16_t FLAG_PARITY = 0x10;   //!< a parity segment: seq is its group
    static constexpr uint16_t ALL_FLAGS = 0x1f;     //!< the flags this version knows
    static constexpr uint32_t SERIALIZED_SIZE = 32; //!< bytes on the wire

    /** An empty data header: set the fields before serializing it. */
    SelmcastDataHeader();

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
     * invalid input it marks the header invalid (IsValid() returns false) and returns the bytes
     * it read, possibly 0.
     * \param start where the header starts
     * \return the number of bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * \return true when the last Deserialize found a well-formed header (always true for a
     * header built with the setters)
     */
    bool IsValid() const;

    /** \param sender the sending worker's id */
    void SetSender(uint32_t sender);
    /** \return the sending worker's id */
    uint32_t GetSender() const;
    /** \param round the round (iteration) the block belongs to */
    void SetRound(uint32_t round);
    /** \return the round the block belongs to */
    uint32_t GetRound() const;
    /** \param seq the segment's sequence number, in [0, segment count) */
    void SetSeq(uint32_t seq);
    /** \return the segment's sequence number */
    uint32_t GetSeq() const;
    /** \param segmentSize payload bytes of every segment but the last, > 0 */
    void SetSegmentSize(uint32_t segmentSize);
    /** \return payload bytes of every segment but the last */
    uint32_t GetSegmentSize() const;
    /** \param blockSize bytes of the whole block, > 0 */
    void SetBlockSize(uint64_t blockSize);
    /** \return bytes of the whole block */
    uint64_t GetBlockSize() const;
    /** \param flags any combination of the FLAG_* bits */
    void SetFlags(uint16_t flags);
    /** \return the flags */
    uint16_t GetFlags() const;
    /** \return true when FLAG_REPAIR is set */
    bool IsRepair() const;
    /** \return true when FLAG_LAST is set */
    bool IsLast() const;
    /** \return true when FLAG_POLL is set */
    bool IsPoll() const;
    /** \return true when FLAG_PARITY is set: seq is a group, aux a parity index */
    bool IsParity() const;
    /**
     * \param aux the FEC group size (with FLAG_FEC), the parity index (with FLAG_PARITY), else 0
     */
    void SetAux(uint16_t aux);
    /** \return the aux field */
    uint16_t GetAux() const;
    /** \return the FEC group size k with FLAG_FEC, 0 without (repairs resend source segments) */
    uint16_t GetFecGroupSize() const;

  private:
    uint16_t m_flags{0};       //!< FLAG_* bits
    uint16_t m_aux{0};         //!< FEC group size or parity index
    uint32_t m_sender{0};      //!< sending worker's id
    uint32_t m_round{0};       //!< round of the block
    uint32_t m_seq{0};         //!< segment sequence number
    uint32_t m_segmentSize{0}; //!< payload bytes per full segment
    uint64_t m_blockSize{0};   //!< bytes of the block
    bool m_valid{true};        //!< false after a Deserialize of malformed input
};

/**
 * \ingroup selmcast
 * A repair request: receiver \c receiver is missing the listed segments of block (\c sender,
 * \c round). Sent by unicast to the sender.
 *
 * The prefix's aux field holds the number of ranges, at most MAX_RANGES so that a NACK always
 * fits one 1500-byte frame. The MORE flag says that the receiver misses more than it listed; it
 * asks again after the repairs of this list. With the GROUPS flag (a transfer repaired with
 * parity) each range is (FEC group, segments missing in it), NORM's NACK content for FEC.
 *
 * Layout after the prefix: receiver (4) | sender (4) | round (4) | ranges (8 each: first, count).
 */
class SelmcastNackHeader : public Header
{
  public:
    static constexpr uint16_t FLAG_MORE = 0x1;   //!< more segments are missing than listed
    static constexpr uint16_t FLAG_GROUPS = 0x2; //!< ranges are (group, missing count)
    static constexpr uint32_t MAX_RANGES = 128;  //!< hard cap on ranges per NACK
    static constexpr uint32_t FIXED_SIZE = 20;   //!< bytes without the ranges
    static constexpr uint32_t RANGE_SIZE = 8;    //!< bytes per range

    /** An empty NACK: set the fields and at least one range before serializing it. */
    SelmcastNackHeader();

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
     * Reads and validates the header; never reads past the end of the buffer (see
     * SelmcastDataHeader::Deserialize). Invalid: a range count of 0 or above MAX_RANGES, fewer
     * bytes than the ranges announced, an empty range or one that wraps around.
     * \param start where the header starts
     * \return the number of bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \return true when the last Deserialize found a well-formed header */
    bool IsValid() const;

    /** \param receiver the id of the worker missing segments */
    void SetReceiver(uint32_t receiver);
    /** \return the id of the worker missing segments */
    uint32_t GetReceiver() const;
    /** \param sender the id of the block's sender */
    void SetSender(uint32_t sender);
    /** \return the id of the block's sender */
    uint32_t GetSender() const;
    /** \param round the round of the block */
    void SetRound(uint32_t round);
    /** \return the round of the block */
    uint32_t GetRound() const;
    /** \param more true when more segments are missing than listed */
    void SetMore(bool more);
    /** \return true when more segments are missing than listed */
    bool HasMore() const;
    /** \param groups true when the ranges are (FEC group, missing count) pairs */
    void SetGroups(bool groups);
    /** \return true when the ranges are (FEC group, missing count) pairs */
    bool HasGroups() const;
    /**
     * Replace the list of missing ranges.
     * \param ranges at most MAX_RANGES non-empty ranges (asserted)
     */
    void SetRanges(const std::vector<SelmcastRange>& ranges);
    /** \return the missing ranges */
    const std::vector<SelmcastRange>& GetRanges() const;

  private:
    uint16_t m_flags{0};                 //!< FLAG_MORE, FLAG_GROUPS
    uint32_t m_receiver{0};              //!< id of the worker missing segments
    uint32_t m_sender{0};                //!< id of the block's sender
    uint32_t m_round{0};                 //!< round of the block
    std::vector<SelmcastRange> m_ranges; //!< missing runs, in increasing order
    bool m_valid{true};                  //!< false after a Deserialize of malformed input
};

/**
 * \ingroup selmcast
 * A completion acknowledgement: receiver \c receiver holds all \c receivedBytes bytes of block
 * (\c sender, \c round). Sent by unicast to the sender on completion and in answer to a poll.
 *
 * Layout after the prefix: receiver (4) | sender (4) | round (4) | received bytes (8); 28 bytes.
 */
class SelmcastAckHeader : public Header
{
  public:
    static constexpr uint32_t SERIALIZED_SIZE = 28; //!< bytes on the wire

    /** An empty ACK: set the fields before serializing it. */
    SelmcastAckHeader();

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
     * Reads and validates the header; never reads past the end of the buffer (see
     * SelmcastDataHeader::Deserialize).
     * \param start where the header starts
     * \return the number of bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \return true when the last Deserialize found a well-formed header */
    bool IsValid() const;

    /** \param receiver the id of the worker that completed the block */
    void SetReceiver(uint32_t receiver);
    /** \return the id of the worker that completed the block */
    uint32_t GetReceiver() const;
    /** \param sender the id of the block's sender */
    void SetSender(uint32_t sender);
    /** \return the id of the block's sender */
    uint32_t GetSender() const;
    /** \param round the round of the block */
    void SetRound(uint32_t round);
    /** \return the round of the block */
    uint32_t GetRound() const;
    /** \param bytes the block bytes the receiver holds */
    void SetReceivedBytes(uint64_t bytes);
    /** \return the block bytes the receiver holds */
    uint64_t GetReceivedBytes() const;

  private:
    uint32_t m_receiver{0};      //!< id of the worker that completed the block
    uint32_t m_sender{0};        //!< id of the block's sender
    uint32_t m_round{0};         //!< round of the block
    uint64_t m_receivedBytes{0}; //!< block bytes the receiver holds
    bool m_valid{true};          //!< false after a Deserialize of malformed input
};

} // namespace ns3

#endif /* SELMCAST_HEADER_H */
