/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Unit tests of the readings of Algorithm 2 (issue 14): the keep rule's comparison, measure and
// scope on hand-worked views; the two tau estimates on hand-worked worker states; and the
// flow-level SSP model on settings whose rounds can be computed by hand.

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-ssp-flow.h"
#include "ns3/selmcast-ssp-tau.h"

#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <vector>

using ns3::selmcast::ComputeTimeModel;
using ns3::selmcast::Delivery;
using ns3::selmcast::EstimateTau;
using ns3::selmcast::Rng;
using ns3::selmcast::SelmcastOptions;
using ns3::selmcast::SelmcastSelector;
using ns3::selmcast::SspFlowConfig;
using ns3::selmcast::SspFlowResult;
using ns3::selmcast::SspFlowSimulation;
using ns3::selmcast::SspTask;
using ns3::selmcast::SspTauInputs;
using ns3::selmcast::SspView;
using ns3::selmcast::SspWorkerPhase;
using ns3::selmcast::TauEstimate;

namespace
{

/**
 * Task 0 (v = 10, p = 0, tau = 0) from sender 0 with the given receivers and remaining volumes,
 * plus a new task from sender `last` = n - 1 that lists only worker 0 (so it loads no receiver
 * of task 0). Ingress 100 everywhere (never binding), egress as given.
 */
SspView
OneOldTask(const std::vector<double>& egress,
           const std::vector<uint32_t>& receivers,
           const std::vector<double>& remaining)
{
    SspView view;
    view.n = static_cast<uint32_t>(egress.size());
    view.delivery = Delivery::L3;
    view.ingress.assign(view.n, 100);
    view.egress = egress;
    SspTask old;
    old.sender = 0;
    old.volume = 10;
    old.receivers = receivers;
    old.remaining = remaining;
    view.tasks.push_back(old);
    SspTask fresh;
    fresh.sender = view.n - 1;
    fresh.volume = 10;
    fresh.receivers = {0};
    fresh.remaining = {10};
    view.tasks.push_back(fresh);
    return view;
}

/** The receivers task 0 keeps under the options. */
std::vector<uint32_t>
KeptByOldTask(SspView view, const SelmcastOptions& options)
{
    Rng rng(1);
    SelmcastSelector(options).SelectOnReady(view, 1, rng);
    return view.tasks[0].receivers;
}

} // namespace

