/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/channel.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/selmcast-fabric-spec.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Tests of the fabrics beyond the big switch: leaf-spine oversubscription, the k-ary fat-tree's
 * wiring and rates, worker placement, the CSV edge list and its errors, bisection bandwidth.
 */

using namespace ns3;

namespace
{

/**
 * \param device a point-to-point device
 * \return its DataRate attribute
 */
uint64_t
BpsOf(Ptr<PointToPointNetDevice> device)
{
    DataRateValue value;
    device->GetAttribute("DataRate", value);
    return value.Get().GetBitRate();
}

/**
 * \param topology a topology
 * \return per worker, its router
 */
std::vector<uint32_t>
RoutersOf(Ptr<SelmcastTopology> topology)
{
    std::vector<uint32_t> routers;
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        routers.push_back(topology->GetWorkerLink(i).router);
    }
    return routers;
}

/**
 * Write a file.
 * \param path where
 * \param text what
 */
void
WriteFile(const std::string& path, const std::string& text)
{
    std::ofstream(path) << text;
}

/**
 * \ingroup selmcast-tests
 * Leaf-spine: Oversubscription sets the leaf-spine rate to H b / (S x ratio); the reported
 * oversubscription and bisection follow the definitions.
 */
class LeafSpineOversubscriptionTestCase : public TestCase
{
  public:
    LeafSpineOversubscriptionTestCase()
        : TestCase("leaf-spine: Oversubscription sets the fabric rate; bisection and ratio")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Leaves", UintegerValue(3));
        helper.SetAttribute("Spines", UintegerValue(2));
        helper.SetAttribute("HostsPerLeaf", UintegerValue(4));
        helper.SetAttribute("MeanRate", DataRateValue(DataRate("10Gbps")));
        helper.SetAttribute("Oversubscription", DoubleValue(4));
        Ptr<SelmcastTopology> topology = helper.InstallLeafSpine();
        // 4 hosts x 10 Gbps over 2 spines x 4 = 5 Gbps per leaf-spine link.
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            for (const SelmcastRouterLink& link : topology->GetRouterLinks(r))
            {
                NS_TEST_ASSERT_MSG_EQ(BpsOf(link.localDevice), 5000000000ULL, "5 Gbps links");
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetOversubscription(), 4.0, 1e-12, "ratio 4");
        // One leaf (floor(3 / 2)) against the rest, limited by its 2 x 5 Gbps uplinks.
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetBisectionBandwidth(), 10e9, 1, "bisection");
        Simulator::Destroy();

        helper.SetAttribute("Oversubscription", DoubleValue(0));
        helper.SetAttribute("LeafSpineRate", DataRateValue(DataRate("40Gbps")));
        topology = helper.InstallLeafSpine();
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetOversubscription(), 0.5, 1e-12, "40G: 0.5");
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetBisectionBandwidth(),
                                  40e9,
                                  1,
                                  "then the hosts limit: 4 x 10 Gbps");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * The k-ary fat-tree of Al-Fares et al.: switch counts, every link where the paper puts it, the
 * rates of each layer, k / 2 hosts per edge switch, bisection k^3 / 8 x the slowest layer.
 */
class FatTreeStructureTestCase : public TestCase
{
  public:
    FatTreeStructureTestCase()
        : TestCase("fat-tree: k = 4 and 6 wiring, layer rates, bisection")
    {
    }

