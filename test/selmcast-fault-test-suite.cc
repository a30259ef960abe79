/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-fault": faults injected into a running BSP job. A worker whose access link goes
// down is excluded after WorkerTimeout; when the link comes back its messages reach the
// controller again and it rejoins from the next round, with its c_ij counters restarted. A
// worker whose applications stop mid-transfer is excluded and nothing is counted for it. Random
// and bursty loss on every receiving link: no receiver given up, each completes exactly once. A
// switch interface down during a transfer, then up: the run completes and counts only what was
// delivered. SSP: a worker cut off and back rejoins at once.

#include "selmcast-test-scenario.h"

#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ipv4.h"
#include "ns3/pointer.h"
#include "ns3/selmcast-burst-error-model.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/selmcast-worker.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
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

/** BlockComplete events by (receiver, sender, round). */
using BlockCounts = std::map<std::tuple<uint32_t, uint32_t, uint32_t>, uint32_t>;

/**
 * \param counts BlockComplete events by (receiver, sender, round)
 * \param report the event
 */
void
OnBlockComplete(BlockCounts* counts, const SelmcastBlockReport& report)
{
    ++(*counts)[std::make_tuple(report.receiver, report.sender, report.round)];
}

/**
 * The BSP setting of the fault cases: n = 6, p = 2, 1 Gbit/s links, 10 ms of compute.
 * \param blockSize bytes per block
 * \param rounds rounds
 * \return the parameters
 */
SelmcastBspParameters
FaultParameters(uint64_t blockSize, uint32_t rounds)
{
    SelmcastBspParameters par;
    par.n = 6;
    par.p = 2;
    par.blockSize = blockSize;
    par.bandwidth = "1Gbps";
    par.computeMean = 10;
    par.rounds = rounds;
    return par;
}

/**
 * Record a built scenario's rounds, exclusions and returns, and its workers' BlockComplete events.
 * \param scenario the scenario, built
 * \param trace where the controller's events go
 * \param blocks where the BlockComplete events go
 */
void
Connect(const SelmcastBspScenario& scenario, FaultTrace* trace, BlockCounts* blocks)
{
    Ptr<SelmcastController> controller = scenario.GetTraining().GetController();
    controller->TraceConnectWithoutContext("RoundComplete", MakeBoundCallback(&OnRound, trace));
    controller->TraceConnectWithoutContext("WorkerExcluded",
                                           MakeBoundCallback(&OnWorkerEvent, &trace->excluded));
    controller->TraceConnectWithoutContext("WorkerReturned",
                                           MakeBoundCallback(&OnWorkerEvent, &trace->returned));
    for (const Ptr<SelmcastWorker>& worker : scenario.GetTraining().GetWorkers())
    {
        worker->TraceConnectWithoutContext("BlockComplete",
                                           MakeBoundCallback(&OnBlockComplete, blocks));
    }
}

/**
 * \param r a round
 * \param n workers
 * \param blocks the BlockComplete events
 * \param[out] unbacked pairs the round counts as delivered without exactly one BlockComplete
 * \return the pairs the round counts as delivered
 */
uint32_t
CountDelivered(const SelmcastRoundRecord& r,
               uint32_t n,
               const BlockCounts& blocks,
               uint32_t& unbacked)
{
    uint32_t delivered = 0;
    unbacked = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (r.delivered(i, j))
            {
                ++delivered;
                auto it = blocks.find(std::make_tuple(j, i, r.round));
                unbacked += it == blocks.end() || it->second != 1 ? 1 : 0;
            }
        }
    }
    return delivered;
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
        SelmcastBspParameters par = FaultParameters(100000, 30);
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        BlockCounts blocks;
        Connect(scenario, &trace, &blocks);
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
        // Round 0 sends from about 10 ms to 30 ms.
        SelmcastBspParameters par = FaultParameters(1000000, 6);
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        BlockCounts blocks;
        Connect(scenario, &trace, &blocks);
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
            uint32_t unbacked = 0;
            uint32_t delivered = CountDelivered(r, par.n, blocks, unbacked);
            for (uint32_t i = 0; i < par.n; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(uint32_t(r.delivered(victim, i)) + r.delivered(i, victim),
                                      0,
                                      "round " << r.round << ": nothing to or from it counts");
            }
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, delivered, "completed pairs are delivered");
            NS_TEST_ASSERT_MSG_EQ(unbacked, 0u, "each with one BlockComplete");
        }
    }
};

/**
 * \param failed where the count goes
 * \param round the round
 * \param receiver the receiver given up
 */
