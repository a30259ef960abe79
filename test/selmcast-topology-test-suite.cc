/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue-disc.h"
#include "ns3/queue.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <set>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Tests of the big-switch and leaf-spine topologies: per-direction rates, the rate distribution
 * and its seeding, the leaf-spine structure, unicast control traffic, parameter validation.
 */

using namespace ns3;

namespace
{

/**
 * \param device a point-to-point device
 * \return its DataRate attribute
 */
DataRate
RateOf(Ptr<PointToPointNetDevice> device)
{
    DataRateValue value;
    device->GetAttribute("DataRate", value);
    return value.Get();
}

/**
 * \param topology a topology
 * \return every worker's (ingress, egress) in bit/s, in worker order
 */
std::vector<uint64_t>
RatesOf(Ptr<SelmcastTopology> topology)
{
    std::vector<uint64_t> rates;
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        rates.push_back(topology->GetIngressRate(i).GetBitRate());
        rates.push_back(topology->GetEgressRate(i).GetBitRate());
    }
    return rates;
}

/**
 * Send one UDP datagram (scheduled as a free function: no lambdas in Simulator::Schedule).
 * \param socket the sending socket
 * \param to destination
 * \param size payload bytes
 */
void
SendDatagram(Ptr<Socket> socket, InetSocketAddress to, uint32_t size)
{
    socket->SendTo(Create<Packet>(size), 0, to);
}

/**
 * Count the datagrams a socket receives.
 * \param counter where to count
 * \param socket the receiving socket
 */
void
CountReceived(uint32_t* counter, Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        ++*counter;
    }
}

/**
 * \ingroup selmcast-tests
 * Big switch with rates given per worker: each worker's device sends at its ingress rate, the
 * router's device towards it at its egress rate; the controller's link runs at ControllerRate.
 */
class SelmcastGivenRatesTestCase : public TestCase
{
  public:
    SelmcastGivenRatesTestCase()
        : TestCase("big switch: the devices carry exactly the given per-worker rates")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<DataRate> ingress{DataRate("1Gbps"),
                                      DataRate("2Gbps"),
                                      DataRate("3Gbps"),
                                      DataRate("4Gbps")};
        std::vector<DataRate> egress{DataRate("5Gbps"),
                                     DataRate("6Gbps"),
                                     DataRate("7Gbps"),
                                     DataRate("8123456789bps")};
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(4));
        helper.SetAttribute("ControllerRate", DataRateValue(DataRate("25Gbps")));
        helper.SetRates(ingress, egress);
        Ptr<SelmcastTopology> topology = helper.InstallBigSwitch();

        NS_TEST_ASSERT_MSG_EQ(topology->GetNWorkers(), 4, "4 workers");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNRouters(), 1, "the big switch is one router");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNSpines(), 0, "no spines");
        NS_TEST_ASSERT_MSG_EQ(topology->GetWorkersAt(0).size(), 4, "all workers on router 0");
        NS_TEST_ASSERT_MSG_EQ(topology->GetRouterLinks(0).size(), 0, "no router-router links");
        std::set<Ipv4Address> addresses;
        for (uint32_t i = 0; i < 4; ++i)
        {
            const SelmcastAccessLink& link = topology->GetWorkerLink(i);
            NS_TEST_ASSERT_MSG_EQ(RateOf(link.hostDevice),
                                  ingress[i],
                                  "worker " << i << "'s device sends at its ingress rate");
            NS_TEST_ASSERT_MSG_EQ(RateOf(link.routerDevice),
                                  egress[i],
                                  "the router sends to worker " << i << " at its egress rate");
            NS_TEST_ASSERT_MSG_EQ(topology->GetIngressRate(i), ingress[i], "reported ingress");
            NS_TEST_ASSERT_MSG_EQ(topology->GetEgressRate(i), egress[i], "reported egress");
            NS_TEST_ASSERT_MSG_EQ(link.host, topology->GetWorker(i), "link host is the worker");
            NS_TEST_ASSERT_MSG_EQ(link.router, 0, "worker on router 0");
            NS_TEST_ASSERT_MSG_EQ(link.hostDevice->GetMtu(), 1500, "default MTU");
            Ptr<Ipv4> ipv4 = link.host->GetObject<Ipv4>();
            NS_TEST_ASSERT_MSG_EQ(ipv4->GetAddress(link.hostInterface, 0).GetLocal(),
                                  link.hostAddress,
                                  "worker address on its interface");
            NS_TEST_ASSERT_MSG_EQ(topology->FindWorker(link.hostAddress),
                                  static_cast<int32_t>(i),
                                  "worker found by address");
            NS_TEST_ASSERT_MSG_EQ(topology->FindWorker(link.host),
                                  static_cast<int32_t>(i),
                                  "worker found by node");
            addresses.insert(link.hostAddress);
            addresses.insert(link.routerAddress);
        }
        const SelmcastAccessLink& controller = topology->GetControllerLink();
        NS_TEST_ASSERT_MSG_EQ(RateOf(controller.hostDevice),
                              DataRate("25Gbps"),
                              "controller to switch at ControllerRate");
        NS_TEST_ASSERT_MSG_EQ(RateOf(controller.routerDevice),
                              DataRate("25Gbps"),
                              "switch to controller at ControllerRate");
        addresses.insert(topology->GetControllerAddress());
        NS_TEST_ASSERT_MSG_EQ(addresses.size(), 9, "every address is distinct");
        NS_TEST_ASSERT_MSG_EQ(topology->FindWorker(topology->GetControllerAddress()),
                              -1,
                              "the controller is no worker");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Drawn rates lie in the distribution's range, and RngRun reproduces or changes them.
 */
