/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/selmcast-multicast-tree-helper.h"
#include "ns3/selmcast-routing-helper.h"
#include "ns3/selmcast-routing.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Tests of the multicast trees: exact delivery on the big switch and the leaf-spine fabric, the
 * spread over spines, pruning in flight, removal and reuse of groups, traces and validation.
 */

using namespace ns3;

namespace
{

/// UDP port of every test stream.
const uint16_t PORT = 9000;

/**
 * Send one datagram to a group (a free function: no lambdas in Simulator::Schedule).
 * \param socket the sender's socket
 * \param group destination group
 * \param size payload bytes
 */
void
SendToGroup(Ptr<Socket> socket, Ipv4Address group, uint32_t size)
{
    socket->SendTo(Create<Packet>(size), 0, InetSocketAddress(group, PORT));
}

/**
 * Prune from a scheduled event.
 * \param manager the tree manager
 * \param group the tree
 * \param receiver the worker to drop
 */
void
PruneAt(Ptr<SelmcastTreeManager> manager, Ipv4Address group, uint32_t receiver)
{
    manager->Prune(group, receiver);
}

/**
 * Remove from a scheduled event.
 * \param manager the tree manager
 * \param group the tree
 */
void
RemoveAt(Ptr<SelmcastTreeManager> manager, Ipv4Address group)
{
    manager->Remove(group);
}

/**
 * Add a transmitted packet's size to a counter (PhyTxEnd sink).
 * \param bytes the counter
 * \param packet the packet sent
 */
void
AddBytes(uint64_t* bytes, Ptr<const Packet> packet)
{
    *bytes += packet->GetSize();
}

/**
 * \param node a node
 * \return its static routing protocol
 */
Ptr<Ipv4StaticRouting>
StaticRoutingOf(Ptr<Node> node)
{
    Ipv4StaticRoutingHelper helper;
    return helper.GetStaticRouting(node->GetObject<Ipv4>());
}

/**
 * \param node a node
 * \param group a group
 * \return true when the node has a route for its own packets to the group: a group route of its
 *         SelmcastRouting, or a host route of its static routing
 */
bool
HasHostRoute(Ptr<Node> node, Ipv4Address group)
{
    Ptr<SelmcastRouting> selmcast = SelmcastRoutingHelper::GetRouting(node->GetObject<Ipv4>());
    if (selmcast)
    {
        Ipv4Header header;
        header.SetDestination(group);
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route = selmcast->RouteOutput(nullptr, header, nullptr, error);
        return route && route->GetDestination() == group;
    }
    Ptr<Ipv4StaticRouting> routing = StaticRoutingOf(node);
    for (uint32_t k = 0; k < routing->GetNRoutes(); ++k)
    {
        if (routing->GetRoute(k).GetDest() == group)
        {
            return true;
        }
    }
    return false;
}

/**
 * \param topology a topology
 * \return the number of multicast routes on all its routers
 */
uint32_t
CountMulticastRoutes(Ptr<SelmcastTopology> topology)
{
    uint32_t count = 0;
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        Ptr<Node> router = topology->GetRouter(r);
        Ptr<SelmcastRouting> selmcast =
            SelmcastRoutingHelper::GetRouting(router->GetObject<Ipv4>());
        count += selmcast ? selmcast->GetNMulticastRoutes()
                          : StaticRoutingOf(router)->GetNMulticastRoutes();
    }
    return count;
}

/**
 * Counts what every host receives on PORT and what every router device transmits: a socket on
 * every worker and on the controller (ns-3 delivers a multicast packet to any socket bound to
 * its port on every node it reaches), and a PhyTxEnd sink on every router device.
 */