TEST(SspReadings, KeepCompareDecidesTheBoundaryReceiver)
{
    // Receivers 1, 2, 3 with 1, 7.5 and 10 left of 10 (egress 1, 1, 0.01). p = 0, so only
    // the keep rule and the Pareto step keep anyone; t_0 is the kept receivers' largest drain.
    // eta = 0.75, limit 7.5:
    // - less: 1 kept (1 < 7.5; 7.5 < 7.5 fails); t_0 = 1; receiver 2 needs 7.5 > 1, 3 needs
    //   1000: dropped. Result {1}.
    // - less-equal: 1 and 2 kept; t_0 = 7.5; receiver 3 needs 1000. Result {1, 2}.
    // eta = 1, limit 10: less keeps {1, 2} (10 < 10 fails), less-equal keeps all three (the
    // reading under which a block not yet started stays selected at eta = 1).
    const std::vector<double> egress = {1, 1, 1, 0.01, 1};
    const SspView view = OneOldTask(egress, {1, 2, 3}, {1, 7.5, 10});
    SelmcastOptions less;
    SelmcastOptions lessEqual;
    lessEqual.keepCompare = SelmcastOptions::KeepCompare::LessEqual;
    EXPECT_EQ(KeptByOldTask(view, less), (std::vector<uint32_t>{1}));
    EXPECT_EQ(KeptByOldTask(view, lessEqual), (std::vector<uint32_t>{1, 2}));
    less.eta = 1;
    lessEqual.eta = 1;
    EXPECT_EQ(KeptByOldTask(view, less), (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(KeptByOldTask(view, lessEqual), (std::vector<uint32_t>{1, 2, 3}));
}

TEST(SspReadings, KeepMeasureReceivedKeepsTheReceiversThatHoldLittle)
{
    // Receivers 1, 2, 3 with 1, 5 and 10 left of 10, i.e. holding 9, 5 and 0; egress 0.01, 1, 1.
    // eta = 0.75 (limit 7.5), less:
    // - remaining: 1 and 2 kept (1, 5 < 7.5); t_0 = max(1 / 0.01, 5 / 1) = 100; receiver 3
    //   needs 10 / 1 = 10 <= 100: re-added. Result {1, 2, 3}.
    // - received: 2 and 3 kept (5, 0 < 7.5); t_0 = max(5, 10) = 10; receiver 1 needs
    //   1 / 0.01 = 100 > 10: dropped. Result {2, 3}.
    const SspView view = OneOldTask({1, 0.01, 1, 1, 1}, {1, 2, 3}, {1, 5, 10});
    SelmcastOptions received;
    received.keepMeasure = SelmcastOptions::KeepMeasure::Received;
    EXPECT_EQ(KeptByOldTask(view, SelmcastOptions()), (std::vector<uint32_t>{1, 2, 3}));
    EXPECT_EQ(KeptByOldTask(view, received), (std::vector<uint32_t>{2, 3}));
}

TEST(SspReadings, KeepScopeSessionReadsTheTasksLargestRemaining)
{
    // Receivers 1 and 2 with 2 and 9 left of 10 (egress 1 and 0.01); eta = 0.75, less.
    // - receiver scope: 1 kept (2 < 7.5); t_0 = 2; receiver 2 needs 9 / 0.01 = 900: dropped.
    // - session scope: both read 9, neither kept; t_0 = max(tau 0, nothing kept) = 0, so the
    //   Pareto step re-adds nobody (2 / 1 > 0). Result {}.
    const SspView view = OneOldTask({1, 1, 0.01, 1}, {1, 2}, {2, 9});
    SelmcastOptions session;
    session.keepScope = SelmcastOptions::KeepScope::Session;
    EXPECT_EQ(KeptByOldTask(view, SelmcastOptions()), (std::vector<uint32_t>{1}));
    EXPECT_TRUE(KeptByOldTask(view, session).empty());
}

namespace
{

/**
 * Task 0 (sender 0, v = 10, p = 1, tau = tau0) lists receivers 1 and 2, nothing delivered; task 1
 * (sender 3, the new one, p = 1, tau = 0) lists only worker 0. Egress 1, 2, 2.5 for workers 0,
 * 1, 2; ingress 100. The tasks share no receiver, so their order does not matter:
 * - task 0 takes receiver 2 (key 10 / 2.5 = 4 against 10 / 2 = 5), task 1 takes worker 0;
 * - t_0 = max(tau0, 10 / 2.5) and t_1 = 10 / 1 = 10;
 * - the only left-out pair, (0, 1), needs 10 / 2 = 5.
 */
SspView
TwoTasks(double tau0)
{
    SspView view = OneOldTask({1, 2, 2.5, 1}, {1, 2}, {10, 10});
    view.tasks[0].minReceivers = 1;
    view.tasks[0].tau = tau0;
    view.tasks[1].minReceivers = 1;
    return view;
}

} // namespace

TEST(SspReadings, ParetoScopeNewLeavesTasksInFlightAsSelected)
{
    // tau0 = 6: t_0 = 6 >= 5, so the pair (0, 1) is re-added when every task may be extended,
    // and dropped when only the new task (1) may.
    SelmcastOptions newOnly;
    newOnly.paretoScope = SelmcastOptions::ParetoScope::NewTask;
    EXPECT_EQ(KeptByOldTask(TwoTasks(6), SelmcastOptions()), (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(KeptByOldTask(TwoTasks(6), newOnly), (std::vector<uint32_t>{2}));
    // Reselect (no new task): with ParetoScope::NewTask nothing is re-added anywhere.
    for (const bool all : {true, false})
    {
        SspView view = TwoTasks(6);
        Rng rng(1);
        SelmcastSelector(all ? SelmcastOptions() : newOnly).Reselect(view, rng);
        const std::vector<uint32_t> expected =
            all ? std::vector<uint32_t>{1, 2} : std::vector<uint32_t>{2};
        EXPECT_EQ(view.tasks[0].receivers, expected);
        EXPECT_EQ(view.tasks[1].receivers, (std::vector<uint32_t>{0}));
    }
}

TEST(SspReadings, ParetoDeadlineGlobalBoundsEveryTaskByTheLargest)
{
    // tau0 = 0: t_0 = 4 < 5, so (0, 1) is dropped under its own bound; the largest bound is
    // t_1 = 10 >= 5, so it is re-added under the global one.
    SelmcastOptions global;
    global.paretoDeadline = SelmcastOptions::ParetoDeadline::Global;
    EXPECT_EQ(KeptByOldTask(TwoTasks(0), SelmcastOptions()), (std::vector<uint32_t>{2}));
    EXPECT_EQ(KeptByOldTask(TwoTasks(0), global), (std::vector<uint32_t>{1, 2}));
}

TEST(SspReadings, SetSspReadingNamesTheReadingAndItsValues)
{
    SelmcastOptions options;
    ns3::selmcast::SetSspReading(options, "KeepCompare", "less-equal");
    ns3::selmcast::SetSspReading(options, "ParetoScope", "new");
    ns3::selmcast::SetSspReading(options, "ParetoDeadline", "global");
    EXPECT_EQ(options.keepCompare, SelmcastOptions::KeepCompare::LessEqual);
    EXPECT_EQ(options.paretoScope, SelmcastOptions::ParetoScope::NewTask);
    EXPECT_EQ(options.paretoDeadline, SelmcastOptions::ParetoDeadline::Global);
    ns3::selmcast::SetSspReading(options, "KeepCompare", "less");
    EXPECT_EQ(options.keepCompare, SelmcastOptions::KeepCompare::Less);
    try
    {
        ns3::selmcast::SetSspReading(options, "KeepMeasure", "half");
        ADD_FAILURE() << "an unknown value must throw";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "KeepMeasure: unknown 'half', allowed: remaining, received");
    }
    EXPECT_THROW(ns3::selmcast::SetSspReading(options, "Eta", "1"), std::invalid_argument);
}

TEST(SspReadings, ReadingsOutOfRangeAreRefused)
{
    SelmcastOptions options;
    options.keepCompare = static_cast<SelmcastOptions::KeepCompare>(7);
    EXPECT_THROW(SelmcastSelector{options}, std::invalid_argument);
    options = SelmcastOptions();
    options.keepMeasure = static_cast<SelmcastOptions::KeepMeasure>(7);
    EXPECT_THROW(SelmcastSelector{options}, std::invalid_argument);
    options = SelmcastOptions();
    options.keepScope = static_cast<SelmcastOptions::KeepScope>(7);
    EXPECT_THROW(SelmcastSelector{options}, std::invalid_argument);
    EXPECT_THROW(ns3::selmcast::ParseTauEstimate("later"), std::invalid_argument);
    EXPECT_EQ(ns3::selmcast::ParseTauEstimate("round"), TauEstimate::Round);
    EXPECT_EQ(ns3::selmcast::ToString(TauEstimate::Blocking), "blocking");
    EXPECT_EQ(ns3::selmcast::ParseTauEstimate("straggler"), TauEstimate::Straggler);
}

namespace
{

/**
 * ssp = 1, v = 10. Worker 0 (r = 2) asks; it is released when every r_u + 1 >= 3.
 * Worker 1 (r = 1) is transferring, 0.3 s left: it owes 1 round. Worker 2 (r = 0) computes,
 * 0.2 s into a mean of 1 s, ingress 20: it owes 2 rounds. Worker 3 (r = 2) holds nobody back.
 */
SspTauInputs
TauCase()
{
    SspTauInputs in;
    in.staleness = 1;
    in.volume = 10;
    in.meanCompute = 1.0;
    in.workers.resize(4);
    in.workers[0].roundsDone = 2;
    in.workers[1].roundsDone = 1;
    in.workers[1].transferring = true;
    in.workers[1].transferLeft = 0.3;
    in.workers[2].roundsDone = 0;
    in.workers[2].computeElapsed = 0.2;
    in.workers[2].ingress = 20;
    in.workers[3].roundsDone = 2;
    in.workers[3].transferring = true;
    in.workers[3].transferLeft = 50;
    return in;
}

} // namespace

TEST(SspReadings, TauBlockingIsTheLongestCurrentPhase)
{
    // Worker 1: 0.3. Worker 2: 0.8 of compute left plus its block alone, 10 / 20 = 0.5: 1.3.
    // Worker 3 does not hold 0 back (2 + 1 >= 3), whatever its 50 s.
    SspTauInputs in = TauCase();
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Blocking), 1.3);
    // Blocked at the barrier: a whole mean compute, 1 + 0.5.
    in.workers[2].blocked = true;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Blocking), 1.5);
    // An inactive worker holds nobody back; nobody holds worker 2 (the slowest) back.
    in.workers[2].active = false;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Blocking), 0.3);
    EXPECT_DOUBLE_EQ(EstimateTau(TauCase(), 2, TauEstimate::Blocking), 0.0);
}

