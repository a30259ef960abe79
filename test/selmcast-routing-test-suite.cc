/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SelmcastRouting: the module's forwarding gives the same packets the same paths as ns-3's static
// and global routing (whole training runs byte-identical under both), its unicast table is ns-3's
// own answer, and ns-3's routing still serves what the module's tables do not hold.

#include "selmcast-test-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/config.h"
#include "ns3/enum.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-device-demux.h"
#include "ns3/selmcast-results.h"
#include "ns3/selmcast-routing-helper.h"
#include "ns3/selmcast-routing.h"
#include "ns3/selmcast-ssp-results.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// One training run of the equivalence test.
struct TrainingRun
{
    std::string routing;                                       //!< Selmcast or Ns3
    SelmcastTopology::Kind kind{SelmcastTopology::BIG_SWITCH}; //!< the fabric
    std::string mode{"BSP"};                                   //!< BSP or SSP
    std::string delivery{"L3"};                                //!< L3 or L7
    std::string outDir;                                        //!< where the results go
    bool demux{true};                                          //!< a SelmcastDeviceDemux per node
};

/**
 * Train on 8 workers (leaf-spine: 2 leaves of 4, 2 spines; fat-tree: k = 4, packed on two pods,
 * 2 Gbps switch links) with 10 % loss on one worker's link,
 * so that repairs, polls and unicast control all cross the fabric, and write the results.
 * \param run the run
 * \return the number of packets the routers forwarded (multicast and unicast)
 */
uint64_t
Train(const TrainingRun& run)
{
    Config::SetDefault("ns3::SelmcastTopologyHelper::Routing", StringValue(run.routing));
    Config::SetDefault("ns3::SelmcastDeviceDemux::Enabled", BooleanValue(run.demux));
    SelmcastTopologyHelper topo;
    topo.SetAttribute("Workers", UintegerValue(8));
    topo.SetAttribute("Leaves", UintegerValue(2));
    topo.SetAttribute("HostsPerLeaf", UintegerValue(4));
    topo.SetAttribute("Spread", DoubleValue(0.5));
    topo.SetAttribute("MeanRate", DataRateValue(DataRate("1Gbps")));
    topo.SetAttribute("LeafSpineRate", DataRateValue(DataRate("2Gbps")));
    topo.SetAttribute("EdgeOversubscription", DoubleValue(0.5));
    topo.SetAttribute("Topology", EnumValue(run.kind));
    topo.AssignStreams(1);
    Ptr<SelmcastTopology> topology = topo.Install();
    Config::SetDefault("ns3::SelmcastTopologyHelper::Routing", StringValue("Selmcast"));
    Config::SetDefault("ns3::SelmcastDeviceDemux::Enabled", BooleanValue(true));
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        Ptr<Node> router = topology->GetRouter(r);
        Ptr<SelmcastDeviceDemux> demux = router->GetObject<SelmcastDeviceDemux>();
        NS_ABORT_MSG_IF(!demux != !run.demux,
                        "router " << r << ": SelmcastDeviceDemux::Enabled not applied");
        // Every device but the loopback (device 0) is received through the demux.
        for (uint32_t d = 1; demux && d < router->GetNDevices(); ++d)
        {
            NS_ABORT_MSG_IF(!demux->Covers(router->GetDevice(d)), "device " << d << " not covered");
        }
    }
    selmcast_test::SetLinkLoss(topology->GetWorkerLink(5), 0.1, 7);

    SelmcastTrainingHelper training;
    training.SetBlock(200000, 1440);
    training.SetTrainerAttribute("ComputeModel", StringValue("uniform"));
    training.SetControllerAttribute("Mode", StringValue(run.mode));
    training.SetControllerAttribute("Delivery", StringValue(run.delivery));
    training.SetControllerAttribute("MinReceivers", UintegerValue(3));
    training.SetControllerAttribute("Rounds", UintegerValue(run.mode == "BSP" ? 4 : 6));
    training.Install(topology);
    training.AssignStreams(100);

    uint64_t forwarded = 0;
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        Ptr<Ipv4L3Protocol> l3 = topology->GetRouter(r)->GetObject<Ipv4L3Protocol>();
        l3->TraceConnectWithoutContext(
            "UnicastForward",
            MakeBoundCallback(
                +[](uint64_t* count, const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*count; },
                &forwarded));
        l3->TraceConnectWithoutContext(
            "MulticastForward",
            MakeBoundCallback(
                +[](uint64_t* count, const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*count; },
                &forwarded));
    }
    std::unique_ptr<SelmcastResults> bsp;
    std::unique_ptr<SelmcastSspResults> ssp;
    if (run.mode == "BSP")
    {
        bsp = std::make_unique<SelmcastResults>(run.outDir, "run", false);
        NS_ABORT_IF(!bsp->Open().empty());
        bsp->Connect(training.GetController(), training.GetTrainers());
    }
    else
    {
        ssp = std::make_unique<SelmcastSspResults>(run.outDir, "run", false);
        NS_ABORT_IF(!ssp->Open().empty());
        ssp->Connect(training.GetController(), training.GetTrainers());
    }
    selmcast_test::RunSimulation();
    Simulator::Destroy();
    return forwarded;
}

