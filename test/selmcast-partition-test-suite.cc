/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/double.h"
#include "ns3/node.h"
#include "ns3/selmcast-rank-policy.h"
#include "ns3/selmcast-router-agent.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast-tests
 * Placement of the nodes on MPI ranks: the policies' text forms, the system id of every node of
 * a big switch and a leaf-spine fabric under each policy, and the checks on a bad list.
 */

using namespace ns3;

namespace
{

/**
 * \param policy where the nodes go
 * \param leafSpine 4 leaves x 2 hosts and 2 spines, else 8 hosts on one switch
 * \return the network
 */
Ptr<SelmcastTopology>
Build(const SelmcastRankPolicy& policy, bool leafSpine)
{
    SelmcastTopologyHelper helper;
    helper.SetAttribute("Workers", UintegerValue(8));
    helper.SetAttribute("Leaves", UintegerValue(4));
    helper.SetAttribute("Spines", UintegerValue(2));
    helper.SetAttribute("HostsPerLeaf", UintegerValue(2));
    helper.SetAttribute("Spread", DoubleValue(0.0));
    helper.SetRankPolicy(policy);
    return leafSpine ? helper.InstallLeafSpine() : helper.InstallBigSwitch();
}

/**
 * \param topology a network
 * \return the system ids: workers, then routers, then the controller
 */
std::vector<uint32_t>
Ranks(Ptr<SelmcastTopology> topology)
{
    std::vector<uint32_t> ranks;
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        ranks.push_back(topology->GetWorker(i)->GetSystemId());
    }
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        ranks.push_back(topology->GetRouter(r)->GetSystemId());
    }
    ranks.push_back(topology->GetController()->GetSystemId());
    return ranks;
}

/**
 * \param text a policy
 * \param ranks R
 * \return the policy (the test fails on a parse error)
 */
SelmcastRankPolicy
Policy(const std::string& text, uint32_t ranks)
{
    SelmcastRankPolicy policy;
    std::string error = SelmcastRankPolicy::Parse(text, ranks, policy);
    NS_ABORT_MSG_IF(!error.empty(), error);
    return policy;
}

} // namespace

/**
 * \ingroup selmcast-tests
 * Valid and invalid text forms; a refusal names --partition and the allowed forms.
 */
class RankPolicyParseTestCase : public TestCase
{
  public:
    RankPolicyParseTestCase()
        : TestCase("rank policy: text forms")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastRankPolicy p;
        NS_TEST_ASSERT_MSG_EQ(p.GetRanks(), 1, "default: one rank");
        NS_TEST_ASSERT_MSG_EQ(SelmcastRankPolicy::Parse("leaf", 2, p), "", "leaf");
        NS_TEST_ASSERT_MSG_EQ(p.GetKind(), SelmcastRankPolicy::BY_LEAF, "by leaf");
        NS_TEST_ASSERT_MSG_EQ(p.GetRanks(), 2, "two ranks");
        NS_TEST_ASSERT_MSG_EQ(SelmcastRankPolicy::Parse("round-robin", 4, p), "", "rr");
        NS_TEST_ASSERT_MSG_EQ(p.GetKind(), SelmcastRankPolicy::ROUND_ROBIN, "round robin");
        NS_TEST_ASSERT_MSG_EQ(SelmcastRankPolicy::Parse("list:1,0,1", 2, p), "", "list");
        NS_TEST_ASSERT_MSG_EQ(p.GetKind(), SelmcastRankPolicy::LIST, "list");
        NS_TEST_ASSERT_MSG_EQ(p.WorkerRank(0, 0), 1, "list item 0");
        NS_TEST_ASSERT_MSG_EQ(p.Validate(3), "", "one rank per worker");
        NS_TEST_ASSERT_MSG_NE(p.Validate(4), "", "a worker without a rank");
        for (const char* bad : {"ring", "list:", "list:0,2", "list:0,,1", "list:-1", "leaf "})
        {
            std::string error = SelmcastRankPolicy::Parse(bad, 2, p);
            NS_TEST_ASSERT_MSG_NE(error.find("--partition"),
                                  std::string::npos,
                                  "\"" << bad << "\" is refused naming --partition: " << error);
        }
        NS_TEST_ASSERT_MSG_EQ(p.GetKind(), SelmcastRankPolicy::LIST, "a refusal leaves p alone");
    }
};

