/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Parity (FEC) repairs on their own: the group geometry, the sender's parity queue (the largest
// count asked, the holdoff), a receiver decoding a group from any k distinct segments, the
// sender's state answering group NACKs with fresh parity indices, and the header fields that
// carry it all. The worker moving parity through real packets is tested in selmcast-transfer.

#include "ns3/packet.h"
#include "ns3/selmcast-fec.h"
#include "ns3/selmcast-header.h"
#include "ns3/selmcast-transfer.h"
#include "ns3/test.h"

#include <set>

using namespace ns3;

namespace
{

using Outcome = SelmcastReceiveState::Outcome;

/**
 * \ingroup selmcast-tests
 * Group geometry: full groups, a short last one, the parity index space.
 */
class SelmcastFecGroupsTestCase : public TestCase
{
  public:
    SelmcastFecGroupsTestCase()
        : TestCase("FEC groups: k source segments each, a short last group")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastFecGroups g(695, 64); // a 1 MB block in 1440-byte segments
        NS_TEST_ASSERT_MSG_EQ(g.GetGroupCount(), 11u, "ceil(695 / 64) groups");
        NS_TEST_ASSERT_MSG_EQ(g.GetGroupOf(64), 1u, "segment 64 opens group 1");
        NS_TEST_ASSERT_MSG_EQ(g.GetFirst(10), 640u, "group 10 starts at 640");
        NS_TEST_ASSERT_MSG_EQ(g.GetSourceCount(9), 64u, "a full group");
        NS_TEST_ASSERT_MSG_EQ(g.GetSourceCount(10), 55u, "the last group holds the rest");
        uint32_t total = 0;
        for (uint32_t i = 0; i < g.GetGroupCount(); ++i)
        {
            total += g.GetSourceCount(i);
        }
        NS_TEST_ASSERT_MSG_EQ(total, 695u, "the groups cover the block once");
        NS_TEST_ASSERT_MSG_EQ(g.GetParityIndexCount(), 65535u - 64, "GF(2^16): n <= 65535");
        SelmcastFecGroups one(5, 1024);
        NS_TEST_ASSERT_MSG_EQ(one.GetGroupCount(), 1u, "a block smaller than a group");
        NS_TEST_ASSERT_MSG_EQ(one.GetSourceCount(0), 5u, "a shortened code");
    }
};

/**
 * \ingroup selmcast-tests
 * The parity queue answers a group with the largest count asked, counts what was sent within
 * the holdoff, and serves groups in the order asked.
 */
class SelmcastParityQueueTestCase : public TestCase
{
  public:
    SelmcastParityQueueTestCase()
        : TestCase("parity queue: the largest count asked, the holdoff, FIFO groups")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastParityQueue q;
        const Time holdoff = MicroSeconds(100);
        Time t = MicroSeconds(1000);
        // Three receivers miss 2, 3 and 1 segments of group 4: three parity segments in all.
        NS_TEST_ASSERT_MSG_EQ(q.Request(4, 2, t, holdoff), 2u, "two for the first asker");
        NS_TEST_ASSERT_MSG_EQ(q.Request(4, 3, t, holdoff), 1u, "one more for the second");
        NS_TEST_ASSERT_MSG_EQ(q.Request(4, 1, t, holdoff), 0u, "none for the third");
        NS_TEST_ASSERT_MSG_EQ(q.Request(9, 1, t, holdoff), 1u, "another group");
        NS_TEST_ASSERT_MSG_EQ(q.GetPending(), 4u, "four queued");
        uint32_t group = 0;
        std::vector<uint32_t> order;
        while (q.Pop(group))
        {
            order.push_back(group);
            q.NoteSent(group, t);
        }
        NS_TEST_ASSERT_MSG_EQ((order == std::vector<uint32_t>{4, 4, 4, 9}), true, "FIFO");
        // A NACK sent before those arrived asks again: they count as on their way...
        NS_TEST_ASSERT_MSG_EQ(q.Request(4, 3, t + MicroSeconds(50), holdoff), 0u, "held off");
        // ...until the holdoff passed: then they arrived or were lost, and the asker counted them.
        NS_TEST_ASSERT_MSG_EQ(q.Request(4, 2, t + MicroSeconds(150), holdoff), 2u, "asked anew");
        NS_TEST_ASSERT_MSG_EQ(q.Request(9, 1, t + MicroSeconds(150), Time(0)), 1u, "no holdoff");
        q.Clear();
        NS_TEST_ASSERT_MSG_EQ(q.GetPending(), 0u, "cleared");
        NS_TEST_ASSERT_MSG_EQ(q.Pop(group), false, "nothing left");
    }
};