class MulticastProbe
{
  public:
    /**
     * \param topology the network to watch
     */
    explicit MulticastProbe(Ptr<SelmcastTopology> topology)
        : m_topology(topology),
          m_received(topology->GetNWorkers() + 1, 0),
          m_accessBytes(topology->GetNWorkers() + 1, 0),
          m_fabricBytes(topology->GetNRouters(), 0)
    {
        uint32_t n = topology->GetNWorkers();
        for (uint32_t i = 0; i <= n; ++i)
        {
            const SelmcastAccessLink& link =
                i < n ? topology->GetWorkerLink(i) : topology->GetControllerLink();
            Ptr<Socket> socket = Socket::CreateSocket(link.host, UdpSocketFactory::GetTypeId());
            socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
            socket->SetRecvCallback(MakeCallback(&MulticastProbe::Receive, this));
            m_sockets[socket] = i;
            link.routerDevice->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeBoundCallback(&AddBytes, &m_accessBytes[i]));
        }
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            for (const SelmcastRouterLink& link : topology->GetRouterLinks(r))
            {
                link.localDevice->TraceConnectWithoutContext(
                    "PhyTxEnd",
                    MakeBoundCallback(&AddBytes, &m_fabricBytes[r]));
            }
        }
    }

    /**
     * \param i worker index, or GetNWorkers() for the controller
     * \return datagrams received on PORT
     */
    uint32_t Received(uint32_t i) const
    {
        return m_received[i];
    }

    /**
     * \param i worker index, or GetNWorkers() for the controller
     * \return bytes the router sent on the link to host i
     */
    uint64_t AccessBytes(uint32_t i) const
    {
        return m_accessBytes[i];
    }

    /**
     * \param r router index
     * \return bytes router r sent to other routers
     */
    uint64_t FabricBytes(uint32_t r) const
    {
        return m_fabricBytes[r];
    }

    /**
     * Schedule a stream of datagrams from a worker to a group.
     * \param sender worker index
     * \param group destination
     * \param count datagrams
     * \param start time of the first, from now
     * \param interval time between two
     */
    void Stream(uint32_t sender, Ipv4Address group, uint32_t count, Time start, Time interval)
    {
        Ptr<Socket> socket = SocketOf(sender);
        for (uint32_t k = 0; k < count; ++k)
        {
            Simulator::Schedule(start + interval * k, &SendToGroup, socket, group, 1000);
        }
    }

  private:
    /**
     * \param i worker index
     * \return the probe's socket on worker i
     */
    Ptr<Socket> SocketOf(uint32_t i) const
    {
        for (const auto& entry : m_sockets)
        {
            if (entry.second == i)
            {
                return entry.first;
            }
        }
        return nullptr;
    }

    /**
     * Count the datagrams waiting on a socket.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket)
    {
        while (socket->Recv())
        {
            ++m_received[m_sockets[socket]];
        }
    }

    Ptr<SelmcastTopology> m_topology;          //!< the network
    std::map<Ptr<Socket>, uint32_t> m_sockets; //!< socket to host index
    std::vector<uint32_t> m_received;          //!< datagrams per host
    std::vector<uint64_t> m_accessBytes;       //!< bytes the router sent to each host
    std::vector<uint64_t> m_fabricBytes;       //!< bytes each router sent to other routers
};

/**
 * \param leaves leaves
 * \param spines spines
 * \param hosts hosts per leaf
 * \return a leaf-spine fabric with 10 Gbps links
 */
Ptr<SelmcastTopology>
MakeLeafSpine(uint32_t leaves, uint32_t spines, uint32_t hosts)
{
    SelmcastTopologyHelper helper;
    helper.SetAttribute("Leaves", UintegerValue(leaves));
    helper.SetAttribute("Spines", UintegerValue(spines));
    helper.SetAttribute("HostsPerLeaf", UintegerValue(hosts));
    helper.SetAttribute("Spread", DoubleValue(0.0));
    return helper.InstallLeafSpine();
}

/**
 * \param topology the network
 * \return a tree manager on it
 */
Ptr<SelmcastTreeManager>
MakeManager(Ptr<SelmcastTopology> topology)
{
    Ptr<SelmcastTreeManager> manager = CreateObject<SelmcastTreeManager>();
    manager->SetTopology(topology);
    return manager;
}

/**
 * \ingroup selmcast-tests
 * Big switch, 8 workers: datagrams to a group with 3 receivers reach exactly those 3, and the
 * links to the other workers and the controller carry zero bytes.
 */
