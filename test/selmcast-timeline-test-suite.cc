/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The events CSV of a run (SelmcastTimeline) against the run's own records: rounds and
// multicasts from the controller's traces, compute times from the trainers'.

#include "selmcast-test-scenario.h"

#include "ns3/abort.h"
#include "ns3/selmcast-timeline.h"
#include "ns3/test.h"

#include <filesystem>
#include <map>
#include <tuple>

using namespace ns3;
using namespace ns3::selmcast_test;

namespace
{

/** One row of the CSV. */
struct Event
{
    double time{0};    //!< time_s
    std::string name;  //!< event
    int64_t worker{0}; //!< worker
    int64_t round{0};  //!< round
    int64_t peer{0};   //!< peer
    int64_t count{0};  //!< count
    int64_t bytes{0};  //!< bytes
};

/**
 * \param path the CSV
 * \param [out] header its first line
 * \return its rows
 */
std::vector<Event>
ReadTimeline(const std::string& path, std::string& header)
{
    std::vector<Event> events;
    std::istringstream in(ReadFile(path));
    std::getline(in, header);
    std::string line;
    while (std::getline(in, line))
    {
        std::replace(line.begin(), line.end(), ',', ' ');
        std::istringstream row(line);
        Event e;
        row >> e.time >> e.name >> e.worker >> e.round >> e.peer >> e.count >> e.bytes;
        events.push_back(e);
    }
    return events;
}

/** What the traces said, for the comparison. */
struct Truth
{
    std::vector<SelmcastRoundRecord> rounds;                //!< RoundComplete
    std::vector<SelmcastMulticastRecord> multicasts;        //!< MulticastComplete
    std::map<std::pair<uint32_t, uint32_t>, Time> computed; //!< (worker, round): drawn time

    /** \param r a round */
    void OnRound(const SelmcastRoundRecord& r)
    {
        rounds.push_back(r);
    }

    /** \param m a multicast */
    void OnMulticast(const SelmcastMulticastRecord& m)
    {
        multicasts.push_back(m);
    }

    /** \param w worker \param r round \param d drawn time */
    void OnComputed(uint32_t w, uint32_t r, Time d)
    {
        computed[{w, r}] = d;
    }
};

/**
 * Run a small job (BSP or SSP) with a timeline.
 * \param ssp SSP mode with preemption (eta = 0)
 * \param path the CSV
 * \param [out] truth the traces
 * \param [out] computeTotal per worker, the trainer's GetComputeTime at the end
 */
void
RunWithTimeline(bool ssp, const std::string& path, Truth& truth, std::vector<Time>& computeTotal)
{
    const uint32_t n = 6;
    Ptr<SelmcastTopology> topology = InstallBigSwitch(n, 0.5, DataRate("1Gbps"));
    SelmcastTrainingHelper training;
    ConfigureTraining(training,
                      {ssp ? 400000u : 200000u,
                       "uniform",
                       MilliSeconds(ssp ? 1 : 5),
                       Seconds(1),
                       2,
                       4,
                       4,
                       "selmcast"});
    if (ssp)
    {
        training.SetControllerAttribute("Mode", StringValue("SSP"));
        training.SetControllerAttribute("Staleness", UintegerValue(2));
        training.SetControllerAttribute("Eta", DoubleValue(0));
    }
    training.Install(topology);
    training.AssignStreams(100);
    SelmcastTimeline timeline;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    NS_ABORT_MSG_UNLESS(timeline.Open(path).empty(), "cannot write " << path);
    timeline.Connect(training.GetController(), training.GetTrainers(), training.GetWorkers());
    Ptr<SelmcastController> c = training.GetController();
    c->TraceConnectWithoutContext("RoundComplete", MakeCallback(&Truth::OnRound, &truth));
    c->TraceConnectWithoutContext("MulticastComplete", MakeCallback(&Truth::OnMulticast, &truth));
    for (const auto& t : training.GetTrainers())
    {
        t->TraceConnectWithoutContext("ComputeFinished", MakeCallback(&Truth::OnComputed, &truth));
    }
    RunSimulation();
    for (const auto& t : training.GetTrainers())
    {
        computeTotal.push_back(t->GetComputeTime());
    }
    Simulator::Destroy();
}

/** What the BSP and SSP cases share: header, time order, compute intervals. */
class TimelineTestCase : public TestCase
{
  public:
    /** \param name the case's name */
    explicit TimelineTestCase(std::string name)
        : TestCase(name)
    {
    }

