/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-tree-header.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SelmcastTreeHeader);

SelmcastTreeHeader::SelmcastTreeHeader()
    : m_valid(true),
      m_type(ACK),
      m_kind(MULTICAST),
      m_sequence(0),
      m_input(0)
{
}

TypeId
SelmcastTreeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastTreeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastTreeHeader>();
    return tid;
}

TypeId
SelmcastTreeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SelmcastTreeHeader::Print(std::ostream& os) const
{
    os << (m_type == ROUTE  ? "ROUTE"
           : m_type == STOP ? "STOP"
                            : "ACK")
       << " seq=" << m_sequence << (m_kind == MULTICAST ? " multicast " : " sender ") << m_group;
    if (m_type == ROUTE)
    {
        os << " origin=" << m_origin << " in=" << m_input << " out=";
        for (uint32_t o : m_outputs)
        {
            os << o << ",";
        }
    }
}

uint32_t
SelmcastTreeHeader::GetSerializedSize() const
{
    return PREFIX_SIZE + (m_type == ROUTE  ? ROUTE_FIXED + 4 * m_outputs.size()
                          : m_type == STOP ? STOP_BODY
                                           : 0);
}

void
SelmcastTreeHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU16(MAGIC);
    i.WriteU8(VERSION);
    i.WriteU8(m_type);
    i.WriteU8(m_kind);
    i.WriteU8(m_type == ROUTE ? static_cast<uint8_t>(m_outputs.size()) : 0);
    i.WriteHtonU32(m_sequence);
    i.WriteHtonU32(m_group.Get());
    if (m_type == ROUTE)
    {
        i.WriteHtonU32(m_origin.Get());
        i.WriteHtonU32(m_input);
        for (uint32_t o : m_outputs)
        {
            i.WriteHtonU32(o);
        }
    }
    else if (m_type == STOP)
    {
        i.WriteHtonU64(static_cast<uint64_t>(m_stopTime.GetNanoSeconds()));
    }
}

uint32_t
SelmcastTreeHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_valid = false;
    m_outputs.clear();
    // Lengths are checked before reading: Buffer::Iterator does not bound reads when optimized.
    uint32_t remaining = i.GetRemainingSize();
    if (remaining < PREFIX_SIZE)
    {
        return 0;
    }
    uint16_t magic = i.ReadNtohU16();
    uint8_t version = i.ReadU8();
    uint8_t type = i.ReadU8();
    uint8_t kind = i.ReadU8();
    uint8_t count = i.ReadU8();
    m_sequence = i.ReadNtohU32();
    m_group = Ipv4Address(i.ReadNtohU32());
    uint32_t read = PREFIX_SIZE;
    if (magic != MAGIC || version != VERSION || type < ROUTE || type > STOP ||
        (kind != MULTICAST && kind != SENDER) || (type != ROUTE && count != 0))
    {
        return read;
    }
    m_type = static_cast<Type>(type);
    m_kind = static_cast<Kind>(kind);
    if (m_type == ROUTE)
    {
        if (remaining - PREFIX_SIZE < ROUTE_FIXED + 4 * uint32_t(count))
        {
            return read;
        }
        m_origin = Ipv4Address(i.ReadNtohU32());
        m_input = i.ReadNtohU32();
        m_outputs.resize(count);
        for (auto& o : m_outputs)
        {
            o = i.ReadNtohU32();
        }
        read += ROUTE_FIXED + 4 * count;
    }
    else if (m_type == STOP)
    {
        if (remaining - PREFIX_SIZE < STOP_BODY)
        {
            return read;
        }
        m_stopTime = NanoSeconds(static_cast<int64_t>(i.ReadNtohU64()));
        read += STOP_BODY;
    }
    m_valid = true;
    return read;
}

bool
SelmcastTreeHeader::IsValid() const
{
    return m_valid;
}

void
SelmcastTreeHeader::SetType(Type type)
{
    m_type = type;
}

SelmcastTreeHeader::Type
SelmcastTreeHeader::GetType() const
{
    return m_type;
}

void
SelmcastTreeHeader::SetKind(Kind kind)
{
    m_kind = kind;
}

SelmcastTreeHeader::Kind
SelmcastTreeHeader::GetKind() const
{
    return m_kind;
}

void
SelmcastTreeHeader::SetSequence(uint32_t sequence)
{
    m_sequence = sequence;
}

uint32_t
SelmcastTreeHeader::GetSequence() const
{
    return m_sequence;
}

void
SelmcastTreeHeader::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
SelmcastTreeHeader::GetGroup() const
{
    return m_group;
}

void
SelmcastTreeHeader::SetOrigin(Ipv4Address origin)
{
    m_origin = origin;
}

Ipv4Address
SelmcastTreeHeader::GetOrigin() const
{
    return m_origin;
}

void
SelmcastTreeHeader::SetInput(uint32_t input)
{
    m_input = input;
}

uint32_t
SelmcastTreeHeader::GetInput() const
{
    return m_input;
}

void
SelmcastTreeHeader::SetOutputs(const std::vector<uint32_t>& outputs)
{
    NS_ABORT_MSG_IF(outputs.size() > MAX_OUTPUTS,
                    "SelmcastTreeHeader: " << outputs.size() << " outputs, at most 255");
    m_outputs = outputs;
}

const std::vector<uint32_t>&
SelmcastTreeHeader::GetOutputs() const
{
    return m_outputs;
}

void
SelmcastTreeHeader::SetStopTime(Time at)
{
    m_stopTime = at;
}

Time
SelmcastTreeHeader::GetStopTime() const
{
    return m_stopTime;
}

} // namespace ns3
