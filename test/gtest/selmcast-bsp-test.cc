/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SELMCAST for BSP (Algorithm 1): options, hand-worked cases, plan-for-plan agreement with the
// literal transcription in reference-bsp.h, and the properties the paper claims.

#include "reference-bsp.h"

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-instance.h"
#include "ns3/selmcast-problem.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::bsp::Describe;
using selmcast_test::bsp::RandomProblem;
using selmcast_test::bsp::RandomProblemOptions;
using selmcast_test::bsp::ReferenceResult;
using selmcast_test::bsp::ReferenceSelmcastBsp;
using selmcast_test::bsp::SlowCompletion;

namespace
{

/**
 * \param options SELMCAST options
 * \return the message of the std::invalid_argument the constructor threw, or a marker
 */
std::string
ConstructorError(const SelmcastOptions& options)
{
    try
    {
        SelmcastSelector selector(options);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "<no std::invalid_argument thrown>";
}

/**
 * \param a a plan
 * \param b another plan of the same size
 * \return the pairs where they differ, for failure messages
 */
std::string
Difference(const Plan& a, const Plan& b)
{
    std::string text;
    for (uint32_t i = 0; i < a.Size(); ++i)
    {
        for (uint32_t j = 0; j < a.Size(); ++j)
        {
            if ((a(i, j) != 0) != (b(i, j) != 0))
            {
                text += " (" + std::to_string(i) + ", " + std::to_string(j) + ")";
            }
        }
    }
    return text;
}

/** Three workers, unit volumes, with worker 2 forced to send to worker 0 (see the tests). */
Problem
CounterOrderProblem()
{
    Problem problem;
    problem.n = 3;
    problem.volume = {1, 1, 1};
    problem.minReceivers = {0, 0, 1};
    problem.ingress = {10, 10, 10};
    problem.egress = {1, 1, 1};
    problem.forced = Matrix<uint8_t>(3, 0);
    problem.forced(2, 0) = 1;
    problem.counters = Matrix<uint32_t>(3, 0);
    problem.counters(1, 0) = 5; // receiver 0 is full at t = 1: never added
    problem.counters(2, 1) = 3;
    problem.counters(0, 2) = 2;
    problem.counters(0, 1) = 1;
    problem.counters(1, 2) = 0;
    return problem;
}

/**
 * \param pairs the selected pairs
 * \return a 3 x 3 plan with exactly those pairs
 */
Plan
PlanOf(std::initializer_list<std::pair<uint32_t, uint32_t>> pairs)
{
    Plan plan(3, 0);
    for (const auto& [i, j] : pairs)
    {
        plan(i, j) = 1;
    }
    return plan;
}

} // namespace

TEST(SelmcastOptions, DefaultsAreTheSpecsAndValid)
{
    SelmcastOptions options;
    EXPECT_NO_THROW(options.Validate());
    EXPECT_DOUBLE_EQ(options.eta, 0.75);
    EXPECT_EQ(options.tauOrder, SelmcastOptions::TauOrder::NonDecreasing);
    EXPECT_EQ(options.paretoLoad, SelmcastOptions::ParetoLoad::NewPlan);
    SelmcastSelector selector;
    EXPECT_EQ(selector.GetName(), "selmcast");
    EXPECT_DOUBLE_EQ(selector.GetOptions().eta, 0.75);
    options.eta = 0;
    options.epsilon = 0;
    EXPECT_NO_THROW(options.Validate());
    options.eta = 1;
    SelmcastSelector custom(options);
    EXPECT_DOUBLE_EQ(custom.GetOptions().eta, 1);
    EXPECT_DOUBLE_EQ(custom.GetOptions().epsilon, 0);
}

TEST(SelmcastOptions, RejectsOutOfRangeValuesNamingThem)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (double eta : {-0.1, 1.5, nan})
    {
        SelmcastOptions options;
        options.eta = eta;
        const std::string message = ConstructorError(options);
        EXPECT_NE(message.find("eta"), std::string::npos) << message;
        EXPECT_NE(message.find("[0, 1]"), std::string::npos) << message;
    }
    for (double epsilon : {-1e-9, inf, nan})
    {
        SelmcastOptions options;
        options.epsilon = epsilon;
        const std::string message = ConstructorError(options);
        EXPECT_NE(message.find("epsilon"), std::string::npos) << message;
        EXPECT_NE(message.find(">= 0"), std::string::npos) << message;
    }
    SelmcastOptions options;
    options.tauOrder = static_cast<SelmcastOptions::TauOrder>(7);
    EXPECT_NE(ConstructorError(options).find("tauOrder"), std::string::npos);
    options = SelmcastOptions();
    options.paretoLoad = static_cast<SelmcastOptions::ParetoLoad>(7);
    EXPECT_NE(ConstructorError(options).find("paretoLoad"), std::string::npos);
}

