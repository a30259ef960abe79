/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The baselines of spec section 6: Random p (Orpheus) and broadcast to all, BSP and SSP forms.

#include "reference-bsp.h"

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-baselines.h"
#include "ns3/selmcast-problem.h"

#include <cmath>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::bsp::Describe;
using selmcast_test::bsp::RandomProblem;
using selmcast_test::bsp::RandomProblemOptions;

namespace
{

/**
 * \param n number of trials
 * \param k successes
 * \param q success probability
 * \return C(n, k) q^k (1 - q)^(n - k), through logarithms
 */
double
BinomialPmf(uint32_t n, uint32_t k, double q)
{
    const double logChoose = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
    return std::exp(logChoose + k * std::log(q) + (n - k) * std::log1p(-q));
}

/** A problem with n workers, unit volumes and bandwidths, p receivers each, L3. */
Problem
UniformProblem(uint32_t n, uint32_t p)
{
    Problem problem;
    problem.n = n;
    problem.volume.assign(n, 1);
    problem.minReceivers.assign(n, p);
    problem.ingress.assign(n, 1);
    problem.egress.assign(n, 1);
    return problem;
}

/**
 * A view of 6 workers: task 0 (sender 3) in flight to {0, 1}; task 1 (sender 0) just became
 * ready with candidates {5, 1, 2, 4, 3} and needs 3 receivers; c(0, 4) = k makes (0, 4) forced.
 */
SspView
SspFixture()
{
    SspView view;
    view.n = 6;
    view.ingress.assign(6, 1);
    view.egress.assign(6, 1);
    view.counters = Matrix<uint32_t>(6, 0);
    view.forcedRoundLimit = 2;
    view.counters(0, 4) = 2;
    view.counters(0, 5) = 1;
    SspTask inFlight;
    inFlight.sender = 3;
    inFlight.volume = 4;
    inFlight.minReceivers = 2;
    inFlight.receivers = {0, 1};
    inFlight.remaining = {1, 3};
    SspTask ready;
    ready.sender = 0;
    ready.volume = 2;
    ready.minReceivers = 3;
    ready.receivers = {5, 1, 2, 4, 3};
    ready.remaining = {2, 2, 1.5, 2, 0.5}; // distinct where it helps to check the alignment
    view.tasks = {inFlight, ready};
    return view;
}

/** Expect that a and b list the same tasks with the same receivers and volumes. */
void
ExpectSameTask(const SspTask& a, const SspTask& b)
{
    EXPECT_EQ(a.sender, b.sender);
    EXPECT_EQ(a.volume, b.volume);
    EXPECT_EQ(a.minReceivers, b.minReceivers);
    EXPECT_EQ(a.tau, b.tau);
    EXPECT_EQ(a.receivers, b.receivers);
    EXPECT_EQ(a.remaining, b.remaining);
}

/**
 * \param action what should throw
 * \return the message of the std::invalid_argument it threw, or a marker
 */
template <typename F>
std::string
InvalidArgumentMessage(F action)
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

} // namespace

TEST(RandomSelector, NameAndFactory)
{
    EXPECT_EQ(RandomSelector().GetName(), "random");
    EXPECT_EQ(MakeSelector("random")->GetName(), "random");
}

TEST(RandomSelector, ForcedPairsThenExactlyPReceivers)
{
    Rng gen(41);
    RandomSelector selector;
    RandomProblemOptions options;
    options.dyadic = false;
    for (int trial = 0; trial < 3000; ++trial)
    {
        const Problem problem = RandomProblem(gen, options);
        Rng rng(trial);
        const Plan plan = selector.SelectRound(problem, rng);
        ASSERT_EQ(CheckPlan(problem, plan), "") << Describe(problem);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            uint32_t forced = 0;
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                forced += problem.IsForced(i, j) ? 1 : 0;
            }
            // No extension: never more than the forced pairs or p_i.
            EXPECT_EQ(CountReceivers(plan, i), std::max(forced, problem.minReceivers[i]))
                << "sender " << i << ", " << Describe(problem);
        }
    }
}

TEST(RandomSelector, DrawsAsDocumented)
{
    // An independent transcription of the RNG consumption documented on RandomSelector.
    Rng gen(43);
    RandomSelector selector;
    for (int trial = 0; trial < 500; ++trial)
    {
        const Problem problem = RandomProblem(gen);
        Rng rng(trial);
        Rng mine(trial);
        const Plan plan = selector.SelectRound(problem, rng);
        Plan expected(problem.n, 0);
        for (uint32_t s = 0; s < problem.n; ++s)
        {
            std::vector<uint32_t> others;
            uint32_t forced = 0;
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                if (j != s && problem.IsForced(s, j))
                {
                    expected(s, j) = 1;
                    ++forced;
                }
                else if (j != s)
                {
                    others.push_back(j);
                }
            }
            for (uint32_t k = 0; k + forced < problem.minReceivers[s]; ++k)
            {
                std::swap(others[k], others[k + mine.UniformIndex(others.size() - k)]);
                expected(s, others[k]) = 1;
            }
        }
        ASSERT_EQ(plan, expected) << Describe(problem);
        ASSERT_EQ(rng.Next(), mine.Next()) << Describe(problem);
    }
}

