/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The problem type, its metrics and the validation of every input of the selection core.

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-problem.h"
#include "ns3/selmcast-selector.h"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <string>

using namespace ns3::selmcast;

namespace
{

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

/**
 * \param action what should throw
 * \return the message of the std::invalid_argument it threw, or a marker when it threw none
 */
std::string
InvalidArgumentMessage(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "<no std::invalid_argument thrown>";
}

/** Expect that action throws std::invalid_argument whose message contains every part. */
void
ExpectInvalid(const std::function<void()>& action, std::initializer_list<std::string> parts)
{
    const std::string message = InvalidArgumentMessage(action);
    for (const std::string& part : parts)
    {
        EXPECT_NE(message.find(part), std::string::npos)
            << "message \"" << message << "\" lacks \"" << part << "\"";
    }
}

/** A valid problem with 4 workers. */
Problem
ValidProblem()
{
    Problem problem;
    problem.n = 4;
    problem.delivery = Delivery::L3;
    problem.volume = {1, 2, 3, 4};
    problem.minReceivers = {1, 2, 3, 0};
    problem.ingress = {1, 1, 2, 2};
    problem.egress = {2, 2, 1, 1};
    return problem;
}

/** A valid SSP view with 4 workers and one task in flight. */
SspView
ValidView()
{
    SspView view;
    view.n = 4;
    view.ingress = {1, 1, 1, 1};
    view.egress = {1, 2, 3, 4};
    view.counters = Matrix<uint32_t>(4, 0);
    view.forcedRoundLimit = 2;
    SspTask task;
    task.sender = 1;
    task.volume = 2;
    task.minReceivers = 2;
    task.tau = 0.5;
    task.receivers = {0, 2, 3};
    task.remaining = {2, 1, 0};
    view.tasks.push_back(task);
    return view;
}

} // namespace

TEST(Delivery, ToStringAndParseRoundTrip)
{
    EXPECT_EQ(ToString(Delivery::L3), "L3");
    EXPECT_EQ(ToString(Delivery::L7), "L7");
    EXPECT_EQ(ParseDelivery("L3"), Delivery::L3);
    EXPECT_EQ(ParseDelivery("l3"), Delivery::L3);
    EXPECT_EQ(ParseDelivery("L7"), Delivery::L7);
    EXPECT_EQ(ParseDelivery("l7"), Delivery::L7);
    EXPECT_EQ(ParseDelivery(ToString(Delivery::L7)), Delivery::L7);
    ExpectInvalid([] { ParseDelivery("L4"); }, {"\"L4\"", "L3 or L7"});
    ExpectInvalid([] { ParseDelivery(""); }, {"L3 or L7"});
}

TEST(ProblemValidate, AcceptsValidProblems)
{
    Problem problem = ValidProblem();
    EXPECT_NO_THROW(problem.Validate());
    problem.forced = Matrix<uint8_t>(4, 0);
    problem.forced(0, 3) = 1;
    problem.counters = Matrix<uint32_t>(4, 7);
    problem.minReceivers = {0, 3, 3, 3};
    EXPECT_NO_THROW(problem.Validate());
}

TEST(ProblemValidate, RejectsEachBadFieldNamingIt)
{
    auto expectBad = [](const std::function<void(Problem&)>& spoil,
                        std::initializer_list<std::string> parts) {
        Problem problem = ValidProblem();
        spoil(problem);
        ExpectInvalid([&problem] { problem.Validate(); }, parts);
    };
    expectBad([](Problem& p) { p.n = 1; }, {"n = 1", ">= 2"});
    expectBad([](Problem& p) { p.n = 0; }, {"n = 0", ">= 2"});
    expectBad([](Problem& p) { p.volume.pop_back(); }, {"volume", "size 3", "n = 4"});
    expectBad([](Problem& p) { p.minReceivers.push_back(0); }, {"minReceivers", "size 5", "n = 4"});
    expectBad([](Problem& p) { p.ingress.clear(); }, {"ingress", "size 0", "n = 4"});
    expectBad([](Problem& p) { p.egress.resize(7, 1); }, {"egress", "size 7", "n = 4"});
    expectBad([](Problem& p) { p.volume[2] = 0; }, {"volume[2] = 0", "finite and > 0"});
    expectBad([](Problem& p) { p.volume[1] = -1; }, {"volume[1] = -1", "finite and > 0"});
    expectBad([](Problem& p) { p.volume[3] = kNan; }, {"volume[3] = nan", "finite and > 0"});
    expectBad([](Problem& p) { p.ingress[1] = -2; }, {"ingress[1] = -2", "finite and > 0"});
    expectBad([](Problem& p) { p.ingress[0] = kInf; }, {"ingress[0] = inf", "finite and > 0"});
    expectBad([](Problem& p) { p.egress[3] = 0; }, {"egress[3] = 0", "finite and > 0"});
    expectBad([](Problem& p) { p.egress[2] = kNan; }, {"egress[2] = nan"});
    expectBad([](Problem& p) { p.minReceivers[3] = 4; },
              {"minReceivers[3] = 4 is out of range: must be in [0, n - 1] = [0, 3]"});
    expectBad([](Problem& p) { p.forced = Matrix<uint8_t>(3, 0); },
              {"forced (D)", "size 3", "0 (no forced pair) or n = 4"});
    expectBad(
        [](Problem& p) {
            p.forced = Matrix<uint8_t>(4, 0);
            p.forced(2, 2) = 1;
        },
        {"self pair in forced (D) at worker 2"});
    expectBad([](Problem& p) { p.counters = Matrix<uint32_t>(5, 0); },
              {"counters", "size 5", "0 (all zero) or n = 4"});
}