class SelmcastDrawnRatesTestCase : public TestCase
{
  public:
    SelmcastDrawnRatesTestCase()
        : TestCase("big switch: drawn rates in range; same RngRun same draws, other run other")
    {
    }

  private:
    /**
     * Build a 64-worker big switch with drawn rates under one run number.
     * \param run the RngRun
     * \return the rates (ingress, egress per worker)
     */
    std::vector<uint64_t> Draw(uint64_t run)
    {
        RngSeedManager::SetRun(run);
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(64));
        helper.SetAttribute("MeanRate", DataRateValue(DataRate("10Gbps")));
        helper.SetAttribute("Spread", DoubleValue(0.5));
        helper.SetAttribute("IngressRatio", DoubleValue(2.0));
        helper.AssignStreams(17);
        Ptr<SelmcastTopology> topology = helper.InstallBigSwitch();
        for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
        {
            const SelmcastAccessLink& link = topology->GetWorkerLink(i);
            NS_TEST_EXPECT_MSG_EQ(RateOf(link.hostDevice),
                                  topology->GetIngressRate(i),
                                  "worker " << i << "'s device carries the drawn ingress");
            NS_TEST_EXPECT_MSG_EQ(RateOf(link.routerDevice),
                                  topology->GetEgressRate(i),
                                  "worker " << i << "'s router device carries the drawn egress");
        }
        std::vector<uint64_t> rates = RatesOf(topology);
        Simulator::Destroy();
        return rates;
    }

    void DoRun() override
    {
        uint64_t savedRun = RngSeedManager::GetRun();
        std::vector<uint64_t> first = Draw(3);
        std::vector<uint64_t> again = Draw(3);
        std::vector<uint64_t> other = Draw(4);
        RngSeedManager::SetRun(savedRun);

        const double b = 10e9;
        std::set<uint64_t> distinctEgress;
        for (size_t i = 0; i < first.size(); i += 2)
        {
            double in = static_cast<double>(first[i]);
            double out = static_cast<double>(first[i + 1]);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(in, b * 2 * 0.5 - 1, "ingress >= b mu (1 - lambda)");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(in, b * 2 * 1.5 + 1, "ingress <= b mu (1 + lambda)");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(out, b * 0.5 - 1, "egress >= b (1 - lambda)");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(out, b * 1.5 + 1, "egress <= b (1 + lambda)");
            distinctEgress.insert(first[i + 1]);
        }
        NS_TEST_ASSERT_MSG_EQ(distinctEgress.size(), 64, "64 ports, 64 different draws");
        NS_TEST_ASSERT_MSG_EQ((first == again), true, "the same RngRun gives the same rates");
        NS_TEST_ASSERT_MSG_EQ((first != other), true, "another RngRun gives other rates");
    }
};

/**
 * \ingroup selmcast-tests
 * The leaf-spine fabric: node counts, every leaf linked to every spine at LeafSpineRate, the
 * router graph with consistent interface indices, workers and controller on their leaves.
 */
class SelmcastLeafSpineStructureTestCase : public TestCase
{
  public:
    SelmcastLeafSpineStructureTestCase()
        : TestCase("leaf-spine: structure, rates and router graph")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Topology", StringValue("LeafSpine"));
        helper.SetAttribute("Leaves", UintegerValue(3));
        helper.SetAttribute("Spines", UintegerValue(2));
        helper.SetAttribute("HostsPerLeaf", UintegerValue(2));
        helper.SetAttribute("LeafSpineRate", DataRateValue(DataRate("15Gbps")));
        helper.SetAttribute("Mtu", UintegerValue(9000));
        std::vector<DataRate> ingress(6, DataRate("3Gbps"));
        std::vector<DataRate> egress(6, DataRate("4Gbps"));
        helper.SetRates(ingress, egress);
        NS_TEST_ASSERT_MSG_EQ(helper.GetNWorkers(SelmcastTopology::LEAF_SPINE),
                              6,
                              "Leaves x HostsPerLeaf workers");
        Ptr<SelmcastTopology> topology = helper.Install();

