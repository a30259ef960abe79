/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tests of the data path's wire formats: round trips, every field check, and fuzz-style input
// (random, truncated and bit-flipped byte strings) that must never crash a parser and must
// always be recognized as malformed unless it is a canonical header.

#include "ns3/packet.h"
#include "ns3/selmcast-header.h"
#include "ns3/test.h"

#include <random>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// The bytes a header serializes to.
std::vector<uint8_t>
Bytes(const Header& header)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// A packet holding exactly these bytes (first n of them).
Ptr<Packet>
FromBytes(const std::vector<uint8_t>& bytes, size_t n)
{
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(n));
}

/// A data header with every field set to something recognizable.
SelmcastDataHeader
SampleData()
{
    SelmcastDataHeader h;
    h.SetSender(7);
    h.SetRound(123456);
    h.SetSeq(694);
    h.SetSegmentSize(1440);
    h.SetBlockSize(1000000); // 695 segments: seq 694 is the last
    h.SetFlags(SelmcastDataHeader::FLAG_REPAIR | SelmcastDataHeader::FLAG_LAST);
    return h;
}

/// A NACK with n ranges.
SelmcastNackHeader
SampleNack(uint32_t n)
{
    SelmcastNackHeader h;
    h.SetReceiver(3);
    h.SetSender(7);
    h.SetRound(99);
    std::vector<SelmcastRange> ranges;
    for (uint32_t i = 0; i < n; ++i)
    {
        ranges.push_back(SelmcastRange{10 * i, 1 + i % 4});
    }
    h.SetRanges(ranges);
    h.SetMore(n % 2 == 1);
    return h;
}

/// An ACK with every field set.
SelmcastAckHeader
SampleAck()
{
    SelmcastAckHeader h;
    h.SetReceiver(3);
    h.SetSender(7);
    h.SetRound(99);
    h.SetReceivedBytes(5000000);
    return h;
}

/**
 * What a careful caller does with a packet: size check, then the parser of the type the prefix
 * names. Returns true when the packet is a well-formed header of some type.
 */
bool
ParseLikeAWorker(Ptr<Packet> packet)
{
    SelmcastMessageType type;
    if (!SelmcastHeader::PeekType(packet, type))
    {
        return false;
    }
    switch (type)
    {
    case SelmcastMessageType::DATA: {
        SelmcastDataHeader h;
        if (packet->GetSize() < SelmcastDataHeader::SERIALIZED_SIZE)
        {
            return false;
        }
        packet->PeekHeader(h);
        return h.IsValid();
    }
    case SelmcastMessageType::NACK: {
        SelmcastNackHeader h;
        if (packet->GetSize() < SelmcastNackHeader::FIXED_SIZE)
        {
            return false;
        }
        packet->PeekHeader(h);
        return h.IsValid() && h.GetSerializedSize() == packet->GetSize();
    }
    case SelmcastMessageType::ACK: {
        SelmcastAckHeader h;
        if (packet->GetSize() != SelmcastAckHeader::SERIALIZED_SIZE)
        {
            return false;
        }
        packet->PeekHeader(h);
        return h.IsValid();
    }
    }
    return false;
}

/**
 * Feeds a packet to every parser without any size check first: their Deserialize must cope.
 * Returns how many of the three accepted it.
 */
uint32_t
ParseBlindly(Ptr<Packet> packet)
{
    SelmcastDataHeader d;
    SelmcastNackHeader n;
    SelmcastAckHeader a;
    uint32_t read = packet->PeekHeader(d);
    NS_ASSERT(read <= packet->GetSize());
    read = packet->PeekHeader(n);
    NS_ASSERT(read <= packet->GetSize());
    read = packet->PeekHeader(a);
    NS_ASSERT(read <= packet->GetSize());
    return (d.IsValid() ? 1 : 0) + (n.IsValid() ? 1 : 0) + (a.IsValid() ? 1 : 0);
}

/**
 * \ingroup selmcast-tests
 * A data header and a poll survive Serialize/Deserialize field for field.
 */