  protected:
    /**
     * Run a job with a timeline, read the CSV back and check what both modes share.
     * \param ssp SSP mode (else BSP)
     * \param [out] truth the traces
     * \return the CSV's rows
     */
    std::vector<Event> RunAndCheck(bool ssp, Truth& truth)
    {
        std::string path = CreateTempDirFilename(ssp ? "ssp-timeline.csv" : "bsp-timeline.csv");
        std::vector<Time> computeTotal;
        RunWithTimeline(ssp, path, truth, computeTotal);
        std::string header;
        std::vector<Event> events = ReadTimeline(path, header);
        NS_TEST_EXPECT_MSG_EQ(header, SelmcastTimeline::HEADER, "the header");
        CheckCommon(events, truth, computeTotal);
        std::filesystem::remove(path);
        return events;
    }

    /**
     * \param events the rows
     * \param truth the traces
     * \param computeTotal per worker, the trainer's total compute time
     */
    void CheckCommon(const std::vector<Event>& events,
                     const Truth& truth,
                     const std::vector<Time>& computeTotal)
    {
        std::map<std::pair<int64_t, int64_t>, double> started;
        std::vector<double> total(computeTotal.size(), 0);
        uint32_t intervals = 0;
        for (std::size_t k = 0; k < events.size(); ++k)
        {
            const Event& e = events[k];
            if (k > 0)
            {
                NS_TEST_EXPECT_MSG_GT_OR_EQ(e.time, events[k - 1].time, "row " << k << " in order");
            }
            if (e.name == "compute_start")
            {
                started[{e.worker, e.round}] = e.time;
            }
            if (e.name != "compute_end")
            {
                continue;
            }
            auto drawn = truth.computed.find({uint32_t(e.worker), uint32_t(e.round)});
            NS_TEST_ASSERT_MSG_EQ((drawn != truth.computed.end()), true, "a traced compute");
            double interval = e.time - started[{e.worker, e.round}];
            NS_TEST_EXPECT_MSG_EQ_TOL(interval,
                                      drawn->second.GetSeconds(),
                                      2e-9,
                                      "compute of worker " << e.worker << " round " << e.round);
            total[e.worker] += interval;
            ++intervals;
        }
        NS_TEST_EXPECT_MSG_EQ(intervals, truth.computed.size(), "one interval per compute");
        for (std::size_t w = 0; w < total.size(); ++w)
        {
            // A compute cut by the end of the run counts in GetComputeTime but has no end row.
            NS_TEST_EXPECT_MSG_LT_OR_EQ(total[w],
                                        computeTotal[w].GetSeconds() + 1e-9,
                                        "worker " << w << ": no more compute than the trainer's");
            NS_TEST_EXPECT_MSG_GT(total[w], 0, "worker " << w << " computed");
        }
    }
};

/** BSP: every round's transfers, receivers and completions appear in the CSV. */
class BspTimelineTestCase : public TimelineTestCase
{
  public:
    BspTimelineTestCase()
        : TimelineTestCase("timeline, BSP: events agree with the round records and compute traces")
    {
    }