  private:
    /**
     * \param k arity
     */
    void Check(uint32_t k)
    {
        const uint32_t half = k / 2;
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Topology", StringValue("FatTree"));
        helper.SetAttribute("FatTreeK", UintegerValue(k));
        helper.SetAttribute("Workers", UintegerValue(k * k * k / 4));
        helper.SetAttribute("MeanRate", DataRateValue(DataRate("8Gbps")));
        helper.SetAttribute("EdgeOversubscription", DoubleValue(2));
        helper.SetAttribute("AggOversubscription", DoubleValue(2));
        Ptr<SelmcastTopology> topology = helper.Install();
        const uint32_t edges = k * half;
        NS_TEST_ASSERT_MSG_EQ(topology->GetNRouters(), 2 * edges + half * half, "switches");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNLeaves(), edges, "edge switches are the leaves");
        auto pod = [&](uint32_t r) { return (r % edges) / half; };
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            const auto& links = topology->GetRouterLinks(r);
            const bool edge = r < edges;
            const bool core = r >= 2 * edges;
            NS_TEST_ASSERT_MSG_EQ(links.size(), (edge ? half : k), "degree of switch " << r);
            NS_TEST_ASSERT_MSG_EQ(topology->GetWorkersAt(r).size(), (edge ? half : 0), "hosts");
            std::set<uint32_t> pods;
            for (const SelmcastRouterLink& link : links)
            {
                const uint32_t m = link.neighbour;
                const bool up = m > r;
                // Edge-aggregation links stay in the pod; 8 Gbps / 2, then / 2 again.
                const bool toCore = core || m >= 2 * edges;
                NS_TEST_ASSERT_MSG_EQ(BpsOf(link.localDevice),
                                      (toCore ? 2000000000ULL : 4000000000ULL),
                                      "layer rate");
                if (edge || (!core && up == false))
                {
                    NS_TEST_ASSERT_MSG_EQ(pod(m), pod(r), "edge-aggregation links stay in a pod");
                }
                pods.insert(core ? pod(m) : 0);
            }
            if (core)
            {
                NS_TEST_ASSERT_MSG_EQ(pods.size(), k, "a core switch reaches every pod once");
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetBisectionBandwidth(),
                                  k * k * k / 8 * 2e9,
                                  1,
                                  "k^3 / 8 x the core rate");
        NS_TEST_ASSERT_MSG_EQ_TOL(topology->GetOversubscription(), 4.0, 1e-12, "2 x 2");
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Check(4);
        Check(6);
    }
};

/**
 * \ingroup selmcast-tests
 * Placement on a fat-tree (k = 4, 6 workers on 8 edge switches of 2 slots): packed fills edge
 * switches in order, spread goes round-robin, random is a uniform sample that RngRun changes,
 * the same under the same run, and never overfills a rack; leaf-spine spread is i mod L.
 */
class PlacementTestCase : public TestCase
{
  public:
    PlacementTestCase()
        : TestCase("placement: packed, spread and random (seeded) on fat-tree and leaf-spine")
    {
    }

  private:
    /**
     * \param placement the rule
     * \param run RngRun
     * \return per worker, its router
     */
    std::vector<uint32_t> Place(const std::string& placement, uint32_t run)
    {
        RngSeedManager::SetRun(run);
        SelmcastTopologyHelper helper;
        helper.SetAttribute("FatTreeK", UintegerValue(4));
        helper.SetAttribute("Workers", UintegerValue(6));
        helper.SetAttribute("Placement", StringValue(placement));
        helper.AssignStreams(1);
        std::vector<uint32_t> routers = RoutersOf(helper.InstallFatTree());
        Simulator::Destroy();
        return routers;
    }

    void DoRun() override
    {
        const uint32_t savedRun = RngSeedManager::GetRun();
        NS_TEST_ASSERT_MSG_EQ((Place("Packed", 1) == std::vector<uint32_t>{0, 0, 1, 1, 2, 2}),
                              true,
                              "packed: two per edge switch, in order");
        NS_TEST_ASSERT_MSG_EQ((Place("Spread", 1) == std::vector<uint32_t>{0, 1, 2, 3, 4, 5}),
                              true,
                              "spread: one per edge switch first");
        std::set<std::vector<uint32_t>> seen;
        for (uint32_t run = 1; run <= 8; ++run)
        {
            std::vector<uint32_t> placed = Place("Random", run);
            NS_TEST_ASSERT_MSG_EQ((placed == Place("Random", run)), true, "same run, same place");
            std::map<uint32_t, uint32_t> perRack;
            for (uint32_t r : placed)
            {
                NS_TEST_ASSERT_MSG_LT(r, 8u, "on an edge switch");
                NS_TEST_ASSERT_MSG_LT_OR_EQ(++perRack[r], 2u, "at most k / 2 per edge switch");
            }
            seen.insert(placed);
        }
        NS_TEST_ASSERT_MSG_GT(seen.size(), 4u, "RngRun changes the random placement");

        // The controller on a core switch (router 19 of k = 4): its link ends there.
        SelmcastTopologyHelper onCore;
        onCore.SetAttribute("ControllerRouter", UintegerValue(19));
        Ptr<SelmcastTopology> fat = onCore.InstallFatTree();
        NS_TEST_ASSERT_MSG_EQ(fat->GetControllerLink().router, 19, "controller on core 19");
        NS_TEST_ASSERT_MSG_EQ(fat->GetControllerLink().routerDevice->GetNode(),
                              fat->GetRouter(19),
                              "its link ends at that switch");
        Simulator::Destroy();

        SelmcastTopologyHelper leafSpine;
        leafSpine.SetAttribute("Leaves", UintegerValue(3));
        leafSpine.SetAttribute("HostsPerLeaf", UintegerValue(2));
        leafSpine.SetAttribute("Placement", StringValue("Spread"));
        NS_TEST_ASSERT_MSG_EQ(
            (RoutersOf(leafSpine.InstallLeafSpine()) == std::vector<uint32_t>{0, 1, 2, 0, 1, 2}),
            true,
            "leaf-spine spread: worker i on leaf i mod L");
        Simulator::Destroy();
        RngSeedManager::SetRun(savedRun);
    }
};