class SelmcastDataHeaderRoundTripTestCase : public TestCase
{
  public:
    SelmcastDataHeaderRoundTripTestCase()
        : TestCase("data header and poll round trip")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastDataHeader sent = SampleData();
        Ptr<Packet> packet = Create<Packet>(1000000 - 694 * 1440);
        packet->AddHeader(sent);
        NS_TEST_ASSERT_MSG_EQ(sent.GetSerializedSize(), 32u, "the data header is 32 bytes");
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 32u + 640u, "header plus the last payload");

        SelmcastMessageType type;
        NS_TEST_ASSERT_MSG_EQ(SelmcastHeader::PeekType(packet, type), true, "a valid prefix");
        NS_TEST_ASSERT_MSG_EQ((type == SelmcastMessageType::DATA), true, "typed DATA");

        SelmcastDataHeader got;
        uint32_t read = packet->RemoveHeader(got);
        NS_TEST_ASSERT_MSG_EQ(read, 32u, "Deserialize reads the whole header");
        NS_TEST_ASSERT_MSG_EQ(got.IsValid(), true, "a serialized header is valid");
        NS_TEST_ASSERT_MSG_EQ(got.GetSender(), 7u, "sender");
        NS_TEST_ASSERT_MSG_EQ(got.GetRound(), 123456u, "round");
        NS_TEST_ASSERT_MSG_EQ(got.GetSeq(), 694u, "seq");
        NS_TEST_ASSERT_MSG_EQ(got.GetSegmentSize(), 1440u, "segment size");
        NS_TEST_ASSERT_MSG_EQ(got.GetBlockSize(), 1000000u, "block size");
        NS_TEST_ASSERT_MSG_EQ(got.IsRepair(), true, "repair flag");
        NS_TEST_ASSERT_MSG_EQ(got.IsLast(), true, "last flag");
        NS_TEST_ASSERT_MSG_EQ(got.IsPoll(), false, "no poll flag");
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 640u, "the payload is left");

        // A large block: 64-bit block size, segment count close to 2^32.
        SelmcastDataHeader big;
        big.SetSegmentSize(1);
        big.SetBlockSize(0xffffffffULL);
        big.SetSeq(0xfffffffe);
        Ptr<Packet> p2 = Create<Packet>();
        p2->AddHeader(big);
        SelmcastDataHeader bigGot;
        p2->RemoveHeader(bigGot);
        NS_TEST_ASSERT_MSG_EQ(bigGot.IsValid(), true, "2^32 - 1 segments are allowed");
        NS_TEST_ASSERT_MSG_EQ(bigGot.GetSeq(), 0xfffffffeu, "largest seq");

        SelmcastDataHeader poll;
        poll.SetSender(2);
        poll.SetRound(5);
        poll.SetSegmentSize(8940);
        poll.SetBlockSize(100000000);
        poll.SetFlags(SelmcastDataHeader::FLAG_POLL);
        Ptr<Packet> p3 = Create<Packet>();
        p3->AddHeader(poll);
        SelmcastDataHeader pollGot;
        p3->RemoveHeader(pollGot);
        NS_TEST_ASSERT_MSG_EQ(pollGot.IsValid(), true, "a poll is valid");
        NS_TEST_ASSERT_MSG_EQ(pollGot.IsPoll(), true, "poll flag");
        NS_TEST_ASSERT_MSG_EQ(pollGot.GetBlockSize(), 100000000u, "poll carries the geometry");
        NS_TEST_ASSERT_MSG_EQ(p3->GetSize(), 0u, "a poll has no payload");

        std::ostringstream os;
        got.Print(os);
        NS_TEST_ASSERT_MSG_EQ((os.str().find("seq=694") != std::string::npos),
                              true,
                              "Print shows the fields: " << os.str());
    }
};

/**
 * \ingroup selmcast-tests
 * A NACK with 1, several and MAX_RANGES ranges, and an ACK, survive a round trip.
 */