  private:
    void DoRun() override
    {
        Truth truth;
        std::vector<Event> events = RunAndCheck(false, truth);
        NS_TEST_ASSERT_MSG_EQ(truth.rounds.size(), 4, "four rounds");
        for (const auto& rec : truth.rounds)
        {
            uint32_t transfers = 0;
            uint32_t ends = 0;
            int64_t assigned = 0;
            int64_t selected = -1;
            uint32_t completes = 0;
            uint32_t roundEnds = 0;
            double firstStart = 1e300;
            double lastEnd = 0;
            for (const auto& e : events)
            {
                if (e.round != rec.round)
                {
                    continue;
                }
                transfers += e.name == "transfer_start";
                ends += e.name == "transfer_end";
                assigned += e.name == "assign" ? e.count : 0;
                selected = e.name == "select" ? e.count : selected;
                completes += e.name == "block_complete";
                roundEnds += e.name == "round_end";
                if (e.name == "transfer_start")
                {
                    firstStart = std::min(firstStart, e.time);
                }
                if (e.name == "transfer_end")
                {
                    lastEnd = std::max(lastEnd, e.time);
                }
            }
            uint32_t senders = 0;
            for (uint32_t i = 0; i < rec.workers; ++i)
            {
                senders += selmcast::CountReceivers(rec.plan, i) > 0;
            }
            NS_TEST_EXPECT_MSG_EQ(transfers, senders, "round " << rec.round << ": transfers");
            NS_TEST_EXPECT_MSG_EQ(ends, senders, "round " << rec.round << ": transfer ends");
            NS_TEST_EXPECT_MSG_EQ(assigned, rec.pairs, "round " << rec.round << ": receivers");
            NS_TEST_EXPECT_MSG_EQ(selected, rec.pairs, "round " << rec.round << ": selection");
            NS_TEST_EXPECT_MSG_EQ(completes, rec.completedPairs, "round " << rec.round);
            NS_TEST_EXPECT_MSG_EQ(roundEnds, 1, "one round_end");
            NS_TEST_EXPECT_MSG_EQ_TOL(firstStart,
                                      rec.transferStart.GetSeconds(),
                                      1e-9,
                                      "round " << rec.round << ": first transfer start");
            NS_TEST_EXPECT_MSG_EQ_TOL(lastEnd,
                                      rec.transferEnd.GetSeconds(),
                                      1e-9,
                                      "round " << rec.round << ": last transfer end");
        }
    }
};

/** SSP with preemption: multicasts, selections and prunes agree with the controller. */
class SspTimelineTestCase : public TimelineTestCase
{
  public:
    SspTimelineTestCase()
        : TimelineTestCase(
              "timeline, SSP: multicasts, selections and prunes agree with the records")
    {
    }

  private:
    void DoRun() override
    {
        Truth truth;
        std::vector<Event> events = RunAndCheck(true, truth);
        std::map<std::pair<int64_t, int64_t>, const SelmcastMulticastRecord*> byTask;
        for (const auto& m : truth.multicasts)
        {
            byTask[{m.sender, m.round}] = &m;
        }
        uint32_t ends = 0;
        uint32_t prunes = 0;
        for (const auto& e : events)
        {
            auto task = byTask.find({e.worker, e.round});
            if (e.name == "multicast_end")
            {
                ++ends;
                NS_TEST_ASSERT_MSG_EQ((task != byTask.end()), true, "a recorded multicast");
                NS_TEST_EXPECT_MSG_EQ(e.count, task->second->completed.size(), "completed");
            }
            if (e.name == "select" && task != byTask.end())
            {
                NS_TEST_EXPECT_MSG_EQ(e.count, task->second->selected.size(), "selected");
            }
            if (e.name == "prune" && task != byTask.end())
            {
                ++prunes;
                const auto& dropped = task->second->dropped;
                NS_TEST_EXPECT_MSG_EQ(
                    (std::find(dropped.begin(), dropped.end(), e.peer) != dropped.end()),
                    true,
                    "prune of " << e.peer << " from " << e.worker << " is in the record");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(ends, truth.multicasts.size(), "one multicast_end per record");
        NS_TEST_EXPECT_MSG_GT(prunes, 0, "eta = 0 preempts: some prune is shown");
    }
};

/** The timeline suite. */
class SelmcastTimelineTestSuite : public TestSuite
{
  public:
    SelmcastTimelineTestSuite()
        : TestSuite("selmcast-timeline", UNIT)
    {
        AddTestCase(new BspTimelineTestCase, TestCase::QUICK);
        AddTestCase(new SspTimelineTestCase, TestCase::QUICK);
    }
};

/** The one instance. */
static SelmcastTimelineTestSuite g_selmcastTimelineTestSuite;

} // namespace