TEST(RandomSelector, ExtraReceiversAreUniform)
{
    // Sender 0 is forced to 1 and needs 3: two of {2, 3, 4, 5}, each with probability 1/2.
    Problem problem = UniformProblem(6, 3);
    problem.forced = Matrix<uint8_t>(6, 0);
    problem.forced(0, 1) = 1;
    RandomSelector selector;
    Rng rng(47);
    const int trials = 20000;
    std::vector<int> chosen(6, 0);
    for (int t = 0; t < trials; ++t)
    {
        const Plan plan = selector.SelectRound(problem, rng);
        for (uint32_t j = 0; j < 6; ++j)
        {
            chosen[j] += plan(0, j);
        }
    }
    EXPECT_EQ(chosen[0], 0);
    EXPECT_EQ(chosen[1], trials);
    // Standard deviation sqrt(20000 / 4) = 71: 5 of them is 355.
    for (uint32_t j = 2; j < 6; ++j)
    {
        EXPECT_NEAR(chosen[j], trials / 2, 355) << "receiver " << j;
    }
}

TEST(RandomSelector, BlocksPerWorkerFollowTheBinomialLaw)
{
    // Spec section 6: Pr(a worker receives m blocks) = C(n-1, m) q^m (1 - q)^(n-1-m), q = p/(n-1).
    const uint32_t n = 200;
    RandomSelector selector;
    Rng rng(53);
    // m = 0 at n = 200, p = 1: (1 - 1/199)^199, about 0.37 as the spec says.
    EXPECT_NEAR(BinomialPmf(n - 1, 0, 1.0 / (n - 1)), 0.37, 0.005);

    struct Case
    {
        uint32_t p;
        uint32_t lowM;
        uint32_t highM;
    };

    for (const Case& c : {Case{1, 0, 5}, Case{3, 0, 8}, Case{60, 48, 72}})
    {
        const int trials = 200;
        const Problem problem = UniformProblem(n, c.p);
        std::vector<double> frequency(n, 0);
        for (int t = 0; t < trials; ++t)
        {
            const Plan plan = selector.SelectRound(problem, rng);
            for (uint32_t j = 0; j < n; ++j)
            {
                uint32_t received = 0;
                for (uint32_t i = 0; i < n; ++i)
                {
                    received += plan(i, j);
                }
                frequency[received] += 1;
            }
        }
        const double observations = trials * static_cast<double>(n);
        const double q = static_cast<double>(c.p) / (n - 1);
        for (uint32_t m = c.lowM; m <= c.highM; ++m)
        {
            const double expected = BinomialPmf(n - 1, m, q);
            const double empirical = frequency[m] / observations;
            // The workers of one round are slightly dependent (the blocks add up to n p); the
            // binomial standard error is an upper bound there. 5 of them, plus a floor for tiny
            // probabilities.
            const double se = std::sqrt(expected * (1 - expected) / observations);
            EXPECT_NEAR(empirical, expected, 5 * se + 1e-4) << "p = " << c.p << ", m = " << m;
            if (c.p == 1 && m == 0)
            {
                std::printf("Random p, n = 200, p = 1: Pr(m = 0) = %.4f measured, %.4f formula\n",
                            empirical,
                            expected);
                EXPECT_NEAR(empirical, 0.37, 0.015);
            }
        }
    }
}

TEST(RandomSelector, SspFormPicksForcedThenRandomForTheNewTaskOnly)
{
    RandomSelector selector;
    const SspView original = SspFixture();
    const int trials = 8000;
    std::vector<int> kept(6, 0);
    for (int t = 0; t < trials; ++t)
    {
        SspView view = original;
        Rng rng(t);
        const SspDecision decision = selector.SelectOnReady(view, 1, rng);
        ASSERT_EQ(view.tasks.size(), 2u);
        ASSERT_EQ(decision.dropped.size(), 2u);
        ExpectSameTask(view.tasks[0], original.tasks[0]);
        EXPECT_TRUE(decision.dropped[0].empty());

        const SspTask& task = view.tasks[1];
        ASSERT_EQ(task.receivers.size(), 3u);
        ASSERT_EQ(task.remaining.size(), 3u);
        // Kept and dropped receivers split the candidate list, each in the listed order, and
        // every kept receiver keeps its remaining volume.
        size_t k = 0;
        size_t d = 0;
        const SspTask& before = original.tasks[1];
        for (size_t r = 0; r < before.receivers.size(); ++r)
        {
            if (k < task.receivers.size() && task.receivers[k] == before.receivers[r])
            {
                EXPECT_EQ(task.remaining[k], before.remaining[r]);
                ++kept[before.receivers[r]];
                ++k;
            }
            else
            {
                ASSERT_LT(d, decision.dropped[1].size());
                EXPECT_EQ(decision.dropped[1][d], before.receivers[r]);
                ++d;
            }
        }
        EXPECT_EQ(k, 3u);
        EXPECT_EQ(d, 2u);
    }
    EXPECT_EQ(kept[4], trials) << "the forced receiver is always kept";
    // Two of the four others {5, 1, 2, 3}, each with probability 1/2: sd 45, 5 of them 224.
    for (uint32_t j : {1, 2, 3, 5})
    {
        EXPECT_NEAR(kept[j], trials / 2, 224) << "receiver " << j;
    }
}