class SelmcastBigSwitchTreeTestCase : public TestCase
{
  public:
    SelmcastBigSwitchTreeTestCase()
        : TestCase("big switch: a group with 3 receivers reaches exactly those 3")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(8));
        Ptr<SelmcastTopology> topology = helper.InstallBigSwitch();
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        MulticastProbe probe(topology);

        const uint32_t sender = 2;
        const std::set<uint32_t> selected{1, 4, 6};
        Ipv4Address group = manager->Install(sender, {6, 1, 4});
        NS_TEST_ASSERT_MSG_EQ(group.IsMulticast(), true, "a multicast group");
        NS_TEST_ASSERT_MSG_EQ(CountMulticastRoutes(topology), 1, "one route, on the switch");
        NS_TEST_ASSERT_MSG_EQ(HasHostRoute(topology->GetWorker(sender), group),
                              true,
                              "the sender has its group/32 host route");
        const uint32_t count = 10;
        probe.Stream(sender, group, count, MicroSeconds(100), MicroSeconds(10));
        Simulator::Run();

        for (uint32_t i = 0; i < 8; ++i)
        {
            if (selected.count(i))
            {
                NS_TEST_ASSERT_MSG_EQ(probe.Received(i), count, "receiver " << i << " gets all");
                NS_TEST_ASSERT_MSG_GT(probe.AccessBytes(i), 0, "its link carries the group");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(probe.Received(i), 0, "worker " << i << " gets nothing");
                NS_TEST_ASSERT_MSG_EQ(probe.AccessBytes(i),
                                      0,
                                      "no byte crosses the link to unselected worker " << i);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(probe.Received(8), 0, "the controller gets nothing");
        NS_TEST_ASSERT_MSG_EQ(probe.AccessBytes(8), 0, "nothing on the controller's link");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Leaf-spine: a tree reaches exactly its receivers, on the sender's leaf and behind other
 * leaves, through one spine, and no router outside the tree holds a route.
 */
class SelmcastLeafSpineTreeTestCase : public TestCase
{
  public:
    SelmcastLeafSpineTreeTestCase()
        : TestCase("leaf-spine: a tree reaches exactly its receivers, behind any leaf")
    {
    }

  private:
    void DoRun() override
    {
        // Workers 0, 1 on leaf 0; 2, 3 on leaf 1; 4, 5 on leaf 2; spines are routers 3, 4.
        Ptr<SelmcastTopology> topology = MakeLeafSpine(3, 2, 2);
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        MulticastProbe probe(topology);

        const std::set<uint32_t> selected{1, 3, 5};
        Ipv4Address group = manager->Install(0, {1, 3, 5});
        std::vector<uint32_t> routers = manager->GetTreeRouters(group);
        uint32_t spines = 0;
        for (uint32_t r : routers)
        {
            spines += topology->IsSpine(r) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(routers.size(), 4, "3 leaves and 1 spine in the tree");
        NS_TEST_ASSERT_MSG_EQ(spines, 1, "one spine: the sender's leaf sends one copy up");
        NS_TEST_ASSERT_MSG_EQ(CountMulticastRoutes(topology), 4, "one route per tree router");

        const uint32_t count = 10;
        probe.Stream(0, group, count, MicroSeconds(100), MicroSeconds(10));
        Simulator::Run();
        for (uint32_t i = 0; i < 6; ++i)
        {
            bool in = selected.count(i) > 0;
            NS_TEST_ASSERT_MSG_EQ(probe.Received(i), (in ? count : 0), "worker " << i);
            NS_TEST_ASSERT_MSG_EQ((probe.AccessBytes(i) > 0),
                                  in,
                                  "bytes on the link to worker " << i << " only if selected");
        }
        NS_TEST_ASSERT_MSG_EQ(probe.Received(6), 0, "the controller gets nothing");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Leaf-spine: several trees use more than one spine, deterministically, and all deliver.
 */
class SelmcastSpineSpreadTestCase : public TestCase
{
  public:
    SelmcastSpineSpreadTestCase()
        : TestCase("leaf-spine: the equal-cost choice spreads trees over spines")
    {
    }

  private:
    /**
     * Install one tree per worker of a 4-leaf, 4-spine fabric, each to the workers of the
     * other leaves, send one datagram per tree and check the deliveries.
     * \param[out] spineOfTree the spine each tree uses
     */
    void Build(std::vector<uint32_t>& spineOfTree)
    {
        Ptr<SelmcastTopology> topology = MakeLeafSpine(4, 4, 2);
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        MulticastProbe probe(topology);
        const uint32_t n = topology->GetNWorkers();
        std::vector<uint32_t> expected(n, 0);
        spineOfTree.clear();
        for (uint32_t sender = 0; sender < n; ++sender)
        {
            std::vector<uint32_t> receivers;
            for (uint32_t j = 0; j < n; ++j)
            {
                if (j / 2 != sender / 2)
                {
                    receivers.push_back(j);
                    ++expected[j];
                }
            }
            Ipv4Address group = manager->Install(sender, receivers);
            std::vector<uint32_t> spines;
            for (uint32_t r : manager->GetTreeRouters(group))
            {
                if (topology->IsSpine(r))
                {
                    spines.push_back(r);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(spines.size(), 1, "tree " << sender << " uses one spine");
            spineOfTree.push_back(spines[0]);
            probe.Stream(sender, group, 1, MicroSeconds(100 + 10 * sender), MicroSeconds(1));
        }
        Simulator::Run();
        uint32_t busySpines = 0;
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            busySpines += (topology->IsSpine(r) && probe.FabricBytes(r) > 0) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(busySpines, 1, "packets crossed more than one spine");
        for (uint32_t j = 0; j < n; ++j)
        {
            NS_TEST_ASSERT_MSG_EQ(probe.Received(j),
                                  expected[j],
                                  "worker " << j << " gets one datagram per tree it is in");
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        std::vector<uint32_t> first;
        Build(first);
        std::set<uint32_t> used(first.begin(), first.end());
        NS_TEST_ASSERT_MSG_GT(used.size(), 1, "the trees use more than one spine");
        std::vector<uint32_t> again;
        Build(again);
        NS_TEST_ASSERT_MSG_EQ((first == again), true, "the choice is deterministic");
    }
};

/**
 * \ingroup selmcast-tests
 * Pruning in flight: a dropped receiver gets nothing from the next packet on, the other
 * receivers keep getting everything; pruning works both for a receiver whose leaf keeps other
 * receivers and for the last receiver behind a leaf.
 */
class SelmcastPruneTestCase : public TestCase
{
  public:
    SelmcastPruneTestCase()
        : TestCase("leaf-spine: a pruned receiver stops from the next packet on")
    {
    }

  private:
    /**
     * Record a TreePruned event.
     * \param group the tree
     * \param receiver the worker dropped
     */
    void Pruned(Ipv4Address group, uint32_t receiver)
    {
        m_pruned.push_back(receiver);
    }

    void DoRun() override
    {
        Ptr<SelmcastTopology> topology = MakeLeafSpine(3, 2, 2);
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        manager->TraceConnectWithoutContext("TreePruned",
                                            MakeCallback(&SelmcastPruneTestCase::Pruned, this));
        MulticastProbe probe(topology);
        Ipv4Address group = manager->Install(0, {1, 2, 3, 4});
        // 20 datagrams, one every 20 us from t = 100 us: each is delivered in under 10 us, so
        // a prune between two sends falls between two whole deliveries.
        const uint32_t count = 20;
        probe.Stream(0, group, count, MicroSeconds(100), MicroSeconds(20));
        // Worker 2 shares leaf 1 with worker 3; worker 4 is the only receiver behind leaf 2.
        Simulator::Schedule(MicroSeconds(100 + 20 * 5 + 10), &PruneAt, manager, group, 2);
        Simulator::Schedule(MicroSeconds(100 + 20 * 12 + 10), &PruneAt, manager, group, 4);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(probe.Received(1), count, "receiver 1 gets everything");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(3), count, "receiver 3 gets everything");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(2), 6, "receiver 2 gets packets 0..5 only");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(4), 13, "receiver 4 gets packets 0..12 only");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(5), 0, "worker 5 was never selected");
        NS_TEST_ASSERT_MSG_EQ(probe.AccessBytes(5), 0, "no byte to worker 5");
        NS_TEST_ASSERT_MSG_EQ(m_pruned.size(), 2, "two TreePruned events");
        std::vector<uint32_t> receivers = manager->GetReceivers(group);
        NS_TEST_ASSERT_MSG_EQ((receivers == std::vector<uint32_t>{1, 3}), true, "receivers left");
        NS_TEST_ASSERT_MSG_EQ(manager->Prune(group, 4), false, "pruning twice does nothing");
        std::vector<uint32_t> routers = manager->GetTreeRouters(group);
        NS_TEST_ASSERT_MSG_EQ(routers.size(), 3, "leaf 2 left the tree: leaves 0, 1 and a spine");
        NS_TEST_ASSERT_MSG_EQ(CountMulticastRoutes(topology), 3, "old routes were replaced");
        Simulator::Destroy();
    }

    std::vector<uint32_t> m_pruned; //!< receivers reported by TreePruned
};

/**
 * \ingroup selmcast-tests
 * Removal: after Remove nothing reaches anybody, every route is gone, and the group address is
 * reused by a later tree, which then reaches exactly its own receivers.
 */
class SelmcastRemoveTestCase : public TestCase
{
  public:
    SelmcastRemoveTestCase()
        : TestCase("Remove frees the routes and the group address")
    {
    }

  private:
    /**
     * Record a TreeRemoved event.
     * \param group the group freed
     */
    void Removed(Ipv4Address group)
    {
        m_removed.push_back(group);
    }

    void DoRun() override
    {
        Ptr<SelmcastTopology> topology = MakeLeafSpine(2, 2, 3);
        Ptr<SelmcastTreeManager> manager = CreateObject<SelmcastTreeManager>();
        manager->SetAttribute("GroupCount", UintegerValue(2));
        manager->SetTopology(topology);
        manager->TraceConnectWithoutContext("TreeRemoved",
                                            MakeCallback(&SelmcastRemoveTestCase::Removed, this));
        MulticastProbe probe(topology);

        // Workers 0..2 on leaf 0, 3..5 on leaf 1.
        Ipv4Address first = manager->Install(0, {1, 4});
        Ipv4Address second = manager->Install(5, {2});
        NS_TEST_ASSERT_MSG_NE(first, second, "trees in flight get distinct groups");
        const uint32_t count = 10;
        probe.Stream(0, first, count, MicroSeconds(100), MicroSeconds(20));
        Simulator::Schedule(MicroSeconds(100 + 20 * 3 + 10), &RemoveAt, manager, first);
        Simulator::Stop(MicroSeconds(500));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(probe.Received(1), 4, "receiver 1 gets packets 0..3 only");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(4), 4, "receiver 4 gets packets 0..3 only");
        NS_TEST_ASSERT_MSG_EQ(manager->IsInstalled(first), false, "the first tree is gone");
        NS_TEST_ASSERT_MSG_EQ(HasHostRoute(topology->GetWorker(0), first),
                              false,
                              "the sender's host route is gone");
        NS_TEST_ASSERT_MSG_EQ(m_removed.size(), 1, "one TreeRemoved event");
        std::vector<uint32_t> secondRouters = manager->GetTreeRouters(second);
        NS_TEST_ASSERT_MSG_EQ(CountMulticastRoutes(topology),
                              secondRouters.size(),
                              "only the second tree's routes remain");

        // The pool holds 2 groups: the next tree must reuse the first one's address.
        Ipv4Address third = manager->Install(3, {0, 5});
        NS_TEST_ASSERT_MSG_EQ(third, first, "the freed group is reused");
        probe.Stream(3, third, count, MicroSeconds(100), MicroSeconds(20));
        Simulator::Stop(MicroSeconds(500));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(probe.Received(0), count, "new receiver 0 gets everything");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(5), count, "new receiver 5 gets everything");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(1), 4, "old receiver 1 gets nothing more");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(4), 4, "old receiver 4 gets nothing more");
        NS_TEST_ASSERT_MSG_EQ(probe.Received(2), 0, "worker 2 got nothing: no one sent to it");

        manager->RemoveAll();
        NS_TEST_ASSERT_MSG_EQ(manager->GetNTrees(), 0, "no trees left");
        NS_TEST_ASSERT_MSG_EQ(CountMulticastRoutes(topology), 0, "no routes left");
        Simulator::Destroy();
    }

    std::vector<Ipv4Address> m_removed; //!< groups reported by TreeRemoved
};