/**
 * \ingroup selmcast-tests
 * The CSV edge list: routers in order of appearance, each link at its own rate and delay,
 * workers on the leaves, on listed nodes or on all nodes, the controller where named; bad files
 * are refused with the line and the field.
 */
class EdgeListTestCase : public TestCase
{
  public:
    EdgeListTestCase()
        : TestCase("edge list: structure from a CSV file, worker nodes, controller, errors")
    {
    }

  private:
    void DoRun() override
    {
        const std::string path = CreateTempDirFilename("fabric.csv");
        // A ring of three routers with two leaves each: hosts hang off the leaves.
        WriteFile(path,
                  "# node,node,rate,delay\n"
                  "core-a, core-b, 40Gbps, 2us\n"
                  "core-b,core-c,40Gbps,2us\n"
                  "core-c,core-a,20Gbps,3us\n"
                  "\n"
                  "core-a,tor-1,10Gbps,1us\n"
                  "core-b,tor-2,10Gbps,1us\n"
                  "core-c,tor-3,10Gbps,500ns\n");
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Topology", StringValue("EdgeList"));
        helper.SetAttribute("TopologyFile", StringValue(path));
        helper.SetAttribute("Workers", UintegerValue(3));
        helper.SetAttribute("FileController", StringValue("core-b"));
        NS_TEST_ASSERT_MSG_EQ(helper.Validate(SelmcastTopology::EDGE_LIST), "", "valid");
        Ptr<SelmcastTopology> topology = helper.Install();
        NS_TEST_ASSERT_MSG_EQ(topology->GetNRouters(), 6, "six nodes");
        // Routers by first appearance: core-a 0, core-b 1, core-c 2, tor-1 3, tor-2 4, tor-3 5.
        NS_TEST_ASSERT_MSG_EQ((RoutersOf(topology) == std::vector<uint32_t>{3, 4, 5}),
                              true,
                              "one worker on each leaf");
        NS_TEST_ASSERT_MSG_EQ(topology->GetControllerLink().router, 1, "controller on core-b");
        const SelmcastRouterLink& ca = topology->GetRouterLinks(2)[1];
        NS_TEST_ASSERT_MSG_EQ(ca.neighbour, 0, "core-c's second link goes to core-a");
        NS_TEST_ASSERT_MSG_EQ(BpsOf(ca.localDevice), 20000000000ULL, "at its own rate");
        TimeValue delay;
        ca.localDevice->GetChannel()->GetAttribute("Delay", delay);
        NS_TEST_ASSERT_MSG_EQ(delay.Get(), MicroSeconds(3), "with its own delay");
        NS_TEST_ASSERT_MSG_EQ(topology->GetBisectionBandwidth(), 0, "unknown for a file");
        Simulator::Destroy();

        helper.SetAttribute("FileWorkers", StringValue("core-a+tor-3"));
        helper.SetAttribute("Workers", UintegerValue(2));
        topology = helper.Install();
        NS_TEST_ASSERT_MSG_EQ((RoutersOf(topology) == std::vector<uint32_t>{0, 5}),
                              true,
                              "workers on the listed nodes");
        Simulator::Destroy();
        helper.SetAttribute("Workers", UintegerValue(3));
        ExpectError(helper, "allowed: [2, 2]", "more workers than listed nodes");

        helper.SetAttribute("FileWorkers", StringValue("core-a+nowhere"));
        ExpectError(helper, "'nowhere'", "an unknown node");
        helper.SetAttribute("FileWorkers", StringValue("leaves"));

        struct Bad
        {
            std::string text;  //!< file contents
            std::string where; //!< expected in the message
        };

        for (const Bad& bad : {Bad{"a,b,10Gbps\n", "line 1: has 3 fields"},
                               Bad{"a,b,10Gbps,1us\nb,c,fast,1us\n", "line 2: rate 'fast'"},
                               Bad{"a,b,10Gbps,1us\nb,c,1Gbps,soon\n", "line 2: delay"},
                               Bad{"a,a,10Gbps,1us\n", "two different"},
                               Bad{"a,b,1Gbps,1us\nc,d,1Gbps,1us\n", "not connected"},
                               Bad{"# nothing\n", "no link"}})
        {
            WriteFile(path, bad.text);
            ExpectError(helper, bad.where, bad.text);
        }
        helper.SetAttribute("TopologyFile", StringValue(path + ".missing"));
        ExpectError(helper, "cannot read", "a missing file");
    }