class SelmcastControlHeaderRoundTripTestCase : public TestCase
{
  public:
    SelmcastControlHeaderRoundTripTestCase()
        : TestCase("NACK and ACK round trip")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t n : {1u, 3u, SelmcastNackHeader::MAX_RANGES})
        {
            SelmcastNackHeader sent = SampleNack(n);
            Ptr<Packet> packet = Create<Packet>();
            packet->AddHeader(sent);
            NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 20u + 8u * n, "NACK size with " << n);
            SelmcastMessageType type;
            NS_TEST_ASSERT_MSG_EQ(SelmcastHeader::PeekType(packet, type), true, "valid prefix");
            NS_TEST_ASSERT_MSG_EQ((type == SelmcastMessageType::NACK), true, "typed NACK");
            SelmcastNackHeader got;
            NS_TEST_ASSERT_MSG_EQ(packet->RemoveHeader(got), 20u + 8u * n, "reads all ranges");
            NS_TEST_ASSERT_MSG_EQ(got.IsValid(), true, "valid NACK with " << n << " ranges");
            NS_TEST_ASSERT_MSG_EQ(got.GetReceiver(), 3u, "receiver");
            NS_TEST_ASSERT_MSG_EQ(got.GetSender(), 7u, "sender");
            NS_TEST_ASSERT_MSG_EQ(got.GetRound(), 99u, "round");
            NS_TEST_ASSERT_MSG_EQ(got.HasMore(), (n % 2 == 1), "more flag");
            NS_TEST_ASSERT_MSG_EQ(got.GetRanges().size(), n, "range count");
            for (uint32_t i = 0; i < n; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(got.GetRanges()[i].first, 10 * i, "range first " << i);
                NS_TEST_ASSERT_MSG_EQ(got.GetRanges()[i].count, 1 + i % 4, "range count " << i);
            }
        }
        NS_TEST_ASSERT_MSG_LT_OR_EQ(SampleNack(SelmcastNackHeader::MAX_RANGES).GetSerializedSize(),
                                    1472u,
                                    "the largest NACK fits a 1500-byte frame");

        SelmcastAckHeader sent = SampleAck();
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(sent);
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 28u, "the ACK is 28 bytes");
        SelmcastMessageType type;
        NS_TEST_ASSERT_MSG_EQ(SelmcastHeader::PeekType(packet, type), true, "valid prefix");
        NS_TEST_ASSERT_MSG_EQ((type == SelmcastMessageType::ACK), true, "typed ACK");
        SelmcastAckHeader got;
        packet->RemoveHeader(got);
        NS_TEST_ASSERT_MSG_EQ(got.IsValid(), true, "valid ACK");
        NS_TEST_ASSERT_MSG_EQ(got.GetReceiver(), 3u, "receiver");
        NS_TEST_ASSERT_MSG_EQ(got.GetSender(), 7u, "sender");
        NS_TEST_ASSERT_MSG_EQ(got.GetRound(), 99u, "round");
        NS_TEST_ASSERT_MSG_EQ(got.GetReceivedBytes(), 5000000u, "received bytes");
    }
};

/**
 * \ingroup selmcast-tests
 * Every field check rejects what it should: foreign magic, other version, unknown type or flags,
 * impossible geometry, bad ranges.
 */
class SelmcastHeaderFieldChecksTestCase : public TestCase
{
  public:
    SelmcastHeaderFieldChecksTestCase()
        : TestCase("field checks reject inconsistent headers")
    {
    }