/**
 * \ingroup selmcast-tests
 * TreeInstalled reports the tree, and Validate rejects bad transfers and pools with a message
 * naming the parameter and its range.
 */
class SelmcastTreeValidationTestCase : public TestCase
{
  public:
    SelmcastTreeValidationTestCase()
        : TestCase("TreeInstalled trace; bad transfers are rejected with a message")
    {
    }

  private:
    /**
     * Record a TreeInstalled event.
     * \param group the group
     * \param sender the sender
     * \param receivers the receivers
     */
    void Installed(Ipv4Address group, uint32_t sender, const std::vector<uint32_t>& receivers)
    {
        m_sender = sender;
        m_receivers = receivers;
    }

    /**
     * \param message a Validate result
     * \param expected text it must contain
     * \param what the case, for the test message
     */
    void ExpectContains(const std::string& message,
                        const std::string& expected,
                        const std::string& what)
    {
        NS_TEST_ASSERT_MSG_EQ((message.find(expected) != std::string::npos),
                              true,
                              what << ": \"" << message << "\" should contain \"" << expected
                                   << "\"");
    }

    void DoRun() override
    {
        Ptr<SelmcastTreeManager> manager = CreateObject<SelmcastTreeManager>();
        ExpectContains(manager->Validate(0, {1}), "SetTopology", "no topology");

        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(4));
        Ptr<SelmcastTopology> topology = helper.InstallBigSwitch();
        manager->SetTopology(topology);
        manager->TraceConnectWithoutContext(
            "TreeInstalled",
            MakeCallback(&SelmcastTreeValidationTestCase::Installed, this));

