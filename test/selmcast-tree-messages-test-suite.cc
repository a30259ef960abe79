/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/selmcast-multicast-tree-helper.h"
#include "ns3/selmcast-router-agent.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-tree-header.h"
#include "ns3/selmcast-tree-messenger.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Tree changes as messages: the wire format, and the routes the agents write against those the
 * tree manager writes directly (same tables, router by router), readiness only after every
 * acknowledgement, resending after loss, and a newer change superseding an older one.
 */

using namespace ns3;

namespace
{

/**
 * \param routing leaf-spine when true, else a big switch
 * \param ns3Routing build with Routing=Ns3 instead of SelmcastRouting
 * \return a small network: 2 leaves x 3 hosts and 2 spines, or 6 hosts on one switch
 */
Ptr<SelmcastTopology>
MakeTopology(bool leafSpine, bool ns3Routing)
{
    SelmcastTopologyHelper helper;
    helper.SetAttribute("Workers", UintegerValue(6));
    helper.SetAttribute("Leaves", UintegerValue(2));
    helper.SetAttribute("Spines", UintegerValue(2));
    helper.SetAttribute("HostsPerLeaf", UintegerValue(3));
    helper.SetAttribute("Spread", DoubleValue(0.0));
    helper.SetAttribute("Routing", StringValue(ns3Routing ? "Ns3" : "Selmcast"));
    return leafSpine ? helper.InstallLeafSpine() : helper.InstallBigSwitch();
}

/// The first group of a fresh manager (GroupBase).
const Ipv4Address GROUP("225.0.0.1");

/**
 * How a network forwards one group, asked of the nodes' own routing: for every router and
 * incoming interface the outputs RouteInput chooses, for every worker the interface RouteOutput
 * chooses for its own packets. Independent of how the routes are stored (SelmcastRouting or
 * ns-3's static routing) and of node ids.
 * \param topology a network
 * \param group the group
 * \return one line per forwarding decision
 */
std::string
Forwarding(Ptr<SelmcastTopology> topology, Ipv4Address group)
{
    std::ostringstream os;
    Ipv4Header header;
    header.SetDestination(group);
    header.SetSource(topology->GetWorkerAddress(0));
    header.SetProtocol(17);
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        Ptr<Ipv4> ipv4 = topology->GetRouter(r)->GetObject<Ipv4>();
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            std::ostringstream outputs;
            auto forward =
                [&outputs](Ptr<Ipv4MulticastRoute> route, Ptr<const Packet>, const Ipv4Header&) {
                    for (const auto& entry : route->GetOutputTtlMap())
                    {
                        outputs << " " << entry.first;
                    }
                };
            ipv4->GetRoutingProtocol()->RouteInput(
                Create<Packet>(),
                header,
                ipv4->GetNetDevice(i),
                Ipv4RoutingProtocol::UnicastForwardCallback(
                    [](Ptr<Ipv4Route>, Ptr<const Packet>, const Ipv4Header&) {}),
                Ipv4RoutingProtocol::MulticastForwardCallback(forward),
                Ipv4RoutingProtocol::LocalDeliverCallback(
                    [](Ptr<const Packet>, const Ipv4Header&, uint32_t) {}),
                Ipv4RoutingProtocol::ErrorCallback(
                    [](Ptr<const Packet>, const Ipv4Header&, Socket::SocketErrno) {}));
            if (!outputs.str().empty())
            {
                os << "router " << r << " in " << i << " out" << outputs.str() << "\n";
            }
        }
    }
    for (uint32_t w = 0; w < topology->GetNWorkers(); ++w)
    {
        Ptr<Ipv4> ipv4 = topology->GetWorker(w)->GetObject<Ipv4>();
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, error);
        os << "worker " << w << " "
           << (route ? ipv4->GetInterfaceForDevice(route->GetOutputDevice()) : -1) << "\n";
    }
    return os.str();
}

/**
 * \param when set to the time it is called
 */