        NS_TEST_ASSERT_MSG_EQ(topology->GetKind(), SelmcastTopology::LEAF_SPINE, "kind");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNWorkers(), 6, "6 workers");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNRouters(), 5, "3 leaves + 2 spines");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNLeaves(), 3, "3 leaves");
        NS_TEST_ASSERT_MSG_EQ(topology->GetNSpines(), 2, "2 spines");
        for (uint32_t r = 0; r < 5; ++r)
        {
            bool spine = r >= 3;
            NS_TEST_ASSERT_MSG_EQ(topology->IsSpine(r), spine, "routers 3, 4 are the spines");
            const std::vector<SelmcastRouterLink>& links = topology->GetRouterLinks(r);
            NS_TEST_ASSERT_MSG_EQ(links.size(),
                                  spine ? 3 : 2,
                                  "a leaf has a link per spine, a spine one per leaf");
            for (const SelmcastRouterLink& link : links)
            {
                NS_TEST_ASSERT_MSG_EQ(topology->IsSpine(link.neighbour),
                                      !spine,
                                      "links join leaves and spines only");
                NS_TEST_ASSERT_MSG_EQ(RateOf(link.localDevice),
                                      DataRate("15Gbps"),
                                      "leaf-spine links at LeafSpineRate");
                NS_TEST_ASSERT_MSG_EQ(link.localDevice->GetMtu(), 9000, "jumbo MTU");
                Ptr<Ipv4> local = topology->GetRouter(r)->GetObject<Ipv4>();
                Ptr<Ipv4> remote = topology->GetRouter(link.neighbour)->GetObject<Ipv4>();
                NS_TEST_ASSERT_MSG_EQ(local->GetNetDevice(link.localInterface),
                                      link.localDevice,
                                      "localInterface is the local device's interface");
                NS_TEST_ASSERT_MSG_EQ(remote->GetNetDevice(link.remoteInterface),
                                      link.remoteDevice,
                                      "remoteInterface is the remote device's interface");
            }
        }
        for (uint32_t i = 0; i < 6; ++i)
        {
            const SelmcastAccessLink& link = topology->GetWorkerLink(i);
            NS_TEST_ASSERT_MSG_EQ(link.router, i / 2, "worker i on leaf i / HostsPerLeaf");
            NS_TEST_ASSERT_MSG_EQ(RateOf(link.hostDevice), DataRate("3Gbps"), "ingress");
            NS_TEST_ASSERT_MSG_EQ(RateOf(link.routerDevice), DataRate("4Gbps"), "egress");
            Ptr<Ipv4> router = topology->GetRouter(link.router)->GetObject<Ipv4>();
            NS_TEST_ASSERT_MSG_EQ(router->GetNetDevice(link.routerInterface),
                                  link.routerDevice,
                                  "routerInterface is the router device's interface");
        }
        NS_TEST_ASSERT_MSG_EQ(topology->GetControllerLink().router, 0, "controller on leaf 0");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Unicast control traffic: on every shape (fat-tree with the controller on a core, edge list
 * with a cycle) every worker reaches the controller and back.
 */
class SelmcastUnicastTestCase : public TestCase
{
  public:
    SelmcastUnicastTestCase()
        : TestCase("every shape: unicast between every worker and the controller")
    {
    }

