/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-header.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastHeader");

NS_OBJECT_ENSURE_REGISTERED(SelmcastDataHeader);
NS_OBJECT_ENSURE_REGISTERED(SelmcastNackHeader);
NS_OBJECT_ENSURE_REGISTERED(SelmcastAckHeader);

namespace
{

/// Writes the common prefix.
void
WritePrefix(Buffer::Iterator& i, SelmcastMessageType type, uint16_t flags, uint16_t aux)
{
    i.WriteHtonU16(SelmcastHeader::MAGIC);
    i.WriteU8(SelmcastHeader::VERSION);
    i.WriteU8(static_cast<uint8_t>(type));
    i.WriteHtonU16(flags);
    i.WriteHtonU16(aux);
}

/// Reads the common prefix; false when it is not a prefix of this version and type. The caller
/// has checked that PREFIX_SIZE bytes are there.
bool
ReadPrefix(Buffer::Iterator& i, SelmcastMessageType expected, uint16_t& flags, uint16_t& aux)
{
    uint16_t magic = i.ReadNtohU16();
    uint8_t version = i.ReadU8();
    uint8_t type = i.ReadU8();
    flags = i.ReadNtohU16();
    aux = i.ReadNtohU16();
    return magic == SelmcastHeader::MAGIC && version == SelmcastHeader::VERSION &&
           type == static_cast<uint8_t>(expected);
}

} // namespace

bool
SelmcastHeader::PeekType(Ptr<const Packet> packet, SelmcastMessageType& type)
{
    if (!packet || packet->GetSize() < PREFIX_SIZE)
    {
        return false;
    }
    // CopyData into a stack buffer: no allocation, and the packet stays untouched.
    uint8_t prefix[PREFIX_SIZE];
    packet->CopyData(prefix, PREFIX_SIZE);
    uint16_t magic = static_cast<uint16_t>((prefix[0] << 8) | prefix[1]);
    if (magic != MAGIC || prefix[2] != VERSION)
    {
        return false;
    }
    switch (prefix[3])
    {
    case static_cast<uint8_t>(SelmcastMessageType::DATA):
    case static_cast<uint8_t>(SelmcastMessageType::NACK):
    case static_cast<uint8_t>(SelmcastMessageType::ACK):
        type = static_cast<SelmcastMessageType>(prefix[3]);
        return true;
    default:
        return false;
    }
}

// ---------------------------------------------------------------------------------------------
// SelmcastDataHeader

SelmcastDataHeader::SelmcastDataHeader()
{
}

TypeId
SelmcastDataHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastDataHeader")
                            .SetParent<Header>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastDataHeader>();
    return tid;
}

TypeId
SelmcastDataHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SelmcastDataHeader::Print(std::ostream& os) const
{
    os << (IsPoll() ? "(POLL" : (IsParity() ? "(PARITY" : "(DATA")) << " sender=" << m_sender
       << " round=" << m_round << (IsParity() ? " group=" : " seq=") << m_seq
       << " segmentSize=" << m_segmentSize << " blockSize=" << m_blockSize;
    if (IsParity())
    {
        os << " index=" << m_aux;
    }
    else if (m_aux != 0)
    {
        os << " fecGroup=" << m_aux;
    }
    if (IsRepair())
    {
        os << " repair";
    }
    if (IsLast())
    {
        os << " last";
    }
    if (!m_valid)
    {
        os << " INVALID";
    }
    os << ")";
}

uint32_t
SelmcastDataHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
SelmcastDataHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    WritePrefix(i, SelmcastMessageType::DATA, m_flags, m_aux);
    i.WriteHtonU32(m_sender);
    i.WriteHtonU32(m_round);
    i.WriteHtonU32(m_seq);
    i.WriteHtonU32(m_segmentSize);
    i.WriteHtonU64(m_blockSize);
}

uint32_t
SelmcastDataHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_valid = false;
    // Checked before any read: Buffer::Iterator does not bound its reads in optimized builds.
    if (i.GetRemainingSize() < SERIALIZED_SIZE)
    {
        return 0;
    }
    bool prefixOk = ReadPrefix(i, SelmcastMessageType::DATA, m_flags, m_aux);
    m_sender = i.ReadNtohU32();
    m_round = i.ReadNtohU32();
    m_seq = i.ReadNtohU32();
    m_segmentSize = i.ReadNtohU32();
    m_blockSize = i.ReadNtohU64();
    bool fec = (m_flags & FLAG_FEC) != 0;
    // aux means something only with FEC (a group size, >= 1) or PARITY (an index), never both;
    // a parity segment is a repair and never a poll.
    bool auxOk = fec ? m_aux > 0 && !IsParity() : (IsParity() || m_aux == 0);
    bool parityOk = !IsParity() || (IsRepair() && !IsPoll());
    if (!prefixOk || !auxOk || !parityOk || (m_flags & ~ALL_FLAGS) != 0 || m_segmentSize == 0 ||
        m_blockSize == 0)
    {
        return SERIALIZED_SIZE;
    }
    uint64_t count = (m_blockSize - 1) / m_segmentSize + 1;
    if (count > std::numeric_limits<uint32_t>::max())
    {
        return SERIALIZED_SIZE;
    }
    // A poll names no segment; a data segment names one of the block's, a parity segment a group
    // (there are no more groups than segments; the receiver checks its group count).
    m_valid = IsPoll() ? (m_seq == 0 && (m_flags & (FLAG_REPAIR | FLAG_LAST)) == 0) : m_seq < count;
    return SERIALIZED_SIZE;
}