TEST(RandomSelector, SspFormDrawsAsDocumented)
{
    RandomSelector selector;
    for (uint64_t seed = 0; seed < 200; ++seed)
    {
        SspView view = SspFixture();
        Rng rng(seed);
        selector.SelectOnReady(view, 1, rng);
        // The non-forced candidates are positions 0, 1, 2, 4 (workers 5, 1, 2, 3); two draws.
        Rng mine(seed);
        std::vector<uint32_t> positions = {0, 1, 2, 4};
        std::vector<bool> keep = {false, false, false, true, false};
        for (size_t k = 0; k < 2; ++k)
        {
            std::swap(positions[k], positions[k + mine.UniformIndex(positions.size() - k)]);
            keep[positions[k]] = true;
        }
        std::vector<uint32_t> expected;
        for (size_t r = 0; r < keep.size(); ++r)
        {
            if (keep[r])
            {
                expected.push_back(SspFixture().tasks[1].receivers[r]);
            }
        }
        EXPECT_EQ(view.tasks[1].receivers, expected) << "seed " << seed;
        EXPECT_EQ(rng.Next(), mine.Next()) << "seed " << seed;
    }
}

TEST(RandomSelector, SspFormKeepsEveryForcedCandidate)
{
    // Four forced candidates and p = 3: all four stay, nothing is drawn.
    SspView view = SspFixture();
    for (uint32_t j : {1, 2, 3, 5})
    {
        view.counters(0, j) = 9;
    }
    RandomSelector selector;
    Rng rng(3);
    Rng untouched(3);
    const SspDecision decision = selector.SelectOnReady(view, 1, rng);
    EXPECT_EQ(view.tasks[1].receivers, (std::vector<uint32_t>{5, 1, 2, 4, 3}));
    EXPECT_TRUE(decision.dropped[1].empty());
    EXPECT_EQ(rng.Next(), untouched.Next());
}

TEST(RandomSelector, SspFormRejectsBadCalls)
{
    RandomSelector selector;
    Rng rng(1);
    SspView view = SspFixture();
    std::string message = InvalidArgumentMessage([&] { selector.SelectOnReady(view, 2, rng); });
    EXPECT_NE(message.find("newTask = 2"), std::string::npos) << message;
    view.tasks[1].receivers = {1, 2};
    view.tasks[1].remaining = {2, 2};
    message = InvalidArgumentMessage([&] { selector.SelectOnReady(view, 1, rng); });
    EXPECT_NE(message.find("fewer than minReceivers = 3"), std::string::npos) << message;
    view = SspFixture();
    view.tasks[1].receivers[0] = 0; // its own sender
    message = InvalidArgumentMessage([&] { selector.SelectOnReady(view, 1, rng); });
    EXPECT_NE(message.find("tasks[1].receivers[0]"), std::string::npos) << message;
}

TEST(BroadcastSelector, EveryOtherWorkerAndNoDraw)
{
    EXPECT_EQ(BroadcastSelector().GetName(), "broadcast");
    Rng gen(59);
    BroadcastSelector selector;
    RandomProblemOptions options;
    options.dyadic = false;
    for (int trial = 0; trial < 1000; ++trial)
    {
        const Problem problem = RandomProblem(gen, options);
        Rng rng(trial);
        Rng untouched(trial);
        const Plan plan = selector.SelectRound(problem, rng);
        ASSERT_EQ(CheckPlan(problem, plan), "") << Describe(problem);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                ASSERT_EQ(plan(i, j) != 0, i != j);
            }
        }
        ASSERT_DOUBLE_EQ(MulticastScale(plan), (problem.n - 1.0) / problem.n);
        ASSERT_EQ(rng.Next(), untouched.Next());
    }
}

TEST(BroadcastSelector, SspFormChangesNothing)
{
    BroadcastSelector selector;
    const SspView original = SspFixture();
    SspView view = original;
    Rng rng(1);
    const SspDecision decision = selector.SelectOnReady(view, 1, rng);
    ASSERT_EQ(decision.dropped.size(), 2u);
    EXPECT_TRUE(decision.dropped[0].empty());
    EXPECT_TRUE(decision.dropped[1].empty());
    ExpectSameTask(view.tasks[0], original.tasks[0]);
    ExpectSameTask(view.tasks[1], original.tasks[1]);
    const std::string message =
        InvalidArgumentMessage([&] { selector.SelectOnReady(view, 5, rng); });
    EXPECT_NE(message.find("newTask = 5"), std::string::npos) << message;
}