/**
 * \ingroup selmcast-tests
 * A receiver decodes a group from any k distinct segments, source or parity; a repeated parity
 * index and anything after decoding are duplicates; NACK content is (group, missing count).
 */
class SelmcastFecReceiveTestCase : public TestCase
{
  public:
    SelmcastFecReceiveTestCase()
        : TestCase("receive state with FEC groups: any k distinct segments decode a group")
    {
    }

  private:
    void DoRun() override
    {
        // 10 segments of 100 bytes, the last of 50; groups of 4: [0,4) [4,8) [8,10).
        SelmcastBlockLayout layout(950, 100);
        SelmcastReceiveState s(layout, 4);
        NS_TEST_ASSERT_MSG_EQ(s.GetGroupSize(), 4u, "k");
        for (uint32_t seq : {0u, 2u, 4u, 5u, 6u, 7u, 8u})
        {
            NS_TEST_ASSERT_MSG_EQ((s.Receive(seq, layout.GetPayloadSize(seq)) == Outcome::NEW),
                                  true,
                                  "source " << seq);
        }
        bool more = true;
        std::vector<SelmcastRange> missing = s.GetMissingGroups(0, 3, 8, more);
        NS_TEST_ASSERT_MSG_EQ(missing.size(), 2u, "groups 0 and 2 are incomplete");
        NS_TEST_ASSERT_MSG_EQ(missing[0].first, 0u, "group 0");
        NS_TEST_ASSERT_MSG_EQ(missing[0].count, 2u, "misses 2 of 4");
        NS_TEST_ASSERT_MSG_EQ(missing[1].first, 2u, "group 2");
        NS_TEST_ASSERT_MSG_EQ(missing[1].count, 1u, "misses 1 of its 2");
        NS_TEST_ASSERT_MSG_EQ(more, false, "nothing beyond");
        s.GetMissingGroups(0, 3, 1, more);
        NS_TEST_ASSERT_MSG_EQ(more, true, "capped at one entry");
        NS_TEST_ASSERT_MSG_EQ(s.GetMissingGroups(1, 2, 8, more).size(), 0u, "group 1 is whole");

        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(0, 7, 100) == Outcome::NEW), true, "parity 7");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(0, 7, 100) == Outcome::DUPLICATE),
                              true,
                              "the same index again is a duplicate");
        NS_TEST_ASSERT_MSG_EQ(s.GetReceivedBytes(), 700u, "parity alone decodes nothing yet");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(0, 3, 100) == Outcome::NEW), true, "parity 3");
        NS_TEST_ASSERT_MSG_EQ(s.GetReceivedBytes(), 900u, "group 0 decoded: segments 1 and 3");
        NS_TEST_ASSERT_MSG_EQ((s.Receive(1, 100) == Outcome::DUPLICATE),
                              true,
                              "a decoded source segment is held");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(0, 9, 100) == Outcome::DUPLICATE),
                              true,
                              "parity of a decoded group");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(3, 0, 100) == Outcome::INVALID), true, "group 3");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(2, 0, 50) == Outcome::INVALID),
                              true,
                              "parity is a full segment, even for the short group");
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(2, 0, 100) == Outcome::NEW), true, "parity");
        NS_TEST_ASSERT_MSG_EQ(s.IsComplete(), true, "every group decoded");
        NS_TEST_ASSERT_MSG_EQ(s.GetReceivedBytes(), 950u, "the whole block");
        NS_TEST_ASSERT_MSG_EQ(s.GetReceivedSegments(), 10u, "every source segment");
        NS_TEST_ASSERT_MSG_EQ(s.GetDuplicateSegments(), 3u, "three duplicates");
        s.ReleaseBitmap();
        NS_TEST_ASSERT_MSG_EQ((s.ReceiveParity(1, 0, 100) == Outcome::DUPLICATE),
                              true,
                              "after release everything is a duplicate");

        SelmcastReceiveState plain(layout);
        NS_TEST_ASSERT_MSG_EQ((plain.ReceiveParity(0, 0, 100) == Outcome::INVALID),
                              true,
                              "no parity without FEC groups");
    }
};