bool
SelmcastDataHeader::IsValid() const
{
    return m_valid;
}

void
SelmcastDataHeader::SetSender(uint32_t sender)
{
    m_sender = sender;
}

uint32_t
SelmcastDataHeader::GetSender() const
{
    return m_sender;
}

void
SelmcastDataHeader::SetRound(uint32_t round)
{
    m_round = round;
}

uint32_t
SelmcastDataHeader::GetRound() const
{
    return m_round;
}

void
SelmcastDataHeader::SetSeq(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
SelmcastDataHeader::GetSeq() const
{
    return m_seq;
}

void
SelmcastDataHeader::SetSegmentSize(uint32_t segmentSize)
{
    m_segmentSize = segmentSize;
}

uint32_t
SelmcastDataHeader::GetSegmentSize() const
{
    return m_segmentSize;
}

void
SelmcastDataHeader::SetBlockSize(uint64_t blockSize)
{
    m_blockSize = blockSize;
}

uint64_t
SelmcastDataHeader::GetBlockSize() const
{
    return m_blockSize;
}

void
SelmcastDataHeader::SetFlags(uint16_t flags)
{
    NS_ASSERT_MSG((flags & ~ALL_FLAGS) == 0, "unknown data header flags " << flags);
    m_flags = flags;
}

uint16_t
SelmcastDataHeader::GetFlags() const
{
    return m_flags;
}

bool
SelmcastDataHeader::IsRepair() const
{
    return (m_flags & FLAG_REPAIR) != 0;
}

bool
SelmcastDataHeader::IsLast() const
{
    return (m_flags & FLAG_LAST) != 0;
}

bool
SelmcastDataHeader::IsPoll() const
{
    return (m_flags & FLAG_POLL) != 0;
}

bool
SelmcastDataHeader::IsParity() const
{
    return (m_flags & FLAG_PARITY) != 0;
}

void
SelmcastDataHeader::SetAux(uint16_t aux)
{
    m_aux = aux;
}

uint16_t
SelmcastDataHeader::GetAux() const
{
    return m_aux;
}

uint16_t
SelmcastDataHeader::GetFecGroupSize() const
{
    return (m_flags & FLAG_FEC) != 0 ? m_aux : 0;
}

// ---------------------------------------------------------------------------------------------
// SelmcastNackHeader

SelmcastNackHeader::SelmcastNackHeader()
{
}

TypeId
SelmcastNackHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastNackHeader")
                            .SetParent<Header>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastNackHeader>();
    return tid;
}

TypeId
SelmcastNackHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SelmcastNackHeader::Print(std::ostream& os) const
{
    os << "(NACK receiver=" << m_receiver << " sender=" << m_sender << " round=" << m_round
       << " ranges=";
    for (const auto& range : m_ranges)
    {
        os << "[" << range.first << "+" << range.count << "]";
    }
    if (HasMore())
    {
        os << " more";
    }
    if (HasGroups())
    {
        os << " groups";
    }
    if (!m_valid)
    {
        os << " INVALID";
    }
    os << ")";
}

uint32_t
SelmcastNackHeader::GetSerializedSize() const
{
    return FIXED_SIZE + RANGE_SIZE * static_cast<uint32_t>(m_ranges.size());
}

void
SelmcastNackHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    WritePrefix(i, SelmcastMessageType::NACK, m_flags, static_cast<uint16_t>(m_ranges.size()));
    i.WriteHtonU32(m_receiver);
    i.WriteHtonU32(m_sender);
    i.WriteHtonU32(m_round);
    for (const auto& range : m_ranges)
    {
        i.WriteHtonU32(range.first);
        i.WriteHtonU32(range.count);
    }
}