void
MarkReady(Time* when)
{
    *when = Simulator::Now();
}

/** Start a change from a scheduled event (the agents run from time 0). */
void
InstallAt(Ptr<SelmcastTreeManager> manager,
          uint32_t sender,
          std::vector<uint32_t> receivers,
          Ipv4Address* group,
          Time* ready)
{
    *group = manager->Install(sender, receivers);
    manager->WhenReady(*group, [ready]() { MarkReady(ready); });
}

/** Prune from a scheduled event. */
void
PruneAt(Ptr<SelmcastTreeManager> manager, const Ipv4Address* group, uint32_t receiver)
{
    manager->Prune(*group, receiver);
}

/** Remove from a scheduled event. */
void
RemoveAt(Ptr<SelmcastTreeManager> manager, const Ipv4Address* group)
{
    manager->Remove(*group);
}

/// One network with agents and a manager that writes by messages.
struct Messaged
{
    Ptr<SelmcastTopology> topology;               //!< the network
    Ptr<SelmcastTreeManager> manager;             //!< writes through messenger
    Ptr<SelmcastTreeMessenger> messenger;         //!< on the controller's node
    std::vector<Ptr<SelmcastRouterAgent>> agents; //!< routers, then workers
    Ipv4Address group;                            //!< the tree ScheduleInstall installed
    Time ready{Seconds(-1)};                      //!< when it was ready

    /**
     * \param leafSpine the shape
     * \param ns3Routing Routing=Ns3
     */
    Messaged(bool leafSpine, bool ns3Routing)
    {
        topology = MakeTopology(leafSpine, ns3Routing);
        NodeContainer nodes(topology->GetRouters(), topology->GetWorkers());
        for (uint32_t k = 0; k < nodes.GetN(); ++k)
        {
            Ptr<SelmcastRouterAgent> agent = CreateObject<SelmcastRouterAgent>();
            nodes.Get(k)->AddApplication(agent);
            agents.push_back(agent);
        }
        messenger = CreateObject<SelmcastTreeMessenger>();
        messenger->Start(topology->GetController());
        manager = CreateObject<SelmcastTreeManager>();
        manager->SetTopology(topology);
        manager->SetMessenger(messenger);
    }

    /**
     * Install a tree of worker 0 at a time (the agents run from time 0); group and ready are
     * set then, and when the tree is ready.
     * \param at when
     * \param receivers its receivers
     */
    void ScheduleInstall(Time at, std::vector<uint32_t> receivers)
    {
        Simulator::Schedule(at, &InstallAt, manager, 0, receivers, &group, &ready);
    }

    /** \return the ROUTEs all agents applied */
    uint64_t Applied() const
    {
        uint64_t sum = 0;
        for (const auto& a : agents)
        {
            sum += a->GetApplied();
        }
        return sum;
    }
};

} // namespace

/**
 * \ingroup selmcast-tests
 * ROUTE and ACK survive serialization; short, foreign and inconsistent bytes are refused.
 */
