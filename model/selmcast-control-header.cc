/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-control-header.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastControlHeader");

NS_OBJECT_ENSURE_REGISTERED(SelmcastControlHeader);

namespace
{

/// Bytes of the READY body.
constexpr uint32_t READY_BODY = 24;
/// Bytes of the fixed part of an ASSIGN, RATE or PRUNE body (the group).
constexpr uint32_t ENTRIES_FIXED = 4;
/// Bytes per ASSIGN, RATE or PRUNE entry.
constexpr uint32_t ENTRY_SIZE = 16;
/// Bytes of the fixed part of a DONE body.
constexpr uint32_t DONE_FIXED = 44;

/**
 * \param type a message type
 * \return true when its body is a list of entries
 */
bool
HasEntries(SelmcastControlType type)
{
    return type == SelmcastControlType::ASSIGN || type == SelmcastControlType::RATE ||
           type == SelmcastControlType::PRUNE;
}

} // namespace

SelmcastControlHeader::SelmcastControlHeader()
{
}

TypeId
SelmcastControlHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastControlHeader")
                            .SetParent<Header>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastControlHeader>();
    return tid;
}

TypeId
SelmcastControlHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SelmcastControlHeader::Print(std::ostream& os) const
{
    static const char* names[] =
        {"?", "READY", "ASSIGN", "RATE", "PRUNE", "DONE", "START", "HEARTBEAT"};
    uint8_t t = static_cast<uint8_t>(m_type);
    os << "(" << (t < 8 ? names[t] : "?") << " worker=" << m_worker << " round=" << m_round;
    switch (m_type)
    {
    case SelmcastControlType::READY:
        os << " ingress=" << m_ingress << " egress=" << m_egress << " inFlight=" << m_inFlight
           << " queued=" << m_queued;
        break;
    case SelmcastControlType::ASSIGN:
    case SelmcastControlType::RATE:
    case SelmcastControlType::PRUNE:
        os << ((m_flags & FLAG_L7) ? " L7" : " group=");
        if (!(m_flags & FLAG_L7))
        {
            os << m_group;
        }
        for (const auto& e : m_entries)
        {
            os << " " << e.id << "@" << e.address << ":" << e.rate;
        }
        break;
    case SelmcastControlType::DONE:
        os << " completed=" << m_completed.size() << " failed=" << m_failed.size();
        break;
    case SelmcastControlType::START:
        if (m_flags & FLAG_FINISH)
        {
            os << " finish";
        }
        break;
    default:
        break;
    }
    if (!m_valid)
    {
        os << " INVALID";
    }
    os << ")";
}

uint32_t
SelmcastControlHeader::GetSerializedSize() const
{
    switch (m_type)
    {
    case SelmcastControlType::READY:
        return PREFIX_SIZE + READY_BODY;
    case SelmcastControlType::ASSIGN:
    case SelmcastControlType::RATE:
    case SelmcastControlType::PRUNE:
        return PREFIX_SIZE + ENTRIES_FIXED + ENTRY_SIZE * m_entries.size();
    case SelmcastControlType::DONE:
        return PREFIX_SIZE + DONE_FIXED + 4 * (m_completed.size() + m_failed.size());
    default:
        return PREFIX_SIZE;
    }
}