void
OnReceiverFailed(uint32_t* failed, uint32_t, Ipv4Address)
{
    ++*failed;
}

/**
 * Random or bursty loss on every worker's receiving link during a BSP run: every round
 * completes, no receiver is given up and no worker excluded (every link stays up), every
 * selected receiver completes each block exactly once, and the completed pairs the rounds report
 * are exactly the BlockComplete events.
 */
class LossyRoundsTestCase : public TestCase
{
  public:
    /**
     * \param burst bursty (Gilbert-Elliott) rather than independent losses
     * \param loss the share of packets lost on each worker's receiving link
     */
    LossyRoundsTestCase(bool burst, double loss)
        : TestCase(std::string(burst ? "burst" : "random") + " loss of " +
                   std::to_string(int(loss * 100)) +
                   " % on every receiving link: each selected receiver completes once, none "
                   "given up, completed_pairs = BlockComplete events"),
          m_burst(burst),
          m_loss(loss)
    {
    }

  private:
    /**
     * Put the case's error model on the receiving end of a worker's link.
     * \param device the worker's device
     * \param stream the model's random stream
     */
    void SetLoss(Ptr<PointToPointNetDevice> device, int64_t stream) const
    {
        Ptr<ErrorModel> model;
        if (m_burst)
        {
            Ptr<SelmcastBurstErrorModel> em = CreateObject<SelmcastBurstErrorModel>();
            em->SetAttribute("LossRate", DoubleValue(m_loss));
            em->SetAttribute("MeanBurst", DoubleValue(10.0));
            // Bursts of 10 frame times at 1 Gbit/s.
            em->SetAttribute("SlotTime", TimeValue(DataRate("1Gbps").CalculateBytesTxTime(1502)));
            em->AssignStreams(stream);
            model = em;
        }
        else
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorUnit", EnumValue(RateErrorModel::ERROR_UNIT_PACKET));
            em->SetAttribute("ErrorRate", DoubleValue(m_loss));
            em->AssignStreams(stream);
            model = em;
        }
        device->SetAttribute("ReceiveErrorModel", PointerValue(model));
    }

    void DoRun() override
    {
        SelmcastBspParameters par = FaultParameters(1000000, 4);
        par.n = 8;
        par.p = 3;
        par.computeMean = 5;
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        BlockCounts blocks;
        Connect(scenario, &trace, &blocks);
        uint32_t failed = 0;
        for (uint32_t i = 0; i < par.n; ++i)
        {
            Ptr<SelmcastWorker> worker = scenario.GetTraining().GetWorkers()[i];
            worker->TraceConnectWithoutContext("ReceiverFailed",
                                               MakeBoundCallback(&OnReceiverFailed, &failed));
            SetLoss(scenario.GetTopology()->GetWorkerLink(i).hostDevice, 300 + i);
        }
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));

        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "every round completes");
        NS_TEST_ASSERT_MSG_GT(summary.repairBytes, 0u, "the losses needed repairs");
        NS_TEST_ASSERT_MSG_EQ(failed, 0u, "no receiver given up: every link is up");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded.size(), 0u, "no worker excluded");
        uint64_t pairs = 0;
        for (const auto& r : trace.rounds)
        {
            pairs += r.completedPairs;
            uint32_t unbacked = 0;
            uint32_t delivered = CountDelivered(r, par.n, blocks, unbacked);
            NS_TEST_ASSERT_MSG_EQ(unbacked,
                                  0u,
                                  "round " << r.round << ": one BlockComplete per completed pair");
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, delivered, "completed pairs are delivered");
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs,
                                  r.pairs,
                                  "round " << r.round << ": every selected receiver");
        }
        uint64_t events = 0;
        for (const auto& entry : blocks)
        {
            events += entry.second;
        }
        NS_TEST_ASSERT_MSG_EQ(pairs, events, "completed_pairs = BlockComplete events");
    }

    bool m_burst;  //!< bursty losses
    double m_loss; //!< share of packets lost
};

/** What an SSP run's controller traces say about one worker's absence and return. */
struct SspFaultTrace
{
    Ptr<SelmcastController> controller;                  //!< to read c_ij at the return
    std::vector<SelmcastMulticastRecord> records;        //!< MulticastComplete
    std::vector<std::pair<uint32_t, Time>> excluded;     //!< WorkerExcluded: worker, time
    std::vector<std::pair<uint32_t, uint32_t>> returned; //!< WorkerReturned: worker, round
    Time returnedAt;                                     //!< when the (last) return happened
    uint32_t countersAtReturn{0}; //!< sum of c_ij and c_ji of the returning worker then
};

