/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-rate-report": what a worker reports as its bandwidths. SelmcastRateMeter counts
// the frames on an access device that are not SELMCAST's own; with RateReport Measured the READY
// the controller receives carries the link rate minus that load, with Configured the link rate.
// The load is a constant-rate UDP flow (OnOff, always on): its frames leave at fixed intervals,
// so a 10 ms window holds 375 +- 1 of them at 3 Gbps, and the measured rate is within 1 % of
// 3 Gbps x 1030 / 1000 (1000-byte payloads in 1030-byte frames: UDP 8, IPv4 20, PPP 2).

#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/ppp-header.h"
#include "ns3/selmcast-control-header.h"
#include "ns3/selmcast-rate-meter.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <map>
#include <string>
#include <utility>

using namespace ns3;

namespace
{

/// The load of the tests, payload bit/s.
const double LOAD_BPS = 3e9;
/// Its rate on the wire: 1030-byte frames for 1000-byte payloads.
const double WIRE_BPS = LOAD_BPS * 1030 / 1000;

/**
 * A constant UDP flow of LOAD_BPS from one node to another (with a sink, so that no ICMP comes
 * back).
 * \param from sender
 * \param to receiver
 * \param address the receiver's address
 * \param port the destination port
 */
void
StartLoad(Ptr<Node> from, Ptr<Node> to, Ipv4Address address, uint16_t port)
{
    OnOffHelper onOff("ns3::UdpSocketFactory", InetSocketAddress(address, port));
    onOff.SetConstantRate(DataRate(static_cast<uint64_t>(LOAD_BPS)), 1000);
    onOff.Install(from).Start(Seconds(0));
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    sink.Install(to).Start(Seconds(0));
}

/**
 * \ingroup selmcast-tests
 * The meter: a foreign flow is counted in its direction only, a flow on an own port not at all.
 */
class RateMeterTestCase : public TestCase
{
  public:
    RateMeterTestCase()
        : TestCase("rate meter: other traffic counted per direction, own ports ignored")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(2));
        helper.SetAttribute("Spread", DoubleValue(0));
        Ptr<SelmcastTopology> topology = helper.InstallBigSwitch();
        StartLoad(topology->GetWorker(0), topology->GetWorker(1), topology->GetWorkerAddress(1), 9);
        // The same load on an own port: not counted.
        StartLoad(topology->GetWorker(0),
                  topology->GetWorker(1),
                  topology->GetWorkerAddress(1),
                  5400);
        Ptr<SelmcastRateMeter> sender = CreateObject<SelmcastRateMeter>();
        sender->Install(topology->GetWorkerLink(0).hostDevice, {5400});
        Ptr<SelmcastRateMeter> receiver = CreateObject<SelmcastRateMeter>();
        receiver->Install(topology->GetWorkerLink(1).hostDevice, {5400});
        std::map<std::string, double> seen;
        Simulator::Schedule(MilliSeconds(50), [&]() {
            seen["sent"] = sender->GetOtherBps(SelmcastRateMeter::SENT);
            seen["not received"] = sender->GetOtherBps(SelmcastRateMeter::RECEIVED);
            seen["received"] = receiver->GetOtherBps(SelmcastRateMeter::RECEIVED);
            seen["not sent"] = receiver->GetOtherBps(SelmcastRateMeter::SENT);
        });
        Simulator::Stop(MilliSeconds(51));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ_TOL(seen["sent"], WIRE_BPS, 0.01 * WIRE_BPS, "the flow it sends");
        NS_TEST_ASSERT_MSG_EQ_TOL(seen["received"], WIRE_BPS, 0.01 * WIRE_BPS, "arriving flow");
        NS_TEST_ASSERT_MSG_EQ(seen["not received"], 0, "nothing other arrives at the sender");
        NS_TEST_ASSERT_MSG_EQ(seen["not sent"], 0, "the receiver sends nothing other");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * What the controller receives in READY, with the load from worker 0 to worker 1.
 */
class RateReportTestCase : public TestCase
{
  public:
    /** \param mode Configured or Measured */
    RateReportTestCase(std::string mode)
        : TestCase("RateReport " + mode + ": the bandwidths in READY under a known load"),
          m_mode(mode)
    {
    }

  private:
    /**
     * Record a READY arriving at the controller.
     * \param packet the frame
     */
    void OnControllerRx(Ptr<const Packet> packet)
    {
        Ptr<Packet> copy = packet->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        UdpHeader udp;
        copy->RemoveHeader(ppp);
        copy->RemoveHeader(ip);
        copy->RemoveHeader(udp);
        SelmcastControlHeader header;
        copy->RemoveHeader(header);
        if (header.IsValid() && header.GetType() == SelmcastControlType::READY)
        {
            m_ready[header.GetWorker()] = {header.GetIngress(), header.GetEgress()};
        }
    }

    void DoRun() override
    {
        Config::SetDefault("ns3::SelmcastTrainer::RateReport", StringValue(m_mode));
        SelmcastBspParameters par;
        par.n = 3;
        par.p = 1;
        par.lambda = 0;
        par.bandwidth = "10Gbps";
        par.blockSize = 10000;
        par.rounds = 1;
        par.computeMean = 30; // READY after 30 ms: the 10 ms window is full of the load
        SelmcastBspScenario scenario(par);
        scenario.Build();
        Config::SetDefault("ns3::SelmcastTrainer::RateReport", StringValue("Configured"));
        Ptr<SelmcastTopology> topology = scenario.GetTopology();
        StartLoad(topology->GetWorker(0), topology->GetWorker(1), topology->GetWorkerAddress(1), 9);
        topology->GetControllerLink().hostDevice->TraceConnectWithoutContext(
            "PhyRxEnd",
            MakeCallback(&RateReportTestCase::OnControllerRx, this));
        scenario.Run(false, Seconds(1));
        NS_TEST_ASSERT_MSG_EQ(m_ready.size(), 3u, "a READY from every worker");
        const double link = 10e9;
        const double loaded = m_mode == "Measured" ? link - WIRE_BPS : link;
        const double expected[3][2] = {{loaded, link}, {link, loaded}, {link, link}};
        for (uint32_t w = 0; w < 3; ++w)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(double(m_ready[w].first),
                                      expected[w][0],
                                      0.01 * WIRE_BPS,
                                      "worker " << w << " ingress");
            NS_TEST_ASSERT_MSG_EQ_TOL(double(m_ready[w].second),
                                      expected[w][1],
                                      0.01 * WIRE_BPS,
                                      "worker " << w << " egress");
        }
    }

    std::string m_mode;                                        //!< Configured or Measured
    std::map<uint32_t, std::pair<uint64_t, uint64_t>> m_ready; //!< worker -> (ingress, egress)
};

/**
 * \ingroup selmcast-tests
 * The suite.
 */
class SelmcastRateReportTestSuite : public TestSuite
{
  public:
    SelmcastRateReportTestSuite()
        : TestSuite("selmcast-rate-report", UNIT)
    {
        AddTestCase(new RateMeterTestCase, TestCase::QUICK);
        AddTestCase(new RateReportTestCase("Configured"), TestCase::QUICK);
        AddTestCase(new RateReportTestCase("Measured"), TestCase::QUICK);
    }
};

/// The suite's only instance, registered with the test runner at load time.
static SelmcastRateReportTestSuite g_selmcastRateReportTestSuite;

} // namespace