        NS_TEST_ASSERT_MSG_EQ(manager->Validate(0, {1, 2, 3}), "", "a valid transfer");
        ExpectContains(manager->Validate(4, {1}), "sender = 4 must be in [0, 4)", "sender");
        ExpectContains(manager->Validate(0, {4}), "receiver 4 must be in [0, 4)", "receiver");
        ExpectContains(manager->Validate(1, {1}), "receiver 1 is the sender", "self");
        ExpectContains(manager->Validate(0, {2, 2}), "receiver 2 is listed twice", "twice");
        manager->SetAttribute("GroupBase", Ipv4AddressValue(Ipv4Address("10.0.0.1")));
        ExpectContains(manager->Validate(0, {1}), "[224.0.0.0, 239.255.255.255]", "base");
        manager->SetAttribute("GroupBase", Ipv4AddressValue(Ipv4Address("239.255.255.250")));
        manager->SetAttribute("GroupCount", UintegerValue(10));
        ExpectContains(manager->Validate(0, {1}), "GroupCount = 10", "pool too large");
        manager->SetAttribute("GroupCount", UintegerValue(0));
        ExpectContains(manager->Validate(0, {1}), "GroupCount = 0 must be >= 1", "empty pool");
        manager->SetAttribute("GroupBase", Ipv4AddressValue(Ipv4Address("225.0.0.1")));
        manager->SetAttribute("GroupCount", UintegerValue(100));