/**
 * Whole runs under SelmcastRouting and under ns-3's routing give byte-identical results; so do
 * whole runs with and without a SelmcastDeviceDemux on every node (under SelmcastRouting).
 */
class EquivalenceTestCase : public TestCase
{
  public:
    /**
     * \param kind the fabric
     * \param mode BSP or SSP
     * \param delivery L3 or L7
     * \param demux compare with and without the demux instead of the two routings
     */
    EquivalenceTestCase(SelmcastTopology::Kind kind,
                        std::string mode,
                        std::string delivery,
                        bool demux = false)
        : TestCase(std::string(demux ? "with and without SelmcastDeviceDemux"
                                     : "Selmcast and Ns3 routing") +
                   " give identical runs: " +
                   (kind == SelmcastTopology::LEAF_SPINE ? "leaf-spine"
                    : kind == SelmcastTopology::FAT_TREE ? "fat-tree"
                                                         : "big switch") +
                   ", " + mode + ", " + delivery),
          m_kind(kind),
          m_mode(mode),
          m_delivery(delivery),
          m_demux(demux)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::string> files[2];
        uint64_t forwarded[2];
        const char* routings[2] = {"Ns3", "Selmcast"};
        for (int k = 0; k < 2; ++k)
        {
            TrainingRun run;
            run.routing = m_demux ? "Selmcast" : routings[k];
            run.demux = !m_demux || k == 1;
            run.kind = m_kind;
            run.mode = m_mode;
            run.delivery = m_delivery;
            run.outDir = CreateTempDirFilename(std::string("routing-") + routings[k]);
            forwarded[k] = Train(run);
            for (const char* name : {"/run-rounds.csv", "/run-multicasts.csv", "/run-summary.json"})
            {
                files[k].push_back(selmcast_test::ReadFile(run.outDir + name));
            }
        }
        NS_TEST_ASSERT_MSG_GT(files[0][0].size() + files[0][1].size(),
                              200,
                              "the run must have written records");
        NS_TEST_ASSERT_MSG_GT(forwarded[0], 1000, "the routers must have forwarded packets");
        NS_TEST_ASSERT_MSG_EQ(forwarded[1], forwarded[0], "routers forwarded other packets");
        for (size_t f = 0; f < files[0].size(); ++f)
        {
            NS_TEST_ASSERT_MSG_EQ((files[1][f] == files[0][f]),
                                  true,
                                  "result file " << f << " differs between the routings");
        }
    }

    SelmcastTopology::Kind m_kind; //!< the fabric
    std::string m_mode;            //!< BSP or SSP
    std::string m_delivery;        //!< L3 or L7
    bool m_demux;                  //!< the demux varies, not the routing
};

/**
 * The unicast table is ns-3's own answer for every host at every node, also after an interface
 * goes down and comes back.
 */
