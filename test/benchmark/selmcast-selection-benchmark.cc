/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Google Benchmark of every selector on the paper's BSP instances (n = 50 ... 1000, p = 0.3 n,
// lambda = 0.25, L3 and L7) and of one SSP call with n - 1 multicasts in flight. A program, not
// a test: it prints figures and asserts nothing about time.
//
//   ./selmcast-selection-benchmark                       every case
//   ./selmcast-selection-benchmark --benchmark_filter=Optimum

#include "ns3/selmcast-module.h"

#include <benchmark/benchmark.h>
#include <memory>

using namespace ns3;

namespace
{

selmcast::Problem
PaperProblem(uint32_t n, selmcast::Delivery delivery, uint64_t seed)
{
    selmcast::PaperInstance setting;
    setting.n = n;
    setting.p = (3 * n + 5) / 10;
    setting.lambda = 0.25;
    setting.delivery = delivery;
    selmcast::Rng rng(seed);
    return selmcast::MakePaperProblem(setting, rng);
}

/** range(0): n; range(1): 0 for L3, 1 for L7. */
void
RunBsp(benchmark::State& state, const std::string& name)
{
    const uint32_t n = static_cast<uint32_t>(state.range(0));
    const auto delivery = state.range(1) == 0 ? selmcast::Delivery::L3 : selmcast::Delivery::L7;
    selmcast::Problem problem = PaperProblem(n, delivery, 1);
    auto selector = selmcast::MakeSelector(name);
    selmcast::Rng rng(2);
    double t = 0;
    for (auto _ : state)
    {
        selmcast::Plan plan = selector->SelectRound(problem, rng);
        benchmark::DoNotOptimize(plan);
        state.PauseTiming();
        t = selmcast::CompletionTime(problem, plan) / selmcast::FluidIdeal(problem);
        state.ResumeTiming();
    }
    state.counters["n"] = n;
    state.counters["norm_completion"] = t;
    state.SetLabel(selmcast::ToString(delivery));
}

void
BM_Selmcast(benchmark::State& state)
{
    RunBsp(state, "selmcast");
}

void
BM_Random(benchmark::State& state)
{
    RunBsp(state, "random");
}

void
BM_Broadcast(benchmark::State& state)
{
    RunBsp(state, "broadcast");
}

void
BM_Optimum(benchmark::State& state)
{
    RunBsp(state, "optimum");
}

/**
 * One SSP call of SELMCAST: worker 0 becomes ready while the n - 1 others each have a multicast
 * in flight to p receivers with part of the block delivered.
 */
void
BM_SelmcastSsp(benchmark::State& state)
{
    const uint32_t n = static_cast<uint32_t>(state.range(0));
    const uint32_t p = (3 * n + 5) / 10;
    selmcast::Problem problem = PaperProblem(n, selmcast::Delivery::L3, 3);
    selmcast::SspView view;
    view.n = n;
    view.delivery = selmcast::Delivery::L3;
    view.ingress = problem.ingress;
    view.egress = problem.egress;
    view.forcedRoundLimit = 4;
    view.counters = selmcast::Matrix<uint32_t>(n, 0);
    selmcast::Rng rng(4);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            view.counters(i, j) = i == j ? 0 : static_cast<uint32_t>(rng.UniformIndex(4));
        }
    }
    for (uint32_t i = 1; i < n; ++i)
    {
        selmcast::SspTask task;
        task.sender = i;
        task.volume = 1;
        task.minReceivers = p;
        task.tau = rng.Uniform01();
        std::vector<uint32_t> others;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != i)
            {
                others.push_back(j);
            }
        }
        rng.Shuffle(others);
        for (uint32_t r = 0; r < p + (n - 1 - p) / 3; ++r)
        {
            task.receivers.push_back(others[r]);
            task.remaining.push_back(rng.Uniform01());
        }
        view.tasks.push_back(task);
    }
    selmcast::SspTask ready;
    ready.sender = 0;
    ready.volume = 1;
    ready.minReceivers = p;
    for (uint32_t j = 1; j < n; ++j)
    {
        ready.receivers.push_back(j);
        ready.remaining.push_back(1);
    }
    view.tasks.push_back(ready);
    selmcast::SelmcastSelector selector;
    for (auto _ : state)
    {
        state.PauseTiming();
        selmcast::SspView copy = view;
        state.ResumeTiming();
        selmcast::SspDecision decision = selector.SelectOnReady(copy, copy.tasks.size() - 1, rng);
        benchmark::DoNotOptimize(decision);
    }
    state.counters["n"] = n;
    state.counters["in_flight"] = n - 1;
}

void
BspArgs(benchmark::internal::Benchmark* b)
{
    for (int64_t n : {50, 100, 200, 500, 1000})
    {
        for (int64_t delivery : {0, 1})
        {
            b->Args({n, delivery});
        }
    }
    b->Unit(benchmark::kMillisecond);
}

} // namespace

BENCHMARK(BM_Selmcast)->Apply(BspArgs);
BENCHMARK(BM_Random)->Apply(BspArgs);
BENCHMARK(BM_Broadcast)->Apply(BspArgs);
BENCHMARK(BM_Optimum)->Apply(BspArgs);
BENCHMARK(BM_SelmcastSsp)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Arg(500)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
