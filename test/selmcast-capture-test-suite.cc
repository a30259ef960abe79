/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What the capture options write: the strict worker-list parser of --pcapWorkers, pcap files
// whose packets are the ones the workers counted, and --linkStats counts that match the pcap (read
// back with a small pcap/PPP/IPv4/UDP reader written here, independent of ns-3's).

#include "selmcast-test-scenario.h"

#include "ns3/boolean.h"
#include "ns3/selmcast-header.h"
#include "ns3/selmcast-link-stats.h"
#include "ns3/selmcast-pcap-helper.h"
#include "ns3/test.h"

#include <cstdio>
#include <filesystem>

using namespace ns3;
using namespace ns3::selmcast_test;

namespace
{

/** --pcapWorkers: what passes and what is refused. */
class WorkerListTestCase : public TestCase
{
  public:
    WorkerListTestCase()
        : TestCase("worker lists are parsed strictly: ids in [0, n - 1], no repeats, nothing else")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint32_t> ids;
        NS_TEST_ASSERT_MSG_EQ(SelmcastParseWorkerList("0,3", 8, ids), "", "0,3 is valid");
        NS_TEST_ASSERT_MSG_EQ((ids == std::vector<uint32_t>{0, 3}), true, "ids in order");
        NS_TEST_ASSERT_MSG_EQ(SelmcastParseWorkerList("7", 8, ids), "", "n - 1 is valid");
        NS_TEST_ASSERT_MSG_EQ(ids.size(), 1, "one id");
        for (const char* bad : {"",
                                "8",
                                "0,",
                                ",0",
                                "0,,1",
                                "-1",
                                " 1",
                                "1 ",
                                "1e3",
                                "0x1",
                                "0,0",
                                "+2",
                                "0-3",
                                "4294967297",
                                "99999999999"})
        {
            ids = {42};
            std::string error = SelmcastParseWorkerList(bad, 8, ids);
            NS_TEST_ASSERT_MSG_NE(error, "", "'" << bad << "' must be refused");
            NS_TEST_ASSERT_MSG_NE(error.find("[0, 7]"), std::string::npos, "the range is named");
            NS_TEST_ASSERT_MSG_EQ(ids.size(), 1, "the output is left alone on error");
        }
    }
};

/** The selmcast packets of one pcap file, read with a reader independent of ns-3's. */
struct CaptureCounts
{
    uint32_t linkType{0};    //!< the file's link type
    uint32_t records{0};     //!< every record
    uint32_t dataFrom{0};    //!< DATA (segments and polls) with this source address
    uint32_t pollsFrom{0};   //!< of those, polls
    uint32_t dataTo{0};      //!< DATA from another source
    uint32_t acksFrom{0};    //!< ACKs with this source address
    uint32_t controlTo{0};   //!< control messages ("SC") with another source
    uint32_t udpFrom{0};     //!< every UDP frame with this source address (what it sent)
    uint32_t controlFrom{0}; //!< of those, control messages ("SC")
};

/**
 * Read a pcap file of PPP frames and count selmcast messages by direction.
 * \param path the file
 * \param self the capturing host's address, host order
 * \return the counts (records 0 when unreadable)
 */
CaptureCounts
ReadCapture(const std::string& path, uint32_t self)
{
    CaptureCounts c;
    std::string bytes = ReadFile(path);
    auto u8 = [&bytes](std::size_t i) { return static_cast<uint8_t>(bytes[i]); };
    auto le32 = [&](std::size_t i) {
        return u8(i) | (u8(i + 1) << 8) | (u8(i + 2) << 16) | (uint32_t(u8(i + 3)) << 24);
    };
    auto be32 = [&](std::size_t i) {
        return (uint32_t(u8(i)) << 24) | (u8(i + 1) << 16) | (u8(i + 2) << 8) | u8(i + 3);
    };
    if (bytes.size() < 24 || le32(0) != 0xa1b2c3d4)
    {
        return c;
    }
    c.linkType = le32(20);
    for (std::size_t at = 24; at + 16 <= bytes.size();)
    {
        std::size_t len = le32(at + 8);
        std::size_t frame = at + 16;
        at = frame + len;
        ++c.records;
        // PPP protocol 0x0021 (IPv4), a 20-byte IPv4 header, UDP (17), then the message.
        if (len < 2 + 20 + 8 + 8 || u8(frame) != 0x00 || u8(frame + 1) != 0x21 ||
            u8(frame + 2 + 9) != 17)
        {
            continue;
        }
        bool fromSelf = be32(frame + 2 + 12) == self;
        c.udpFrom += fromSelf;
        std::size_t msg = frame + 2 + 20 + 8;
        uint16_t magic = (u8(msg) << 8) | u8(msg + 1);
        uint8_t type = u8(msg + 3);
        uint16_t flags = (u8(msg + 4) << 8) | u8(msg + 5);
        if (magic == SelmcastHeader::MAGIC && type == 1)
        {
            c.dataFrom += fromSelf;
            c.pollsFrom += fromSelf && (flags & SelmcastDataHeader::FLAG_POLL);
            c.dataTo += !fromSelf;
        }
        c.acksFrom += magic == SelmcastHeader::MAGIC && type == 3 && fromSelf;
        c.controlTo += magic == 0x5343 && !fromSelf;
        c.controlFrom += magic == 0x5343 && fromSelf;
    }
    return c;
}