class SnapshotTestCase : public TestCase
{
  public:
    SnapshotTestCase()
        : TestCase("unicast table equals ns-3's routes, before and after an interface change")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper topo;
        topo.SetAttribute("Leaves", UintegerValue(3));
        topo.SetAttribute("Spines", UintegerValue(2));
        topo.SetAttribute("HostsPerLeaf", UintegerValue(2));
        Ptr<SelmcastTopology> topology = topo.InstallLeafSpine();
        std::vector<Ipv4Address> hosts;
        for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
        {
            hosts.push_back(topology->GetWorkerAddress(i));
        }
        hosts.push_back(topology->GetControllerAddress());
        Check(topology, hosts, "after building");
        Ptr<Ipv4> leaf = topology->GetRouter(0)->GetObject<Ipv4>();
        uint32_t uplink = topology->GetRouterLinks(0).front().localInterface;
        leaf->SetDown(uplink);
        Check(topology, hosts, "after SetDown");
        leaf->SetUp(uplink);
        Check(topology, hosts, "after SetUp");
        Simulator::Destroy();
    }

    /**
     * \param topology the network
     * \param hosts every host address
     * \param when for the messages
     */
    void Check(Ptr<SelmcastTopology> topology,
               const std::vector<Ipv4Address>& hosts,
               const std::string& when)
    {
        NodeContainer nodes(topology->GetWorkers(), topology->GetRouters());
        for (uint32_t k = 0; k < nodes.GetN(); ++k)
        {
            Ptr<SelmcastRouting> routing =
                SelmcastRoutingHelper::GetRouting(nodes.Get(k)->GetObject<Ipv4>());
            NS_TEST_ASSERT_MSG_NE(routing, nullptr, "node " << k << " has no SelmcastRouting");
            uint32_t answered = 0;
            for (Ipv4Address host : hosts)
            {
                Ipv4Header header;
                header.SetDestination(host);
                Socket::SocketErrno e1;
                Socket::SocketErrno e2;
                Ptr<Ipv4Route> ours = routing->RouteOutput(nullptr, header, nullptr, e1);
                Ptr<Ipv4Route> ns3 =
                    routing->Ipv4ListRouting::RouteOutput(nullptr, header, nullptr, e2);
                NS_TEST_ASSERT_MSG_EQ((ours == nullptr), (ns3 == nullptr), when << ", " << host);
                if (ours)
                {
                    ++answered;
                    NS_TEST_ASSERT_MSG_EQ(ours->GetOutputDevice(),
                                          ns3->GetOutputDevice(),
                                          when << ": node " << k << " to " << host);
                    NS_TEST_ASSERT_MSG_EQ(ours->GetGateway(),
                                          ns3->GetGateway(),
                                          when << ": node " << k << " to " << host);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(routing->GetNUnicastRoutes(),
                                  answered,
                                  when << ": node " << k << " table size");
        }
    }
};

/**
 * ns-3's routing still serves what the module's tables do not hold: a static multicast route
 * added by hand with Ipv4StaticRoutingHelper carries plain UdpClient traffic to its receivers
 * only, and a router keeps the trees' packets to itself (no local delivery) while hosts get them.
 */
class FallbackTestCase : public TestCase
{
  public:
    FallbackTestCase()
        : TestCase("ns-3's static routing still serves routes the module's tables do not hold")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper topo;
        topo.SetAttribute("Workers", UintegerValue(4));
        Ptr<SelmcastTopology> topology = topo.InstallBigSwitch();
        Ptr<Node> router = topology->GetRouter(0);
        Ipv4Address group("239.1.2.3");
        Ipv4StaticRoutingHelper staticHelper;
        NetDeviceContainer outputs;
        outputs.Add(topology->GetWorkerLink(1).routerDevice);
        outputs.Add(topology->GetWorkerLink(2).routerDevice);
        staticHelper.AddMulticastRoute(router,
                                       topology->GetWorkerAddress(0),
                                       group,
                                       topology->GetWorkerLink(0).routerDevice,
                                       outputs);
        staticHelper.GetStaticRouting(topology->GetWorker(0)->GetObject<Ipv4>())
            ->AddHostRouteTo(group, topology->GetWorkerLink(0).hostInterface);
        uint64_t routerLocal = 0;
        router->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "LocalDeliver",
            MakeBoundCallback(
                +[](uint64_t* count, const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*count; },
                &routerLocal));

        PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
        ApplicationContainer sinks = sink.Install(topology->GetWorkers());
        UdpClientHelper client(group, 9);
        client.SetAttribute("MaxPackets", UintegerValue(20));
        client.SetAttribute("Interval", TimeValue(MicroSeconds(10)));
        client.SetAttribute("PacketSize", UintegerValue(500));
        client.Install(topology->GetWorker(0)).Start(MilliSeconds(1));
        Simulator::Stop(MilliSeconds(50));
        Simulator::Run();
        uint64_t expected[4] = {0, 20 * 500, 20 * 500, 0};
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(DynamicCast<PacketSink>(sinks.Get(i))->GetTotalRx(),
                                  expected[i],
                                  "bytes at worker " << i);
        }
        // The group is no tree of the module's: ns-3's list routing delivered it locally too.
        NS_TEST_ASSERT_MSG_EQ(routerLocal, 20, "ns-3 hands every multicast packet up");
        Simulator::Destroy();
    }
};