class TreeHeaderTestCase : public TestCase
{
  public:
    TreeHeaderTestCase()
        : TestCase("tree header: round trip and malformed input")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastTreeHeader route;
        route.SetType(SelmcastTreeHeader::ROUTE);
        route.SetKind(SelmcastTreeHeader::MULTICAST);
        route.SetSequence(77);
        route.SetGroup(Ipv4Address("225.0.0.9"));
        route.SetOrigin(Ipv4Address("10.0.0.2"));
        route.SetInput(3);
        route.SetOutputs({1, 4, 7});
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(route);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 14 + 8 + 12, "prefix, origin, input, 3 outputs");
        SelmcastTreeHeader back;
        p->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), true, "a ROUTE reads back");
        NS_TEST_ASSERT_MSG_EQ(back.GetSequence(), 77, "sequence");
        NS_TEST_ASSERT_MSG_EQ(back.GetGroup(), Ipv4Address("225.0.0.9"), "group");
        NS_TEST_ASSERT_MSG_EQ(back.GetOrigin(), Ipv4Address("10.0.0.2"), "origin");
        NS_TEST_ASSERT_MSG_EQ(back.GetInput(), 3, "input");
        NS_TEST_ASSERT_MSG_EQ((back.GetOutputs() == std::vector<uint32_t>{1, 4, 7}), true, "out");

        // A ROUTE that announces three outputs but carries two is refused.
        Ptr<Packet> whole = Create<Packet>();
        whole->AddHeader(route);
        Ptr<Packet> cut = whole->CreateFragment(0, whole->GetSize() - 4);
        SelmcastTreeHeader shortRead;
        cut->RemoveHeader(shortRead);
        NS_TEST_ASSERT_MSG_EQ(shortRead.IsValid(), false, "a cut ROUTE is malformed");

        // Foreign bytes of the right length.
        uint8_t foreign[14] = {0x53, 0x43, 1, 1, 1, 0};
        Ptr<Packet> f = Create<Packet>(foreign, sizeof(foreign));
        SelmcastTreeHeader other;
        f->RemoveHeader(other);
        NS_TEST_ASSERT_MSG_EQ(other.IsValid(), false, "another magic is foreign");
    }
};

/**
 * \ingroup selmcast-tests
 * Install, prune and remove by messages give, router by router, the tables the manager writes
 * directly; the tree is ready only after every agent acknowledged, one round trip later.
 */
class TreeMessagesTablesTestCase : public TestCase
{
  public:
    /**
     * \param leafSpine the shape
     * \param ns3Routing Routing=Ns3 (ns-3's static routing) instead of SelmcastRouting
     */
    TreeMessagesTablesTestCase(bool leafSpine, bool ns3Routing)
        : TestCase(std::string("tree messages write the direct tables, ") +
                   (leafSpine ? "leaf-spine" : "big switch") + (ns3Routing ? ", Ns3" : "")),
          m_leafSpine(leafSpine),
          m_ns3(ns3Routing)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SelmcastTopology> direct = MakeTopology(m_leafSpine, m_ns3);
        Ptr<SelmcastTreeManager> writer = CreateObject<SelmcastTreeManager>();
        writer->SetTopology(direct);
        Messaged m(m_leafSpine, m_ns3);
        const std::string empty = Forwarding(direct, GROUP);
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, GROUP), empty, "two fresh networks alike");

        Ipv4Address& group = m.group;
        const Time& ready = m.ready;
        m.ScheduleInstall(MicroSeconds(10), {1, 4, 5});
        Simulator::Stop(MicroSeconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m.manager->IsReady(group), false, "nothing acknowledged yet");
        NS_TEST_ASSERT_MSG_EQ(group, GROUP, "the pool's first group");
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, group),
                              empty,
                              "no route before a message arrives");
        Simulator::Stop(MilliSeconds(1));
        Simulator::Run();
        Ipv4Address same = writer->Install(0, {1, 4, 5});
        NS_TEST_ASSERT_MSG_EQ(same, group, "both managers allocate the same group");
        NS_TEST_ASSERT_MSG_NE(Forwarding(direct, group), empty, "the tree forwards");
        NS_TEST_ASSERT_MSG_EQ(m.manager->IsReady(group), true, "every agent acknowledged");
        // Controller -> router -> controller at least: two 1-us links each way.
        NS_TEST_ASSERT_MSG_GT(ready, MicroSeconds(14), "ready only after a round trip");
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, group),
                              Forwarding(direct, group),
                              "install: the direct tables");
        uint32_t routers = m.manager->GetTreeRouters(group).size();
        NS_TEST_ASSERT_MSG_EQ(m.Applied(), routers + 1, "one ROUTE per tree router and sender");
        NS_TEST_ASSERT_MSG_EQ(m.messenger->GetTransmissions(), routers + 1, "no resend");

        Simulator::Schedule(MicroSeconds(1), &PruneAt, m.manager, &group, 5);
        Simulator::Stop(MilliSeconds(1));
        Simulator::Run();
        writer->Prune(group, 5);
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, group),
                              Forwarding(direct, group),
                              "prune: the direct tables");

        Simulator::Schedule(MicroSeconds(1), &RemoveAt, m.manager, &group);
        Simulator::Stop(MilliSeconds(1));
        Simulator::Run();
        writer->Remove(group);
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, group), empty, "remove: no route left");
        NS_TEST_ASSERT_MSG_EQ(m.messenger->GetNPending(), 0, "every change acknowledged");
        Simulator::Destroy();
    }

    bool m_leafSpine; //!< the shape
    bool m_ns3;       //!< Routing=Ns3
};

