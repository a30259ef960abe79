/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/packet.h"
#include "ns3/selmcast-background.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iostream>
#include <sstream>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Tests of the background traffic (other tenants' TCP flows): where the flows go, that they
 * carry their offered load on a fabric with room for it, and that a training round slows down
 * when it shares the links with them.
 */

using namespace ns3;

namespace
{

/**
 * \ingroup selmcast-tests
 * On a leaf-spine of 3 leaves of 2 workers (1 Gbps hosts, 40 Gbps fabric), Load 0.3: one flow
 * per worker, each to a worker behind another leaf, the same pairs for the same stream, and
 * each carries its offered 0.3 Gbps (the most any sink can get is 5 x 0.3 Gbps, under its
 * 1 Gbps only when at most 3 flows meet: checked, and the throughput compared flow by flow).
 */
class BackgroundFlowsTestCase : public TestCase
{
  public:
    BackgroundFlowsTestCase()
        : TestCase("background: one TCP flow per worker to another leaf, carrying its load")
    {
    }

  private:
    /**
     * \param stream the choices' stream
     * \return the flows after 50 ms
     */
    std::vector<SelmcastBackgroundFlow> Run(int64_t stream)
    {
        SelmcastTopologyHelper topo;
        topo.SetAttribute("Leaves", UintegerValue(3));
        topo.SetAttribute("HostsPerLeaf", UintegerValue(2));
        topo.SetAttribute("MeanRate", DataRateValue(DataRate("1Gbps")));
        topo.SetAttribute("Spread", DoubleValue(0.0));
        Ptr<SelmcastTopology> topology = topo.InstallLeafSpine();
        Ptr<SelmcastBackgroundTraffic> background = CreateObject<SelmcastBackgroundTraffic>();
        background->SetAttribute("Load", DoubleValue(0.3));
        NS_TEST_EXPECT_MSG_EQ(background->Validate(), "", "valid");
        background->AssignStreams(stream);
        background->Install(topology);
        Simulator::Stop(MilliSeconds(50));
        Simulator::Run();
        std::vector<SelmcastBackgroundFlow> flows = background->Report();
        for (const SelmcastBackgroundFlow& flow : flows)
        {
            NS_TEST_EXPECT_MSG_NE(topology->GetWorkerLink(flow.source).router,
                                  topology->GetWorkerLink(flow.sink).router,
                                  "flow " << flow.source << " goes to another leaf");
        }
        Simulator::Destroy();
        return flows;
    }