/**
 * SelmcastDeviceDemux covers exactly the IPv4 devices a node had at Install: not the loopback,
 * not a device without an IPv4 interface, not one added later; whether the covered devices form
 * one range of indices (the fast check) or not (the per-device bits).
 */
class DemuxCoverageTestCase : public TestCase
{
  public:
    DemuxCoverageTestCase()
        : TestCase("SelmcastDeviceDemux covers the IPv4 devices present at Install, no others")
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SelmcastDeviceDemux::Enabled", BooleanValue(true));
        NodeContainer nodes;
        nodes.Create(5);
        InternetStackHelper().Install(nodes);
        PointToPointHelper p2p;
        Ipv4AddressHelper address("10.9.0.0", "255.255.255.252");
        // Node 0: devices 1 and 3 with IPv4, device 2 without (not one range); node 1: 1, 2.
        auto link = [&](uint32_t a, uint32_t b, bool ipv4) {
            NetDeviceContainer devices = p2p.Install(nodes.Get(a), nodes.Get(b));
            if (ipv4)
            {
                address.Assign(devices);
                address.NewNetwork();
            }
        };
        link(0, 2, true);
        link(0, 3, false);
        link(0, 1, true);
        link(1, 4, true);
        std::vector<std::vector<bool>> expected = {{false, true, false, true}, {false, true, true}};
        for (uint32_t k = 0; k < expected.size(); ++k)
        {
            Ptr<SelmcastDeviceDemux> demux = SelmcastDeviceDemux::Install(nodes.Get(k));
            NS_TEST_ASSERT_MSG_NE(demux, nullptr, "node " << k << " has a demux");
            for (uint32_t d = 0; d < expected[k].size(); ++d)
            {
                NS_TEST_ASSERT_MSG_EQ(demux->Covers(nodes.Get(k)->GetDevice(d)),
                                      expected[k][d],
                                      "node " << k << " device " << d);
            }
        }
        // Added after Install: ns-3's own handlers serve it.
        link(1, 3, true);
        Ptr<NetDevice> later = nodes.Get(1)->GetDevice(3);
        NS_TEST_ASSERT_MSG_EQ(nodes.Get(1)->GetObject<SelmcastDeviceDemux>()->Covers(later),
                              false,
                              "a device added after Install");
        Simulator::Destroy();
    }
};

/** The suite. */
class SelmcastRoutingTestSuite : public TestSuite
{
  public:
    SelmcastRoutingTestSuite()
        : TestSuite("selmcast-routing", UNIT)
    {
        AddTestCase(new SnapshotTestCase, TestCase::QUICK);
        AddTestCase(new FallbackTestCase, TestCase::QUICK);
        AddTestCase(new DemuxCoverageTestCase, TestCase::QUICK);
        for (auto kind : {SelmcastTopology::BIG_SWITCH,
                          SelmcastTopology::LEAF_SPINE,
                          SelmcastTopology::FAT_TREE})
        {
            for (const char* delivery : {"L3", "L7"})
            {
                AddTestCase(new EquivalenceTestCase(kind, "BSP", delivery), TestCase::QUICK);
            }
            AddTestCase(new EquivalenceTestCase(kind, "SSP", "L3"), TestCase::QUICK);
            AddTestCase(new EquivalenceTestCase(kind, "BSP", "L7", true), TestCase::QUICK);
        }
    }
};

/// The one instance.
SelmcastRoutingTestSuite g_selmcastRoutingTestSuite;

} // namespace