void
SelmcastControlHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    uint16_t count = 0;
    if (HasEntries(m_type))
    {
        count = static_cast<uint16_t>(m_entries.size());
    }
    else if (m_type == SelmcastControlType::DONE)
    {
        count = static_cast<uint16_t>(m_completed.size());
    }
    i.WriteHtonU16(MAGIC);
    i.WriteU8(VERSION);
    i.WriteU8(static_cast<uint8_t>(m_type));
    i.WriteHtonU16(m_flags);
    i.WriteHtonU16(count);
    i.WriteHtonU32(m_worker);
    i.WriteHtonU32(m_round);
    switch (m_type)
    {
    case SelmcastControlType::READY:
        i.WriteHtonU64(m_ingress);
        i.WriteHtonU64(m_egress);
        i.WriteHtonU32(m_inFlight);
        i.WriteHtonU32(m_queued);
        break;
    case SelmcastControlType::ASSIGN:
    case SelmcastControlType::RATE:
    case SelmcastControlType::PRUNE:
        i.WriteHtonU32(m_group.Get());
        for (const auto& e : m_entries)
        {
            i.WriteHtonU32(e.id);
            i.WriteHtonU32(e.address.Get());
            i.WriteHtonU64(e.rate);
        }
        break;
    case SelmcastControlType::DONE:
        i.WriteHtonU32(static_cast<uint32_t>(m_failed.size()));
        i.WriteHtonU64(m_segments);
        i.WriteHtonU64(m_dataBytes);
        i.WriteHtonU64(m_repairBytes);
        i.WriteHtonU64(static_cast<uint64_t>(m_startNs));
        i.WriteHtonU64(static_cast<uint64_t>(m_endNs));
        for (uint32_t id : m_completed)
        {
            i.WriteHtonU32(id);
        }
        for (uint32_t id : m_failed)
        {
            i.WriteHtonU32(id);
        }
        break;
    default:
        break;
    }
}

uint32_t
SelmcastControlHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_valid = false;
    m_entries.clear();
    m_completed.clear();
    m_failed.clear();
    // Every length is checked before the bytes are read: Buffer::Iterator does not bound its
    // reads in optimized builds.
    uint32_t remaining = i.GetRemainingSize();
    if (remaining < PREFIX_SIZE)
    {
        return 0;
    }
    uint16_t magic = i.ReadNtohU16();
    uint8_t version = i.ReadU8();
    uint8_t type = i.ReadU8();
    m_flags = i.ReadNtohU16();
    uint16_t count = i.ReadNtohU16();
    m_worker = i.ReadNtohU32();
    m_round = i.ReadNtohU32();
    uint32_t read = PREFIX_SIZE;
    if (magic != MAGIC || version != VERSION || type < 1 || type > 7 ||
        (m_flags & ~ALL_FLAGS) != 0 || count > MAX_IDS)
    {
        return read;
    }
    m_type = static_cast<SelmcastControlType>(type);
    remaining -= PREFIX_SIZE;
    switch (m_type)
    {
    case SelmcastControlType::READY:
        if (remaining < READY_BODY || count != 0)
        {
            return read;
        }
        m_ingress = i.ReadNtohU64();
        m_egress = i.ReadNtohU64();
        m_inFlight = i.ReadNtohU32();
        m_queued = i.ReadNtohU32();
        read += READY_BODY;
        break;
    case SelmcastControlType::ASSIGN:
    case SelmcastControlType::RATE:
    case SelmcastControlType::PRUNE:
        if (remaining < ENTRIES_FIXED + ENTRY_SIZE * uint32_t(count))
        {
            return read;
        }
        m_group = Ipv4Address(i.ReadNtohU32());
        m_entries.resize(count);
        for (auto& e : m_entries)
        {
            e.id = i.ReadNtohU32();
            e.address = Ipv4Address(i.ReadNtohU32());
            e.rate = i.ReadNtohU64();
        }
        read += ENTRIES_FIXED + ENTRY_SIZE * count;
        break;
    case SelmcastControlType::DONE: {
        if (remaining < DONE_FIXED)
        {
            return read;
        }
        uint32_t failed = i.ReadNtohU32();
        m_segments = i.ReadNtohU64();
        m_dataBytes = i.ReadNtohU64();
        m_repairBytes = i.ReadNtohU64();
        m_startNs = static_cast<int64_t>(i.ReadNtohU64());
        m_endNs = static_cast<int64_t>(i.ReadNtohU64());
        read += DONE_FIXED;
        if (failed > MAX_IDS || remaining - DONE_FIXED < 4 * (uint32_t(count) + failed))
        {
            return read;
        }
        m_completed.resize(count);
        for (auto& id : m_completed)
        {
            id = i.ReadNtohU32();
        }
        m_failed.resize(failed);
        for (auto& id : m_failed)
        {
            id = i.ReadNtohU32();
        }
        read += 4 * (count + failed);
        break;
    }
    default:
        if (count != 0)
        {
            return read;
        }
        break;
    }
    m_valid = true;
    return read;
}