  private:
    /// Checks that changing byte `index` of `bytes` to `value` makes the packet malformed.
    void ExpectRejected(std::vector<uint8_t> bytes, size_t index, uint8_t value, std::string what)
    {
        bytes[index] = value;
        Ptr<Packet> p = FromBytes(bytes, bytes.size());
        NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(p), false, what << " must be rejected");
    }

    void DoRun() override
    {
        std::vector<uint8_t> data = Bytes(SampleData());
        NS_TEST_ASSERT_MSG_EQ(ParseLikeAWorker(FromBytes(data, data.size())), true, "baseline");
        ExpectRejected(data, 0, 0x00, "foreign magic");
        ExpectRejected(data, 1, 0x00, "foreign magic (second byte)");
        ExpectRejected(data, 2, 2, "version 2");
        ExpectRejected(data, 3, 0, "type 0");
        ExpectRejected(data, 3, 9, "type 9");
        ExpectRejected(data, 5, 0x08, "unknown flag");
        ExpectRejected(data, 7, 1, "non-zero aux");
        ExpectRejected(data, 19, 0xbf, "seq 703 beyond the 695 segments"); // seq low byte
        {
            std::vector<uint8_t> zeroSegment = data;
            for (size_t i = 20; i < 24; ++i)
            {
                zeroSegment[i] = 0;
            }
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(zeroSegment, 32)),
                                  false,
                                  "segment size 0");
            std::vector<uint8_t> zeroBlock = data;
            for (size_t i = 24; i < 32; ++i)
            {
                zeroBlock[i] = 0;
            }
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(zeroBlock, 32)), false, "block 0");
        }
        {
            SelmcastDataHeader pollWithSeq;
            pollWithSeq.SetSegmentSize(1440);
            pollWithSeq.SetBlockSize(1000000);
            pollWithSeq.SetSeq(5);
            pollWithSeq.SetFlags(SelmcastDataHeader::FLAG_POLL);
            std::vector<uint8_t> b = Bytes(pollWithSeq);
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(b, b.size())),
                                  false,
                                  "a poll naming a segment");
        }
        {
            SelmcastDataHeader tooMany;
            tooMany.SetSegmentSize(1);
            tooMany.SetBlockSize(0x100000000ULL); // 2^32 segments do not fit the seq field
            std::vector<uint8_t> b = Bytes(tooMany);
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(b, b.size())), false, "2^32 segments");
        }

        std::vector<uint8_t> nack = Bytes(SampleNack(3));
        NS_TEST_ASSERT_MSG_EQ(ParseLikeAWorker(FromBytes(nack, nack.size())), true, "baseline");
        ExpectRejected(nack, 7, 0, "a NACK with 0 ranges");
        ExpectRejected(nack, 7, 4, "a NACK announcing more ranges than it holds");
        ExpectRejected(nack, 7, 2, "a NACK announcing fewer ranges than it holds");
        ExpectRejected(nack, 6, 0x80, "a NACK with 33000 ranges");
        ExpectRejected(nack, 5, 0x08, "an unknown NACK flag");
        ExpectRejected(nack, 27, 0, "an empty range");
        {
            std::vector<uint8_t> wrap = nack;
            for (size_t i = 20; i < 24; ++i)
            {
                wrap[i] = 0xff; // first = 2^32 - 1, count 1: fine; count 2 would wrap
            }
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(wrap, wrap.size())),
                                  true,
                                  "the last sequence number is a valid range");
            wrap[27] = 2;
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(wrap, wrap.size())),
                                  false,
                                  "a range wrapping around 2^32");
        }

        std::vector<uint8_t> ack = Bytes(SampleAck());
        NS_TEST_ASSERT_MSG_EQ(ParseLikeAWorker(FromBytes(ack, ack.size())), true, "baseline");
        ExpectRejected(ack, 5, 1, "an ACK with flags");
        {
            std::vector<uint8_t> zero = ack;
            for (size_t i = 20; i < 28; ++i)
            {
                zero[i] = 0;
            }
            NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(FromBytes(zero, 28)), false, "ACK of 0 bytes");
        }
        // A header of one type under the parser of another.
        SelmcastAckHeader asAck;
        Ptr<Packet> dataPacket = FromBytes(data, data.size());
        dataPacket->PeekHeader(asAck);
        NS_TEST_EXPECT_MSG_EQ(asAck.IsValid(), false, "a data header is no ACK");
    }
};

/**
 * \ingroup selmcast-tests
 * Every truncation of every header (each prefix length) is rejected, whether the caller checks
 * the size first or hands the short packet straight to Deserialize.
 */
class SelmcastHeaderTruncationTestCase : public TestCase
{
  public:
    SelmcastHeaderTruncationTestCase()
        : TestCase("truncated headers are detected")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> samples = {Bytes(SampleData()),
                                                     Bytes(SampleNack(1)),
                                                     Bytes(SampleNack(5)),
                                                     Bytes(SampleAck())};
        uint32_t tried = 0;
        for (const auto& bytes : samples)
        {
            for (size_t n = 0; n < bytes.size(); ++n)
            {
                Ptr<Packet> p = FromBytes(bytes, n);
                NS_TEST_EXPECT_MSG_EQ(ParseLikeAWorker(p),
                                      false,
                                      "a " << n << "-byte prefix of a " << bytes.size()
                                           << "-byte header");
                NS_TEST_EXPECT_MSG_EQ(ParseBlindly(p),
                                      0u,
                                      "no parser accepts a " << n << "-byte prefix");
                ++tried;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(tried, 32u + 28u + 60u + 28u, "every prefix length was tried");
    }
};

/**
 * \ingroup selmcast-tests
 * Fuzz: random byte strings are all rejected; bit-flipped headers never crash a parser, and one
 * that is accepted is canonical (serializing it gives back the same bytes).
 */
class SelmcastHeaderFuzzTestCase : public TestCase
{
  public:
    SelmcastHeaderFuzzTestCase()
        : TestCase("fuzz: random and bit-flipped input")
    {
    }

