/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The selection core as seen from an ns-3 tree: ./test.py -s selmcast-selection runs it in-tree,
// where the GoogleTest tests of test/gtest/ are not built. It checks the facts a user of the
// module relies on first: every selector's plan is valid, SELMCAST is within 1 % of the exact
// optimum on the paper's BSP instances, and a seed reproduces a plan.

#include "ns3/selmcast-module.h"
#include "ns3/test.h"

#include <memory>

using namespace ns3;

namespace
{

selmcast::PaperInstance
PaperSetting(uint32_t n, selmcast::Delivery delivery)
{
    selmcast::PaperInstance setting;
    setting.n = n;
    setting.p = (3 * n + 5) / 10; // p = 0.3 n, rounded
    setting.lambda = 0.25;
    setting.mu = 1;
    setting.delivery = delivery;
    return setting;
}

/**
 * \ingroup selmcast-tests
 * Every selector returns a plan that satisfies the constraints (>= p receivers, no self pair,
 * all forced pairs) on paper instances with forced pairs added.
 */
class SelmcastValidPlansTestCase : public TestCase
{
  public:
    SelmcastValidPlansTestCase()
        : TestCase("every selector's plan satisfies the constraints")
    {
    }

  private:
    void DoRun() override
    {
        for (auto delivery : {selmcast::Delivery::L3, selmcast::Delivery::L7})
        {
            for (uint32_t trial = 0; trial < 5; ++trial)
            {
                selmcast::Rng rng(100 + trial);
                selmcast::Problem problem =
                    selmcast::MakePaperProblem(PaperSetting(30, delivery), rng);
                // Force a few pairs, as the k rule does after rounds without delivery.
                problem.forced = selmcast::Matrix<uint8_t>(problem.n, 0);
                for (uint32_t f = 0; f < 20; ++f)
                {
                    uint32_t i = static_cast<uint32_t>(rng.UniformIndex(problem.n));
                    uint32_t j = static_cast<uint32_t>(rng.UniformIndex(problem.n));
                    if (i != j)
                    {
                        problem.forced(i, j) = 1;
                    }
                }
                for (const auto& name : selmcast::SelectorNames())
                {
                    auto selector = selmcast::MakeSelector(name);
                    selmcast::Plan plan = selector->SelectRound(problem, rng);
                    NS_TEST_ASSERT_MSG_EQ(selmcast::CheckPlan(problem, plan),
                                          "",
                                          name << " returned an invalid plan (trial " << trial
                                               << ", " << selmcast::ToString(delivery) << ")");
                }
            }
        }
    }
};

/**
 * \ingroup selmcast-tests
 * SELMCAST's completion time is within 1 % of the exact optimum on the paper's BSP instances
 * (n = 50, p = 0.3 n, lambda = 0.25), and never below it.
 */
class SelmcastNearOptimumTestCase : public TestCase
{
  public:
    SelmcastNearOptimumTestCase()
        : TestCase("SELMCAST is within 1 % of the optimum on the paper's instances")
    {
    }

  private:
    void DoRun() override
    {
        selmcast::SelmcastSelector selmcastSelector;
        selmcast::OptimumSelector optimum;
        for (auto delivery : {selmcast::Delivery::L3, selmcast::Delivery::L7})
        {
            for (uint32_t trial = 0; trial < 5; ++trial)
            {
                selmcast::Rng rng(7 + trial);
                selmcast::Problem problem =
                    selmcast::MakePaperProblem(PaperSetting(50, delivery), rng);
                double tSel =
                    selmcast::CompletionTime(problem, selmcastSelector.SelectRound(problem, rng));
                selmcast::OptimumResult best = optimum.Solve(problem);
                NS_TEST_ASSERT_MSG_EQ_TOL(best.completionTime,
                                          selmcast::CompletionTime(problem, best.plan),
                                          1e-9 * best.completionTime,
                                          "the optimum reports another t than its plan's");
                NS_TEST_ASSERT_MSG_LT_OR_EQ(best.completionTime,
                                            tSel * (1 + 1e-9),
                                            "SELMCAST beat the exact optimum");
                NS_TEST_ASSERT_MSG_LT_OR_EQ(tSel,
                                            1.01 * best.completionTime,
                                            "SELMCAST is more than 1 % above the optimum ("
                                                << selmcast::ToString(delivery) << ", trial "
                                                << trial << ")");
            }
        }
    }
};

/**
 * \ingroup selmcast-tests
 * The same seed gives the same plan; another seed gives another Random p plan.
 */
class SelmcastSeedTestCase : public TestCase
{
  public:
    SelmcastSeedTestCase()
        : TestCase("a seed reproduces a plan")
    {
    }

  private:
    void DoRun() override
    {
        selmcast::Rng instanceRng(5);
        selmcast::Problem problem =
            selmcast::MakePaperProblem(PaperSetting(40, selmcast::Delivery::L3), instanceRng);
        for (const auto& name : {"selmcast", "random"})
        {
            auto selector = selmcast::MakeSelector(name);
            selmcast::Rng a(99);
            selmcast::Rng b(99);
            NS_TEST_ASSERT_MSG_EQ(
                (selector->SelectRound(problem, a) == selector->SelectRound(problem, b)),
                true,
                name << ": equal seeds gave different plans");
        }
        auto random = selmcast::MakeSelector("random");
        selmcast::Rng c(1);
        selmcast::Rng d(2);
        NS_TEST_ASSERT_MSG_EQ((random->SelectRound(problem, c) != random->SelectRound(problem, d)),
                              true,
                              "random: seeds 1 and 2 gave the same plan of 40 x 12 draws");
    }
};

/**
 * \ingroup selmcast-tests
 * The selection test suite.
 */
class SelmcastSelectionTestSuite : public TestSuite
{
  public:
    SelmcastSelectionTestSuite()
        : TestSuite("selmcast-selection", UNIT)
    {
        AddTestCase(new SelmcastValidPlansTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastNearOptimumTestCase, TestCase::QUICK);
        AddTestCase(new SelmcastSeedTestCase, TestCase::QUICK);
    }
};

static SelmcastSelectionTestSuite g_selmcastSelectionTestSuite; //!< static instance

} // namespace