/**
 * \ingroup selmcast-tests
 * The sender's state answers group NACKs: the largest count per group over receivers, only for
 * groups it has sent wholly, parity ahead of originals, a fresh index for every parity segment,
 * and per-receiver queues for unicast repairs.
 */
class SelmcastFecSendTestCase : public TestCase
{
  public:
    SelmcastFecSendTestCase()
        : TestCase("send state with FEC groups: the largest count, fresh indices, whole groups")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastBlockLayout layout(20 * 100, 100); // 20 segments, groups of 8: 8, 8, 4
        SelmcastSendState s(layout, 3, false, true, 8);
        NS_TEST_ASSERT_MSG_EQ(s.GetGroupSize(), 8u, "k");
        SelmcastSendState::Item item;
        for (uint32_t i = 0; i < 10; ++i)
        {
            s.PopNext(0, item);
        }
        // Receivers miss 2, 3 and 0 of group 0, and 1 of group 1 (not wholly sent: skipped).
        NS_TEST_ASSERT_MSG_EQ(s.AddRepairs(0, {{0, 2}, {1, 1}}), 2u, "two for group 0");
        NS_TEST_ASSERT_MSG_EQ(s.AddRepairs(1, {{0, 3}}), 1u, "the largest count: one more");
        NS_TEST_ASSERT_MSG_EQ(s.AddRepairs(2, {{0, 99}}), 5u, "at most k of a group");
        std::set<uint32_t> indices;
        for (uint32_t i = 0; i < 8; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(s.PopNext(0, item), true, "parity queued");
            NS_TEST_ASSERT_MSG_EQ(item.parity && item.repair, true, "a parity repair");
            NS_TEST_ASSERT_MSG_EQ(item.seq, 0u, "of group 0");
            NS_TEST_ASSERT_MSG_EQ(item.target, SelmcastSendState::LANE_DESTINATION, "the group");
            NS_TEST_ASSERT_MSG_EQ(item.last, (i == 7), "LAST on the last queued only");
            indices.insert(item.parityIndex);
        }
        NS_TEST_ASSERT_MSG_EQ(indices.size(), 8u, "eight fresh indices");
        NS_TEST_ASSERT_MSG_EQ(s.PopNext(0, item), true, "then the pass goes on");
        NS_TEST_ASSERT_MSG_EQ(item.parity || item.repair, false, "an original");
        NS_TEST_ASSERT_MSG_EQ(item.seq, 10u, "segment 10");

        // Unicast repairs: each receiver gets its own count, indices stay fresh per group.
        SelmcastSendState u(layout, 2, false, false, 8);
        while (u.PopNext(0, item))
        {
        }
        NS_TEST_ASSERT_MSG_EQ(u.AddRepairs(0, {{2, 1}}), 1u, "receiver 0: one");
        NS_TEST_ASSERT_MSG_EQ(u.AddRepairs(1, {{2, 2}}), 2u, "receiver 1: two of its own");
        std::set<uint32_t> fresh;
        std::vector<uint32_t> targets;
        while (u.PopNext(0, item))
        {
            NS_TEST_ASSERT_MSG_EQ(item.parity, true, "parity");
            fresh.insert(item.parityIndex);
            targets.push_back(item.target);
        }
        NS_TEST_ASSERT_MSG_EQ((targets == std::vector<uint32_t>{0, 1, 1}), true, "per receiver");
        NS_TEST_ASSERT_MSG_EQ(fresh.size(), 3u, "no index given twice");
        u.AddRepairs(1, {{1, 4}});
        u.SetStatus(1, SelmcastSendState::ReceiverStatus::ACKED);
        NS_TEST_ASSERT_MSG_EQ(u.IsLaneActive(0), true, "receiver 0 is still active");
        NS_TEST_ASSERT_MSG_EQ(u.PopNext(0, item), false, "an acknowledged receiver's are gone");
    }
};