TEST(SspReadings, TauRoundCountsEveryRoundOwedWithTheMeasuredMulticast)
{
    // Mean multicast 0.6 s. Worker 1: 0.3 and no further round. Worker 2: 0.8 + 0.6 for the
    // round in progress, plus one more round of 1 + 0.6: 3.0.
    SspTauInputs in = TauCase();
    in.meanSync = 0.6;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Round), 3.0);
    // No multicast measured yet: the block alone on the ingress, 0.5: 0.8 + 0.5 + 1.5 = 2.8.
    in.meanSync = -1;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Round), 2.8);
}

TEST(SspReadings, TauStragglerIsTheSlowestWorkersRoundWhetherOrNotBlocked)
{
    // The slowest worker is 2 (r = 0): 0.8 of compute left plus a multicast, 10 / 20 = 0.5
    // before any is measured, 0.6 after: 1.3, then 1.4, for worker 0 and for worker 3 alike.
    // The straggler itself sees no other worker with the least r: 0.
    SspTauInputs in = TauCase();
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Straggler), 1.3);
    EXPECT_DOUBLE_EQ(EstimateTau(in, 3, TauEstimate::Straggler), 1.3);
    EXPECT_DOUBLE_EQ(EstimateTau(in, 2, TauEstimate::Straggler), 0.0);
    in.meanSync = 0.6;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 0, TauEstimate::Straggler), 1.4);
    // Under ssp = 4 nobody holds worker 3 back: blocking and round give 0, straggler not.
    in.staleness = 4;
    EXPECT_DOUBLE_EQ(EstimateTau(in, 3, TauEstimate::Blocking), 0.0);
    EXPECT_DOUBLE_EQ(EstimateTau(in, 3, TauEstimate::Round), 0.0);
    EXPECT_DOUBLE_EQ(EstimateTau(in, 3, TauEstimate::Straggler), 1.4);
}