        Ipv4Address group = manager->Install(3, {2, 0});
        NS_TEST_ASSERT_MSG_EQ(group, Ipv4Address("225.0.0.1"), "the first group of the pool");
        NS_TEST_ASSERT_MSG_EQ(m_sender, 3, "TreeInstalled reports the sender");
        NS_TEST_ASSERT_MSG_EQ((m_receivers == std::vector<uint32_t>{0, 2}),
                              true,
                              "TreeInstalled reports the receivers, ascending");
        NS_TEST_ASSERT_MSG_EQ(manager->GetSender(group), 3, "GetSender");
        Ipv4Address next = manager->Install(3, {});
        NS_TEST_ASSERT_MSG_EQ(next, Ipv4Address("225.0.0.2"), "round robin allocation");
        NS_TEST_ASSERT_MSG_EQ(manager->GetTreeRouters(next).size(),
                              0,
                              "no receivers: no router routes");
        NS_TEST_ASSERT_MSG_EQ(HasHostRoute(topology->GetWorker(3), next),
                              true,
                              "but the sender can still send");
        Simulator::Destroy();
    }

    uint32_t m_sender{0};              //!< sender reported by TreeInstalled
    std::vector<uint32_t> m_receivers; //!< receivers reported by TreeInstalled
};

/**
 * \ingroup selmcast-tests
 * Exact trees on the fabrics beyond the leaf-spine default (fat-tree k = 4, an oversubscribed
 * leaf-spine, an edge list read from a CSV file and from ns-3's formats), under both routings: the
 * selected receivers get every datagram, no byte crosses the link to any other host, no router
 * outside the tree sends, and the tree is a tree: every router but the sender's receives each
 * datagram exactly once. On the fat-tree the trees of different senders spread over more than one
 * core switch.
 */
class SelmcastFabricTreeTestCase : public TestCase
{
  public:
    /**
     * \param kind FatTree, LeafSpine (oversubscription 4), EdgeList, or the same edge list as an
     *        Inet, Orbis or Rocketfuel file
     * \param routing Selmcast or Ns3
     */
    SelmcastFabricTreeTestCase(std::string kind, std::string routing, std::string spread = "Hash")
        : TestCase("exact trees on " + kind + ", " + routing + " routing" +
                   (spread == "Hash" ? "" : ", " + spread + " spread") +
                   ": only the receivers' links carry bytes, one copy per link"),
          m_kind(kind),
          m_routing(routing),
          m_spread(spread)
    {
    }