bool
SelmcastControlHeader::IsValid() const
{
    return m_valid;
}

void
SelmcastControlHeader::SetType(SelmcastControlType type)
{
    m_type = type;
}

SelmcastControlType
SelmcastControlHeader::GetType() const
{
    return m_type;
}

void
SelmcastControlHeader::SetFlags(uint16_t flags)
{
    NS_ASSERT_MSG((flags & ~ALL_FLAGS) == 0, "unknown control flags " << flags);
    m_flags = flags;
}

uint16_t
SelmcastControlHeader::GetFlags() const
{
    return m_flags;
}

void
SelmcastControlHeader::SetWorker(uint32_t worker)
{
    m_worker = worker;
}

uint32_t
SelmcastControlHeader::GetWorker() const
{
    return m_worker;
}

void
SelmcastControlHeader::SetRound(uint32_t round)
{
    m_round = round;
}

uint32_t
SelmcastControlHeader::GetRound() const
{
    return m_round;
}

void
SelmcastControlHeader::SetReady(uint64_t ingress,
                                uint64_t egress,
                                uint32_t inFlight,
                                uint32_t queued)
{
    m_ingress = ingress;
    m_egress = egress;
    m_inFlight = inFlight;
    m_queued = queued;
}

uint64_t
SelmcastControlHeader::GetIngress() const
{
    return m_ingress;
}

uint64_t
SelmcastControlHeader::GetEgress() const
{
    return m_egress;
}

uint32_t
SelmcastControlHeader::GetInFlight() const
{
    return m_inFlight;
}

uint32_t
SelmcastControlHeader::GetQueued() const
{
    return m_queued;
}

void
SelmcastControlHeader::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
SelmcastControlHeader::GetGroup() const
{
    return m_group;
}

void
SelmcastControlHeader::SetEntries(const std::vector<SelmcastControlEntry>& entries)
{
    NS_ASSERT_MSG(entries.size() <= MAX_IDS, "too many control entries");
    m_entries = entries;
}

const std::vector<SelmcastControlEntry>&
SelmcastControlHeader::GetEntries() const
{
    return m_entries;
}

void
SelmcastControlHeader::SetDone(const std::vector<uint32_t>& completed,
                               const std::vector<uint32_t>& failed)
{
    NS_ASSERT_MSG(completed.size() <= MAX_IDS && failed.size() <= MAX_IDS, "too many ids");
    m_completed = completed;
    m_failed = failed;
}

const std::vector<uint32_t>&
SelmcastControlHeader::GetCompleted() const
{
    return m_completed;
}

const std::vector<uint32_t>&
SelmcastControlHeader::GetFailed() const
{
    return m_failed;
}

void
SelmcastControlHeader::SetTransferStats(uint64_t segments,
                                        uint64_t dataBytes,
                                        uint64_t repairBytes,
                                        Time start,
                                        Time end)
{
    m_segments = segments;
    m_dataBytes = dataBytes;
    m_repairBytes = repairBytes;
    m_startNs = start.GetNanoSeconds();
    m_endNs = end.GetNanoSeconds();
}

uint64_t
SelmcastControlHeader::GetSegments() const
{
    return m_segments;
}

uint64_t
SelmcastControlHeader::GetDataBytes() const
{
    return m_dataBytes;
}

uint64_t
SelmcastControlHeader::GetRepairBytes() const
{
    return m_repairBytes;
}

Time
SelmcastControlHeader::GetTransferStart() const
{
    return NanoSeconds(m_startNs);
}

Time
SelmcastControlHeader::GetTransferEnd() const
{
    return NanoSeconds(m_endNs);
}

} // namespace ns3