  private:
    void DoRun() override
    {
        std::mt19937 rng(20250101);
        std::uniform_int_distribution<int> byte(0, 255);
        std::uniform_int_distribution<int> length(0, 300);

        uint32_t accepted = 0;
        const uint32_t randomStrings = 20000;
        for (uint32_t k = 0; k < randomStrings; ++k)
        {
            std::vector<uint8_t> bytes(length(rng));
            for (auto& b : bytes)
            {
                b = static_cast<uint8_t>(byte(rng));
            }
            Ptr<Packet> p = FromBytes(bytes, bytes.size());
            accepted += ParseLikeAWorker(p) ? 1 : 0;
            ParseBlindly(p);
        }
        NS_TEST_ASSERT_MSG_EQ(accepted, 0u, "no random byte string is a valid header");

        // Random strings behind a valid prefix, so the parsers get past the magic.
        accepted = 0;
        uint32_t canonicalFailures = 0;
        for (uint32_t k = 0; k < randomStrings; ++k)
        {
            std::vector<uint8_t> bytes(8 + length(rng) % 64);
            for (auto& b : bytes)
            {
                b = static_cast<uint8_t>(byte(rng));
            }
            bytes[0] = 0x53;
            bytes[1] = 0x4d;
            bytes[2] = 1;
            bytes[3] = static_cast<uint8_t>(1 + k % 3);
            Ptr<Packet> p = FromBytes(bytes, bytes.size());
            if (ParseLikeAWorker(p))
            {
                ++accepted;
                canonicalFailures += IsCanonical(p) ? 0 : 1;
            }
            ParseBlindly(p);
        }
        NS_TEST_EXPECT_MSG_EQ(canonicalFailures, 0u, "accepted input is canonical");

        // Single and multiple bit flips of valid headers.
        std::vector<std::vector<uint8_t>> samples = {Bytes(SampleData()),
                                                     Bytes(SampleNack(4)),
                                                     Bytes(SampleAck())};
        uint32_t flipped = 0;
        for (const auto& original : samples)
        {
            for (uint32_t k = 0; k < 3000; ++k)
            {
                std::vector<uint8_t> bytes = original;
                uint32_t flips = 1 + k % 3;
                for (uint32_t f = 0; f < flips; ++f)
                {
                    size_t at = rng() % bytes.size();
                    bytes[at] ^= static_cast<uint8_t>(1u << (rng() % 8));
                }
                Ptr<Packet> p = FromBytes(bytes, bytes.size());
                if (ParseLikeAWorker(p))
                {
                    canonicalFailures += IsCanonical(p) ? 0 : 1;
                }
                ParseBlindly(p);
                ++flipped;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(flipped, 9000u, "every flipped header was parsed");
        NS_TEST_ASSERT_MSG_EQ(canonicalFailures, 0u, "accepted flipped input is canonical");
    }

    /// True when the packet's header serializes back to the packet's own bytes.
    static bool IsCanonical(Ptr<Packet> p)
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        SelmcastMessageType type;
        SelmcastHeader::PeekType(p, type);
        std::vector<uint8_t> again;
        if (type == SelmcastMessageType::DATA)
        {
            SelmcastDataHeader h;
            p->PeekHeader(h);
            again = Bytes(h);
            bytes.resize(again.size()); // the rest is payload
        }
        else if (type == SelmcastMessageType::NACK)
        {
            SelmcastNackHeader h;
            p->PeekHeader(h);
            again = Bytes(h);
        }
        else
        {
            SelmcastAckHeader h;
            p->PeekHeader(h);
            again = Bytes(h);
        }
        return again == bytes;
    }
};

/**
 * \ingroup selmcast-tests
 * The wire formats of the data path.
 */
class SelmcastHeaderTestSuite : public TestSuite
{
  public:
    SelmcastHeaderTestSuite()
        : TestSuite("selmcast-header", UNIT)
    {
        AddTestCase(new SelmcastDataHeaderRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastControlHeaderRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastHeaderFieldChecksTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastHeaderTruncationTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastHeaderFuzzTestCase, TestCase::QUICK);
    }
};

/// The one instance, registered with the test runner.
static SelmcastHeaderTestSuite g_selmcastHeaderTestSuite;

} // namespace