  private:
    /**
     * Every worker sends one datagram to the controller, the controller one to every worker.
     * \param topology the network
     * \param what name of the shape, for messages
     */
    void Check(Ptr<SelmcastTopology> topology, const std::string& what)
    {
        const uint16_t port = 7000;
        uint32_t n = topology->GetNWorkers();
        std::vector<uint32_t> atWorker(n, 0);
        uint32_t atController = 0;
        std::vector<Ptr<Socket>> sockets;
        for (uint32_t i = 0; i <= n; ++i)
        {
            Ptr<Node> node = i < n ? topology->GetWorker(i) : topology->GetController();
            Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
            socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
            socket->SetRecvCallback(
                MakeBoundCallback(&CountReceived, i < n ? &atWorker[i] : &atController));
            sockets.push_back(socket);
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            Simulator::Schedule(MicroSeconds(10 * (i + 1)),
                                &SendDatagram,
                                sockets[i],
                                InetSocketAddress(topology->GetControllerAddress(), port),
                                100);
            Simulator::Schedule(MicroSeconds(10 * (i + 1) + 5),
                                &SendDatagram,
                                sockets[n],
                                InetSocketAddress(topology->GetWorkerAddress(i), port),
                                100);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(atController, n, what << ": the controller hears every worker");
        for (uint32_t i = 0; i < n; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(atWorker[i], 1, what << ": worker " << i << " hears it");
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(5));
        Check(helper.InstallBigSwitch(), "big switch");
        helper.SetAttribute("Leaves", UintegerValue(3));
        helper.SetAttribute("Spines", UintegerValue(2));
        helper.SetAttribute("HostsPerLeaf", UintegerValue(2));
        Check(helper.InstallLeafSpine(), "leaf-spine");
        // Fat-tree k = 4 with the controller on a core switch, and an edge list.
        helper.SetAttribute("Workers", UintegerValue(6));
        helper.SetAttribute("ControllerRouter", UintegerValue(19));
        helper.SetAttribute("Placement", StringValue("Spread"));
        Check(helper.InstallFatTree(), "fat-tree, controller on a core");
        const std::string path = CreateTempDirFilename("control.csv");
        std::ofstream(path) << "a,b,1Gbps,1us\nb,c,1Gbps,1us\nc,a,1Gbps,1us\nc,d,1Gbps,1us\n";
        helper.SetAttribute("TopologyFile", StringValue(path));
        helper.SetAttribute("FileWorkers", StringValue("all"));
        helper.SetAttribute("FileController", StringValue("d"));
        helper.SetAttribute("Workers", UintegerValue(4));
        Check(helper.InstallEdgeList(), "edge list");
    }
};

/**
 * \ingroup selmcast-tests
 * No queue disc by default (the device queue is the only queue); QueueDisc installs one.
 */
class SelmcastQueueDiscTestCase : public TestCase
{
  public:
    SelmcastQueueDiscTestCase()
        : TestCase("no queue disc by default; the QueueDisc attribute installs one")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(2));
        helper.SetAttribute("QueueSize", QueueSizeValue(QueueSize("77p")));
        Ptr<SelmcastTopology> plain = helper.InstallBigSwitch();
        const SelmcastAccessLink& link = plain->GetWorkerLink(0);
        Ptr<TrafficControlLayer> tc = link.host->GetObject<TrafficControlLayer>();
        NS_TEST_ASSERT_MSG_EQ((tc->GetRootQueueDiscOnDevice(link.hostDevice) == nullptr),
                              true,
                              "no queue disc on the worker's device");
        tc = plain->GetRouter(0)->GetObject<TrafficControlLayer>();
        NS_TEST_ASSERT_MSG_EQ((tc->GetRootQueueDiscOnDevice(link.routerDevice) == nullptr),
                              true,
                              "no queue disc on the router's device");
        NS_TEST_ASSERT_MSG_EQ(link.routerDevice->GetQueue()->GetMaxSize(),
                              QueueSize("77p"),
                              "device queue of QueueSize");
        Simulator::Destroy();

        helper.SetAttribute("QueueDisc", StringValue("ns3::PfifoFastQueueDisc"));
        Ptr<SelmcastTopology> withDisc = helper.InstallBigSwitch();
        const SelmcastAccessLink& link2 = withDisc->GetWorkerLink(1);
        tc = withDisc->GetRouter(0)->GetObject<TrafficControlLayer>();
        Ptr<QueueDisc> disc = tc->GetRootQueueDiscOnDevice(link2.routerDevice);
        NS_TEST_ASSERT_MSG_EQ((disc != nullptr), true, "QueueDisc installs a root queue disc");
        NS_TEST_ASSERT_MSG_EQ(disc->GetInstanceTypeId().GetName(),
                              "ns3::PfifoFastQueueDisc",
                              "of the named type");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Validate rejects every out-of-range parameter with a message naming it and its range.
 */
class SelmcastTopologyValidationTestCase : public TestCase
{
  public:
    SelmcastTopologyValidationTestCase()
        : TestCase("bad parameters are rejected with a message naming parameter and range")
    {
    }

  private:
    /**
     * Set one attribute on a fresh helper and expect Validate to reject it.
     * \param kind the shape to validate
     * \param name attribute name
     * \param value bad value
     * \param expected text the message must contain
     */
    void ExpectRejected(SelmcastTopology::Kind kind,
                        const std::string& name,
                        const AttributeValue& value,
                        const std::string& expected)
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute(name, value);
        std::string message = helper.Validate(kind);
        NS_TEST_ASSERT_MSG_EQ((message.find(expected) != std::string::npos),
                              true,
                              name << ": message \"" << message << "\" should contain \""
                                   << expected << "\"");
    }