uint32_t
SelmcastNackHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_valid = false;
    m_ranges.clear();
    if (i.GetRemainingSize() < FIXED_SIZE)
    {
        return 0;
    }
    uint16_t count = 0;
    bool prefixOk = ReadPrefix(i, SelmcastMessageType::NACK, m_flags, count);
    m_receiver = i.ReadNtohU32();
    m_sender = i.ReadNtohU32();
    m_round = i.ReadNtohU32();
    // The announced count bounds the reads below, so it is checked against the bytes there are
    // before the first range is read.
    if (!prefixOk || (m_flags & ~(FLAG_MORE | FLAG_GROUPS)) != 0 || count == 0 ||
        count > MAX_RANGES || i.GetRemainingSize() < RANGE_SIZE * count)
    {
        return FIXED_SIZE;
    }
    m_ranges.resize(count);
    bool rangesOk = true;
    for (auto& range : m_ranges)
    {
        range.first = i.ReadNtohU32();
        range.count = i.ReadNtohU32();
        if (range.count == 0 ||
            range.first > std::numeric_limits<uint32_t>::max() - (range.count - 1))
        {
            rangesOk = false;
        }
    }
    m_valid = rangesOk;
    return FIXED_SIZE + RANGE_SIZE * count;
}

bool
SelmcastNackHeader::IsValid() const
{
    return m_valid;
}

void
SelmcastNackHeader::SetReceiver(uint32_t receiver)
{
    m_receiver = receiver;
}

uint32_t
SelmcastNackHeader::GetReceiver() const
{
    return m_receiver;
}

void
SelmcastNackHeader::SetSender(uint32_t sender)
{
    m_sender = sender;
}

uint32_t
SelmcastNackHeader::GetSender() const
{
    return m_sender;
}

void
SelmcastNackHeader::SetRound(uint32_t round)
{
    m_round = round;
}

uint32_t
SelmcastNackHeader::GetRound() const
{
    return m_round;
}

void
SelmcastNackHeader::SetMore(bool more)
{
    m_flags = static_cast<uint16_t>((m_flags & ~FLAG_MORE) | (more ? FLAG_MORE : 0));
}

bool
SelmcastNackHeader::HasMore() const
{
    return (m_flags & FLAG_MORE) != 0;
}

void
SelmcastNackHeader::SetGroups(bool groups)
{
    m_flags = static_cast<uint16_t>((m_flags & ~FLAG_GROUPS) | (groups ? FLAG_GROUPS : 0));
}

bool
SelmcastNackHeader::HasGroups() const
{
    return (m_flags & FLAG_GROUPS) != 0;
}

void
SelmcastNackHeader::SetRanges(const std::vector<SelmcastRange>& ranges)
{
    NS_ASSERT_MSG(ranges.size() <= MAX_RANGES, "a NACK holds at most " << MAX_RANGES << " ranges");
    m_ranges = ranges;
}

const std::vector<SelmcastRange>&
SelmcastNackHeader::GetRanges() const
{
    return m_ranges;
}

// ---------------------------------------------------------------------------------------------
// SelmcastAckHeader

SelmcastAckHeader::SelmcastAckHeader()
{
}

TypeId
SelmcastAckHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastAckHeader")
                            .SetParent<Header>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastAckHeader>();
    return tid;
}

TypeId
SelmcastAckHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SelmcastAckHeader::Print(std::ostream& os) const
{
    os << "(ACK receiver=" << m_receiver << " sender=" << m_sender << " round=" << m_round
       << " bytes=" << m_receivedBytes << (m_valid ? "" : " INVALID") << ")";
}

uint32_t
SelmcastAckHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
SelmcastAckHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    WritePrefix(i, SelmcastMessageType::ACK, 0, 0);
    i.WriteHtonU32(m_receiver);
    i.WriteHtonU32(m_sender);
    i.WriteHtonU32(m_round);
    i.WriteHtonU64(m_receivedBytes);
}

uint32_t
SelmcastAckHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_valid = false;
    if (i.GetRemainingSize() < SERIALIZED_SIZE)
    {
        return 0;
    }
    uint16_t flags = 0;
    uint16_t aux = 0;
    bool prefixOk = ReadPrefix(i, SelmcastMessageType::ACK, flags, aux);
    m_receiver = i.ReadNtohU32();
    m_sender = i.ReadNtohU32();
    m_round = i.ReadNtohU32();
    m_receivedBytes = i.ReadNtohU64();
    m_valid = prefixOk && flags == 0 && aux == 0 && m_receivedBytes > 0;
    return SERIALIZED_SIZE;
}

bool
SelmcastAckHeader::IsValid() const
{
    return m_valid;
}

void
SelmcastAckHeader::SetReceiver(uint32_t receiver)
{
    m_receiver = receiver;
}

uint32_t
SelmcastAckHeader::GetReceiver() const
{
    return m_receiver;
}

void
SelmcastAckHeader::SetSender(uint32_t sender)
{
    m_sender = sender;
}

uint32_t
SelmcastAckHeader::GetSender() const
{
    return m_sender;
}

void
SelmcastAckHeader::SetRound(uint32_t round)
{
    m_round = round;
}

uint32_t
SelmcastAckHeader::GetRound() const
{
    return m_round;
}

void
SelmcastAckHeader::SetReceivedBytes(uint64_t bytes)
{
    m_receivedBytes = bytes;
}

uint64_t
SelmcastAckHeader::GetReceivedBytes() const
{
    return m_receivedBytes;
}

} // namespace ns3