/**
 * \ingroup selmcast-tests
 * The header carries the FEC group size on source segments and polls and (group, parity index)
 * on parity segments; inconsistent combinations are refused.
 */
class SelmcastFecHeaderTestCase : public TestCase
{
  public:
    SelmcastFecHeaderTestCase()
        : TestCase("header: FEC group size, parity group and index, group NACKs")
    {
    }

  private:
    /// Serialize and read back; \return whether the copy is valid, the copy in out.
    static bool RoundTrip(const SelmcastDataHeader& h, SelmcastDataHeader& out)
    {
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        p->PeekHeader(out);
        return out.IsValid();
    }

    void DoRun() override
    {
        SelmcastDataHeader h;
        h.SetSender(1);
        h.SetRound(2);
        h.SetSeq(5);
        h.SetSegmentSize(1440);
        h.SetBlockSize(1000000);
        h.SetFlags(SelmcastDataHeader::FLAG_FEC);
        h.SetAux(64);
        SelmcastDataHeader r;
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), true, "a source segment with k");
        NS_TEST_ASSERT_MSG_EQ(r.GetFecGroupSize(), 64u, "k travels");
        NS_TEST_ASSERT_MSG_EQ(r.IsParity(), false, "not parity");
        h.SetAux(0);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), false, "FEC with k = 0");
        h.SetFlags(SelmcastDataHeader::FLAG_PARITY | SelmcastDataHeader::FLAG_REPAIR |
                   SelmcastDataHeader::FLAG_LAST);
        h.SetSeq(10);
        h.SetAux(65000);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), true, "a parity segment");
        NS_TEST_ASSERT_MSG_EQ(r.IsParity() && r.IsRepair() && r.IsLast(), true, "its flags");
        NS_TEST_ASSERT_MSG_EQ(r.GetSeq(), 10u, "its group");
        NS_TEST_ASSERT_MSG_EQ(r.GetAux(), 65000u, "its index");
        NS_TEST_ASSERT_MSG_EQ(r.GetFecGroupSize(), 0u, "no k on parity");
        h.SetFlags(SelmcastDataHeader::FLAG_PARITY);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), false, "parity that is no repair");
        h.SetFlags(SelmcastDataHeader::FLAG_PARITY | SelmcastDataHeader::FLAG_REPAIR |
                   SelmcastDataHeader::FLAG_FEC);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), false, "parity and FEC at once");
        h.SetFlags(SelmcastDataHeader::FLAG_POLL | SelmcastDataHeader::FLAG_FEC);
        h.SetSeq(0);
        h.SetAux(16);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), true, "a poll with k");
        h.SetFlags(SelmcastDataHeader::FLAG_POLL | SelmcastDataHeader::FLAG_PARITY);
        NS_TEST_ASSERT_MSG_EQ(RoundTrip(h, r), false, "a parity poll");

        SelmcastNackHeader nack;
        nack.SetReceiver(3);
        nack.SetSender(1);
        nack.SetRound(2);
        nack.SetRanges({{0, 2}, {7, 1}});
        nack.SetGroups(true);
        nack.SetMore(true);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(nack);
        SelmcastNackHeader back;
        p->PeekHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), true, "a group NACK");
        NS_TEST_ASSERT_MSG_EQ(back.HasGroups() && back.HasMore(), true, "both flags");
        NS_TEST_ASSERT_MSG_EQ(back.GetRanges()[1].first, 7u, "group 7");
        NS_TEST_ASSERT_MSG_EQ(back.GetRanges()[1].count, 1u, "misses one");
    }
};

/**
 * \ingroup selmcast-tests
 * Parity repairs, state classes and headers.
 */
class SelmcastFecTestSuite : public TestSuite
{
  public:
    SelmcastFecTestSuite()
        : TestSuite("selmcast-fec", UNIT)
    {
        AddTestCase(new SelmcastFecGroupsTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastParityQueueTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastFecReceiveTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastFecSendTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastFecHeaderTestCase, TestCase::QUICK);
    }
};

/// The one instance, registered with the test runner.
static SelmcastFecTestSuite g_selmcastFecTestSuite;

} // namespace