  private:
    /** \return the network of this case */
    Ptr<SelmcastTopology> Build()
    {
        Config::SetDefault("ns3::SelmcastTopologyHelper::Routing", StringValue(m_routing));
        SelmcastTopologyHelper helper;
        const bool ns3File = m_kind == "Inet" || m_kind == "Orbis" || m_kind == "Rocketfuel";
        helper.SetAttribute("Topology", StringValue(ns3File ? "EdgeList" : m_kind));
        helper.SetAttribute("Spread", DoubleValue(0.0));
        helper.SetAttribute("Workers", UintegerValue(16));
        helper.SetAttribute("Leaves", UintegerValue(3));
        helper.SetAttribute("HostsPerLeaf", UintegerValue(3));
        helper.SetAttribute("Oversubscription", DoubleValue(4));
        if (m_kind == "EdgeList")
        {
            const std::string path = CreateTempDirFilename("tree-fabric.csv");
            std::ofstream(path) << "a,b,10Gbps,1us\nb,c,10Gbps,1us\nc,d,10Gbps,1us\n"
                                   "d,a,10Gbps,1us\na,c,5Gbps,2us\nd,e,10Gbps,1us\n";
            helper.SetAttribute("TopologyFile", StringValue(path));
            helper.SetAttribute("FileWorkers", StringValue("all"));
            helper.SetAttribute("Workers", UintegerValue(5));
        }
        if (ns3File)
        {
            // The same graph in ns-3's topology-read formats (a..e are 0..4; no rates or delays).
            const std::string path = CreateTempDirFilename("tree-fabric." + m_kind);
            const std::string links = "0 1\n1 2\n2 3\n3 0\n0 2\n3 4\n";
            std::ofstream(path) << (m_kind == "Inet"    ? "5 6\n0 0 0\n1 1 0\n2 1 1\n3 0 1\n4 0 2\n"
                                                          "0 1 1\n1 2 1\n2 3 1\n3 0 1\n0 2 2\n3 4 1\n"
                                    : m_kind == "Orbis" ? links
                                                        : "0 1 1\n1 2 1\n2 3 1\n3 0 1\n0 2 2\n"
                                                          "3 4 1\n");
            helper.SetAttribute("TopologyFormat", StringValue(m_kind));
            helper.SetAttribute("TopologyFile", StringValue(path));
            helper.SetAttribute("FileWorkers", StringValue("all"));
            helper.SetAttribute("Workers", UintegerValue(5));
        }
        Ptr<SelmcastTopology> topology = helper.Install();
        Config::SetDefault("ns3::SelmcastTopologyHelper::Routing", StringValue("Selmcast"));
        return topology;
    }

    /**
     * \param topology the network
     * \return a tree manager on it with this case's PathSpread
     */
    Ptr<SelmcastTreeManager> Manager(Ptr<SelmcastTopology> topology)
    {
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        manager->SetAttribute("PathSpread", StringValue(m_spread));
        return manager;
    }

    /**
     * One tree, a stream of datagrams, and the checks.
     * \param sender the sender
     */
    void CheckTree(uint32_t sender)
    {
        Ptr<SelmcastTopology> topology = Build();
        const uint32_t n = topology->GetNWorkers();
        Ptr<SelmcastTreeManager> manager = Manager(topology);
        MulticastProbe probe(topology);
        std::set<uint32_t> selected;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != sender && (j * 7 + sender) % 3 == 0)
            {
                selected.insert(j);
            }
        }
        Ipv4Address group =
            manager->Install(sender, std::vector<uint32_t>(selected.begin(), selected.end()));
        const std::vector<uint32_t> routers = manager->GetTreeRouters(group);
        const uint32_t count = 10;
        probe.Stream(sender, group, count, MicroSeconds(100), MicroSeconds(20));
        Simulator::Run();

        const uint64_t wire = probe.AccessBytes(*selected.begin()) / count;
        NS_TEST_ASSERT_MSG_GT(wire, 1000, "a datagram's frame");
        for (uint32_t i = 0; i <= n; ++i)
        {
            const bool in = selected.count(i) > 0;
            NS_TEST_ASSERT_MSG_EQ(probe.Received(i), (in ? count : 0), "host " << i);
            NS_TEST_ASSERT_MSG_EQ(probe.AccessBytes(i),
                                  (in ? count * wire : 0),
                                  "bytes on the link to host " << i << " only if selected");
        }
        uint64_t fabric = 0;
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            const bool inTree = std::find(routers.begin(), routers.end(), r) != routers.end();
            NS_TEST_ASSERT_MSG_EQ((probe.FabricBytes(r) == 0 || inTree),
                                  true,
                                  "router " << r << " outside the tree sends nothing");
            fabric += probe.FabricBytes(r);
        }
        NS_TEST_ASSERT_MSG_EQ(fabric,
                              (routers.size() - 1) * count * wire,
                              "each tree router but the root receives one copy of each datagram");
        Simulator::Destroy();
    }

    /** Fat-tree: the trees of all senders to the other pods use more than one core. */
    void CheckCoreSpread()
    {
        Ptr<SelmcastTopology> topology = Build();
        Ptr<SelmcastTreeManager> manager = Manager(topology);
        std::set<uint32_t> cores;
        for (uint32_t sender = 0; sender < 16; ++sender)
        {
            std::vector<uint32_t> receivers;
            for (uint32_t j = 0; j < 16; ++j)
            {
                if (j / 4 != sender / 4) // packed: 4 workers per pod
                {
                    receivers.push_back(j);
                }
            }
            for (uint32_t r : manager->GetTreeRouters(manager->Install(sender, receivers)))
            {
                if (r >= 16) // 8 edge and 8 aggregation switches come first
                {
                    cores.insert(r);
                }
            }
        }
        NS_TEST_ASSERT_MSG_GT(cores.size(), 1u, "the trees spread over the core switches");
        Simulator::Destroy();
    }

    void DoRun() override
    {
        for (uint32_t sender : {0u, 2u, 4u})
        {
            CheckTree(sender);
        }
        if (m_kind == "FatTree")
        {
            CheckCoreSpread();
        }
    }

    std::string m_kind;    //!< the shape
    std::string m_routing; //!< the routing
    std::string m_spread;  //!< the tree manager's PathSpread
};