/**
 * \param trace where the record goes
 * \param record a multicast
 */
void
OnMulticast(SspFaultTrace* trace, const SelmcastMulticastRecord& record)
{
    trace->records.push_back(record);
}

/**
 * \param trace where the event goes
 * \param worker the worker
 */
void
OnSspExcluded(SspFaultTrace* trace, uint32_t worker, uint32_t)
{
    trace->excluded.emplace_back(worker, Simulator::Now());
}

/**
 * \param trace where the event goes
 * \param worker the worker
 * \param round the round it starts again with
 */
void
OnSspReturned(SspFaultTrace* trace, uint32_t worker, uint32_t round)
{
    trace->returned.emplace_back(worker, round);
    trace->returnedAt = Simulator::Now();
    const selmcast::Matrix<uint32_t>& c = trace->controller->GetCounters();
    trace->countersAtReturn = 0;
    for (uint32_t j = 0; j < c.Size(); ++j)
    {
        trace->countersAtReturn += c(worker, j) + c(j, worker);
    }
}

/**
 * SSP: a link down for 300 ms, then up: the worker is excluded, rejoins as soon as its messages
 * reach the controller again (c_ij restarted), and its later syncs complete.
 */
class SspRejoinTestCase : public TestCase
{
  public:
    SspRejoinTestCase()
        : TestCase("SSP: a worker cut off for 300 ms is excluded, rejoins at once and completes "
                   "later syncs")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 6;
        const uint32_t victim = 2;
        const uint32_t rounds = 40;
        Ptr<SelmcastTopology> topology =
            selmcast_test::InstallBigSwitch(n, 0.25, DataRate("1Gbps"));
        SelmcastTrainingHelper training;
        selmcast_test::ConfigureTraining(
            training,
            {100000, "uniform", MilliSeconds(10), MilliSeconds(50), 2, 4, rounds, "selmcast"});
        training.SetControllerAttribute("Mode", StringValue("SSP"));
        training.SetControllerAttribute("Staleness", UintegerValue(1));
        training.Install(topology);
        training.AssignStreams(100);
        SspFaultTrace trace;
        trace.controller = training.GetController();
        trace.controller->TraceConnectWithoutContext("MulticastComplete",
                                                     MakeBoundCallback(&OnMulticast, &trace));
        trace.controller->TraceConnectWithoutContext("WorkerExcluded",
                                                     MakeBoundCallback(&OnSspExcluded, &trace));
        trace.controller->TraceConnectWithoutContext("WorkerReturned",
                                                     MakeBoundCallback(&OnSspReturned, &trace));
        SelmcastAccessLink link = topology->GetWorkerLink(victim);
        Simulator::Schedule(MilliSeconds(50), [link]() { selmcast_test::SetLinkLoss(link, 1.0); });
        Simulator::Schedule(MilliSeconds(350), [link]() { selmcast_test::SetLinkLoss(link, 0.0); });
        selmcast_test::RunSimulation();
        bool finished = trace.controller->IsFinished();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(finished, true, "the run ends by itself");
        NS_TEST_ASSERT_MSG_EQ(trace.excluded.size(), 1u, "one exclusion");
        NS_TEST_ASSERT_MSG_EQ(trace.returned.size(), 1u, "one return");
        if (trace.excluded.size() != 1 || trace.returned.size() != 1)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(trace.excluded[0].first, victim, "the cut-off worker is excluded");
        NS_TEST_ASSERT_MSG_EQ(trace.returned[0].first, victim, "and it returns");
        NS_TEST_ASSERT_MSG_GT(trace.returnedAt, MilliSeconds(350), "after the link is up again");
        // Its heartbeats (every 2 ms) reach the controller within a few ms of the link coming up.
        NS_TEST_ASSERT_MSG_LT(trace.returnedAt, MilliSeconds(360), "at once");
        NS_TEST_ASSERT_MSG_EQ(trace.countersAtReturn, 0u, "its c_ij and c_ji restarted");
        uint32_t own = 0;
        uint32_t reached = 0;
        uint32_t absentSelected = 0;
        for (const auto& r : trace.records)
        {
            bool selected =
                std::find(r.selected.begin(), r.selected.end(), victim) != r.selected.end();
            if (r.ready > trace.excluded[0].second && r.ready < trace.returnedAt)
            {
                absentSelected += selected ? 1 : 0;
            }
            if (r.ready > trace.returnedAt)
            {
                if (r.sender == victim)
                {
                    ++own;
                    NS_TEST_ASSERT_MSG_GT_OR_EQ(r.completed.size(),
                                                2u,
                                                "its sync of round " << r.round << " completes");
                }
                reached +=
                    std::find(r.completed.begin(), r.completed.end(), victim) != r.completed.end()
                        ? 1
                        : 0;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(absentSelected, 0u, "nobody sends to it while it is out");
        NS_TEST_ASSERT_MSG_GT(own, 5u, "it completes later syncs of its own");
        NS_TEST_ASSERT_MSG_GT(reached, 5u, "and receives the others' blocks again");
        std::cout << "  SSP: excluded at " << trace.excluded[0].second.GetMilliSeconds()
                  << " ms, returned at " << trace.returnedAt.GetMilliSeconds() << " ms in round "
                  << trace.returned[0].second << ", " << own << " syncs of its own after"
                  << std::endl;
    }
};

/**
 * A switch interface (a worker's port) goes down during a transfer (Ipv4::SetDown), then up
 * again: the run completes (a short outage is recovered by the polls and repairs; a long one
 * excludes the worker, which returns), and every completed pair it reports is a BlockComplete of
 * the selected pair: nothing that was not delivered is counted.
 */
class RouterInterfaceDownTestCase : public TestCase
{
  public:
    /** \param outage how long the interface stays down */
    explicit RouterInterfaceDownTestCase(Time outage)
        : TestCase("a switch interface down for " + std::to_string(outage.GetMilliSeconds()) +
                   " ms during a transfer, then up: the run completes and counts only "
                   "delivered blocks"),
          m_outage(outage)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t victim = 3;
        // Round 0 sends from about 10 ms to 30 ms: the port goes down in the middle.
        SelmcastBspParameters par = FaultParameters(1000000, 12);
        SelmcastBspScenario scenario(par);
        scenario.Build();
        FaultTrace trace;
        BlockCounts blocks;
        Connect(scenario, &trace, &blocks);
        const SelmcastAccessLink& link = scenario.GetTopology()->GetWorkerLink(victim);
        Ptr<Ipv4> router = scenario.GetTopology()->GetRouter(link.router)->GetObject<Ipv4>();
        const uint32_t port = link.routerInterface;
        Simulator::Schedule(MilliSeconds(15), [router, port]() { router->SetDown(port); });
        Simulator::Schedule(MilliSeconds(15) + m_outage, [router, port]() { router->SetUp(port); });
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));

        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "every round completes");
        NS_TEST_ASSERT_MSG_EQ(summary.guardReached, false, "no hang");
        bool excluded = m_outage > MilliSeconds(100); // WorkerTimeout
        NS_TEST_ASSERT_MSG_EQ(trace.excluded.size(), excluded ? 1u : 0u, "exclusions");
        NS_TEST_ASSERT_MSG_EQ(trace.returned.size(), trace.excluded.size(), "and returns");
        for (const auto& r : trace.rounds)
        {
            uint32_t unbacked = 0;
            uint32_t delivered = CountDelivered(r, par.n, blocks, unbacked);
            NS_TEST_ASSERT_MSG_EQ(unbacked,
                                  0u,
                                  "round " << r.round
                                           << ": a pair counted without its BlockComplete");
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, delivered, "completed pairs are delivered");
        }
        const SelmcastRoundRecord& last = trace.rounds.back();
        const auto& ids = last.workerIds;
        NS_TEST_ASSERT_MSG_EQ((std::find(ids.begin(), ids.end(), victim) != ids.end()),
                              true,
                              "the worker takes part in the last round");
        NS_TEST_ASSERT_MSG_EQ(last.completedPairs, last.pairs, "the last round is whole");
    }

    Time m_outage; //!< how long the interface is down
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
        AddTestCase(new SspRejoinTestCase, TestCase::QUICK);
        AddTestCase(new RouterInterfaceDownTestCase(MilliSeconds(30)), TestCase::QUICK);
        AddTestCase(new RouterInterfaceDownTestCase(MilliSeconds(300)), TestCase::QUICK);
        AddTestCase(new LossyRoundsTestCase(false, 0.05), TestCase::QUICK);
        AddTestCase(new LossyRoundsTestCase(false, 0.2), TestCase::QUICK);
        AddTestCase(new LossyRoundsTestCase(true, 0.02), TestCase::QUICK);
    }
};

/** Static instance. */
SelmcastFaultTestSuite g_selmcastFaultTestSuite;

} // namespace