TEST(SelmcastBsp, BasicSelectionTakesTheFastestDrainingReceiver)
{
    // Worked by hand, independent of the tie-breaks: whichever of senders 0 and 1 goes first,
    // receiver 2 (b^E = 3) drains one block in 1/3 and two in 2/3, faster than receiver 0 or 1
    // (1 each). t = 2/3 then leaves no room: any further pair would take a port to 1 > 2/3.
    Problem problem;
    problem.n = 3;
    problem.delivery = Delivery::L7;
    problem.volume = {1, 1, 1};
    problem.minReceivers = {1, 1, 0};
    problem.ingress = {10, 10, 10};
    problem.egress = {1, 1, 3};
    SelmcastSelector selector;
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        Rng rng(seed);
        const Plan plan = selector.SelectRound(problem, rng);
        EXPECT_EQ(plan, PlanOf({{0, 2}, {1, 2}})) << "seed " << seed;
        EXPECT_DOUBLE_EQ(CompletionTime(problem, plan), 2.0 / 3);
    }
}

TEST(SelmcastBsp, ParetoImprovementFollowsTheCounters)
{
    // Worked by hand. D = {(2, 0)} gives t = 1 (R_0 = 1, b^E = 1), every p is met, so the basic
    // plan is D alone. Receivers 1 and 2 can each take one more block at t = 1; the candidates
    // come in c order (1,0)=5 (receiver 0 full), (2,1)=3, (0,2)=2, (0,1)=1, (1,2)=0.
    Problem problem = CounterOrderProblem();
    SelmcastSelector selector;
    for (Delivery delivery : {Delivery::L3, Delivery::L7})
    {
        problem.delivery = delivery;
        Rng rng(5);
        EXPECT_EQ(selector.SelectRound(problem, rng), PlanOf({{2, 0}, {2, 1}, {0, 2}}))
            << ToString(delivery);
    }
    // A slower ingress at worker 2: under L7 its second copy takes 2 / 1.5 > 1, so (2, 1) is
    // refused and (0, 1) takes receiver 1; under L3 one copy takes 1 / 1.5 and nothing changes.
    problem.ingress[2] = 1.5;
    problem.delivery = Delivery::L7;
    Rng rng7(5);
    EXPECT_EQ(selector.SelectRound(problem, rng7), PlanOf({{2, 0}, {0, 2}, {0, 1}}));
    problem.delivery = Delivery::L3;
    Rng rng3(5);
    EXPECT_EQ(selector.SelectRound(problem, rng3), PlanOf({{2, 0}, {2, 1}, {0, 2}}));
}

TEST(SelmcastBsp, BroadcastWhenEveryoneNeedsEveryone)
{
    Rng gen(17);
    SelmcastSelector selector;
    for (int trial = 0; trial < 50; ++trial)
    {
        Problem problem = RandomProblem(gen);
        problem.minReceivers.assign(problem.n, problem.n - 1);
        Rng rng(trial);
        const Plan plan = selector.SelectRound(problem, rng);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            EXPECT_EQ(CountReceivers(plan, i), problem.n - 1) << Describe(problem);
        }
    }
}

TEST(SelmcastBsp, SameSeedSamePlan)
{
    Rng gen(23);
    SelmcastSelector selector;
    int differing = 0;
    for (int trial = 0; trial < 200; ++trial)
    {
        const Problem problem = RandomProblem(gen);
        Rng a(1000 + trial);
        Rng b(1000 + trial);
        Rng c(5000 + trial);
        const Plan planA = selector.SelectRound(problem, a);
        EXPECT_EQ(planA, selector.SelectRound(problem, b)) << Describe(problem);
        differing += planA != selector.SelectRound(problem, c) ? 1 : 0;
    }
    // The seed does matter through the tie-breaks (many instances have equal volumes and tied
    // bandwidths).
    EXPECT_GT(differing, 0);
}