    /**
     * \param helper a helper set up for an edge list
     * \param part text the message must contain
     * \param what the case, for messages
     */
    void ExpectError(const SelmcastTopologyHelper& helper,
                     const std::string& part,
                     const std::string& what)
    {
        std::string message = helper.Validate(SelmcastTopology::EDGE_LIST);
        NS_TEST_EXPECT_MSG_NE(message.find(part),
                              std::string::npos,
                              what << ": got '" << message << "'");
    }
};

/**
 * \ingroup selmcast-tests
 * The fat-tree attributes are checked: odd or too large k, too many workers, ratios.
 */
class FabricValidationTestCase : public TestCase
{
  public:
    FabricValidationTestCase()
        : TestCase("fat-tree and oversubscription attributes are validated")
    {
    }

  private:
    /**
     * \param name attribute
     * \param value its bad value
     * \param kind the shape
     * \param part expected in the message
     */
    void Expect(const std::string& name,
                const AttributeValue& value,
                SelmcastTopology::Kind kind,
                const std::string& part)
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute(name, value);
        std::string message = helper.Validate(kind);
        NS_TEST_EXPECT_MSG_NE(message.find(part), std::string::npos, name << ": '" << message);
    }

    void DoRun() override
    {
        const auto fat = SelmcastTopology::FAT_TREE;
        Expect("FatTreeK", UintegerValue(5), fat, "FatTreeK = 5 must be even");
        Expect("FatTreeK", UintegerValue(66), fat, "in [2, 64]");
        Expect("Workers", UintegerValue(17), fat, "[2, 16], the host slots");
        Expect("EdgeOversubscription", DoubleValue(0), fat, "(0, 1e6]");
        Expect("AggOversubscription", DoubleValue(-1), fat, "(0, 1e6]");
        Expect("Oversubscription", DoubleValue(-2), SelmcastTopology::LEAF_SPINE, "[0, 1e6]");
        Expect("TopologyFile", StringValue(""), SelmcastTopology::EDGE_LIST, "TopologyFile");
        Expect("ControllerRouter", UintegerValue(20), fat, "allowed: [0, 19]");
        Expect("ControllerRouter", UintegerValue(1), SelmcastTopology::BIG_SWITCH, "[0, 0]");
        SelmcastTopologyHelper good;
        NS_TEST_ASSERT_MSG_EQ(good.Validate(fat), "", "the defaults are valid");
    }
};

/** The suite. */
class SelmcastFabricTestSuite : public TestSuite
{
  public:
    SelmcastFabricTestSuite()
        : TestSuite("selmcast-fabric", UNIT)
    {
        AddTestCase(new LeafSpineOversubscriptionTestCase, TestCase::QUICK);
        AddTestCase(new FatTreeStructureTestCase, TestCase::QUICK);
        AddTestCase(new PlacementTestCase, TestCase::QUICK);
        AddTestCase(new EdgeListTestCase, TestCase::QUICK);
        AddTestCase(new FabricValidationTestCase, TestCase::QUICK);
    }
};

/** Static instance. */
SelmcastFabricTestSuite g_selmcastFabricTestSuite;

} // namespace
