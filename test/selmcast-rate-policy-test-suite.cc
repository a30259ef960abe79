/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-rate-policy": for every rate policy, delivery and topology, the packet-level
// BSP round ends within 5 % of the policy's own fluid reference (FluidCompletionTimes over the
// round's plan), and the recorded reference is that computation. Deadline priority with L7 once
// parked a flow at 1 kbit/s until its sender's other flows were done and never completed a round.

#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-rate-allocator.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * RoundComplete sink.
 * \param rounds where the records go
 * \param record the round
 */
void
CollectRound(std::vector<SelmcastRoundRecord>* rounds, const SelmcastRoundRecord& record)
{
    rounds->push_back(record);
}

/** One policy, delivery and topology: packet-level round against the policy's fluid run. */
class PolicyRoundTestCase : public TestCase
{
  public:
    /**
     * \param policy finish-together, maxmin or deadline
     * \param delivery L3 or L7
     * \param topology bigswitch, leafspine, fattree or file (all non-blocking here: see DoRun)
     */
    PolicyRoundTestCase(std::string policy, std::string delivery, std::string topology)
        : TestCase("BSP round within 5 % of the fluid reference: " + policy + ", " + delivery +
                   ", " + topology),
          m_policy(policy),
          m_delivery(delivery),
          m_topology(topology)
    {
    }

  private:
    void DoRun() override
    {
        SelmcastBspParameters par;
        par.topology = m_topology;
        par.n = 6;
        par.hostsPerLeaf = 3;
        par.p = 2;
        par.delivery = m_delivery;
        par.ratePolicy = m_policy;
        par.blockSize = 500000;
        par.bandwidth = "1Gbps";
        par.lambda = 0.5; // uneven ports: the policies differ
        par.computeMean = 1;
        par.rounds = 3;
        // The fluid reference models the hosts' ports only, so every fabric here is non-blocking:
        // each switch link at least as fast as all the hosts below it at their fastest (1.5 b),
        // whatever trees share it. Oversubscribed fabrics have no such reference (doc).
        par.edgeOversubscription = 0.25; // fat-tree: 4 Gbps edge links (2 hosts per edge),
        par.aggOversubscription = 0.5;   // 8 Gbps core links (4 hosts per pod)
        if (m_topology == "file")
        {
            // Two racks of three workers behind one 10 Gbps core link.
            par.topologyFile = CreateTempDirFilename("policy-fabric.csv");
            std::ofstream(par.topologyFile) << "core,tor0,10Gbps,1us\ncore,tor1,10Gbps,1us\n"
                                               "tor0,h0,2Gbps,1us\ntor0,h1,2Gbps,1us\n"
                                               "tor0,h2,2Gbps,1us\ntor1,h3,2Gbps,1us\n"
                                               "tor1,h4,2Gbps,1us\ntor1,h5,2Gbps,1us\n";
        }
        NS_TEST_ASSERT_MSG_EQ(par.Validate(), "", "the scenario's parameters");
        SelmcastBspScenario scenario(par);
        scenario.Build();
        std::vector<SelmcastRoundRecord> rounds;
        scenario.GetTraining().GetController()->TraceConnectWithoutContext(
            "RoundComplete",
            MakeBoundCallback(&CollectRound, &rounds));
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));
        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "every round must complete");
        for (const auto& r : rounds)
        {
            std::cout << "  " << m_policy << " " << m_delivery << " " << m_topology << " round "
                      << r.round << ": packet-level " << r.TransferSeconds() * 1e3 << " ms, fluid "
                      << r.fluidPolicy * 1e3 << " ms, t(X) " << r.planTime * 1e3 << " ms"
                      << std::endl;
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, r.pairs, "every pair must complete");
            NS_TEST_ASSERT_MSG_EQ_TOL(r.TransferSeconds() / r.fluidPolicy,
                                      1.0,
                                      0.05,
                                      "packet-level round not within 5 % of the policy's fluid "
                                      "reference");
        }
    }

    std::string m_policy;   //!< rate policy
    std::string m_delivery; //!< L3 or L7
    std::string m_topology; //!< bigswitch, leafspine, fattree or file
};

/** The fluid reference of deadline priority serializes the flows of one port; max-min shares. */
class FluidReferenceTestCase : public TestCase
{
  public:
    FluidReferenceTestCase()
        : TestCase("fluid reference: deadline priority serializes one port's flows, max-min "
                   "shares them")
    {
    }

  private:
    void DoRun() override
    {
        // Deadline priority parks every flow but the first at 0: the fluid run serializes them.
        selmcast::RatePorts ports;
        ports.ingress = {100, 100, 100};
        ports.egress = {100, 100, 100};
        std::vector<selmcast::RateFlow> flows(2);
        flows[0].sender = 0;
        flows[0].receivers = {1};
        flows[0].remaining = 100;
        flows[1].sender = 0;
        flows[1].receivers = {2};
        flows[1].remaining = 100;
        std::vector<double> deadline =
            selmcast::FluidCompletionTimes(selmcast::RatePolicy::DeadlinePriority, ports, flows);
        std::vector<double> maxmin =
            selmcast::FluidCompletionTimes(selmcast::RatePolicy::MaxMin, ports, flows);
        // Sender 0's port of 100/s carries 200 bytes either way: both end by 2 s.
        NS_TEST_ASSERT_MSG_EQ_TOL(deadline[0], 1.0, 1e-12, "first flow alone at full rate");
        NS_TEST_ASSERT_MSG_EQ_TOL(deadline[1], 2.0, 1e-12, "second flow after the first");
        NS_TEST_ASSERT_MSG_EQ_TOL(maxmin[0], 2.0, 1e-12, "max-min shares the port");
        NS_TEST_ASSERT_MSG_EQ_TOL(maxmin[1], 2.0, 1e-12, "max-min shares the port");
    }
};

/** The suite. */
class SelmcastRatePolicyTestSuite : public TestSuite
{
  public:
    SelmcastRatePolicyTestSuite()
        : TestSuite("selmcast-rate-policy", UNIT)
    {
        AddTestCase(new FluidReferenceTestCase, TestCase::QUICK);
        for (const char* policy : {"finish-together", "maxmin", "deadline"})
        {
            for (const char* delivery : {"L3", "L7"})
            {
                for (const char* topology : {"bigswitch", "leafspine", "fattree", "file"})
                {
                    AddTestCase(new PolicyRoundTestCase(policy, delivery, topology),
                                TestCase::QUICK);
                }
            }
        }
    }
};

/** Static instance. */
SelmcastRatePolicyTestSuite g_selmcastRatePolicyTestSuite;

} // namespace