    void DoRun() override
    {
        SelmcastTopologyHelper good;
        NS_TEST_ASSERT_MSG_EQ(good.Validate(SelmcastTopology::BIG_SWITCH),
                              "",
                              "the defaults are valid (big switch)");
        NS_TEST_ASSERT_MSG_EQ(good.Validate(SelmcastTopology::LEAF_SPINE),
                              "",
                              "the defaults are valid (leaf-spine)");

        const auto big = SelmcastTopology::BIG_SWITCH;
        const auto fabric = SelmcastTopology::LEAF_SPINE;
        ExpectRejected(big, "Workers", UintegerValue(1), "Workers = 1 must be in [2,");
        ExpectRejected(big, "Spread", DoubleValue(1.0), "Spread (lambda) = 1 must be in [0, 1)");
        ExpectRejected(big, "Spread", DoubleValue(-0.1), "must be in [0, 1)");
        ExpectRejected(big, "IngressRatio", DoubleValue(0.0), "IngressRatio (mu) = 0 must be");
        ExpectRejected(big,
                       "MeanRate",
                       DataRateValue(DataRate(uint64_t(0))),
                       "MeanRate must be > 0");
        ExpectRejected(big,
                       "ControllerRate",
                       DataRateValue(DataRate(uint64_t(0))),
                       "ControllerRate");
        ExpectRejected(big, "Mtu", UintegerValue(40), "Mtu = 40 must be in [68, 65535]");
        ExpectRejected(big, "QueueSize", QueueSizeValue(QueueSize("0p")), "QueueSize");
        ExpectRejected(big, "LinkDelay", TimeValue(MicroSeconds(-1)), "LinkDelay must be >= 0");
        ExpectRejected(big, "QueueDisc", StringValue("ns3::Node"), "QueueDisc = \"ns3::Node\"");
        ExpectRejected(fabric, "Leaves", UintegerValue(0), "Leaves = 0 must be >= 1");
        ExpectRejected(fabric, "Spines", UintegerValue(0), "Spines = 0 must be >= 1");
        ExpectRejected(fabric, "HostsPerLeaf", UintegerValue(0), "HostsPerLeaf = 0 must be");
        ExpectRejected(fabric,
                       "LeafSpineRate",
                       DataRateValue(DataRate(uint64_t(0))),
                       "LeafSpineRate must be > 0");

        SelmcastTopologyHelper oneHost;
        oneHost.SetAttribute("Leaves", UintegerValue(1));
        oneHost.SetAttribute("HostsPerLeaf", UintegerValue(1));
        std::string message = oneHost.Validate(fabric);
        NS_TEST_ASSERT_MSG_EQ(
            (message.find("Leaves x HostsPerLeaf = 1 workers must be in [2,") != std::string::npos),
            true,
            "a one-worker fabric is rejected: " << message);

        SelmcastTopologyHelper rates;
        rates.SetAttribute("Workers", UintegerValue(3));
        rates.SetRates(std::vector<DataRate>(2, DataRate("1Gbps")),
                       std::vector<DataRate>(3, DataRate("1Gbps")));
        message = rates.Validate(big);
        NS_TEST_ASSERT_MSG_EQ((message.find("one per worker (3)") != std::string::npos),
                              true,
                              "wrong number of given rates is rejected: " << message);
        rates.SetRates(std::vector<DataRate>(3, DataRate("1Gbps")),
                       {DataRate("1Gbps"), DataRate(uint64_t(0)), DataRate("1Gbps")});
        message = rates.Validate(big);
        NS_TEST_ASSERT_MSG_EQ((message.find("rates of worker 1 must be > 0") != std::string::npos),
                              true,
                              "a zero given rate is rejected: " << message);
        rates.ClearRates();
        NS_TEST_ASSERT_MSG_EQ(rates.Validate(big), "", "valid again once the rates are cleared");
    }
};

/**
 * \ingroup selmcast-tests
 * The topology suite.
 */
class SelmcastTopologyTestSuite : public TestSuite
{
  public:
    SelmcastTopologyTestSuite()
        : TestSuite("selmcast-topology", UNIT)
    {
        AddTestCase(new SelmcastGivenRatesTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastDrawnRatesTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastLeafSpineStructureTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastUnicastTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastQueueDiscTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastTopologyValidationTestCase, TestCase::QUICK);
    }
};

/// The suite's only instance, registered with the test runner at load time.
static SelmcastTopologyTestSuite g_selmcastTopologyTestSuite;

} // namespace