TEST(ProblemValidate, SelectorsValidateTheirInput)
{
    Problem problem = ValidProblem();
    problem.minReceivers[0] = 9;
    Rng rng(1);
    for (const std::string& name : SelectorNames())
    {
        auto selector = MakeSelector(name);
        ExpectInvalid([&] { selector->SelectRound(problem, rng); }, {"minReceivers[0] = 9"});
    }
}

TEST(Problem, HasEqualVolumes)
{
    Problem problem = ValidProblem();
    EXPECT_FALSE(problem.HasEqualVolumes());
    problem.volume = {2.5, 2.5, 2.5, 2.5};
    EXPECT_TRUE(problem.HasEqualVolumes());
    problem.volume[3] = std::nextafter(2.5, 3.0);
    EXPECT_FALSE(problem.HasEqualVolumes());
}

TEST(Problem, IsForcedAndCounterDefaultToNone)
{
    Problem problem = ValidProblem();
    EXPECT_FALSE(problem.IsForced(0, 1));
    EXPECT_EQ(problem.Counter(0, 1), 0u);
    problem.forced = Matrix<uint8_t>(4, 0);
    problem.forced(0, 1) = 1;
    problem.counters = Matrix<uint32_t>(4, 0);
    problem.counters(1, 0) = 6;
    EXPECT_TRUE(problem.IsForced(0, 1));
    EXPECT_FALSE(problem.IsForced(1, 0));
    EXPECT_EQ(problem.Counter(1, 0), 6u);
}

TEST(ForcedFromCounters, SelectsPairsAtOrAboveTheLimitOffTheDiagonal)
{
    Matrix<uint32_t> counters(3, 0);
    counters(0, 0) = 9; // the diagonal never counts
    counters(0, 1) = 2;
    counters(0, 2) = 3;
    counters(1, 0) = 1;
    counters(2, 1) = 7;
    const Matrix<uint8_t> forced = ForcedFromCounters(counters, 2);
    ASSERT_EQ(forced.Size(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        for (uint32_t j = 0; j < 3; ++j)
        {
            const bool expected = (i == 0 && j == 1) || (i == 0 && j == 2) || (i == 2 && j == 1);
            EXPECT_EQ(forced(i, j) != 0, expected) << "(" << i << ", " << j << ")";
        }
    }
    const Matrix<uint8_t> none = ForcedFromCounters(counters, 8);
    for (uint32_t i = 0; i < 3; ++i)
    {
        for (uint32_t j = 0; j < 3; ++j)
        {
            EXPECT_EQ(none(i, j), 0) << "(" << i << ", " << j << ")";
        }
    }
    ExpectInvalid([&counters] { ForcedFromCounters(counters, 0); }, {"k = 0", ">= 1"});
}

// Three workers; plan 0 -> {1, 2}, 1 -> {0}, 2 -> {1}. Every value below is worked out by hand.
class MetricsTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        problem.n = 3;
        problem.volume = {1, 2, 4};
        problem.minReceivers = {2, 1, 1};
        problem.ingress = {1, 2, 4};
        problem.egress = {2, 1, 0.5};
        plan = Plan(3, 0);
        plan(0, 1) = 1;
        plan(0, 2) = 1;
        plan(1, 0) = 1;
        plan(2, 1) = 1;
    }

    Problem problem; //!< the instance
    Plan plan;       //!< the plan
};

TEST_F(MetricsTest, SenderAndReceiverVolumes)
{
    problem.delivery = Delivery::L3;
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 0), 1);
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 1), 2);
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 2), 4);
    problem.delivery = Delivery::L7;
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 0), 2);
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 1), 2);
    EXPECT_DOUBLE_EQ(SenderVolume(problem, plan, 2), 4);
    EXPECT_DOUBLE_EQ(ReceiverVolume(problem, plan, 0), 2);
    EXPECT_DOUBLE_EQ(ReceiverVolume(problem, plan, 1), 5);
    EXPECT_DOUBLE_EQ(ReceiverVolume(problem, plan, 2), 1);
    Plan empty(3, 0);
    problem.delivery = Delivery::L3;
    EXPECT_DOUBLE_EQ(SenderVolume(problem, empty, 1), 0);
    EXPECT_DOUBLE_EQ(ReceiverVolume(problem, empty, 1), 0);
}