/**
 * \ingroup selmcast-tests
 * The system id of every node, against the rules written out by hand for 8 workers.
 */
class RankPlacementTestCase : public TestCase
{
  public:
    RankPlacementTestCase()
        : TestCase("rank policy: system ids of every node")
    {
    }

  private:
    void DoRun() override
    {
        // Workers 0-7, then routers (leaves 0-3, spines 0-1, or the switch), then controller.
        typedef std::vector<uint32_t> V;
        NS_TEST_ASSERT_MSG_EQ((Ranks(Build(Policy("leaf", 2), true)) ==
                               V{0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0}),
                              true,
                              "by leaf: a leaf with its workers, spines spread");
        NS_TEST_ASSERT_MSG_EQ((Ranks(Build(Policy("round-robin", 4), true)) ==
                               V{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 0}),
                              true,
                              "round robin on leaf-spine");
        NS_TEST_ASSERT_MSG_EQ(
            (Ranks(Build(Policy("round-robin", 4), false)) == V{0, 1, 2, 3, 0, 1, 2, 3, 0, 0}),
            true,
            "big switch: the switch and controller on 0, workers spread");
        NS_TEST_ASSERT_MSG_EQ((Ranks(Build(Policy("list:3,3,2,2,1,1,0,0", 4), true)) ==
                               V{3, 3, 2, 2, 1, 1, 0, 0, 3, 2, 1, 0, 0, 1, 3}),
                              true,
                              "list: leaves follow their first worker, the controller leaf 0");
        NS_TEST_ASSERT_MSG_EQ((Ranks(Build(SelmcastRankPolicy(), true)) == V(15, 0)),
                              true,
                              "no policy: everything on rank 0");
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * Without MPI every node is local: the training helper installs every application, and a
 * router agent on every router and worker; a list of the wrong length is refused by Validate.
 */
class RankInstallTestCase : public TestCase
{
  public:
    RankInstallTestCase()
        : TestCase("rank policy: local installation and validation")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SelmcastTopology> topology = Build(Policy("round-robin", 4), true);
        SelmcastTrainingHelper training;
        training.Install(topology);
        for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(SelmcastRankPolicy::IsLocal(topology->GetWorker(i)),
                                  true,
                                  "one process simulates every node");
            // Worker, trainer and agent.
            NS_TEST_ASSERT_MSG_EQ(topology->GetWorker(i)->GetNApplications(), 3, "worker apps");
        }
        for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
        {
            Ptr<Node> router = topology->GetRouter(r);
            NS_TEST_ASSERT_MSG_EQ(router->GetNApplications(), 1, "one agent per router");
            NS_TEST_ASSERT_MSG_NE(DynamicCast<SelmcastRouterAgent>(router->GetApplication(0)),
                                  nullptr,
                                  "the router's application is its agent");
        }
        NS_TEST_ASSERT_MSG_EQ(SelmcastRankPolicy::LocalRank(), 0, "rank 0 without MPI");

        SelmcastTopologyHelper helper;
        helper.SetAttribute("Workers", UintegerValue(4));
        helper.SetRankPolicy(Policy("list:0,1,0", 2));
        std::string error = helper.Validate(SelmcastTopology::BIG_SWITCH);
        NS_TEST_ASSERT_MSG_NE(error.find("one per worker"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_NE(error.find("--partition"), std::string::npos, error);
        Simulator::Destroy();
    }
};

/**
 * \ingroup selmcast-tests
 * The suite.
 */
class SelmcastPartitionTestSuite : public TestSuite
{
  public:
    SelmcastPartitionTestSuite()
        : TestSuite("selmcast-partition", UNIT)
    {
        AddTestCase(new RankPolicyParseTestCase(), TestCase::QUICK);
        AddTestCase(new RankPlacementTestCase(), TestCase::QUICK);
        AddTestCase(new RankInstallTestCase(), TestCase::QUICK);
    }
};

/// The static instance.
static SelmcastPartitionTestSuite g_selmcastPartitionTestSuite;
