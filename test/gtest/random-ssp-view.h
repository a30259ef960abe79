/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TEST_RANDOM_SSP_VIEW_H
#define SELMCAST_TEST_RANDOM_SSP_VIEW_H

// Random SSP views and options for the SSP selectors' tests (SELMCAST's and its topology-aware
// form).

#include "ns3/selmcast-algorithm.h"

#include <cstdint>
#include <numeric>
#include <vector>

namespace selmcast_test
{
namespace ssp
{

using ns3::selmcast::Delivery;
using ns3::selmcast::Matrix;
using ns3::selmcast::Rng;
using ns3::selmcast::SelmcastOptions;
using ns3::selmcast::SspTask;
using ns3::selmcast::SspView;

/** How RandomView draws a view. */
struct ViewShape
{
    uint32_t minN{2};         //!< smallest n
    uint32_t maxN{20};        //!< largest n
    bool dyadic{true};        //!< volumes and tau multiples of 1/64, so every sum is exact
    bool hugeCounters{false}; //!< counters and k up to 2^32 - 1
};

/** A task from `sender` of volume v that lists `receivers`, all with remaining = v. */
inline SspTask
FreshTask(uint32_t sender, double v, uint32_t p, double tau, const std::vector<uint32_t>& receivers)
{
    SspTask task;
    task.sender = sender;
    task.volume = v;
    task.minReceivers = p;
    task.tau = tau;
    task.receivers = receivers;
    task.remaining.assign(receivers.size(), v);
    return task;
}

/**
 * A random SSP view: a random G in random order, one of its tasks is the new one (listing all
 * other workers, or sometimes a random subset, with nothing delivered), the others list random
 * receivers in random order with random progress.
 */
inline SspView
RandomView(Rng& gen, const ViewShape& shape, size_t& newTask)
{
    SspView view;
    view.n = shape.minN + static_cast<uint32_t>(gen.UniformIndex(shape.maxN - shape.minN + 1));
    const uint32_t n = view.n;
    view.delivery = gen.UniformIndex(2) == 0 ? Delivery::L3 : Delivery::L7;
    // Bandwidths from a small set make many ties of the drain key.
    const bool fewBandwidths = gen.UniformIndex(3) == 0;
    auto bandwidth = [&]() {
        return fewBandwidths ? static_cast<double>(1u << gen.UniformIndex(3))
                             : 0.5 + 1.5 * gen.Uniform01();
    };
    for (uint32_t w = 0; w < n; ++w)
    {
        view.ingress.push_back(bandwidth());
        view.egress.push_back(bandwidth());
    }
    if (shape.hugeCounters)
    {
        view.forcedRoundLimit = 1 + static_cast<uint32_t>(gen.UniformIndex(UINT32_MAX));
    }
    else
    {
        view.forcedRoundLimit = 1 + static_cast<uint32_t>(gen.UniformIndex(4));
    }
    if (gen.UniformIndex(5) != 0)
    {
        view.counters = Matrix<uint32_t>(n, 0);
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                if (i != j)
                {
                    view.counters(i, j) =
                        shape.hugeCounters
                            ? static_cast<uint32_t>(gen.UniformIndex(uint64_t{UINT32_MAX} + 1))
                            : static_cast<uint32_t>(gen.UniformIndex(view.forcedRoundLimit + 2));
                }
            }
        }
    }

    std::vector<uint32_t> senders(n);
    std::iota(senders.begin(), senders.end(), 0u);
    gen.Shuffle(senders);
    const size_t taskCount = 1 + gen.UniformIndex(n);
    senders.resize(taskCount);
    newTask = gen.UniformIndex(taskCount);
    const double density = gen.Uniform01();
    for (size_t t = 0; t < taskCount; ++t)
    {
        const uint32_t i = senders[t];
        const double v =
            shape.dyadic ? (1 + gen.UniformIndex(32)) / 4.0 : 0.1 + 10 * gen.Uniform01();
        const double tau = gen.UniformIndex(2) == 0
                               ? 0.0
                               : (shape.dyadic ? gen.UniformIndex(16) / 4.0 : 5 * gen.Uniform01());
        const uint32_t p = static_cast<uint32_t>(gen.UniformIndex(n));
        std::vector<uint32_t> others;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != i)
            {
                others.push_back(j);
            }
        }
        gen.Shuffle(others);
        if (t == newTask)
        {
            if (gen.UniformIndex(5) == 0)
            {
                others.resize(gen.UniformIndex(others.size() + 1));
            }
            view.tasks.push_back(FreshTask(i, v, p, tau, others));
            continue;
        }
        SspTask task = FreshTask(i, v, p, tau, {});
        for (uint32_t j : others)
        {
            if (gen.Uniform01() >= density)
            {
                continue;
            }
            task.receivers.push_back(j);
            const uint64_t kind = gen.UniformIndex(8);
            if (kind == 0)
            {
                task.remaining.push_back(v);
            }
            else if (kind == 1)
            {
                task.remaining.push_back(0);
            }
            else
            {
                task.remaining.push_back(shape.dyadic ? v * (1 + gen.UniformIndex(15)) / 16.0
                                                      : v * gen.Uniform01());
            }
        }
        view.tasks.push_back(task);
    }
    return view;
}

/** Random options: eta at its bounds, common values or anywhere in [0, 1], both variants. */
inline SelmcastOptions
RandomOptions(Rng& gen)
{
    SelmcastOptions options;
    const double etas[] = {0.0, 0.25, 0.5, 0.75, 1.0};
    const uint64_t pick = gen.UniformIndex(6);
    options.eta = pick < 5 ? etas[pick] : gen.Uniform01();
    options.tauOrder = gen.UniformIndex(2) == 0 ? SelmcastOptions::TauOrder::NonDecreasing
                                                : SelmcastOptions::TauOrder::NonIncreasing;
    options.paretoLoad = gen.UniformIndex(2) == 0 ? SelmcastOptions::ParetoLoad::NewPlan
                                                  : SelmcastOptions::ParetoLoad::OldPlan;
    options.keepCompare = gen.UniformIndex(2) == 0 ? SelmcastOptions::KeepCompare::Less
                                                   : SelmcastOptions::KeepCompare::LessEqual;
    options.keepMeasure = gen.UniformIndex(2) == 0 ? SelmcastOptions::KeepMeasure::Remaining
                                                   : SelmcastOptions::KeepMeasure::Received;
    options.keepScope = gen.UniformIndex(2) == 0 ? SelmcastOptions::KeepScope::Receiver
                                                 : SelmcastOptions::KeepScope::Session;
    return options;
}

} // namespace ssp
} // namespace selmcast_test

#endif // SELMCAST_TEST_RANDOM_SSP_VIEW_H