namespace
{

/** Constant compute of 1 s, v / b = 0.25 s, no spread, one switch. */
SspFlowConfig
HandConfig(uint32_t n, uint32_t p)
{
    SspFlowConfig c;
    c.n = n;
    c.p = p;
    c.staleness = 4;
    c.bandwidth = 4e6;
    c.lambda = 0;
    c.volume = 1e6;
    c.compute = ComputeTimeModel::Constant(1.0);
    return c;
}

/** 12 workers, p = 4, LSTM compute of 50 ms mean (busy links), lambda 0.5, 20 s. */
SspFlowConfig
LoadedConfig()
{
    SspFlowConfig c = HandConfig(12, 4);
    c.lambda = 0.5;
    c.compute = ComputeTimeModel::Workload("lstm", 0.05);
    c.duration = 20;
    return c;
}

} // namespace

TEST(SspFlow, TwoWorkersExchangeAtFullRate)
{
    // Both compute 1 s, then send to each other: the two sessions share no port, so each runs
    // at b and takes v / b = 0.25 s; a round is 1.25 s. In 5.1 s: 4 rounds each (the last ends
    // at 5), 8 multicasts of scale 1 / 2, 4.1 s of compute per worker.
    SspFlowConfig c = HandConfig(2, 1);
    c.duration = 5.1;
    const SspFlowResult r = SspFlowSimulation(c, 1).Run();
    EXPECT_EQ(r.multicasts, 8u);
    EXPECT_DOUBLE_EQ(r.scale, 0.5);
    EXPECT_NEAR(r.utilization, 4.1 / 5.1, 1e-12);
    EXPECT_DOUBLE_EQ(r.meanRounds, 4.0);
    EXPECT_EQ(r.drops, 0u);
}