TEST(SelmcastBsp, PlansAreValidAndNoFasterThanTheFluidIdeal)
{
    Rng gen(29);
    SelmcastSelector selector;
    RandomProblemOptions options;
    options.dyadic = false;
    for (int trial = 0; trial < 3000; ++trial)
    {
        const Problem problem = RandomProblem(gen, options);
        Rng rng(trial);
        const Plan plan = selector.SelectRound(problem, rng);
        ASSERT_EQ(CheckPlan(problem, plan), "") << Describe(problem);
        EXPECT_GE(CompletionTime(problem, plan), FluidIdeal(problem) * (1 - 1e-12))
            << Describe(problem);
    }
}

TEST(SelmcastBsp, EqualsTheLiteralTranscriptionPlanForPlan)
{
    // Dyadic volumes (k / 4) make every sum exact whatever the order, so the fast incremental
    // loads and the reference's from-scratch sums are the same doubles and ties break alike.
    Rng gen(31);
    SelmcastSelector selector;
    for (int trial = 0; trial < 5000; ++trial)
    {
        const Problem problem = RandomProblem(gen);
        Rng fast(trial);
        Rng slow(trial);
        const Plan plan = selector.SelectRound(problem, fast);
        const ReferenceResult reference = ReferenceSelmcastBsp(problem, slow);
        ASSERT_EQ(plan, reference.plan) << "trial " << trial << ", " << Describe(problem)
                                        << ", differs at:" << Difference(plan, reference.plan);
        // Both consumed exactly the same draws.
        ASSERT_EQ(fast.Next(), slow.Next()) << "trial " << trial << ", " << Describe(problem);
    }
}

TEST(SelmcastBsp, EqualsTheLiteralTranscriptionOnLargerInstances)
{
    // Fewer, larger instances (n = 40 to 70, and the paper's n = 100 with equal volumes), where
    // the bucket selection of the q lightest sees many candidates per sender.
    Rng gen(33);
    SelmcastSelector selector;
    RandomProblemOptions options;
    options.minN = 40;
    options.maxN = 70;
    std::vector<Problem> problems;
    for (int k = 0; k < 16; ++k)
    {
        problems.push_back(RandomProblem(gen, options));
    }
    for (Delivery delivery : {Delivery::L3, Delivery::L7})
    {
        PaperInstance instance;
        instance.n = 100;
        instance.p = 30;
        instance.delivery = delivery;
        problems.push_back(MakePaperProblem(instance, gen));
    }
    for (size_t k = 0; k < problems.size(); ++k)
    {
        const Problem& problem = problems[k];
        Rng fast(k);
        Rng slow(k);
        const Plan plan = selector.SelectRound(problem, fast);
        const ReferenceResult reference = ReferenceSelmcastBsp(problem, slow);
        ASSERT_EQ(plan, reference.plan)
            << Describe(problem) << ", differs at:" << Difference(plan, reference.plan);
        ASSERT_EQ(fast.Next(), slow.Next()) << Describe(problem);
    }
}

TEST(SelmcastBsp, ParetoMaximalAtTheBasicEstimate)
{
    // t(X) stays at the basic plan's estimate t, and no unselected pair fits under t: adding any
    // raises a port beyond t (1 + epsilon). All quantities are recomputed from scratch here.
    Rng gen(37);
    const double epsilon = SelmcastOptions().epsilon;
    SelmcastSelector selector;
    for (int trial = 0; trial < 2000; ++trial)
    {
        const Problem problem = RandomProblem(gen);
        Rng fast(trial);
        Rng slow(trial);
        Plan plan = selector.SelectRound(problem, fast);
        const ReferenceResult reference = ReferenceSelmcastBsp(problem, slow);
        const double t = reference.estimate;
        ASSERT_DOUBLE_EQ(SlowCompletion(problem, plan), t) << Describe(problem);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                if (i == j)
                {
                    continue;
                }
                ASSERT_TRUE(reference.basic(i, j) == 0 || plan(i, j) != 0)
                    << "the improvement removed (" << i << ", " << j << ")";
                if (plan(i, j) != 0)
                {
                    continue;
                }
                plan(i, j) = 1;
                EXPECT_GT(SlowCompletion(problem, plan), t * (1 + epsilon))
                    << "(" << i << ", " << j << ") would fit, " << Describe(problem);
                plan(i, j) = 0;
            }
        }
    }
}
