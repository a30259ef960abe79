/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-fault": faults injected into a running BSP job. A worker whose access link goes
// down is excluded after WorkerTimeout; when the link comes back its messages reach the
// controller again and it rejoins from the next round, with its c_ij counters restarted. A
// worker whose applications stop mid-transfer is excluded and nothing is counted for it.

#include "selmcast-test-scenario.h"

#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** What the traces of a run say. */
struct FaultTrace
{
    std::vector<SelmcastRoundRecord> rounds;             //!< RoundComplete
    std::vector<std::pair<uint32_t, uint32_t>> excluded; //!< WorkerExcluded: worker, round
    std::vector<std::pair<uint32_t, uint32_t>> returned; //!< WorkerReturned: worker, round
};

/**
 * \param trace where the record goes
 * \param record the round
 */
void
OnRound(FaultTrace* trace, const SelmcastRoundRecord& record)
{
    trace->rounds.push_back(record);
}

/**
 * \param list where the event goes
 * \param worker the worker
 * \param round the round
 */
void
OnWorkerEvent(std::vector<std::pair<uint32_t, uint32_t>>* list, uint32_t worker, uint32_t round)
{
    list->emplace_back(worker, round);
}

/** A link down for 300 ms, then up: the worker is excluded, returns, and takes part again. */
class RejoinTestCase : public TestCase
{
  public:
    RejoinTestCase()
        : TestCase("a worker cut off for 300 ms is excluded, rejoins and completes later rounds")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t victim = 2;
        SelmcastBspParameters par;
        par.n = 6;
        par.p = 2;
        par.blockSize = 100000;
        par.bandwidth = "1Gbps";
        par.computeMean = 10;
        par.rounds = 30;
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        Ptr<SelmcastController> controller = scenario.GetTraining().GetController();
        controller->TraceConnectWithoutContext("RoundComplete",
                                               MakeBoundCallback(&OnRound, &trace));
        controller->TraceConnectWithoutContext("WorkerExcluded",
                                               MakeBoundCallback(&OnWorkerEvent, &trace.excluded));
        controller->TraceConnectWithoutContext("WorkerReturned",
                                               MakeBoundCallback(&OnWorkerEvent, &trace.returned));
        SelmcastAccessLink link = scenario.GetTopology()->GetWorkerLink(victim);
        Simulator::Schedule(MilliSeconds(50), [link]() { selmcast_test::SetLinkLoss(link, 1.0); });
        Simulator::Schedule(MilliSeconds(350), [link]() { selmcast_test::SetLinkLoss(link, 0.0); });
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));

        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "every round must complete");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded.size(), 1, "one exclusion");
        NS_TEST_ASSERT_MSG_EQ(trace.returned.size(), 1, "one return");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded[0].first, victim, "the cut-off worker is excluded");
        NS_TEST_ASSERT_MSG_EQ(trace.returned[0].first, victim, "and it is the one that returns");
        const uint32_t back = trace.returned[0].second;
        NS_TEST_ASSERT_MSG_GT(back, trace.excluded[0].second, "it returns in a later round");
        NS_TEST_ASSERT_MSG_LT(back + 5, par.rounds, "with rounds left to take part in");
        uint32_t absent = 0;
        uint32_t received = 0;
        for (const auto& r : trace.rounds)
        {
            const auto& ids = r.workerIds;
            const bool in = std::find(ids.begin(), ids.end(), victim) != ids.end();
            if (r.round > trace.excluded[0].second && r.round < back)
            {
                absent += in ? 0 : 1;
                NS_TEST_ASSERT_MSG_EQ(in, false, "round " << r.round << " is without it");
            }
            if (r.round >= back)
            {
                NS_TEST_ASSERT_MSG_EQ(in, true, "round " << r.round << " includes it again");
                uint32_t sent = 0;
                uint32_t got = 0;
                for (uint32_t j = 0; j < par.n; ++j)
                {
                    sent += r.delivered(victim, j);
                    got += r.delivered(j, victim);
                }
                // Its multicast reaches p receivers; the k rule (c_ij restarted) makes every
                // sender reach it within k + 1 rounds of its return.
                NS_TEST_ASSERT_MSG_GT_OR_EQ(sent, par.p, "its block reaches p receivers");
                received += r.round <= back + par.k ? got : 0;
            }
        }
        NS_TEST_ASSERT_MSG_GT(absent, 0, "some rounds ran without it");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(received,
                                    par.n - 1,
                                    "every other worker sends to it within k + 1 rounds");
        std::cout << "  excluded in round " << trace.excluded[0].second << ", returned in round "
                  << back << ", " << absent << " rounds without it" << std::endl;
    }
};

/**
 * A worker's applications stop mid-transfer: the run goes on without it and counts only what was
 * delivered (no pair to or from it after the stop, completedPairs = the delivered pairs).
 */
class StoppedWorkerTestCase : public TestCase
{
  public:
    StoppedWorkerTestCase()
        : TestCase("a worker stopped mid-transfer is excluded and nothing is counted for it")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t victim = 3;
        SelmcastBspParameters par;
        par.n = 6;
        par.p = 2;
        par.blockSize = 1000000; // round 0 sends from about 10 ms to 30 ms
        par.bandwidth = "1Gbps";
        par.computeMean = 10;
        par.rounds = 6;
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        Ptr<SelmcastController> controller = scenario.GetTraining().GetController();
        controller->TraceConnectWithoutContext("RoundComplete",
                                               MakeBoundCallback(&OnRound, &trace));
        controller->TraceConnectWithoutContext("WorkerExcluded",
                                               MakeBoundCallback(&OnWorkerEvent, &trace.excluded));
        const Time stop = MilliSeconds(15);
        scenario.GetTraining().GetTrainers()[victim]->SetStopTime(stop);
        scenario.GetTraining().GetWorkers()[victim]->SetStopTime(stop);
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));

        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "the run goes on without it");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded.size(), 1, "one exclusion");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded[0].first, victim, "the stopped worker");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded[0].second, 0, "in the round it stopped in");
        for (const auto& r : trace.rounds)
        {
            uint32_t delivered = 0;
            for (uint32_t i = 0; i < par.n; ++i)
            {
                for (uint32_t j = 0; j < par.n; ++j)
                {
                    delivered += r.delivered(i, j);
                }
                NS_TEST_ASSERT_MSG_EQ(uint32_t(r.delivered(victim, i)) + r.delivered(i, victim),
                                      0,
                                      "round " << r.round << ": nothing to or from it counts");
            }
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, delivered, "completed pairs are delivered");
        }
    }
};

/** The suite. */
class SelmcastFaultTestSuite : public TestSuite
{
  public:
    SelmcastFaultTestSuite()
        : TestSuite("selmcast-fault", UNIT)
    {
        AddTestCase(new RejoinTestCase, TestCase::QUICK);
        AddTestCase(new StoppedWorkerTestCase, TestCase::QUICK);
    }
};

/** Static instance. */
SelmcastFaultTestSuite g_selmcastFaultTestSuite;

} // namespace