/**
 * \ingroup selmcast-tests
 * Every message of the first 0.5 ms is lost on the controller's link: the changes are resent
 * after RetransmitTimeout, the tree is ready only then, and the tables are the direct ones.
 * A prune sent right after the install supersedes the router's ROUTE still unacknowledged.
 */
class TreeMessagesLossTestCase : public TestCase
{
  public:
    TreeMessagesLossTestCase()
        : TestCase("tree messages: resent after loss, superseded by a newer change")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SelmcastTopology> direct = MakeTopology(true, false);
        Ptr<SelmcastTreeManager> writer = CreateObject<SelmcastTreeManager>();
        writer->SetTopology(direct);
        Messaged m(true, false);
        Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
        loss->SetAttribute("ErrorRate", DoubleValue(1.0));
        loss->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        m.topology->GetControllerLink().routerDevice->SetReceiveErrorModel(loss);
        Simulator::Schedule(MicroSeconds(500), &ErrorModel::Disable, loss);

        Ipv4Address& group = m.group;
        const Time& ready = m.ready;
        m.ScheduleInstall(MicroSeconds(10), {1, 4, 5});
        Simulator::Schedule(MicroSeconds(20), &PruneAt, m.manager, &group, 4);
        Simulator::Stop(MilliSeconds(5));
        Simulator::Run();
        writer->Install(0, {1, 4, 5});
        writer->Prune(group, 4);
        NS_TEST_ASSERT_MSG_EQ(m.manager->IsReady(group), true, "acknowledged in the end");
        // Sent at 20 us at the latest, resent 1 ms later, plus a round trip.
        NS_TEST_ASSERT_MSG_GT(ready, MicroSeconds(1010), "not ready before the resend");
        NS_TEST_ASSERT_MSG_LT(ready, MicroSeconds(1100), "ready right after the resend");
        NS_TEST_ASSERT_MSG_EQ(Forwarding(m.topology, group),
                              Forwarding(direct, group),
                              "the direct tables");
        NS_TEST_ASSERT_MSG_GT(m.messenger->GetTransmissions(),
                              uint64_t(m.Applied()),
                              "the lost messages were sent again");
        NS_TEST_ASSERT_MSG_EQ(m.messenger->GetNPending(), 0, "nothing left to resend");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * The suite.
 */
class SelmcastTreeMessagesTestSuite : public TestSuite
{
  public:
    SelmcastTreeMessagesTestSuite()
        : TestSuite("selmcast-tree-messages", UNIT)
    {
        AddTestCase(new TreeHeaderTestCase(), TestCase::QUICK);
        AddTestCase(new TreeMessagesTablesTestCase(false, false), TestCase::QUICK);
        AddTestCase(new TreeMessagesTablesTestCase(true, false), TestCase::QUICK);
        AddTestCase(new TreeMessagesTablesTestCase(true, true), TestCase::QUICK);
        AddTestCase(new TreeMessagesLossTestCase(), TestCase::QUICK);
    }
};

/// The static instance.
static SelmcastTreeMessagesTestSuite g_selmcastTreeMessagesTestSuite;