TEST(SspFlow, ThreeWorkersShareEgressPortsMaxMin)
{
    // p = 2 of n = 3: every block goes to both others. Each egress port carries two sessions,
    // so each session gets b / 2 and takes 0.5 s; a round is 1.5 s. In 3.1 s: 2 rounds each,
    // 6 multicasts of scale 2 / 3, 2.1 s of compute per worker. The same for every selector.
    for (const char* selector : {"selmcast", "random", "broadcast"})
    {
        SspFlowConfig c = HandConfig(3, 2);
        c.duration = 3.1;
        c.selector = selector;
        const SspFlowResult r = SspFlowSimulation(c, 7).Run();
        EXPECT_EQ(r.multicasts, 6u) << selector;
        EXPECT_NEAR(r.scale, 2.0 / 3, 1e-12) << selector;
        EXPECT_NEAR(r.utilization, 2.1 / 3.1, 1e-12) << selector;
    }
}

TEST(SspFlow, StalenessZeroIsABarrier)
{
    // ssp = 0 with n = 2 and constant compute is BSP: the same 1.25 s rounds as without the
    // barrier (both finish together), and no worker ever starts a round ahead of the other.
    SspFlowConfig c = HandConfig(2, 1);
    c.staleness = 0;
    c.duration = 5.1;
    const SspFlowResult r = SspFlowSimulation(c, 3).Run();
    EXPECT_EQ(r.multicasts, 8u);
    EXPECT_NEAR(r.utilization, 4.1 / 5.1, 1e-12);
}

TEST(SspFlow, SameSeedSameRunAndBadSettingsAreRefused)
{
    SspFlowConfig c = HandConfig(12, 4);
    c.lambda = 0.5;
    c.compute = ComputeTimeModel::Workload("lstm", 1.0);
    c.duration = 20;
    const SspFlowResult a = SspFlowSimulation(c, 5).Run();
    const SspFlowResult b = SspFlowSimulation(c, 5).Run();
    EXPECT_EQ(a.multicasts, b.multicasts);
    EXPECT_EQ(a.scale, b.scale);
    EXPECT_EQ(a.utilization, b.utilization);
    EXPECT_GE(a.scale, 4.0 / 12 - 1e-12); // at least p receivers complete every multicast

    SspFlowConfig bad = c;
    bad.p = 12;
    EXPECT_THROW(SspFlowSimulation(bad, 1), std::invalid_argument);
    bad = c;
    bad.lambda = 1;
    EXPECT_THROW(SspFlowSimulation(bad, 1), std::invalid_argument);
    bad = c;
    bad.ratePolicy = ns3::selmcast::RatePolicy::FinishTogether;
    EXPECT_THROW(SspFlowSimulation(bad, 1), std::invalid_argument);
}

TEST(SspFlow, ReselectOnDoneRunsAlgorithm2AtEveryDoneWithTransfersInFlight)
{
    // At READY only, every call starts a multicast: calls are the completed multicasts plus at
    // most n still in flight at the end. Also at DONE, the DONEs with others in flight add calls
    // (under this load most DONEs have others in flight).
    SspFlowConfig c = LoadedConfig();
    const SspFlowResult ready = SspFlowSimulation(c, 9).Run();
    EXPECT_GE(ready.selections, ready.multicasts);
    EXPECT_LE(ready.selections, ready.multicasts + c.n);
    c.reselectOnDone = true;
    const SspFlowResult done = SspFlowSimulation(c, 9).Run();
    EXPECT_GT(done.selections, done.multicasts + done.multicasts / 2);

    SspFlowConfig bad = c;
    bad.selector = "random";
    EXPECT_THROW(SspFlowSimulation(bad, 1), std::invalid_argument);
}

TEST(SspFlow, ReturningReceiversStillGiveEveryMulticastPReceivers)
{
    // dropsFinal = false lists every other worker again for every task in flight; each call
    // still leaves every task at least p receivers, so every completed multicast reaches p.
    // The candidates differ from final drops, so the run differs too.
    SspFlowConfig c = LoadedConfig();
    c.options.eta = 0;
    const SspFlowResult finalDrops = SspFlowSimulation(c, 4).Run();
    c.dropsFinal = false;
    const SspFlowResult back = SspFlowSimulation(c, 4).Run();
    EXPECT_GT(back.multicasts, 0u);
    EXPECT_GE(back.scale, 4.0 / 12 - 1e-12);
    EXPECT_NE(back.drops, finalDrops.drops);
}