TEST_F(MetricsTest, CompletionTime)
{
    // R / b^E = {1, 5, 2}; L3 s / b^I = {1, 1, 1}.
    problem.delivery = Delivery::L3;
    EXPECT_DOUBLE_EQ(CompletionTime(problem, plan), 5);
    // A slow ingress at worker 0: L3 sends one copy (1 / 0.25 = 4 < 5), L7 two (8 > 5).
    problem.ingress[0] = 0.25;
    EXPECT_DOUBLE_EQ(CompletionTime(problem, plan), 5);
    problem.delivery = Delivery::L7;
    EXPECT_DOUBLE_EQ(CompletionTime(problem, plan), 8);
    EXPECT_DOUBLE_EQ(CompletionTime(problem, Plan(3, 0)), 0);
    ExpectInvalid([this] { CompletionTime(problem, Plan(2, 0)); }, {"plan", "size 2", "n = 3"});
}

TEST_F(MetricsTest, FluidIdeal)
{
    // Receivers: sum p v = 2 + 2 + 4 = 8 over sum b^E = 3.5. L3 senders: sum v = 7 over 7.
    problem.delivery = Delivery::L3;
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 8 / 3.5);
    // L7 senders: sum p v = 8 over sum b^I = 7 + 0.5: still below 8 / 3.5.
    problem.delivery = Delivery::L7;
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 8 / 3.5);
    // Scarce ingress makes the sender side the bound: L3 7 / 0.7, L7 8 / 0.7.
    problem.ingress = {0.1, 0.2, 0.4};
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 8 / 0.7);
    problem.delivery = Delivery::L3;
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 7 / 0.7);
    // A sender with p = 0 need not send: L3 then counts v = 1 + 2 only.
    problem.minReceivers = {0, 0, 0};
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 0);
    problem.minReceivers = {1, 1, 0};
    EXPECT_DOUBLE_EQ(FluidIdeal(problem), 3 / 0.7);
}

TEST_F(MetricsTest, ScaleAndCounts)
{
    EXPECT_DOUBLE_EQ(MulticastScale(plan), 4.0 / 9);
    EXPECT_DOUBLE_EQ(MulticastScale(Plan(3, 0)), 0);
    EXPECT_DOUBLE_EQ(MulticastScale(Plan()), 0);
    EXPECT_EQ(CountReceivers(plan, 0), 2u);
    EXPECT_EQ(CountReceivers(plan, 1), 1u);
    EXPECT_EQ(CountReceivers(plan, 2), 1u);
}

TEST_F(MetricsTest, CheckPlan)
{
    EXPECT_EQ(CheckPlan(problem, plan), "");
    Plan small(2, 0);
    EXPECT_NE(CheckPlan(problem, small).find("size 2"), std::string::npos);

    Plan self = plan;
    self(1, 1) = 1;
    EXPECT_NE(CheckPlan(problem, self).find("self pair at worker 1"), std::string::npos);

    Plan few = plan;
    few(0, 2) = 0;
    const std::string fewMessage = CheckPlan(problem, few);
    EXPECT_NE(fewMessage.find("sender 0 has 1 receivers"), std::string::npos) << fewMessage;
    EXPECT_NE(fewMessage.find("minReceivers[0] = 2"), std::string::npos) << fewMessage;

    problem.forced = Matrix<uint8_t>(3, 0);
    problem.forced(2, 0) = 1;
    const std::string forcedMessage = CheckPlan(problem, plan);
    EXPECT_NE(forcedMessage.find("forced pair (2, 0)"), std::string::npos) << forcedMessage;
    plan(2, 0) = 1;
    EXPECT_EQ(CheckPlan(problem, plan), "");
}

TEST(SspViewValidate, AcceptsAValidView)
{
    SspView view = ValidView();
    EXPECT_NO_THROW(view.Validate());
    view.counters = Matrix<uint32_t>();
    view.tasks.clear();
    EXPECT_NO_THROW(view.Validate());
}