/**
 * \ingroup selmcast-tests
 * PathSpread RoundRobin on a leaf-spine of 4 leaves of 4 workers and 2 spines, SenderPaths on
 * (as when the controller plans on the fabric): each sender's tree to every worker behind the
 * other leaves uses one spine, and the 4 workers of each leaf use each spine exactly twice
 * (the hash gives a 2-2 split to only 6 of 16 sender-to-spine assignments of a leaf); packed
 * and spread placement alike. A tree's routers are counted, not its paths assumed.
 */
class SelmcastRoundRobinSpreadTestCase : public TestCase
{
  public:
    SelmcastRoundRobinSpreadTestCase()
        : TestCase(
              "leaf-spine, RoundRobin spread: the workers of each leaf take the spines in turn")
    {
    }

  private:
    /** \param placement Packed or Spread */
    void Check(const std::string& placement)
    {
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Leaves", UintegerValue(4));
        helper.SetAttribute("Spines", UintegerValue(2));
        helper.SetAttribute("HostsPerLeaf", UintegerValue(4));
        helper.SetAttribute("Placement", StringValue(placement));
        Ptr<SelmcastTopology> topology = helper.InstallLeafSpine();
        Ptr<SelmcastTreeManager> manager = MakeManager(topology);
        manager->SetAttribute("SenderPaths", BooleanValue(true));
        manager->SetAttribute("PathSpread", StringValue("RoundRobin"));
        const uint32_t n = topology->GetNWorkers();
        std::map<std::pair<uint32_t, uint32_t>, uint32_t> perLeafAndSpine;
        for (uint32_t sender = 0; sender < n; ++sender)
        {
            const uint32_t leaf = topology->GetWorkerLink(sender).router;
            std::vector<uint32_t> receivers;
            for (uint32_t j = 0; j < n; ++j)
            {
                if (topology->GetWorkerLink(j).router != leaf)
                {
                    receivers.push_back(j);
                }
            }
            std::vector<uint32_t> spines;
            for (uint32_t r : manager->GetTreeRouters(manager->Install(sender, receivers)))
            {
                if (topology->IsSpine(r))
                {
                    spines.push_back(r);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(spines.size(), 1, placement << ": tree " << sender);
            ++perLeafAndSpine[{leaf, spines[0]}];
        }
        NS_TEST_ASSERT_MSG_EQ(perLeafAndSpine.size(), 8, placement << ": every leaf, both spines");
        for (const auto& [leafAndSpine, trees] : perLeafAndSpine)
        {
            NS_TEST_EXPECT_MSG_EQ(trees,
                                  2,
                                  placement << ": leaf " << leafAndSpine.first << ", spine "
                                            << leafAndSpine.second);
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Check("Packed");
        Check("Spread");
    }
};

/**
 * \ingroup selmcast-tests
 * The multicast tree suite.
 */
class SelmcastMulticastTreeTestSuite : public TestSuite
{
  public:
    SelmcastMulticastTreeTestSuite()
        : TestSuite("selmcast-multicast-tree", UNIT)
    {
        AddTestCase(new SelmcastBigSwitchTreeTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastLeafSpineTreeTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastSpineSpreadTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastPruneTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastRemoveTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastTreeValidationTestCase, TestCase::QUICK);
        for (const char* kind : {"FatTree", "LeafSpine", "EdgeList", "Inet", "Orbis", "Rocketfuel"})
        {
            for (const char* routing : {"Selmcast", "Ns3"})
            {
                AddTestCase(new SelmcastFabricTreeTestCase(kind, routing), TestCase::QUICK);
            }
        }
        for (const char* kind : {"FatTree", "LeafSpine", "EdgeList"})
        {
            AddTestCase(new SelmcastFabricTreeTestCase(kind, "Selmcast", "RoundRobin"),
                        TestCase::QUICK);
        }
        AddTestCase(new SelmcastRoundRobinSpreadTestCase, TestCase::QUICK);
    }
};

/// The suite's only instance, registered with the test runner at load time.
static SelmcastMulticastTreeTestSuite g_selmcastMulticastTreeTestSuite;

} // namespace