    void DoRun() override
    {
        std::vector<SelmcastBackgroundFlow> flows = Run(5);
        NS_TEST_ASSERT_MSG_EQ(flows.size(), 6, "one flow per worker");
        std::vector<uint32_t> perSink(6, 0);
        for (const SelmcastBackgroundFlow& flow : flows)
        {
            ++perSink[flow.sink];
        }
        std::vector<SelmcastBackgroundFlow> again = Run(5);
        bool differs = false;
        for (uint32_t f = 0; f < flows.size(); ++f)
        {
            NS_TEST_EXPECT_MSG_EQ(again[f].sink, flows[f].sink, "same stream, same pairs");
            NS_TEST_EXPECT_MSG_EQ_TOL(flows[f].offeredBps, 0.3e9, 1, "0.3 x 1 Gbps offered");
            if (perSink[flows[f].sink] <= 3)
            {
                // Handshake and slow start cost well under 1 % of 50 ms at these rates.
                NS_TEST_EXPECT_MSG_EQ_TOL(flows[f].throughputBps / flows[f].offeredBps,
                                          0.99,
                                          0.02,
                                          "flow " << f << " carries its load");
            }
        }
        for (int64_t stream = 6; stream < 12 && !differs; ++stream)
        {
            std::vector<SelmcastBackgroundFlow> other = Run(stream);
            for (uint32_t f = 0; f < flows.size(); ++f)
            {
                differs = differs || other[f].sink != flows[f].sink;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(differs, true, "another stream, other pairs");
    }
};

/**
 * \ingroup selmcast-tests
 * A BSP round that shares the hosts' links with background flows the controller does not know
 * takes longer than the same round alone, and the flows carry traffic meanwhile.
 */
class BackgroundSlowsRoundTestCase : public TestCase
{
  public:
    BackgroundSlowsRoundTestCase()
        : TestCase("background: a BSP round sharing the links with it takes longer")
    {
    }

  private:
    /**
     * \param load the background load
     * \return the run's summary
     */
    SelmcastBspSummary Run(double load)
    {
        SelmcastBspParameters par;
        par.n = 4;
        par.p = 2;
        par.bandwidth = "1Gbps";
        par.blockSize = 1000000;
        par.rounds = 2;
        par.computeMean = 1;
        par.background = load;
        NS_ABORT_IF(!par.Validate().empty());
        SelmcastBspScenario scenario(par);
        scenario.Build();
        return scenario.Run(false, Seconds(60));
    }

    void DoRun() override
    {
        SelmcastBspSummary alone = Run(0);
        SelmcastBspSummary shared = Run(0.5);
        NS_TEST_ASSERT_MSG_EQ(alone.Failure(2), "", "alone: both rounds");
        NS_TEST_ASSERT_MSG_EQ(shared.Failure(2), "", "shared: both rounds");
        NS_TEST_ASSERT_MSG_EQ(alone.background.size(), 0, "no flows at load 0");
        NS_TEST_ASSERT_MSG_EQ(shared.background.size(), 4, "one flow per worker");
        double carried = 0;
        for (const SelmcastBackgroundFlow& flow : shared.background)
        {
            carried += flow.throughputBps;
        }
        std::cout << "  round " << alone.meanRoundTime * 1e3 << " ms alone, "
                  << shared.meanRoundTime * 1e3 << " ms with background carrying " << carried / 1e9
                  << " Gbps" << std::endl;
        NS_TEST_ASSERT_MSG_GT(carried, 0.1e9, "the flows carried traffic");
        NS_TEST_ASSERT_MSG_GT(shared.meanRoundTime,
                              1.1 * alone.meanRoundTime,
                              "the round is slower with background traffic");
    }
};

/**
 * \ingroup selmcast-tests
 * The flows send whole segments: on 9000-byte links the data packets a source's access device
 * transmits average the MTU (SegmentSize 0: MTU - 60 bytes of payload plus 52 of headers), and
 * with SegmentSize 4000 they average 4052 bytes. OnOffHelper's 512-byte writes made 564-byte
 * packets whatever TCP's segment size, 16x the packets for the same load.
 */
class BackgroundSegmentsTestCase : public TestCase
{
  public:
    BackgroundSegmentsTestCase()
        : TestCase("background: the flows send whole segments of the configured size")
    {
    }

  private:
    uint64_t m_dataPackets{0}; //!< packets with a payload on the traced device
    uint64_t m_dataBytes{0};   //!< their bytes, IPv4 header included
    uint32_t m_largest{0};     //!< the largest of them

    /**
     * Count one transmitted packet.
     * \param packet the IPv4 packet
     */
    void OnTx(Ptr<const Packet> packet)
    {
        if (packet->GetSize() > 100) // pure ACKs are 52 to 64 bytes
        {
            ++m_dataPackets;
            m_dataBytes += packet->GetSize();
            m_largest = std::max(m_largest, packet->GetSize());
        }
    }

    /**
     * \param segmentSize the SegmentSize attribute
     * \return the mean size of the data packets worker 0 sent in 20 ms
     */
    double MeanPacket(uint32_t segmentSize)
    {
        m_dataPackets = 0;
        m_dataBytes = 0;
        m_largest = 0;
        SelmcastTopologyHelper topo;
        topo.SetAttribute("Leaves", UintegerValue(2));
        topo.SetAttribute("HostsPerLeaf", UintegerValue(1));
        topo.SetAttribute("MeanRate", DataRateValue(DataRate("1Gbps")));
        topo.SetAttribute("Spread", DoubleValue(0.0));
        topo.SetAttribute("Mtu", UintegerValue(9000));
        Ptr<SelmcastTopology> topology = topo.InstallLeafSpine();
        Ptr<SelmcastBackgroundTraffic> background = CreateObject<SelmcastBackgroundTraffic>();
        background->SetAttribute("Load", DoubleValue(0.3));
        background->SetAttribute("SegmentSize", UintegerValue(segmentSize));
        background->Install(topology);
        std::ostringstream path;
        path << "/NodeList/" << topology->GetWorker(0)->GetId()
             << "/DeviceList/*/$ns3::PointToPointNetDevice/MacTx";
        Config::ConnectWithoutContext(path.str(),
                                      MakeCallback(&BackgroundSegmentsTestCase::OnTx, this));
        Simulator::Stop(MilliSeconds(20));
        Simulator::Run();
        Simulator::Destroy();
        // 0.3 Gbps for 20 ms is 750 kB: hundreds of packets even at the MTU.
        NS_TEST_EXPECT_MSG_GT(m_dataPackets, 50, "the flow sent data");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(m_largest, 9000, "no packet exceeds the MTU");
        return m_dataPackets > 0 ? static_cast<double>(m_dataBytes) / m_dataPackets : 0;
    }

    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ_TOL(MeanPacket(0), 8992, 10, "segments of MTU - 60 bytes");
        NS_TEST_EXPECT_MSG_EQ_TOL(MeanPacket(4000), 4052, 10, "segments of SegmentSize bytes");
    }
};

/** The suite. */
class SelmcastBackgroundTestSuite : public TestSuite
{
  public:
    SelmcastBackgroundTestSuite()
        : TestSuite("selmcast-background", UNIT)
    {
        AddTestCase(new BackgroundFlowsTestCase, TestCase::QUICK);
        AddTestCase(new BackgroundSlowsRoundTestCase, TestCase::QUICK);
        AddTestCase(new BackgroundSegmentsTestCase, TestCase::QUICK);
    }
};

/** Static instance. */
SelmcastBackgroundTestSuite g_selmcastBackgroundTestSuite;

} // namespace