TEST(SspViewValidate, RejectsEachBadFieldNamingIt)
{
    auto expectBad = [](const std::function<void(SspView&)>& spoil,
                        std::initializer_list<std::string> parts) {
        SspView view = ValidView();
        spoil(view);
        ExpectInvalid([&view] { view.Validate(); }, parts);
    };
    auto second = [](SspView& v) -> SspTask& {
        SspTask task;
        task.sender = 2;
        task.volume = 1;
        task.receivers = {0};
        task.remaining = {1};
        v.tasks.push_back(task);
        return v.tasks.back();
    };
    expectBad([](SspView& v) { v.n = 1; }, {"n = 1", ">= 2"});
    expectBad([](SspView& v) { v.ingress.pop_back(); }, {"ingress", "size 3", "n = 4"});
    expectBad([](SspView& v) { v.egress[2] = 0; }, {"egress[2] = 0", "finite and > 0"});
    expectBad([](SspView& v) { v.ingress[0] = kNan; }, {"ingress[0] = nan"});
    expectBad([](SspView& v) { v.counters = Matrix<uint32_t>(2, 0); },
              {"counters", "size 2", "n = 4"});
    expectBad([](SspView& v) { v.forcedRoundLimit = 0; }, {"forcedRoundLimit", "= 0", ">= 1"});
    expectBad([](SspView& v) { v.tasks[0].sender = 4; },
              {"tasks[0].sender = 4", "[0, n - 1] = [0, 3]"});
    expectBad([&](SspView& v) { second(v).sender = 1; },
              {"tasks[1].sender = 1", "tasks[0]", "one task per sender"});
    expectBad([](SspView& v) { v.tasks[0].volume = 0; }, {"tasks[0].volume = 0", "> 0"});
    expectBad([](SspView& v) { v.tasks[0].volume = kInf; }, {"tasks[0].volume = inf"});
    expectBad([](SspView& v) { v.tasks[0].minReceivers = 4; },
              {"tasks[0].minReceivers = 4", "[0, n - 1] = [0, 3]"});
    expectBad([](SspView& v) { v.tasks[0].tau = -1; }, {"tasks[0].tau = -1", ">= 0"});
    expectBad([](SspView& v) { v.tasks[0].tau = kNan; }, {"tasks[0].tau = nan"});
    expectBad([](SspView& v) { v.tasks[0].remaining.pop_back(); },
              {"tasks[0].remaining has size 2", "tasks[0].receivers = 3"});
    expectBad([](SspView& v) { v.tasks[0].receivers[1] = 7; },
              {"tasks[0].receivers[1] = 7", "[0, n - 1] = [0, 3]"});
    expectBad([](SspView& v) { v.tasks[0].receivers[2] = 1; },
              {"tasks[0].receivers[2] = 1", "own sender"});
    expectBad([](SspView& v) { v.tasks[0].receivers[2] = 0; },
              {"tasks[0].receivers[2] = 0", "twice"});
    expectBad([&](SspView& v) { second(v).remaining[0] = 1.5; },
              {"tasks[1].remaining[0] = 1.5", "[0, volume] = [0, 1]"});
    expectBad([](SspView& v) { v.tasks[0].remaining[1] = -0.5; }, {"tasks[0].remaining[1] = -0.5"});
    expectBad([](SspView& v) { v.tasks[0].remaining[0] = kNan; }, {"tasks[0].remaining[0] = nan"});
}

TEST(SspView, ForcedFollowsTheCounters)
{
    SspView view = ValidView();
    EXPECT_FALSE(view.IsForced(1, 0));
    view.counters(1, 0) = 2;
    view.counters(1, 2) = 1;
    EXPECT_TRUE(view.IsForced(1, 0));
    EXPECT_FALSE(view.IsForced(1, 2));
    EXPECT_EQ(view.Counter(1, 0), 2u);
}

TEST(MakeSelector, BuildsEveryNamedSelector)
{
    const std::vector<std::string> expected = {"selmcast",
                                               "random",
                                               "broadcast",
                                               "optimum",
                                               "selmcast-fabric"};
    EXPECT_EQ(SelectorNames(), expected);
    for (const std::string& name : SelectorNames())
    {
        auto selector = MakeSelector(name);
        ASSERT_NE(selector, nullptr) << name;
        EXPECT_EQ(selector->GetName(), name);
    }
    ExpectInvalid([] { MakeSelector("fastest"); },
                  {"\"fastest\"", "selmcast, random, broadcast, optimum, selmcast-fabric"});
}

TEST(Selector, DefaultSspFormThrows)
{
    // A policy without SSP form inherits the default, which must refuse by name.
    class BspOnly : public Selector
    {
      public:
        std::string GetName() const override
        {
            return "bsp-only";
        }

        Plan SelectRound(const Problem& problem, Rng& /* rng */) const override
        {
            return Plan(problem.n, 0);
        }
    };

    BspOnly selector;
    SspView view = ValidView();
    Rng rng(1);
    ExpectInvalid([&] { selector.SelectOnReady(view, 0, rng); },
                  {"selector bsp-only has no SSP form"});
}