/** pcap of chosen workers: one file per device, its packets those the worker counted. */
class PcapWorkersTestCase : public TestCase
{
  public:
    PcapWorkersTestCase()
        : TestCase("pcap of chosen workers: their files only, packets as the workers counted")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = CreateTempDirFilename("selmcast-capture");
        std::filesystem::create_directories(dir);
        Ptr<SelmcastTopology> topology = InstallBigSwitch(4, 0.25, DataRate("1Gbps"));
        SelmcastTrainingHelper training;
        ConfigureTraining(training,
                          {200000, "constant", MilliSeconds(1), Seconds(1), 2, 4, 2, "selmcast"});
        // Run until the network is quiet: no packet counted by a worker is still queued.
        training.SetControllerAttribute("StopWhenDone", BooleanValue(false));
        training.Install(topology);
        training.AssignStreams(100);

        auto all = SelmcastPcapHelper::Enable(topology, dir + "/all", {});
        // Big switch: one device per worker and for the controller, as many on the router.
        NS_TEST_ASSERT_MSG_EQ(all.size(), 2 * (4 + 1), "every point-to-point device");
        auto chosen = SelmcastPcapHelper::Enable(topology, dir + "/run", {1, 3});
        SelmcastLinkStats links;
        links.Install(topology, 5500);
        NS_TEST_ASSERT_MSG_EQ(chosen.size(), 2, "one device each");
        NS_TEST_ASSERT_MSG_EQ(chosen[0],
                              SelmcastPcapHelper::FileName(dir + "/run",
                                                           "worker1",
                                                           topology->GetWorker(1)->GetId(),
                                                           1),
                              "worker 1's access device is its device 1 (0 is the loopback)");
        RunSimulation();
        NS_TEST_ASSERT_MSG_EQ(training.GetController()->GetCompletedRounds(), 2, "both rounds");

        // The pcap writers buffer: the files are whole once the devices (and their trace sinks)
        // are gone, i.e. after Destroy and once nothing holds the nodes.
        std::vector<SelmcastWorkerCounters> counters = {training.GetWorkers()[1]->GetCounters(),
                                                        training.GetWorkers()[3]->GetCounters()};
        std::vector<uint32_t> addresses = {topology->GetWorkerAddress(1).Get(),
                                           topology->GetWorkerAddress(3).Get()};
        std::vector<uint32_t> nodes = {topology->GetWorker(1)->GetId(),
                                       topology->GetWorker(3)->GetId()};
        Simulator::Destroy();
        topology = nullptr;
        training = SelmcastTrainingHelper();
        for (uint32_t k = 0; k < 2; ++k)
        {
            uint32_t w = k == 0 ? 1 : 3;
            const SelmcastWorkerCounters& counted = counters[k];
            CaptureCounts c = ReadCapture(chosen[k], addresses[k]);
            NS_TEST_ASSERT_MSG_EQ(c.linkType, 9, "PPP link type (pcap DLT 9)");
            NS_TEST_ASSERT_MSG_EQ(c.dataFrom,
                                  counted.segmentsSent + counted.pollsSent,
                                  "worker " << w << ": every segment and poll it sent");
            NS_TEST_ASSERT_MSG_EQ(c.pollsFrom, counted.pollsSent, "polls");
            NS_TEST_ASSERT_MSG_EQ(c.dataTo,
                                  counted.segmentsReceived + counted.duplicateSegments +
                                      counted.pollsReceived,
                                  "worker " << w << ": every segment and poll it received");
            NS_TEST_ASSERT_MSG_EQ(c.acksFrom, counted.acksSent, "ACKs it sent");
            NS_TEST_ASSERT_MSG_GT(c.controlTo, 0, "control messages reached it");
            // --linkStats on the same device: what it transmitted, control apart.
            const SelmcastLinkStats::Device* device = links.Find(nodes[k], 1);
            NS_TEST_ASSERT_MSG_NE(device, nullptr, "link stats count worker " << w);
            NS_TEST_ASSERT_MSG_EQ(device->control.transmissions,
                                  c.controlFrom,
                                  "worker " << w << ": control frames it sent");
            NS_TEST_ASSERT_MSG_EQ(device->data.transmissions + device->control.transmissions,
                                  c.udpFrom,
                                  "worker " << w << ": every frame it sent");
            NS_TEST_ASSERT_MSG_GT(device->data.transmissions,
                                  counted.segmentsSent,
                                  "segments, polls and ACKs are data");
        }
        for (const auto& file : all)
        {
            NS_TEST_ASSERT_MSG_EQ(std::filesystem::exists(file), true, file << " written");
        }
        std::filesystem::remove_all(dir);
    }
};

/** The capture suite. */
class SelmcastCaptureTestSuite : public TestSuite
{
  public:
    SelmcastCaptureTestSuite()
        : TestSuite("selmcast-capture", UNIT)
    {
        AddTestCase(new WorkerListTestCase, TestCase::QUICK);
        AddTestCase(new PcapWorkersTestCase, TestCase::QUICK);
    }
};

/** The one instance. */
static SelmcastCaptureTestSuite g_selmcastCaptureTestSuite;

} // namespace
